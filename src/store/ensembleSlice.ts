// The finite ensemble as the page knows it (docs/architecture.md#finite-ensemble): its plan (memory and time estimates,
// whether it fits the budget), what backend runs, and the frames recorded at the theory's step
// grid, so the time cursor can scrub back over them and Export JSON holds [T][M] arrays.
// The controller (ensembleController.ts) drives it through the named actions below; the UI reads
// it and sends commands through `ensembleCommand`, which calls the controller's handler directly
// (commands are events, not state).

import type { StateCreator } from 'zustand';
import type { EnsembleFrame } from '../../workers/ensembleApi';
import type { BackendReport } from '../../workers/ensembleBackends';
import type { EnsemblePlan } from '../params/ensemblePlan';
import type { EnsembleExport } from '../formats/exportJson';
import { ensembleExportOf } from '../formats/exportJson';
import type { AppState } from './appState';
import { withParam } from './paramsSlice';

export type { EnsemblePlan };

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

/**
 * What the ensemble bar asks of the controller. `advance` trains on to the next recorded frame
 * of the step grid and pauses there (the bar's Step button).
 */
export type EnsembleCommand = 'train' | 'pause' | 'advance' | 'reset';

/**
 * One frame at a recorded step k, with `drift`: the mean over nets of ‖Θ̂_k − Θ̂_0‖_F/‖Θ̂_0‖_F
 * on xTrain (0 at k = 0).
 */
export type RecordedFrame = EnsembleFrame & { drift: number };

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
}

/** the status of an ensemble with no nets, and why */
export type HaltedStatus = Extract<EnsembleStatus, 'idle' | 'off' | 'refused'>;
export type RunStatus = Extract<EnsembleStatus, 'training' | 'paused' | 'done'>;
export type CommandHandler = (kind: EnsembleCommand) => void;

export interface EnsembleSlice {
  ensemble: EnsembleState;
  /** no nets (none are asked for, none can train, or they do not fit): the plan and why */
  ensembleHalted: (status: HaltedStatus, plan: EnsemblePlan | null, message: string | null) => void;
  /** the nets on screen keep training under a new memory budget's plan */
  ensemblePlanned: (plan: EnsemblePlan) => void;
  /** new initial nets of generation `gen` are being built */
  ensembleStarting: (start: {
    gen: number;
    plan: EnsemblePlan;
    lr: number;
    seed: number;
    target: number;
  }) => void;
  /** the same initial nets start over as generation `gen` (a new η, or Reset) */
  ensembleRestarting: (start: { gen: number; lr: number; target: number }) => void;
  /**
   * Generation `gen`'s nets stand at their initial step, paused; with the backend that runs
   * them (new nets) or their NTK at init (the same nets again)
   */
  ensembleStarted: (
    gen: number,
    start: { step: number; backend?: BackendReport; ntkInit?: Float64Array | null },
  ) => void;
  /** the mean empirical NTK at init of generation `gen`'s nets */
  ensembleNtkInit: (gen: number, ntkInit: Float64Array) => void;
  /** a chunk's timing, and the newest step when no frame was recorded at it */
  ensembleProgress: (
    timing: { msPerStep: number | null; stepsPerSec: number | null },
    latestStep?: number,
  ) => void;
  ensembleStatus: (status: RunStatus) => void;
  /** generation `gen`'s nets moved to another backend mid-run (the report says why) */
  ensembleBackend: (gen: number, backend: BackendReport) => void;
  ensembleFailed: (message: string) => void;
  /** a new horizon K: the frames beyond it go */
  ensembleHorizon: (target: number) => void;
  /**
   * Append a frame of generation `gen` (ignored for another generation); with `follow`, move
   * the time cursor to its step in the same update (one re-render, not two).
   */
  ensembleRecord: (gen: number, frame: RecordedFrame, follow?: boolean) => void;
  /** Train / Resume, Pause, Step, Reset: handed to the connected controller (if any) */
  ensembleCommand: (kind: EnsembleCommand) => void;
  /** the controller takes the commands; returns a function that lets go of them */
  ensembleConnect: (handler: CommandHandler) => () => void;
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
};

export const createEnsembleSlice: StateCreator<AppState, [], [], EnsembleSlice> = (set, get) => {
  const patch = (p: Partial<EnsembleState>): void => set({ ensemble: { ...get().ensemble, ...p } });
  /** patch only while generation `gen` is on screen */
  const patchGen = (gen: number, p: Partial<EnsembleState>): void => {
    if (gen === get().ensemble.gen) patch(p);
  };
  let handler: CommandHandler | null = null;
  return {
    ensemble: INITIAL_ENSEMBLE,
    ensembleHalted: (status, plan, message) =>
      patch({
        status,
        gen: 0,
        plan,
        // without a plan nothing could run: no backend either
        ...(plan === null ? { backend: null } : {}),
        frames: [],
        latestStep: 0,
        ntkInit: null,
        message,
      }),
    ensemblePlanned: (plan) => patch({ plan }),
    ensembleStarting: ({ gen, plan, lr, seed, target }) =>
      patch({
        status: 'starting',
        gen,
        plan,
        lr,
        seed,
        frames: [],
        latestStep: 0,
        target,
        msPerStep: null,
        stepsPerSec: null,
        ntkInit: null,
        message: null,
      }),
    ensembleRestarting: ({ gen, lr, target }) =>
      patch({ status: 'starting', gen, lr, frames: [], latestStep: 0, target, message: null }),
    ensembleStarted: (gen, { step, ...rest }) =>
      patchGen(gen, { ...rest, latestStep: step, status: 'paused' }),
    ensembleNtkInit: (gen, ntkInit) => patchGen(gen, { ntkInit }),
    ensembleProgress: (timing, latestStep) =>
      patch(latestStep === undefined ? timing : { ...timing, latestStep }),
    ensembleStatus: (status) => patch({ status }),
    ensembleBackend: (gen, backend) => patchGen(gen, { backend }),
    ensembleFailed: (message) => patch({ status: 'error', message }),
    ensembleHorizon: (target) =>
      patch({ target, frames: get().ensemble.frames.filter((f) => f.step <= target) }),
    ensembleRecord: (gen, frame, follow = false) => {
      const { ensemble: e, params } = get();
      if (gen !== e.gen) return;
      // a re-recorded step (a shorter then longer K) replaces the old frame
      const frames = e.frames.filter((f) => f.step < frame.step);
      frames.push(frame);
      const ensemble = { ...e, frames, latestStep: Math.max(e.latestStep, frame.step) };
      const moveCursor = follow && frame.step <= params.maxSteps && frame.step !== params.cursor;
      if (moveCursor) set({ ensemble, params: withParam(params, 'cursor', frame.step) });
      else set({ ensemble });
    },
    ensembleCommand: (kind) => handler?.(kind),
    ensembleConnect: (h) => {
      handler = h;
      return () => {
        if (handler === h) handler = null;
      };
    },
  };
};

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
 * The ensemble part of Export JSON (formats/exportJson.ts EnsembleExport): every recorded step
 * `t` (whole GD steps k) with the ensemble mean/var on xTest, per-net losses and the drift.
 * Null until something was recorded.
 */
export function ensembleExport(e: EnsembleState): EnsembleExport | null {
  if (!e.plan || e.frames.length === 0) return null;
  const head = { width: e.plan.width, size: e.plan.size, seed: e.seed };
  return ensembleExportOf(head, e.frames, e.ntkInit);
}
