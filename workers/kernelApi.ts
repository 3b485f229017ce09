// The kernel worker's API: a plain object (unit-testable in Node) that turns parameters into
// the infinite-width theory. It keeps the last experiment's eigendecomposition so a new time
// cursor or learning rate is evaluated without recomputing kernels.

import type { Predictor } from '../src/core/dynamics';
import { evaluateAt, priorSamples, theoryFromKernels, theoryKernels } from '../src/core/theory';
import type { TheoryInput, TheoryResult } from '../src/core/theoryTypes';
import { buildExperiment } from '../src/params/experiment';
import type { Params } from '../src/params/schema';

export interface ExperimentDataPayload {
  /** N x d and M x d row-major inputs, input dimension d */
  xTrain: Float64Array;
  yTrain: Float64Array;
  xTest: Float64Array;
  /** clean target on the test grid */
  yTest: Float64Array;
  /** 1-D plot coordinate of each point (x for 1-D data, the angle for the circle) */
  plotXTrain: Float64Array;
  plotXTest: Float64Array;
  dim: number;
}

export interface TheoryPayload {
  gen: number;
  data: ExperimentDataPayload;
  /** everything but the prior samples, which `prior` adds afterwards */
  theory: Omit<TheoryResult, 'priorSamples'>;
  timings: { kernelsMs: number; dynamicsMs: number };
}

export interface CursorPayload {
  gen: number;
  step: number;
  /** mean and ±1σ std of the discrete-GD ensemble on x_test at step k */
  mean: Float64Array;
  std: Float64Array;
  lossTrain: number;
  lossTest: number;
}

export interface KernelApi {
  /** kernels + eigendecomposition + the time series on the params' step grid */
  theory(gen: number, params: Params): Promise<TheoryPayload>;
  /** GP prior sample functions on x_test for the last `theory` call (needs the full test-test NNGP) */
  prior(gen: number): Promise<{ gen: number; samples: Float64Array[] }>;
  /** the band at any whole step k for the last `theory` call (cheap: no new kernels) */
  at(gen: number, step: number): Promise<CursorPayload>;
}

interface Last {
  gen: number;
  input: TheoryInput;
  predictor: Predictor;
}

/** One experiment's state per API object; the worker holds exactly one. */
export function createKernelApi(): KernelApi {
  let last: Last | null = null;

  const current = (gen: number): Last => {
    if (last === null || last.gen !== gen)
      throw new Error(`no theory for generation ${gen} (latest is ${last?.gen ?? 'none'})`);
    return last;
  };

  return {
    async theory(gen, params) {
      const { data, theoryInput: input } = buildExperiment(params);
      const t0 = performance.now();
      const blocks = theoryKernels(input);
      const t1 = performance.now();
      const { result, predictor } = theoryFromKernels(input, blocks);
      const t2 = performance.now();
      last = { gen, input, predictor };
      return {
        gen,
        data: {
          xTrain: data.xTrain,
          yTrain: data.yTrain,
          xTest: data.xTest,
          yTest: data.yTest,
          plotXTrain: data.plotXTrain,
          plotXTest: data.plotXTest,
          dim: data.dim,
        },
        theory: result,
        timings: { kernelsMs: t1 - t0, dynamicsMs: t2 - t1 },
      };
    },

    async prior(gen) {
      const { input } = current(gen);
      const samples = priorSamples(
        input.arch,
        input.xTest,
        input.dim,
        input.priorSamples,
        input.seed,
      );
      return { gen, samples };
    },

    async at(gen, step) {
      const { input, predictor } = current(gen);
      const k = Number.isFinite(step) ? Math.max(0, Math.round(step)) : 0;
      return { gen, step: k, ...evaluateAt(predictor, input.yTest, k) };
    },
  };
}

export const kernelApi: KernelApi = createKernelApi();
