// A finished drift sweep stays in Export JSON until one of its inputs changes; its inputs are
// exactly what the sweep's spec reads from the parameters (driftSpecOf).

import { describe, expect, it } from 'vitest';
import type { DriftProgress } from '../../workers/driftSweep';
import {
  DEFAULT_PARAMS,
  DRIFT_INPUT_KEYS,
  PARAM_KEYS,
  SCHEMA,
  type ParamDef,
  type ParamKey,
  type Params,
} from '../params/schema';
import { driftSpecOf } from '../workerClient/driftSpec';
import { INITIAL_DRIFT, driftExportOf, driftStaleKeys, type DriftState } from './driftSlice';

const EXPORT = { widths: [32, 64], mean: [0.1, 0.05], se: [0.01, 0.005], slope: -1, slopeSe: 0.1 };

const finished = (params: Params): DriftState => {
  const progress: DriftProgress = {
    done: true,
    plan: [],
    points: [],
    at: null,
    fraction: 1,
    secondsLeft: null,
    fit: null,
    initFit: null,
    export: EXPORT,
  };
  return { ...INITIAL_DRIFT, status: 'done', params, progress };
};

/** a valid value different from `value` */
function otherValue(def: ParamDef, value: unknown): unknown {
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

/** settings under which a parameter has an effect (where it has none, nothing can change) */
const WHERE_RELEVANT: Partial<Record<ParamKey, Partial<Params>>> = {
  points: { dataset: 'custom' },
  alpha: { activation: 'leaky_relu' },
  abA: { activation: 'abrelu' },
  abB: { activation: 'abrelu' },
  noise: { noise: 0.5 },
  bStd: { bias: true },
};

/** the sweep's spec without its width: the sweep replaces it by each width of its ladder */
const sweepOf = (p: Params) => {
  const spec = driftSpecOf(p);
  return { ...spec, arch: { ...spec.arch, width: 0 } };
};

describe('the drift sweep’s inputs', () => {
  it.each(PARAM_KEYS)('%s is an input exactly when the sweep reads it', (key) => {
    const base: Params = { ...DEFAULT_PARAMS, ...WHERE_RELEVANT[key] };
    const def: ParamDef = SCHEMA[key];
    const changed = { ...base, [key]: otherValue(def, base[key]) } as Params;
    const reads = JSON.stringify(sweepOf(changed)) !== JSON.stringify(sweepOf(base));
    expect(DRIFT_INPUT_KEYS.includes(key)).toBe(reads);
  });

  it('keeps a finished sweep current and exported when the width or the plot points change', () => {
    const drift = finished(DEFAULT_PARAMS);
    for (const change of [{ width: 64 }, { width: Infinity }, { nTest: 50 }] as const) {
      const params = { ...DEFAULT_PARAMS, ...change };
      expect(driftStaleKeys(drift, params)).toEqual([]);
      expect(driftExportOf(drift, params)).toEqual(EXPORT);
    }
  });

  it('marks a finished sweep stale and drops it from the export when an input changes', () => {
    const drift = finished(DEFAULT_PARAMS);
    const params = { ...DEFAULT_PARAMS, driftTo: 64, lr: 0.05, nTest: 50 };
    expect(driftStaleKeys(drift, params)).toEqual(['lr', 'driftTo']);
    expect(driftExportOf(drift, params)).toBeNull();
  });
});
