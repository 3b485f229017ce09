// The NTK drift sweep as the page knows it: its run state, the newest progress (points filled in
// width by width; kept after a cancel and when the user changes other parameters) and the
// parameters it was computed for, so the panel can mark its points stale when the experiment
// changed. Run and Cancel go straight to the connected drift controller (events, not state).

import type { StateCreator } from 'zustand';
import { DRIFT_INPUT_KEYS, changedKeys, type ParamKey, type Params } from '../params/schema';
import type { DriftExport } from '../formats/exportJson';
import type { DriftProgress } from '../../workers/driftSweep';
import type { AppState } from './appState';

export type DriftStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface DriftState {
  status: DriftStatus;
  /** newest progress of the newest sweep (null before the first reply) */
  progress: DriftProgress | null;
  /** the parameters the shown sweep was started with */
  params: Params | null;
  error: string | null;
  /** wall time of the start of the newest sweep and, once it ended, its duration (ms) */
  startedAt: number | null;
  elapsedMs: number | null;
}

export type DriftCommand = 'run' | 'cancel';

export interface DriftSlice {
  drift: DriftState;
  runDrift: () => void;
  cancelDrift: () => void;
  driftStarted: (params: Params, now: number) => void;
  driftProgressed: (progress: DriftProgress, now: number) => void;
  driftCancelled: (now: number) => void;
  driftFailed: (message: string, now: number) => void;
  /** the controller takes Run and Cancel; returns a function that lets go of them */
  driftConnect: (handler: (command: DriftCommand) => void) => () => void;
}

export const INITIAL_DRIFT: DriftState = {
  status: 'idle',
  progress: null,
  params: null,
  error: null,
  startedAt: null,
  elapsedMs: null,
};

/** the sweep inputs that differ between the current parameters and the sweep's (none: current) */
export function driftStaleKeys(drift: DriftState, params: Params): ParamKey[] {
  if (!drift.params) return [];
  const inputs = new Set(DRIFT_INPUT_KEYS);
  return changedKeys(drift.params, params).filter((k) => inputs.has(k));
}

/** Export JSON's `drift`: a finished sweep computed for the current parameters, else null. */
export function driftExportOf(drift: DriftState, params: Params): DriftExport | null {
  if (drift.status !== 'done' || driftStaleKeys(drift, params).length > 0) return null;
  return drift.progress?.export ?? null;
}

export const createDriftSlice: StateCreator<AppState, [], [], DriftSlice> = (set, get) => {
  const patch = (p: Partial<DriftState>): void => set({ drift: { ...get().drift, ...p } });
  let handler: ((command: DriftCommand) => void) | null = null;
  const ended = (now: number): number | null => {
    const t0 = get().drift.startedAt;
    return t0 === null ? null : now - t0;
  };
  return {
    drift: INITIAL_DRIFT,
    runDrift: () => handler?.('run'),
    cancelDrift: () => {
      if (get().drift.status === 'running') handler?.('cancel');
    },
    driftStarted: (params, now) =>
      patch({
        status: 'running',
        progress: null,
        params,
        error: null,
        startedAt: now,
        elapsedMs: null,
      }),
    driftProgressed: (progress, now) =>
      patch(
        progress.done
          ? { progress, status: 'done', elapsedMs: ended(now) }
          : { progress, status: 'running' },
      ),
    driftCancelled: (now) => patch({ status: 'cancelled', elapsedMs: ended(now) }),
    driftFailed: (message, now) =>
      patch({ status: 'error', error: message, elapsedMs: ended(now) }),
    driftConnect: (h) => {
      handler = h;
      return () => {
        if (handler === h) handler = null;
      };
    },
  };
};
