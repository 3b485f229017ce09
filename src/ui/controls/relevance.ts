// Which controls matter for the current choices: a parameter that has no effect (α unless the
// activation is Leaky ReLU, the width in the NTK parameterisation, …) is hidden, not disabled.

import type { ParamKey, Params } from '../../params/schema';

const RULES: Partial<Record<ParamKey, (p: Params) => boolean>> = {
  nTrain: (p) => p.dataset !== 'custom',
  noise: (p) => p.dataset !== 'custom',
  xMax: (p) => p.dataset !== 'circle',
  points: (p) => p.dataset === 'custom',
  alpha: (p) => p.activation === 'leaky_relu',
  abA: (p) => p.activation === 'abrelu',
  abB: (p) => p.activation === 'abrelu',
  width: (p) => p.param === 'standard',
  bStd: (p) => p.bias,
};

export function isRelevant(key: ParamKey, params: Params): boolean {
  return RULES[key]?.(params) ?? true;
}
