// Line and band path strings from data and scales. Values are clipped, in data units and before
// scaling, to a finite window around the plot (a diverging run reaches 1e300 or Infinity, and a
// scale maps ±Infinity to NaN), so the path string is always valid; NaN breaks the line.
// Points are drawn in ascending x order whatever order the data has.

import { area, line } from 'd3-shape';

export type Scale = (v: number) => number;

/** Indices of xs sorted by value (stable), so lines and bands never zig-zag. */
export function sortedOrder(xs: ArrayLike<number>): number[] {
  const order = Array.from({ length: xs.length }, (_, i) => i);
  return order.sort((i, j) => (xs[i] ?? 0) - (xs[j] ?? 0) || i - j);
}

/** Clamp into [lo, hi]; NaN stays NaN (the caller treats it as a gap). */
export function clampTo(v: number, lo: number, hi: number): number {
  if (Number.isNaN(v)) return v;
  return v < lo ? lo : v > hi ? hi : v;
}

export interface PathOptions {
  /** data-space window y values are clamped into before scaling, e.g. the y-domain ± its span */
  yClip: [number, number];
  order?: number[];
}

interface Pt {
  x: number;
  y: number;
}
interface BandPt {
  x: number;
  y0: number;
  y1: number;
}

const round = (v: number): number => Math.round(v * 100) / 100;

/** SVG path "M…L…" through (x[i], y[i]); returns '' when nothing is drawable. */
export function linePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: Scale,
  sy: Scale,
  { yClip, order = sortedOrder(xs) }: PathOptions,
): string {
  const pts: Pt[] = order.map((i) => ({
    x: sx(xs[i] ?? NaN),
    y: sy(clampTo(ys[i] ?? NaN, yClip[0], yClip[1])),
  }));
  const gen = line<Pt>()
    .defined((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .x((p) => round(p.x))
    .y((p) => round(p.y));
  return gen(pts) ?? '';
}

/**
 * Closed band between lower(i) and upper(i), e.g. mean ± 2σ. `lower`/`upper` are data values.
 */
export function bandPath(
  xs: ArrayLike<number>,
  lower: (i: number) => number,
  upper: (i: number) => number,
  sx: Scale,
  sy: Scale,
  { yClip, order = sortedOrder(xs) }: PathOptions,
): string {
  const pts: BandPt[] = order.map((i) => ({
    x: sx(xs[i] ?? NaN),
    y0: sy(clampTo(lower(i), yClip[0], yClip[1])),
    y1: sy(clampTo(upper(i), yClip[0], yClip[1])),
  }));
  const gen = area<BandPt>()
    .defined((p) => Number.isFinite(p.x) && Number.isFinite(p.y0) && Number.isFinite(p.y1))
    .x((p) => round(p.x))
    .y0((p) => round(p.y0))
    .y1((p) => round(p.y1));
  return gen(pts) ?? '';
}

/**
 * The edges mean ± k·σ, kept meaningful when a diverging run overflows: σ = ∞ is the whole
 * axis (not ∞ − ∞ = NaN); only a NaN mean or σ leaves a gap.
 */
export function bandEdges(mean: number, std: number, k: number): [number, number] {
  if (Number.isNaN(mean) || Number.isNaN(std)) return [NaN, NaN];
  if (std === Infinity) return [-Infinity, Infinity];
  return [mean - k * std, mean + k * std];
}

/** mean ± k·σ band helper */
export function meanStdBand(
  xs: ArrayLike<number>,
  mean: ArrayLike<number>,
  std: ArrayLike<number>,
  k: number,
  sx: Scale,
  sy: Scale,
  options: PathOptions,
): string {
  const edge = (i: number, side: 0 | 1): number =>
    bandEdges(mean[i] ?? NaN, std[i] ?? NaN, k)[side];
  return bandPath(
    xs,
    (i) => edge(i, 0),
    (i) => edge(i, 1),
    sx,
    sy,
    options,
  );
}
