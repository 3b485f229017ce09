// Parameter variations for table tests that change one parameter at a time.

import type { ParamDef, ParamKey, Params } from '../schema';

/** a valid value of `def` other than `value` (by default, other than the default) */
export function otherValue(def: ParamDef, value: unknown = def.default): unknown {
  switch (def.kind) {
    case 'int':
    case 'float':
      return value === def.range[0] ? def.range[1] : def.range[0];
    case 'enum':
      return def.values.find((v) => v !== value);
    case 'bool':
      return !value;
    case 'points':
      return [[0.5, 1]];
  }
}

/** settings under which a parameter has an effect at all (the schema's `relevant`) */
export const WHERE_RELEVANT: Partial<Record<ParamKey, Partial<Params>>> = {
  points: { dataset: 'custom' },
  alpha: { activation: 'leaky_relu' },
  abA: { activation: 'abrelu' },
  abB: { activation: 'abrelu' },
  bStd: { bias: true },
};
