// The kernel lens's heatmaps as data: N x N kernels on the training inputs, rows and columns
// sorted by the training inputs' plot coordinate (x, or the angle on the circle), coloured on
// ONE diverging scale shared by every heatmap of the lens (symmetric about 0, so equal colours
// mean equal values across the empirical and analytic kernels), plus the relative Frobenius
// error ‖Θ̂ − Θ‖_F / ‖Θ‖_F that the lens reads out. Pure: the canvas is drawn by the UI.

import { rgb } from 'd3-color';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { sortedOrder } from './paths';
import { formatValue } from './ticks';

/** the largest N the lens draws (the training set never exceeds it) */
export const HEATMAP_MAX_N = 256;

/** [−m, m] with m the largest finite |entry| of every given matrix; [−1, 1] when there is none */
export function sharedColorDomain(
  matrices: readonly (ArrayLike<number> | null | undefined)[],
): [number, number] {
  let m = 0;
  for (const a of matrices) {
    if (!a) continue;
    for (let k = 0; k < a.length; k++) {
      const v = Math.abs(a[k] ?? NaN);
      if (Number.isFinite(v) && v > m) m = v;
    }
  }
  return m > 0 ? [-m, m] : [-1, 1];
}

/** 256 RGB colours from the domain's low end (blue) through white (0) to its high end (red) */
const PALETTE: Uint8Array = (() => {
  const out = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    // interpolateRdBu runs red → blue; reversed so that large positive kernels are red
    const c = rgb(interpolateRdBu(1 - i / 255));
    out.set([c.r, c.g, c.b], i * 3);
  }
  return out;
})();

/** palette index of v on [lo, hi] (clamped); −1 for a value that is not finite */
export function colorIndex(v: number, domain: readonly [number, number]): number {
  if (!Number.isFinite(v)) return -1;
  const [lo, hi] = domain;
  const f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return Math.round(255 * Math.min(1, Math.max(0, f)));
}

/** CSS colour of v (for the colour bar's stops) */
export function colorOf(v: number, domain: readonly [number, number]): string {
  const i = colorIndex(v, domain);
  if (i < 0) return 'rgb(128, 128, 128)';
  return `rgb(${PALETTE[i * 3]}, ${PALETTE[i * 3 + 1]}, ${PALETTE[i * 3 + 2]})`;
}

/**
 * RGBA pixels of the n x n matrix `values` (row-major) with rows and columns taken in `order`:
 * pixel (r, c) shows values[order[r]·n + order[c]]; row 0 is the top. Non-finite entries are grey.
 */
export function heatmapPixels(
  values: ArrayLike<number>,
  n: number,
  order: readonly number[],
  domain: readonly [number, number],
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(n * n * 4);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      const i = colorIndex(values[order[r]! * n + order[c]!] ?? NaN, domain);
      const o = (r * n + c) * 4;
      if (i < 0) out.set([128, 128, 128, 255], o);
      else out.set([PALETTE[i * 3]!, PALETTE[i * 3 + 1]!, PALETTE[i * 3 + 2]!, 255], o);
    }
  return out;
}

/** the training points in ascending plot coordinate: the heatmaps' row and column order */
export function trainOrder(plotX: ArrayLike<number>): number[] {
  return sortedOrder(plotX);
}

/** ‖a − b‖_F / ‖b‖_F; NaN when the shapes differ, an entry is not finite or ‖b‖ = 0 */
export function relativeFrobenius(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return NaN;
  let diff = 0;
  let norm = 0;
  for (let k = 0; k < a.length; k++) {
    const bk = b[k]!;
    diff += (a[k]! - bk) ** 2;
    norm += bk * bk;
  }
  return norm > 0 && Number.isFinite(diff) ? Math.sqrt(diff / norm) : NaN;
}

export interface HeatmapTick {
  /** position along the axis as a fraction of its length (cell centre) */
  at: number;
  label: string;
}

/** about `count` labelled cells along an axis of n sorted cells, labelled by their plot x */
export function heatmapTicks(sortedX: readonly number[], count = 4): HeatmapTick[] {
  const n = sortedX.length;
  if (n === 0) return [];
  const k = Math.max(1, Math.min(count, n));
  const picks = new Set<number>();
  for (let t = 0; t < k; t++) picks.add(k === 1 ? 0 : Math.round((t * (n - 1)) / (k - 1)));
  return [...picks].map((i) => ({ at: (i + 0.5) / n, label: formatValue(sortedX[i]!) }));
}

/** the cell (row, col) under a point at fractions (fx, fy) of the heatmap's width and height */
export function cellAt(fx: number, fy: number, n: number): { row: number; col: number } | null {
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1) || n < 1) return null;
  return { row: Math.floor(fy * n), col: Math.floor(fx * n) };
}
