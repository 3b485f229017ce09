// What the ensemble trainer (workers/ensembleApi.ts) needs from an engine: E nets of one
// architecture, initialised from the app's seeded RNG (rawDraws), trained by full-batch GD on
// ½·mean((f − y)²) over the training set, evaluated on any inputs, and their per-net empirical
// kernels (docs/science.md#empirical-ntk). Two implementations give the same nets from the same seed:
// 'tfjs' (TfjsNet on the active tfjs backend) and 'simd' (the fused WASM SIMD kernel, wasm/).

import type { ArchSpec } from '../../src/core/arch';
import type { SimdKernelVariant } from './simdKernel';

export type EngineKind = 'tfjs' | 'simd';

/** N x N (or rows x cols) empirical kernels, row-major float64 */
export interface EmpiricalKernels {
  ntk: Float64Array;
  nngp: Float64Array;
}

export interface EngineInit {
  arch: ArchSpec;
  /** input dimension d */
  inputDim: number;
  seed: number;
  /** global index of this engine's first net (selects the RNG streams) */
  firstNet: number;
  /** number of nets E */
  size: number;
  /** N x d training inputs, row-major */
  xTrain: ArrayLike<number>;
  /** N training targets */
  yTrain: ArrayLike<number>;
  /** step size η */
  lr: number;
  /** the 'simd' engine's kernel build (default: relaxed where the runtime runs it) */
  simdKernel?: SimdKernelVariant;
}

/** one net's trainable parameters per dense layer: W^l (n_{l-1} x n_l, row-major) and b^l */
export interface NetParameters {
  w: Float32Array[];
  /** empty when the architecture has no biases */
  b: Float32Array[];
}

export interface EnsembleEngine {
  readonly kind: EngineKind;
  /** number of nets E */
  readonly size: number;
  /** k full-batch GD steps on every net */
  step(k: number): void;
  /** f of every net on `rows` rows of x (rows x d): E x rows, row-major */
  predict(x: ArrayLike<number>, rows: number): Float32Array;
  /**
   * Empirical NTK and NNGP of net `net` (0-based within this engine) between the rows of x1
   * (n1 x d) and x2 (n2 x d, default x1): each n1 x n2, row-major float64.
   */
  empiricalKernels(
    net: number,
    x1: ArrayLike<number>,
    n1: number,
    x2?: ArrayLike<number>,
    n2?: number,
  ): EmpiricalKernels;
  /** a copy of net `net`'s current parameters (tests and diagnostics) */
  parameters(net: number): NetParameters;
  dispose(): void;
}
