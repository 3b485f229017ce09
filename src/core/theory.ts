// The infinite-width theory of one experiment: NNGP and NTK on the data (kernels.ts), the
// gradient-descent predictor of the infinite ensemble (dynamics.ts, SCIENCE.md §5; Lee et al.
// 2019) evaluated on a grid of whole steps k (time t = η·k, loss ½·mean so c = 1/N), the
// t = ∞ kernel regression, expected losses and the critical learning rate η_crit = 2N/λ_max.

import type { ArchSpec } from './arch';
import { createPredictor, type Predictor } from './dynamics';
import { kernelBlocks, kernelFn, type KernelBlocks, type KernelOptions } from './kernels';
import { choleskyPsd, lowerMatvec } from './linalg/cholesky';
import { fromData, type Matrix } from './linalg/matrix';
import { createRng } from './rng';
import type { TheoryInput, TheoryResult } from './theoryTypes';

export interface Theory {
  result: Omit<TheoryResult, 'priorSamples'>;
  /** the decomposition, kept to evaluate other steps or learning rates cheaply */
  predictor: Predictor;
}

export interface CursorValues {
  mean: Float64Array;
  std: Float64Array;
  lossTrain: number;
  lossTest: number;
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
  yTest: Float64Array,
  k: number | 'inf',
): CursorValues {
  const test = predictor.test(k);
  const loss = predictor.expectedLoss(k, { yTest });
  return {
    mean: test.mean,
    std: sqrtAll(test.variance),
    lossTrain: loss.train,
    lossTest: loss.test ?? NaN,
  };
}

/** The kernel blocks the theory needs: train-train, test-train and the test self-kernels. */
export function theoryKernels(input: TheoryInput, options?: KernelOptions): KernelBlocks {
  const { xTrain, xTest } = inputs(input);
  return kernelBlocks(input.arch, xTrain, xTest, options);
}

/** One eigendecomposition and the whole time series, from the kernel blocks. */
export function theoryFromKernels(input: TheoryInput, blocks: KernelBlocks): Theory {
  const n = blocks.trainTrain.nngp.rows;
  const predictor = createPredictor({
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
  const mean: Float64Array[] = [];
  const std: Float64Array[] = [];
  const lossTrain: number[] = [];
  const lossTest: number[] = [];
  for (const k of input.steps) {
    const v = evaluateAt(predictor, input.yTest, k);
    mean.push(v.mean);
    std.push(v.std);
    lossTrain.push(v.lossTrain);
    lossTest.push(v.lossTest);
  }
  const inf = evaluateAt(predictor, input.yTest, 'inf');
  const result: Theory['result'] = {
    steps: input.steps.slice(),
    times: input.steps.map((k) => input.lr * k),
    mean,
    std,
    meanInf: inf.mean,
    stdInf: inf.std,
    priorStd: sqrtAll(predictor.priorVarianceTest),
    nngpTrain: blocks.trainTrain.nngp.data,
    ntkTrain: blocks.trainTrain.ntk.data,
    lossTrain,
    lossTest,
    lossTrainInf: inf.lossTrain,
    lossTestInf: inf.lossTest,
    etaCrit: predictor.lrMax,
    eigs: predictor.eigenvalues,
    clampedEigs: predictor.clampedCount,
  };
  return { result, predictor };
}

/** Kernels, one eigendecomposition and the whole time series. */
export function computeTheory(input: TheoryInput, options?: KernelOptions): Theory {
  return theoryFromKernels(input, theoryKernels(input, options));
}

/**
 * `count` functions drawn from the GP prior GP(0, K) on x_test (M x d), seeded: sample s uses
 * the stream createRng(seed).split('prior').split(s), so asking for more keeps the first ones.
 */
export function priorSamples(
  arch: ArchSpec,
  xTest: Float64Array,
  dim: number,
  count: number,
  seed: number,
  options?: KernelOptions,
): Float64Array[] {
  if (count <= 0) return [];
  const x = fromData(xTest.length / dim, dim, xTest);
  const { L } = choleskyPsd(kernelFn(arch, x, x, options).nngp);
  const root = createRng(seed).split('prior');
  const out: Float64Array[] = [];
  for (let s = 0; s < count; s++) {
    const rng = root.split(s);
    const z = new Float64Array(x.rows);
    for (let i = 0; i < z.length; i++) z[i] = rng.normal();
    out.push(lowerMatvec(L, z));
  }
  return out;
}
