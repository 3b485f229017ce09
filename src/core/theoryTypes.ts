// Shapes of the infinite-width theory that the kernel worker returns to the page and that
// Export JSON / the CLI print. Arrays are float64; [time][point] arrays are row-major blocks.
// The theory comes in two parts: a summary that is cheap once the kernels exist (what the page
// draws first, including the band at the time cursor) and the time series on the step grid.

import type { ArchSpec } from './arch';

/** The inputs the theory needs, already resolved from the parameters (see src/params/experiment.ts) */
export interface TheoryInput {
  arch: ArchSpec;
  /** N x d, row-major */
  xTrain: Float64Array;
  yTrain: Float64Array;
  /** M x d, row-major */
  xTest: Float64Array;
  /** M clean targets on x_test (for the expected test loss) */
  yTest: Float64Array;
  /** input dimension d */
  dim: number;
  /** learning rate η; loss is ½·mean so c = 1/N and the rate is r = η/N */
  lr: number;
  /** whole step counts k at which the time series is evaluated (ascending, k = 0 first) */
  steps: number[];
  /** λ_reg added to the dynamics kernel (docs/science.md#regularisation) */
  diagReg: number;
  /** 'ntk': all layers trained; 'nngp': readout only (Bayesian posterior at t = ∞) */
  mode: 'ntk' | 'nngp';
  /** number of GP prior sample functions to draw on x_test */
  priorSamples: number;
  seed: number;
}

/** The infinite ensemble at one whole step k */
export interface StepValues {
  step: number;
  /** M discrete-GD mean and ±1σ std on x_test */
  mean: Float64Array;
  std: Float64Array;
  /** expected ½·mean squared error (mean² + variance) */
  lossTrain: number;
  lossTest: number;
}

/** Everything but the time series: kernels, spectrum, t = ∞ and the band at the cursor. */
export interface TheorySummary {
  /** η of the run */
  lr: number;
  /** K, the last step of the run (the step grid's last entry) */
  lastStep: number;
  /** the band and losses at the cursor step */
  cursor: StepValues;
  meanInf: Float64Array;
  stdInf: Float64Array;
  /** √K(x,x) on x_test */
  priorStd: Float64Array;
  /** N x N row-major */
  nngpTrain: Float64Array;
  ntkTrain: Float64Array;
  lossTrainInf: number;
  lossTestInf: number;
  /** 2N/λ_max of the dynamics kernel */
  etaCrit: number;
  /** eigenvalues of the dynamics kernel, ascending, negatives clamped to 0 */
  eigs: Float64Array;
  /** how many negative eigenvalues were clamped */
  clampedEigs: number;
}

/** The theory on the whole step grid (the loss curves, Export JSON). */
export interface TheorySeries {
  steps: number[];
  /** η·k */
  times: number[];
  /** [time][M] discrete-GD mean and ±1σ std on x_test */
  mean: Float64Array[];
  std: Float64Array[];
  /** expected ½·mean squared error of the infinite ensemble (mean² + variance) per time */
  lossTrain: number[];
  lossTest: number[];
}

export interface TheoryResult extends TheorySummary, TheorySeries {
  /** [sample][M] prior functions drawn from GP(0, K) on x_test */
  priorSamples: Float64Array[];
}
