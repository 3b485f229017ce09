// The finite ensemble as the page knows it (issue 4 §2): its plan (memory and time estimates,
// whether it fits the budget), what backend runs, and the frames recorded at the theory's step
// grid, so the time cursor can scrub back over them and Export JSON holds [T][M] arrays.
// The controller (ensembleController.ts) drives it; the UI reads it and sends commands.

import type { StateCreator } from 'zustand';
import type { BackendReport } from '../../workers/ensembleBackends';
import type { EnsembleExport } from '../formats/exportJson';
import { ensembleExportOf } from '../formats/exportJson';
import type { AppState } from './appState';
import { withParam } from './paramsSlice';

export type EnsembleStatus =
  /** not started: waits for Train (the page opened without a link) */
  | 'idle'
  /** nothing to train: width ∞ or a mode the nets do not follow (see `message`) */
  | 'off'
  /** over the memory budget: not started (see plan.largest) */
  | 'refused'
  | 'starting'
  | 'training'
  | 'paused'
  /** reached K */
  | 'done'
  | 'error';

export type EnsembleCommand = 'train' | 'pause' | 'step' | 'reset';

/** one frame at a recorded step k */
export interface RecordedFrame {
  step: number;
  /** E x M, row-major */
  outputs: Float32Array;
  /** per net, ½·mean((f − y)²) */
  lossTrain: Float32Array;
  lossTest: Float32Array | null;
  /** over nets, per test point (variance divisor E − 1) */
  mean: Float64Array;
  var: Float64Array;
  /** mean over nets of ‖Θ̂_k − Θ̂_0‖_F/‖Θ̂_0‖_F on xTrain (0 at k = 0) */
  drift: number;
}

export interface EnsemblePlan {
  width: number;
  size: number;
  depth: number;
  memoryBytes: number;
  budgetBytes: number;
  fits: boolean;
  /** the largest E at this width and the largest width at this E that fit (0: none) */
  largest: { size: number; width: number };
  /** flop-model estimate before anything ran (ms per GD step of the whole ensemble) */
  estimatedMsPerStep: number;
}

export interface EnsembleState {
  status: EnsembleStatus;
  /** client generation of the nets on screen (0: none) */
  gen: number;
  plan: EnsemblePlan | null;
  backend: BackendReport | null;
  /** η the recorded frames were trained with */
  lr: number;
  seed: number;
  /** recorded frames, ascending in step */
  frames: RecordedFrame[];
  /** the newest step the nets have taken (recorded or not) */
  latestStep: number;
  /** the horizon K */
  target: number;
  /** measured time per step (ms), null before the first chunk */
  msPerStep: number | null;
  /** GD steps per second of the last chunks */
  stepsPerSec: number | null;
  /** mean over nets of the empirical NTK at init on xTrain (N x N) */
  ntkInit: Float64Array | null;
  /** plain words: why nothing trains, or what failed */
  message: string | null;
  /** the newest command from the UI, for the controller (seq makes a repeat visible) */
  command: { kind: EnsembleCommand; seq: number } | null;
}

export interface EnsembleSlice {
  ensemble: EnsembleState;
  ensemblePatch: (p: Partial<EnsembleState>) => void;
  /**
   * Append a frame of generation `gen` (ignored for another generation); with `follow`, move
   * the time cursor to its step in the same update (one re-render, not two).
   */
  ensembleRecord: (gen: number, frame: RecordedFrame, follow?: boolean) => void;
  /** Train / Resume, Pause, Step, Reset: picked up by the controller */
  ensembleCommand: (kind: EnsembleCommand) => void;
}

export const INITIAL_ENSEMBLE: EnsembleState = {
  status: 'idle',
  gen: 0,
  plan: null,
  backend: null,
  lr: NaN,
  seed: 0,
  frames: [],
  latestStep: 0,
  target: 0,
  msPerStep: null,
  stepsPerSec: null,
  ntkInit: null,
  message: null,
  command: null,
};

export const createEnsembleSlice: StateCreator<AppState, [], [], EnsembleSlice> = (set, get) => ({
  ensemble: INITIAL_ENSEMBLE,
  ensemblePatch: (p) => set({ ensemble: { ...get().ensemble, ...p } }),
  ensembleRecord: (gen, frame, follow = false) => {
    const { ensemble: e, params } = get();
    if (gen !== e.gen) return;
    // a re-recorded step (a shorter then longer K) replaces the old frame
    const frames = e.frames.filter((f) => f.step < frame.step);
    frames.push(frame);
    const ensemble = { ...e, frames, latestStep: Math.max(e.latestStep, frame.step) };
    const moveCursor = follow && frame.step <= params.maxSteps && frame.step !== params.step;
    if (moveCursor) set({ ensemble, params: withParam(params, 'step', frame.step) });
    else set({ ensemble });
  },
  ensembleCommand: (kind) => {
    const e = get().ensemble;
    set({ ensemble: { ...e, command: { kind, seq: (e.command?.seq ?? 0) + 1 } } });
  },
});

/** the newest recorded frame at or before step k (null when none is) */
export function frameAtOrBefore(frames: readonly RecordedFrame[], k: number): RecordedFrame | null {
  let best: RecordedFrame | null = null;
  for (const f of frames) {
    if (f.step > k) break;
    best = f;
  }
  return best;
}

/** mean over nets of each net's loss at a frame */
export function meanLoss(values: Float32Array | null): number {
  if (!values || values.length === 0) return NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * The ensemble part of Export JSON (params/exportJson.ts EnsembleExport): every recorded step
 * `t` (whole GD steps k) with the ensemble mean/var on xTest, per-net losses and the drift.
 * Null until something was recorded.
 */
export function ensembleExport(e: EnsembleState): EnsembleExport | null {
  if (!e.plan || e.frames.length === 0) return null;
  const head = { width: e.plan.width, size: e.plan.size, seed: e.seed };
  return ensembleExportOf(head, e.frames, e.ntkInit);
}
