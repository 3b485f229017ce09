// The infinite-width theory of one experiment: NNGP and NTK on the data (kernels.ts), the
// gradient-descent predictor of the infinite ensemble (dynamics.ts, docs/science.md#dynamics; Lee et al.
// 2019) evaluated at whole steps k (time t = η·k, loss ½·mean so c = 1/N), the t = ∞ kernel
// regression, expected losses and the critical learning rate η_crit = 2N/λ_max.
// Two parts, because a control change must redraw the band at once: the summary (one
// evaluation at the cursor step and at t = ∞, cheap once the kernels are decomposed) and the
// series on the step grid (one evaluation per grid step, the slow part). The slow parts are
// also written as generators that yield between pieces of work, so a worker can pause them to
// answer a newer request; running a generator to its end gives the same numbers.

import type { ArchSpec } from './arch';
import { createPredictor, expectedHalfMse, type Predictor } from './dynamics';
import { kernelBlocks, kernelFn, type KernelBlocks, type KernelOptions } from './kernels';
import { choleskyPsd, lowerMatvec } from './linalg/cholesky';
import { fromData, zeros, type Matrix } from './linalg/matrix';
import { createRng } from './rng';
import type { StepValues, TheoryInput, TheorySeries, TheorySummary } from './theoryTypes';

export interface Theory {
  result: TheorySummary & TheorySeries;
  /** the decomposition, kept to evaluate other steps or learning rates cheaply */
  predictor: Predictor;
}

export type CursorValues = Omit<StepValues, 'step'>;

/** a piece of work that yields between steps and returns its result */
export type Job<T> = Generator<void, T, void>;

/** Run a job to its end, without pausing. */
export function runJob<T>(job: Job<T>): T {
  for (;;) {
    const r = job.next();
    if (r.done) return r.value;
  }
}

function inputs(input: TheoryInput): { xTrain: Matrix; xTest: Matrix } {
  const { dim } = input;
  return {
    xTrain: fromData(input.xTrain.length / dim, dim, input.xTrain),
    xTest: fromData(input.xTest.length / dim, dim, input.xTest),
  };
}

function sqrtAll(v: Float64Array): Float64Array {
  return v.map((x) => Math.sqrt(x));
}

/** mean, ±1σ std and expected losses of the discrete-GD ensemble at whole step k (or ∞) */
export function evaluateAt(
  predictor: Predictor,
  targets: Pick<TheoryInput, 'yTrain' | 'yTest'>,
  k: number | 'inf',
): CursorValues {
  const test = predictor.test(k);
  return {
    mean: test.mean,
    std: sqrtAll(test.variance),
    lossTrain: expectedHalfMse(predictor.train(k), targets.yTrain),
    lossTest: expectedHalfMse(test, targets.yTest),
  };
}

/** The kernel blocks the theory needs: train-train, test-train and the test self-kernels. */
export function theoryKernels(input: TheoryInput, options?: KernelOptions): KernelBlocks {
  const { xTrain, xTest } = inputs(input);
  return kernelBlocks(input.arch, xTrain, xTest, options);
}

/** The GD predictor of the infinite ensemble: one eigendecomposition of the dynamics kernel. */
export function theoryPredictor(input: TheoryInput, blocks: KernelBlocks): Predictor {
  const n = blocks.trainTrain.nngp.rows;
  return createPredictor({
    ntkTrain: blocks.trainTrain.ntk,
    nngpTrain: blocks.trainTrain.nngp,
    ntkTestTrain: blocks.testTrain.ntk,
    nngpTestTrain: blocks.testTrain.nngp,
    nngpTestTest: blocks.testDiag.nngp,
    yTrain: input.yTrain,
    lr: input.lr,
    lossScale: 1 / n,
    diagReg: input.diagReg,
    mode: input.mode,
  });
}

/** K, the last step of the input's grid */
export function lastGridStep(input: Pick<TheoryInput, 'steps'>): number {
  return input.steps[input.steps.length - 1] ?? 0;
}

/**
 * Everything but the time series, with the band at whole step `cursorStep` (clamped to 0..K).
 * Two evaluations of the predictor (at the cursor and at ∞). Every array is a fresh copy: none
 * aliases `blocks` or the predictor, so a worker may transfer them and keep its cache.
 */
export function theorySummary(
  input: TheoryInput,
  blocks: KernelBlocks,
  predictor: Predictor,
  cursorStep: number,
): TheorySummary {
  const lastStep = lastGridStep(input);
  const step = Number.isFinite(cursorStep)
    ? Math.max(0, Math.min(Math.round(cursorStep), lastStep))
    : lastStep;
  const inf = evaluateAt(predictor, input, 'inf');
  return {
    lr: input.lr,
    lastStep,
    cursor: { step, ...evaluateAt(predictor, input, step) },
    meanInf: inf.mean,
    stdInf: inf.std,
    priorStd: sqrtAll(predictor.priorVarianceTest),
    nngpTrain: blocks.trainTrain.nngp.data.slice(),
    ntkTrain: blocks.trainTrain.ntk.data.slice(),
    lossTrainInf: inf.lossTrain,
    lossTestInf: inf.lossTest,
    etaCrit: predictor.lrMax,
    eigs: predictor.eigenvalues.slice(),
    clampedEigs: predictor.clampedCount,
  };
}

/** The time series on the input's step grid, yielding after every step. */
export function* theorySeriesJob(input: TheoryInput, predictor: Predictor): Job<TheorySeries> {
  const series: TheorySeries = {
    steps: input.steps.slice(),
    times: input.steps.map((k) => input.lr * k),
    mean: [],
    std: [],
    lossTrain: [],
    lossTest: [],
  };
  for (const k of input.steps) {
    const v = evaluateAt(predictor, input, k);
    series.mean.push(v.mean);
    series.std.push(v.std);
    series.lossTrain.push(v.lossTrain);
    series.lossTest.push(v.lossTest);
    yield;
  }
  return series;
}

/** The time series on the input's step grid (at the predictor's η, which must be input.lr). */
export function theorySeries(input: TheoryInput, predictor: Predictor): TheorySeries {
  return runJob(theorySeriesJob(input, predictor));
}

/** Kernels, one eigendecomposition, the summary (cursor at K unless given) and the series. */
export function computeTheory(
  input: TheoryInput,
  options?: KernelOptions & { cursorStep?: number },
): Theory {
  const blocks = theoryKernels(input, options);
  const predictor = theoryPredictor(input, blocks);
  const summary = theorySummary(input, blocks, predictor, options?.cursorStep ?? Infinity);
  return { result: { ...summary, ...theorySeries(input, predictor) }, predictor };
}

/** side of the square tiles of the test-test NNGP computed between two yields of the prior job */
const PRIOR_TILE = 32;

/**
 * `count` functions drawn from the GP prior GP(0, K) on x_test (M x d), seeded: sample s uses
 * the stream createRng(seed).split('prior').split(s), so asking for more keeps the first ones.
 * K (M x M) is built tile by tile over the lower triangle and mirrored, yielding after each
 * tile; kernelFn gives K(x,x') and K(x',x) bitwise equal, so this is the symmetric K exactly.
 */
export function* priorSamplesJob(
  arch: ArchSpec,
  xTest: Float64Array,
  dim: number,
  count: number,
  seed: number,
  options?: KernelOptions,
): Job<Float64Array[]> {
  if (count <= 0) return [];
  const m = xTest.length / dim;
  const k = zeros(m, m);
  const rows = (r0: number, r1: number): Matrix =>
    fromData(r1 - r0, dim, xTest.subarray(r0 * dim, r1 * dim));
  for (let r0 = 0; r0 < m; r0 += PRIOR_TILE) {
    const r1 = Math.min(m, r0 + PRIOR_TILE);
    const xr = rows(r0, r1);
    for (let c0 = 0; c0 <= r0; c0 += PRIOR_TILE) {
      const c1 = Math.min(m, c0 + PRIOR_TILE);
      // a diagonal tile takes kernelFn's symmetric path (the same Matrix twice)
      const tile = kernelFn(arch, xr, c0 === r0 ? xr : rows(c0, c1), options).nngp.data;
      const width = c1 - c0;
      for (let i = r0; i < r1; i++) {
        for (let j = c0; j < Math.min(c1, i + 1); j++) {
          const v = tile[(i - r0) * width + (j - c0)] as number;
          k.data[i * m + j] = v;
          k.data[j * m + i] = v;
        }
      }
      yield;
    }
  }
  const { L } = choleskyPsd(k);
  const root = createRng(seed).split('prior');
  const out: Float64Array[] = [];
  for (let s = 0; s < count; s++) {
    const rng = root.split(s);
    const z = new Float64Array(m);
    for (let i = 0; i < z.length; i++) z[i] = rng.normal();
    out.push(lowerMatvec(L, z));
  }
  return out;
}

/** The prior samples of priorSamplesJob, computed without pausing. */
export function priorSamples(...args: Parameters<typeof priorSamplesJob>): Float64Array[] {
  return runJob(priorSamplesJob(...args));
}
