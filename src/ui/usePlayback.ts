import { useEffect, useRef } from 'react';
import { playFraction, playStep } from '../plots/timeAxis';
import { appStore, useApp } from '../store';

/** one sweep of log t from the first step to K takes this long */
export const PLAY_DURATION_MS = 5000;

/**
 * While `view.playing`, move the time cursor along a log sweep with requestAnimationFrame,
 * starting where it is (from t = 0 if it is at the end) and stopping at K.
 */
export function usePlayback(kMax: number | null): void {
  const playing = useApp((s) => s.view.playing);
  const kMaxRef = useRef(kMax);
  useEffect(() => {
    kMaxRef.current = kMax;
  }, [kMax]);
  useEffect(() => {
    if (!playing) return;
    const K = kMaxRef.current;
    if (K === null || K < 1) {
      appStore.getState().setPlaying(false);
      return;
    }
    const start = appStore.getState().params.cursor;
    const u0 = start >= K ? 0 : playFraction(start, K);
    let t0: number | null = null;
    let frame = 0;
    const tick = (now: number): void => {
      t0 ??= now;
      const u = Math.min(1, u0 + (now - t0) / PLAY_DURATION_MS);
      const state = appStore.getState();
      const k = playStep(u, kMaxRef.current ?? K);
      if (k !== state.params.cursor) state.setParam('cursor', k);
      if (u >= 1) {
        state.setPlaying(false);
        return;
      }
      frame = requestAnimationFrame(tick);
    };
    if (start >= K) appStore.getState().setParam('cursor', 0);
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);
}
