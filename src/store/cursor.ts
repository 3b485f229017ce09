// Which band the page shows for the time cursor. The theory arrives in two phases: the summary
// holds the band at the cursor step the parameters had (drawn at once), the series later holds
// every step of the time grid. A step is shown exactly from, in order: the series row (when
// the series of this generation has arrived and the step is on its grid), the summary's cursor,
// or the worker's `at` reply for exactly that step. Until one of those exists the nearest known
// step (in log time) is shown, marked inexact.

import type { CursorPayload, SeriesPayload, TheoryPayload } from '../../workers/kernelApi';

export interface CursorBand {
  /** the step k the band belongs to */
  step: number;
  /** t = η·k */
  time: number;
  mean: Float64Array;
  std: Float64Array;
  lossTrain: number;
  lossTest: number;
  /** false while the requested step is shown by the nearest known step */
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

/** η of the payload's run */
export function payloadRate(payload: TheoryPayload): number {
  return payload.theory.lr;
}

/** the last step of the payload's run (K) */
export function lastStep(payload: TheoryPayload): number {
  return payload.theory.lastStep;
}

/** the step the cursor can show: within the payload's run */
export function clampStep(payload: TheoryPayload, step: number): number {
  return Math.max(0, Math.min(Math.round(step), lastStep(payload)));
}

/** the series if it belongs to the payload's generation, else null */
export function seriesOf(
  payload: TheoryPayload,
  series: SeriesPayload | null,
): SeriesPayload | null {
  return series !== null && series.gen === payload.gen ? series : null;
}

type Known = Omit<CursorBand, 'time' | 'exact'>;

function seriesRow(series: SeriesPayload, i: number): Known | null {
  const mean = series.mean[i];
  const std = series.std[i];
  const step = series.steps[i];
  if (!mean || !std || step === undefined) return null;
  return {
    step,
    mean,
    std,
    lossTrain: series.lossTrain[i] ?? NaN,
    lossTest: series.lossTest[i] ?? NaN,
  };
}

export function resolveCursor(
  payload: TheoryPayload,
  series: SeriesPayload | null,
  cursor: CursorPayload | null,
  requestedStep: number,
): CursorBand {
  const step = clampStep(payload, requestedStep);
  const grid = seriesOf(payload, series);
  const reply = cursor !== null && cursor.gen === payload.gen ? cursor : null;
  const band = (k: Known, exact: boolean): CursorBand => ({
    step: k.step,
    time: payloadRate(payload) * k.step,
    mean: k.mean,
    std: k.std,
    lossTrain: k.lossTrain,
    lossTest: k.lossTest,
    exact,
  });
  const onGrid = grid ? gridIndex(grid.steps, step) : -1;
  const gridRow = grid && onGrid >= 0 ? seriesRow(grid, onGrid) : null;
  if (gridRow) return band(gridRow, true);
  const own = payload.theory.cursor;
  if (own.step === step) return band(own, true);
  if (reply && reply.step === step) return band(reply, true);
  // until the worker answers, show whichever known step is nearest (in log time): while t
  // plays this is usually the previous reply, so the band does not jump back to the grid
  const near = grid ? seriesRow(grid, nearestGridIndex(grid.steps, step)) : null;
  const dist = (k: Known): number => Math.abs(Math.log1p(k.step) - Math.log1p(step));
  let best: Known = own;
  for (const k of [near, reply]) if (k && dist(k) < dist(best)) best = k;
  return band(best, false);
}
