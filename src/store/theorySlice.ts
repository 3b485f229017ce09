// The infinite-width theory as the page knows it, in its two phases: the newest completed
// summary (`payload`, with the band at its cursor; kept on screen while a newer generation
// computes), then that generation's time series, its prior samples and the band at any other
// cursor step the worker was asked for.

import type { StateCreator } from 'zustand';
import type { CursorPayload, SeriesPayload, TheoryPayload } from '../../workers/kernelApi';
import type { AppState } from './appState';

export type TheoryStatus = 'idle' | 'computing' | 'ready' | 'error';
export type SeriesStatus = 'computing' | 'ready' | 'error';

export interface TheoryState {
  status: TheoryStatus;
  /** generation of the newest request */
  gen: number;
  /** newest completed summary; may belong to an older generation while computing */
  payload: TheoryPayload | null;
  /** newest time series; may belong to an older generation than the payload until it arrives */
  series: SeriesPayload | null;
  /** why the series of payload.gen failed */
  seriesError: string | null;
  /** GP prior sample functions for payload.gen */
  priorSamples: Float64Array[];
  /** band at a cursor step the summary and series do not hold, for payload.gen */
  cursor: CursorPayload | null;
  error: string | null;
  /** a change is waiting out the debounce: a newer request is about to be sent */
  scheduled: boolean;
  /** wall time of the newest request, client side (ms) */
  startedAt: number | null;
  /** wall time of the last completed request, to its band (ms) */
  elapsedMs: number | null;
  /** wall time of the last completed request, to its series (ms) */
  seriesElapsedMs: number | null;
}

export interface TheorySlice {
  theory: TheoryState;
  /** a parameter changed; the request follows after the debounce */
  theoryScheduled: () => void;
  theoryRequested: (gen: number, now: number) => void;
  theoryReceived: (payload: TheoryPayload, now: number) => void;
  theoryFailed: (gen: number, message: string) => void;
  seriesReceived: (series: SeriesPayload, now: number) => void;
  seriesFailed: (gen: number, message: string) => void;
  priorReceived: (gen: number, samples: Float64Array[]) => void;
  cursorReceived: (cursor: CursorPayload) => void;
}

export const INITIAL_THEORY: TheoryState = {
  status: 'idle',
  gen: 0,
  payload: null,
  series: null,
  seriesError: null,
  priorSamples: [],
  cursor: null,
  error: null,
  scheduled: false,
  startedAt: null,
  elapsedMs: null,
  seriesElapsedMs: null,
};

/** the series of the newest generation: arrived, failed, or still coming */
export function seriesStatus(t: TheoryState): SeriesStatus {
  const current = t.payload !== null && t.payload.gen === t.gen && !t.scheduled;
  // no series will come when the theory of the newest generation failed
  if (!current && t.status === 'error') return 'error';
  if (current && t.seriesError !== null) return 'error';
  return current && t.series?.gen === t.gen ? 'ready' : 'computing';
}

/** Export JSON needs both phases of the newest generation, and nothing newer pending. */
export function canExport(t: TheoryState): boolean {
  return t.status === 'ready' && seriesStatus(t) === 'ready';
}

export const createTheorySlice: StateCreator<AppState, [], [], TheorySlice> = (set, get) => {
  const patch = (p: Partial<TheoryState>): void => set({ theory: { ...get().theory, ...p } });
  return {
    theory: INITIAL_THEORY,
    theoryScheduled: () => patch({ status: 'computing', scheduled: true }),
    theoryRequested: (gen, now) =>
      patch({
        status: 'computing',
        gen,
        scheduled: false,
        error: null,
        seriesError: null,
        startedAt: now,
      }),
    theoryReceived: (payload, now) => {
      const t = get().theory;
      if (payload.gen !== t.gen) return;
      // the old series stays (shown as stale) until this generation's arrives
      patch({
        status: t.scheduled ? 'computing' : 'ready',
        payload,
        seriesError: null,
        priorSamples: [],
        cursor: null,
        error: null,
        elapsedMs: t.startedAt === null ? null : now - t.startedAt,
        seriesElapsedMs: null,
      });
    },
    theoryFailed: (gen, message) => {
      const t = get().theory;
      if (gen !== t.gen) return;
      patch({ status: t.scheduled ? 'computing' : 'error', error: message });
    },
    seriesReceived: (series, now) => {
      const t = get().theory;
      if (series.gen !== t.payload?.gen) return;
      patch({
        series,
        seriesError: null,
        seriesElapsedMs: t.startedAt === null || t.gen !== series.gen ? null : now - t.startedAt,
      });
    },
    seriesFailed: (gen, message) => {
      if (gen !== get().theory.payload?.gen) return;
      patch({ seriesError: message });
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
