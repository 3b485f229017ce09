// A small hand-made theory for tests of the store, plots and export (tests only). Every step k
// has mean [k, k+1, k+2], std [0.1, 0.2, 0.3] and losses 1/(1+k), 2/(1+k), so the summary's
// cursor, the series rows and `at` replies agree wherever they overlap.
import type { CursorPayload, SeriesPayload, TheoryPayload } from '../../../workers/kernelApi';

/** the band of the fake theory at whole step k */
export function fakeCursor(gen: number, step: number): CursorPayload {
  return {
    gen,
    step,
    mean: new Float64Array([step, step + 1, step + 2]),
    std: new Float64Array([0.1, 0.2, 0.3]),
    lossTrain: 1 / (1 + step),
    lossTest: 2 / (1 + step),
  };
}

/** M = 3 test points, N = 2 training points, run to K = last step with η = lr, cursor at K */
export function fakePayload(
  gen: number,
  steps: number[] = [0, 1, 10],
  lr = 0.5,
  cursorStep = steps[steps.length - 1] ?? 0,
): TheoryPayload {
  const { mean, std, lossTrain, lossTest } = fakeCursor(gen, cursorStep);
  return {
    gen,
    data: {
      xTrain: new Float64Array([-1, 1]),
      yTrain: new Float64Array([-0.5, 0.5]),
      xTest: new Float64Array([-2, 0, 2]),
      yTest: new Float64Array([-1, 0, 1]),
      plotXTrain: new Float64Array([-1, 1]),
      plotXTest: new Float64Array([-2, 0, 2]),
      dim: 1,
    },
    theory: {
      lr,
      lastStep: steps[steps.length - 1] ?? 0,
      cursor: { step: cursorStep, mean, std, lossTrain, lossTest },
      meanInf: new Float64Array([-1, 0, 1]),
      stdInf: new Float64Array([0, 0, 0]),
      priorStd: new Float64Array([1, 1, 1]),
      nngpTrain: new Float64Array([1, 0.5, 0.5, 1]),
      ntkTrain: new Float64Array([2, 1, 1, 2]),
      lossTrainInf: 0,
      lossTestInf: 0.1,
      etaCrit: 4,
      eigs: new Float64Array([1, 3]),
      clampedEigs: 0,
    },
    reused: { kernels: false, decomposition: false },
    timings: { kernelsMs: 1, dynamicsMs: 2 },
  };
}

/** the fake theory's time series on `steps` */
export function fakeSeries(gen: number, steps: number[] = [0, 1, 10], lr = 0.5): SeriesPayload {
  const rows = steps.map((k) => fakeCursor(gen, k));
  return {
    gen,
    steps,
    times: steps.map((k) => lr * k),
    mean: rows.map((r) => r.mean),
    std: rows.map((r) => r.std),
    lossTrain: rows.map((r) => r.lossTrain),
    lossTest: rows.map((r) => r.lossTest),
    ms: 3,
  };
}
