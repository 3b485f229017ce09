import { describe, expect, it } from 'vitest';
import { ensembleExport, frameAtOrBefore, INITIAL_ENSEMBLE, meanLoss } from './ensembleSlice';
import type { EnsembleState, RecordedFrame } from './ensembleSlice';

/** E = 2 nets, M = 3 test points */
function frame(step: number): RecordedFrame {
  return {
    step,
    outputs: Float32Array.from([1, 2, 3, 3, 4, 5].map((v) => v + step)),
    lossTrain: Float32Array.from([0.5, 0.25]),
    lossTest: Float32Array.from([1, 0.5]),
    mean: Float64Array.from([2, 3, 4].map((v) => v + step)),
    var: Float64Array.from([2, 2, 2]),
    drift: step / 100,
  };
}

describe('the recorded ensemble', () => {
  const e: EnsembleState = {
    ...INITIAL_ENSEMBLE,
    status: 'done',
    gen: 3,
    seed: 9,
    frames: [frame(0), frame(1), frame(5)],
    ntkInit: Float64Array.from([2, 1, 1, 3]),
    plan: {
      width: 64,
      size: 2,
      depth: 1,
      memoryBytes: 1,
      budgetBytes: 2,
      fits: true,
      largest: { size: 64, width: 8192 },
      estimatedMsPerStep: 1,
    },
  };

  it('exports [T][M] means and variances, [T][E] losses and the drift at the recorded steps', () => {
    const doc = ensembleExport(e)!;
    expect(doc).toEqual({
      width: 64,
      size: 2,
      seed: 9,
      t: [0, 1, 5],
      mean: [
        [2, 3, 4],
        [3, 4, 5],
        [7, 8, 9],
      ],
      var: [
        [2, 2, 2],
        [2, 2, 2],
        [2, 2, 2],
      ],
      lossTrain: [
        [0.5, 0.25],
        [0.5, 0.25],
        [0.5, 0.25],
      ],
      lossTest: [
        [1, 0.5],
        [1, 0.5],
        [1, 0.5],
      ],
      ntkInit: [
        [2, 1],
        [1, 3],
      ],
      ntkDrift: [0, 0.01, 0.05],
    });
    expect(ensembleExport({ ...e, frames: [] })).toBeNull();
  });

  it('shows the newest recorded step at or before the cursor', () => {
    expect(frameAtOrBefore(e.frames, 0)?.step).toBe(0);
    expect(frameAtOrBefore(e.frames, 4)?.step).toBe(1);
    expect(frameAtOrBefore(e.frames, 99)?.step).toBe(5);
    expect(frameAtOrBefore([], 3)).toBeNull();
    expect(meanLoss(Float32Array.from([0.5, 0.25]))).toBe(0.375);
  });
});
