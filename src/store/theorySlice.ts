// The infinite-width theory as the page knows it: the newest completed payload (kept on screen
// while a newer generation computes), its prior samples and the band at an off-grid cursor.

import type { StateCreator } from 'zustand';
import type { CursorPayload, TheoryPayload } from '../../workers/kernelApi';
import type { AppState } from './appState';

export type TheoryStatus = 'idle' | 'computing' | 'ready' | 'error';

export interface TheoryState {
  status: TheoryStatus;
  /** generation of the newest request */
  gen: number;
  /** newest completed result; may belong to an older generation while computing */
  payload: TheoryPayload | null;
  /** GP prior sample functions for payload.gen */
  priorSamples: Float64Array[];
  /** band at an off-grid cursor step, for payload.gen */
  cursor: CursorPayload | null;
  error: string | null;
  /** a change is waiting out the debounce: a newer request is about to be sent */
  scheduled: boolean;
  /** wall time of the newest request, client side (ms) */
  startedAt: number | null;
  /** wall time of the last completed request (ms) */
  elapsedMs: number | null;
}

export interface TheorySlice {
  theory: TheoryState;
  /** a parameter changed; the request follows after the debounce */
  theoryScheduled: () => void;
  theoryRequested: (gen: number, now: number) => void;
  theoryReceived: (payload: TheoryPayload, now: number) => void;
  theoryFailed: (gen: number, message: string) => void;
  priorReceived: (gen: number, samples: Float64Array[]) => void;
  cursorReceived: (cursor: CursorPayload) => void;
}

export const INITIAL_THEORY: TheoryState = {
  status: 'idle',
  gen: 0,
  payload: null,
  priorSamples: [],
  cursor: null,
  error: null,
  scheduled: false,
  startedAt: null,
  elapsedMs: null,
};

export const createTheorySlice: StateCreator<AppState, [], [], TheorySlice> = (set, get) => {
  const patch = (p: Partial<TheoryState>): void => set({ theory: { ...get().theory, ...p } });
  return {
    theory: INITIAL_THEORY,
    theoryScheduled: () => patch({ status: 'computing', scheduled: true }),
    theoryRequested: (gen, now) =>
      patch({ status: 'computing', gen, scheduled: false, error: null, startedAt: now }),
    theoryReceived: (payload, now) => {
      const t = get().theory;
      if (payload.gen !== t.gen) return;
      patch({
        status: t.scheduled ? 'computing' : 'ready',
        payload,
        priorSamples: [],
        cursor: null,
        error: null,
        elapsedMs: t.startedAt === null ? null : now - t.startedAt,
      });
    },
    theoryFailed: (gen, message) => {
      const t = get().theory;
      if (gen !== t.gen) return;
      patch({ status: t.scheduled ? 'computing' : 'error', error: message });
    },
    priorReceived: (gen, samples) => {
      if (gen !== get().theory.payload?.gen) return;
      patch({ priorSamples: samples });
    },
    cursorReceived: (cursor) => {
      if (cursor.gen !== get().theory.payload?.gen) return;
      patch({ cursor });
    },
  };
};
