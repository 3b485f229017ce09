// The one architecture description shared by the infinite-width kernels (src/core) and the
// finite networks the workers train: a fully-connected net with `depth` hidden layers of
// `width` units, activation φ, weight/bias scales σ_w, σ_b (docs/science.md#network, NT `stax.Dense`).

/** Every activation the app knows; each has a kernel half (core) and a finite half (workers). */
export const ACTIVATION_IDS = [
  'relu',
  'leaky_relu',
  'abs',
  'linear',
  'abrelu',
  'erf',
  'gelu',
  'sin',
  'tanh',
  'sigmoid',
  'softplus',
  'swish',
] as const;
export type ActivationId = (typeof ACTIVATION_IDS)[number];

export const PARAMETERIZATIONS = ['ntk', 'standard'] as const;
export type Parameterization = (typeof PARAMETERIZATIONS)[number];

export interface ArchSpec {
  /** number of hidden layers L (1..8) */
  depth: number;
  /** hidden width n; enters the kernels only in the standard parameterisation */
  width: number;
  activation: ActivationId;
  /** leaky_relu negative slope */
  alpha: number;
  /** abrelu slope for x < 0 */
  a: number;
  /** abrelu slope for x > 0 */
  b: number;
  /** σ_w */
  wStd: number;
  /** σ_b */
  bStd: number;
  /** false removes the bias parameters entirely */
  bias: boolean;
  parameterization: Parameterization;
}

export const DEFAULT_ARCH: ArchSpec = {
  depth: 2,
  width: 1024,
  activation: 'erf',
  alpha: 0.1,
  a: 0,
  b: 1,
  wStd: 1.5,
  bStd: 0.05,
  bias: true,
  parameterization: 'ntk',
};
