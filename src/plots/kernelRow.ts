// The kernel lens's curve Θ(x₀, x) against x on the test grid (Jacot et al. 2018, Fig. 1):
// the analytic NTK row, the ensemble's mean empirical row at init and at the current step, and
// a marker at x₀. The y-range covers every drawn curve and 0; x is the plot coordinate (x, or
// the angle on the circle). A click maps back to an x₀ snapped into the plot's x-range.

import { scaleLinear } from 'd3-scale';
import { makeFrame } from './frame';
import type { ChartAxes, Size } from './frame';
import { linePath, sortedOrder } from './paths';
import { placedLinearTicks, tickCount } from './ticks';

export interface KernelRowData {
  /** plot coordinate of each test point */
  xTest: ArrayLike<number>;
  /** Θ(x₀, x_test), analytic */
  analytic: ArrayLike<number> | null;
  /** mean empirical Θ̂(x₀, x_test) at init and at the current step (null: no ensemble) */
  init: ArrayLike<number> | null;
  current: ArrayLike<number> | null;
  /** x₀ in the plot coordinate */
  x0: number;
}

export interface KernelRowModel extends ChartAxes {
  xDomain: [number, number];
  yDomain: [number, number];
  analytic: string;
  init: string;
  current: string;
  /** pixel x of the x₀ marker, null when x₀ is outside the x-range */
  x0X: number | null;
}

export const ROW_MARGIN = { top: 14, right: 18, bottom: 50, left: 64 };

/** [min, max] of the finite values (an empty or flat range is widened) */
function extent(values: readonly (ArrayLike<number> | null)[], seed: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of seed) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  for (const a of values) {
    if (!a) continue;
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return [-1, 1];
  if (lo === hi) return [lo - 1, hi + 1];
  return [lo, hi];
}

export function kernelRowModel(data: KernelRowData, size: Size): KernelRowModel {
  const frame = makeFrame(size, ROW_MARGIN);
  const xDomain = extent([data.xTest], []);
  // a row of another length belongs to another test grid (a stale reply): not drawn
  const fits = (ys: ArrayLike<number> | null) =>
    ys && ys.length === data.xTest.length ? ys : null;
  const analytic = fits(data.analytic);
  const init = fits(data.init);
  const current = fits(data.current);
  const curves = [analytic, init, current];
  const [lo, hi] = extent(curves, [0]);
  const pad = 0.05 * (hi - lo);
  const yDomain: [number, number] = [lo < 0 ? lo - pad : 0, hi + pad];
  const sx = scaleLinear().domain(xDomain).range([frame.left, frame.right]);
  const sy = scaleLinear().domain(yDomain).range([frame.bottom, frame.top]);
  const span = yDomain[1] - yDomain[0];
  const options = {
    yClip: [yDomain[0] - span, yDomain[1] + span] as [number, number],
    order: sortedOrder(data.xTest),
  };
  const path = (ys: ArrayLike<number> | null): string =>
    ys ? linePath(data.xTest, ys, sx, sy, options) : '';
  const inside = data.x0 >= xDomain[0] && data.x0 <= xDomain[1];
  return {
    frame,
    xDomain,
    yDomain,
    xTicks: placedLinearTicks(xDomain, sx, tickCount(frame.right - frame.left, 80)),
    yTicks: placedLinearTicks(yDomain, sy, tickCount(frame.bottom - frame.top, 40)),
    analytic: path(analytic),
    init: path(init),
    current: path(current),
    x0X: inside ? Math.round(sx(data.x0) * 100) / 100 : null,
  };
}

/**
 * The x₀ a click at pixel x picks: the plot's x at that pixel, clamped into its x-range and
 * rounded to `resolution` (the lensX0 parameter's), staying inside the range after rounding.
 */
export function x0AtPixel(model: KernelRowModel, px: number, resolution = 0.05): number {
  const { frame, xDomain } = model;
  const f = (px - frame.left) / (frame.right - frame.left);
  const x = xDomain[0] + Math.min(1, Math.max(0, f)) * (xDomain[1] - xDomain[0]);
  let r = Math.round(x / resolution) * resolution;
  if (r < xDomain[0]) r += resolution;
  if (r > xDomain[1]) r -= resolution;
  // 0.1 + 0.2 style noise would land in the link: keep the resolution's decimals
  const decimals = Math.max(0, Math.ceil(-Math.log10(resolution) - 1e-9));
  return Number(r.toFixed(decimals));
}
