// Which band the page shows for the time cursor: a row of the payload's time grid when the
// cursor step is on it (exact, no worker call), otherwise the worker's `at` reply for exactly
// that step, or — until it arrives — the nearest grid row (marked inexact).

import type { CursorPayload, TheoryPayload } from '../../workers/kernelApi';

export interface CursorBand {
  /** the step k the band belongs to */
  step: number;
  /** t = η·k */
  time: number;
  mean: Float64Array;
  std: Float64Array;
  lossTrain: number;
  lossTest: number;
  /** false while an off-grid step is shown by its nearest grid row */
  exact: boolean;
}

/** index of step k in the ascending grid, or −1 */
export function gridIndex(steps: readonly number[], k: number): number {
  let lo = 0;
  let hi = steps.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = steps[mid] ?? NaN;
    if (v === k) return mid;
    if (v < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** index of the grid step closest to k on a log scale (k = 0 only matches 0) */
export function nearestGridIndex(steps: readonly number[], k: number): number {
  let best = -1;
  let bestDist = Infinity;
  const lk = Math.log1p(k);
  steps.forEach((s, i) => {
    const d = Math.abs(Math.log1p(s) - lk);
    if (d < bestDist) {
      bestDist = d;
      best = i;
    }
  });
  return best;
}

/** η of the payload's run, read back from its grid (t = η·k) */
export function payloadRate(payload: TheoryPayload): number {
  const { steps, times } = payload.theory;
  for (let i = steps.length - 1; i >= 0; i--) {
    const k = steps[i] ?? 0;
    if (k > 0) return (times[i] ?? NaN) / k;
  }
  return NaN;
}

/** the last step of the payload's grid (K) */
export function lastStep(payload: TheoryPayload): number {
  const steps = payload.theory.steps;
  return steps[steps.length - 1] ?? 0;
}

/** the step the cursor can show: within the payload's run */
export function clampStep(payload: TheoryPayload, step: number): number {
  return Math.max(0, Math.min(Math.round(step), lastStep(payload)));
}

export function resolveCursor(
  payload: TheoryPayload,
  cursor: CursorPayload | null,
  requestedStep: number,
): CursorBand | null {
  const step = clampStep(payload, requestedStep);
  const { theory } = payload;
  const row = (i: number, exact: boolean): CursorBand | null => {
    const mean = theory.mean[i];
    const std = theory.std[i];
    if (!mean || !std) return null;
    return {
      step: theory.steps[i] ?? step,
      time: theory.times[i] ?? NaN,
      mean,
      std,
      lossTrain: theory.lossTrain[i] ?? NaN,
      lossTest: theory.lossTest[i] ?? NaN,
      exact,
    };
  };
  const i = gridIndex(theory.steps, step);
  if (i >= 0) return row(i, true);
  if (cursor && cursor.gen === payload.gen && cursor.step === step) {
    return {
      step,
      time: payloadRate(payload) * step,
      mean: cursor.mean,
      std: cursor.std,
      lossTrain: cursor.lossTrain,
      lossTest: cursor.lossTest,
      exact: true,
    };
  }
  const near = nearestGridIndex(theory.steps, step);
  return near >= 0 ? row(near, false) : null;
}
