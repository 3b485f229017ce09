// The kernel worker's API: a plain object (unit-testable in Node) that turns parameters into
// the infinite-width theory, in two phases. `theory` answers fast: kernels, eigendecomposition,
// t = ∞ and the band at the parameters' own time cursor. `series` then evaluates the step grid
// (the slow part), and `prior` draws the GP prior samples. Both run one at a time in the
// background and pause every few milliseconds, so a newer `theory` or `at` is answered between
// their slices and a series of a superseded generation stops at its next pause.
// The last experiment's kernels are kept: a new learning rate, horizon or cursor reuses them,
// and (with the same mode, regularizer and targets) the eigendecomposition too; so does a width
// the theory does not depend on (the schema's `affects.theory`).
// Replies own their arrays (nothing in a reply is held by the cache), so the worker may
// transfer every buffer in them.

import type { Predictor } from '../src/core/dynamics';
import { kernelFn, type KernelBlocks } from '../src/core/kernels';
import {
  evaluateAt,
  priorSamplesJob,
  theoryKernels,
  theoryPredictor,
  theorySeriesJob,
  theorySummary,
  type Job,
} from '../src/core/theory';
import type { StepValues, TheoryInput, TheorySeries, TheorySummary } from '../src/core/theoryTypes';
import { buildExperiment, cursorStep } from '../src/params/experiment';
import { theoryDependsOn, type Params } from '../src/params/schema';

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
  /** the fast part: kernels, spectrum, t = ∞ and the band at the cursor step (theory.cursor) */
  theory: TheorySummary;
  /** what came from the previous call's cache instead of being recomputed */
  reused: { kernels: boolean; decomposition: boolean };
  /** kernels; eigendecomposition (or re-rating it) + the cursor and t = ∞ evaluations */
  timings: { kernelsMs: number; dynamicsMs: number };
}

/** the time series on the step grid of generation `gen`; `ms` is the worker's compute time */
export interface SeriesPayload extends TheorySeries {
  gen: number;
  ms: number;
}

export interface CursorPayload extends StepValues {
  gen: number;
}

export interface PriorPayload {
  gen: number;
  samples: Float64Array[];
}

export interface KernelApi {
  /** kernels + eigendecomposition + the band at cursorStep(params); starts generation `gen` */
  theory(gen: number, params: Params): Promise<TheoryPayload>;
  /** the time series on the step grid of the last `theory` call (rejects if `gen` is stale) */
  series(gen: number): Promise<SeriesPayload>;
  /** GP prior sample functions on x_test for the last `theory` call (needs the full test-test NNGP) */
  prior(gen: number): Promise<PriorPayload>;
  /** the band at any whole step k for the last `theory` call (cheap: no new kernels) */
  at(gen: number, step: number): Promise<CursorPayload>;
  /** the kernel row Θ(x₀, x_test), K(x₀, x_test) for the last `theory` call (x₀: d numbers) */
  kernelRow(gen: number, x0: Float64Array): Promise<KernelRowPayload>;
}

/** one row of the analytic kernels: the kernel lens's curve Θ(x₀, ·) (Jacot et al. 2018, Fig. 1) */
export interface KernelRowPayload {
  gen: number;
  /** the d coordinates of x₀ */
  x0: Float64Array;
  /** M values Θ(x₀, x_test[j]) and K(x₀, x_test[j]) */
  ntk: Float64Array;
  nngp: Float64Array;
}

export interface KernelApiOptions {
  /** give the event loop a turn so a waiting request can run (default: a zero-delay timeout) */
  pause?: () => Promise<void>;
  /** longest stretch of background work between pauses (ms) */
  sliceMs?: number;
}

interface Last {
  gen: number;
  input: TheoryInput;
  blocks: KernelBlocks;
  predictor: Predictor;
  /** what the kernels depend on: architecture and inputs */
  kernelKey: string;
  /** what the decomposition depends on besides the kernels */
  dynamicsKey: string;
}

function keysOf(input: TheoryInput, params: Params): { kernelKey: string; dynamicsKey: string } {
  const { width, ...rest } = input.arch;
  const kernelKey = JSON.stringify([
    rest,
    theoryDependsOn('width', params) ? width : null,
    input.dim,
    Array.from(input.xTrain),
    Array.from(input.xTest),
  ]);
  const dynamicsKey = JSON.stringify([input.mode, input.diagReg, Array.from(input.yTrain)]);
  return { kernelKey, dynamicsKey };
}

/** what the prior samples depend on */
function priorKeyOf(input: TheoryInput, kernelKey: string): string {
  return JSON.stringify([kernelKey, input.priorSamples, input.seed]);
}

const timeoutPause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** One experiment's state per API object; the worker holds exactly one. */
export function createKernelApi(options: KernelApiOptions = {}): KernelApi {
  const pause = options.pause ?? timeoutPause;
  const sliceMs = options.sliceMs ?? 8;
  let last: Last | null = null;
  let priorCache: { key: string; samples: Float64Array[] } | null = null;
  /** the background jobs (series, prior) run one after another */
  let queue: Promise<unknown> = Promise.resolve();

  const current = (gen: number): Last => {
    if (last === null || last.gen !== gen)
      throw new Error(`no theory for generation ${gen} (latest is ${last?.gen ?? 'none'})`);
    return last;
  };

  /** Run `start(state)` as a background job; pause every sliceMs, stop if `gen` goes stale. */
  const background = <T>(gen: number, start: (state: Last) => Job<T>) => {
    const run = async (): Promise<{ value: T; ms: number }> => {
      const job = start(current(gen));
      let ms = 0;
      for (;;) {
        const t0 = performance.now();
        let r = job.next();
        while (!r.done && performance.now() - t0 < sliceMs) r = job.next();
        ms += performance.now() - t0;
        if (r.done) return { value: r.value, ms };
        await pause();
        current(gen);
      }
    };
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    async theory(gen, params) {
      const { data, theoryInput: input } = buildExperiment(params);
      const keys = keysOf(input, params);
      // a new η (or horizon, or cursor) reuses the kernels and the eigendecomposition
      const sameKernels = last !== null && last.kernelKey === keys.kernelKey;
      const sameDynamics = sameKernels && last?.dynamicsKey === keys.dynamicsKey;
      const t0 = performance.now();
      const blocks = sameKernels && last ? last.blocks : theoryKernels(input);
      const t1 = performance.now();
      const predictor =
        sameDynamics && last ? last.predictor.withLr(input.lr) : theoryPredictor(input, blocks);
      const theory = theorySummary(input, blocks, predictor, cursorStep(params));
      const t2 = performance.now();
      last = { gen, input, blocks, predictor, ...keys };
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
        theory,
        reused: { kernels: sameKernels, decomposition: sameDynamics },
        timings: { kernelsMs: t1 - t0, dynamicsMs: t2 - t1 },
      };
    },

    async series(gen) {
      const { value, ms } = await background(gen, ({ input, predictor }) =>
        theorySeriesJob(input, predictor),
      );
      return { gen, ...value, ms };
    },

    async prior(gen) {
      const { value } = await background(gen, function* ({ input, kernelKey }) {
        const key = priorKeyOf(input, kernelKey);
        if (priorCache?.key !== key) {
          const { arch, xTest, dim, priorSamples: count, seed } = input;
          priorCache = { key, samples: yield* priorSamplesJob(arch, xTest, dim, count, seed) };
        }
        return priorCache.samples;
      });
      return { gen, samples: value.map((s) => s.slice()) };
    },

    async at(gen, step) {
      const { input, predictor } = current(gen);
      const k = Number.isFinite(step) ? Math.max(0, Math.round(step)) : 0;
      return { gen, step: k, ...evaluateAt(predictor, input, k) };
    },

    async kernelRow(gen, x0) {
      const { input } = current(gen);
      const { arch, xTest, dim } = input;
      if (x0.length !== dim || !x0.every(Number.isFinite))
        throw new Error(`x₀ must be ${dim} finite number${dim === 1 ? '' : 's'}`);
      const m = xTest.length / dim;
      const row = kernelFn(
        arch,
        { rows: 1, cols: dim, data: x0.slice() },
        { rows: m, cols: dim, data: xTest },
      );
      return { gen, x0: x0.slice(), ntk: row.ntk.data, nngp: row.nngp.data };
    },
  };
}
