import { describe, expect, it, vi } from 'vitest';
import type { BackendReport } from '../../workers/ensembleBackends';
import { createAppStore } from './appState';
import { ensembleExport, frameAtOrBefore, INITIAL_ENSEMBLE, meanLoss } from './ensembleSlice';
import type { EnsembleCommand, EnsemblePlan, EnsembleState, RecordedFrame } from './ensembleSlice';

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

const PLAN: EnsemblePlan = {
  width: 64,
  size: 2,
  depth: 1,
  memoryBytes: 1,
  budgetBytes: 2,
  fits: true,
  largest: { size: 64, width: 8192 },
  estimatedMsPerStep: 1,
  estimatedFrameMs: 1,
  estimatedInitMs: 1,
  estimatedNtkMs: 1,
  calibrated: true,
};

describe('the recorded ensemble', () => {
  const e: EnsembleState = {
    ...INITIAL_ENSEMBLE,
    status: 'done',
    gen: 3,
    seed: 9,
    frames: [frame(0), frame(1), frame(5)],
    ntkInit: Float64Array.from([2, 1, 1, 3]),
    plan: PLAN,
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

describe('the ensemble actions', () => {
  const plan = PLAN;
  const backend: BackendReport = { choice: 'auto', backend: 'cpu', engine: 'tfjs', notes: [] };

  function started() {
    const store = createAppStore();
    const a = () => store.getState();
    a().ensembleStarting({ gen: 2, plan, lr: 0.1, seed: 4, target: 5 });
    a().ensembleStarted(2, { step: 0, backend });
    a().ensembleRecord(2, frame(0));
    a().ensembleNtkInit(2, Float64Array.from([1]));
    return { store, a, e: () => a().ensemble };
  }

  it('starts new nets from nothing, and ignores replies for another generation', () => {
    const { a, e } = started();
    expect(e()).toMatchObject({ status: 'paused', gen: 2, plan, lr: 0.1, seed: 4, target: 5 });
    expect(e().backend).toEqual(backend);
    a().ensembleStarted(1, { step: 3 });
    a().ensembleNtkInit(1, Float64Array.from([9]));
    expect(e().latestStep).toBe(0);
    expect(e().ntkInit).toEqual(Float64Array.from([1]));
  });

  it('restarts the same nets: plan, seed and backend stay, the frames go', () => {
    const { a, e } = started();
    a().ensembleProgress({ msPerStep: 2, stepsPerSec: 500 }, 3);
    expect(e()).toMatchObject({ latestStep: 3, msPerStep: 2, stepsPerSec: 500 });
    a().ensembleRestarting({ gen: 3, lr: 0.2, target: 5 });
    expect(e()).toMatchObject({ status: 'starting', gen: 3, lr: 0.2, seed: 4, plan, frames: [] });
    expect(e().backend).toEqual(backend);
    expect(e().msPerStep).toBe(2);
  });

  it('halts with the reason; without a plan the backend goes too', () => {
    const { a, e } = started();
    a().ensembleHalted('refused', { ...plan, fits: false }, null);
    expect(e()).toMatchObject({ status: 'refused', gen: 0, frames: [], ntkInit: null });
    expect(e().backend).toEqual(backend);
    a().ensembleHalted('off', null, 'Width ∞');
    expect(e()).toMatchObject({ status: 'off', plan: null, backend: null, message: 'Width ∞' });
  });

  it('drops the frames beyond a shorter horizon', () => {
    const { a, e } = started();
    a().ensembleRecord(2, frame(3));
    a().ensembleRecord(2, frame(5));
    a().ensembleHorizon(4);
    expect(e().target).toBe(4);
    expect(e().frames.map((f) => f.step)).toEqual([0, 3]);
  });

  it('hands commands to the connected controller only', () => {
    const store = createAppStore();
    const before = store.getState().ensemble;
    store.getState().ensembleCommand('train');
    const seen: EnsembleCommand[] = [];
    const release = store.getState().ensembleConnect((kind) => seen.push(kind));
    store.getState().ensembleCommand('train');
    store.getState().ensembleCommand('pause');
    release();
    store.getState().ensembleCommand('advance');
    expect(seen).toEqual(['train', 'pause']);
    // a command is an event, not state
    expect(store.getState().ensemble).toBe(before);
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().ensembleCommand('reset');
    expect(listener).not.toHaveBeenCalled();
  });
});
