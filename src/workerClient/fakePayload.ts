// A small hand-made theory payload for tests of the store, plots and export (tests only).
import type { TheoryPayload } from '../../workers/kernelApi';

/** M = 3 test points, N = 2 training points, grid k = 0, 1, 10 with η = 0.5 */
export function fakePayload(gen: number, steps: number[] = [0, 1, 10], lr = 0.5): TheoryPayload {
  const rows = steps.map((k) => new Float64Array([k, k + 1, k + 2]));
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
      steps,
      times: steps.map((k) => lr * k),
      mean: rows,
      std: steps.map(() => new Float64Array([0.1, 0.2, 0.3])),
      meanInf: new Float64Array([-1, 0, 1]),
      stdInf: new Float64Array([0, 0, 0]),
      priorStd: new Float64Array([1, 1, 1]),
      nngpTrain: new Float64Array([1, 0.5, 0.5, 1]),
      ntkTrain: new Float64Array([2, 1, 1, 2]),
      lossTrain: steps.map((k) => 1 / (1 + k)),
      lossTest: steps.map((k) => 2 / (1 + k)),
      lossTrainInf: 0,
      lossTestInf: 0.1,
      etaCrit: 4,
      eigs: new Float64Array([1, 3]),
      clampedEigs: 0,
    },
    timings: { kernelsMs: 1, dynamicsMs: 2 },
  };
}
