// The agreement panel as data: ensemble mean − theory mean across x, the ±2 standard-error band
// of the theory (±2σ_k/√E, shaded) and the empirical one (±2√(var/E), dashed), and y = 0.
// The y-range is symmetric and fits the difference and both bands.

import { scaleLinear } from 'd3-scale';
import type { AgreementStats } from './agreement';
import { makeFrame } from './frame';
import type { ChartAxes, Size } from './frame';
import { bandPath, linePath, sortedOrder } from './paths';
import { placedLinearTicks, tickCount } from './ticks';

export interface AgreementPlotModel extends ChartAxes {
  yDomain: [number, number];
  diff: string;
  band: string;
  empiricalUpper: string;
  empiricalLower: string;
  zeroY: number;
  /** pixel position of the largest z (null when none) */
  zMaxAt: { cx: number; cy: number } | null;
}

export const AGREEMENT_MARGIN = { top: 12, right: 18, bottom: 46, left: 68 };

export function agreementYDomain(stats: AgreementStats): [number, number] {
  let r = 0;
  for (let i = 0; i < stats.diff.length; i++) {
    for (const v of [Math.abs(stats.diff[i]!), 2 * stats.se[i]!, 2 * stats.seEmpirical[i]!]) {
      if (Number.isFinite(v) && v > r) r = v;
    }
  }
  const half = r > 0 ? r * 1.1 : 1e-3;
  return [-half, half];
}

export function agreementPlotModel(
  xs: ArrayLike<number>,
  stats: AgreementStats,
  size: Size,
): AgreementPlotModel {
  const frame = makeFrame(size, AGREEMENT_MARGIN);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] ?? NaN;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(lo < hi)) [lo, hi] = [lo - 1, lo + 1];
  const yDomain = agreementYDomain(stats);
  const sx = scaleLinear().domain([lo, hi]).range([frame.left, frame.right]);
  const sy = scaleLinear().domain(yDomain).range([frame.bottom, frame.top]);
  const options = { yClip: yDomain, order: sortedOrder(xs) };
  const k = 2;
  const emp = (sign: number) =>
    linePath(
      xs,
      Array.from(stats.seEmpirical, (v) => sign * k * v),
      sx,
      sy,
      options,
    );
  const i = stats.zMaxIndex;
  const zMaxAt =
    i >= 0
      ? {
          cx: Math.round(sx(xs[i] ?? NaN) * 100) / 100,
          cy:
            Math.round(sy(Math.max(yDomain[0], Math.min(yDomain[1], stats.diff[i]!))) * 100) / 100,
        }
      : null;
  return {
    frame,
    yDomain,
    xTicks: placedLinearTicks([lo, hi], sx, tickCount(frame.right - frame.left, 110)),
    yTicks: placedLinearTicks(yDomain, sy, 4),
    diff: linePath(xs, stats.diff, sx, sy, options),
    band: bandPath(
      xs,
      (j) => -k * stats.se[j]!,
      (j) => k * stats.se[j]!,
      sx,
      sy,
      options,
    ),
    empiricalUpper: emp(1),
    empiricalLower: emp(-1),
    zeroY: Math.round(sy(0) * 100) / 100,
    zMaxAt,
  };
}
