// The time cursor's slider: position 0 is t = 0, positions 1…RES run log-uniformly over the step
// count k from 1 to kMax and snap to whole steps (the discrete dynamics only exist at whole k).
// t = η·k, so the same slider serves every learning rate.

import { logTicks } from './ticks';

export const SLIDER_RES = 1000;

export function sliderToStep(position: number, kMax: number): number {
  if (!(kMax >= 1) || position <= 0) return 0;
  const u = Math.min(1, (position - 1) / (SLIDER_RES - 1));
  return Math.min(kMax, Math.max(1, Math.round(kMax ** u)));
}

export function stepToSlider(step: number, kMax: number): number {
  if (!(kMax >= 1) || step <= 0) return 0;
  if (kMax === 1) return SLIDER_RES;
  const u = Math.log(Math.min(step, kMax)) / Math.log(kMax);
  return 1 + Math.round(u * (SLIDER_RES - 1));
}

/** The next grid step after (dir = 1) or before (dir = −1) `step`; stays put at the ends. */
export function neighbourStep(grid: readonly number[], step: number, dir: 1 | -1): number {
  if (grid.length === 0) return step;
  if (dir > 0) {
    for (const k of grid) if (k > step) return k;
    return grid[grid.length - 1] ?? step;
  }
  for (let i = grid.length - 1; i >= 0; i--) {
    const k = grid[i] ?? 0;
    if (k < step) return k;
  }
  return grid[0] ?? step;
}

/** Play: the step at fraction u ∈ [0, 1] of a log sweep from k = 1 to kMax (u = 0 → t = 0). */
export function playStep(u: number, kMax: number): number {
  if (u <= 0 || !(kMax >= 1)) return 0;
  return Math.min(kMax, Math.max(1, Math.round(kMax ** Math.min(1, u))));
}

/** The fraction of the log sweep at which `step` sits (inverse of playStep). */
export function playFraction(step: number, kMax: number): number {
  if (step <= 0 || !(kMax > 1)) return 0;
  return Math.min(1, Math.log(step) / Math.log(kMax));
}

/** Labelled decades of t under the time slider, as fractions of the slider track. */
export function timeSliderTicks(
  lr: number,
  kMax: number,
  maxTicks = 6,
): { label: string; fraction: number }[] {
  if (!(kMax > 1) || !(lr > 0)) return [];
  const { major } = logTicks(lr, lr * kMax, maxTicks);
  return major
    .filter((t) => t.value >= lr * (1 - 1e-9) && t.value <= lr * kMax * (1 + 1e-9))
    .map((t) => {
      const u = Math.log(t.value / lr) / Math.log(kMax);
      return { label: t.label, fraction: (1 + u * (SLIDER_RES - 1)) / SLIDER_RES };
    });
}
