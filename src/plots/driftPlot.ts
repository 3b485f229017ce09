// A drift-sweep panel as data: a per-width quantity (mean over nets ± its standard error) against
// width on log-log axes, the fitted power law mean = e^a·width^slope across the points, and a
// reference line of slope −½ through the first point (the textbook O(n^−½) rate, for comparison;
// docs/science.md#ntk-drift). The x axis spans the sweep's planned widths from the start, so it does not
// move while the points fill in. An error bar whose lower end is ≤ 0 is cut at the axis floor.

import { scaleLog } from 'd3-scale';
import { makeFrame } from './frame';
import type { ChartAxes, Size } from './frame';
import { placedLogTicks, tickCount } from './ticks';

export interface DriftPlotData {
  /** the sweep's smallest and largest planned width, for the x axis */
  xExtent: [number, number];
  /** widths to label on the x axis (the sweep's ladder); decades when empty */
  xLabels?: readonly number[];
  widths: readonly number[];
  mean: readonly number[];
  se: readonly number[];
  /** fitted line ln(mean) = intercept + slope·ln(width), or null */
  fit: { slope: number; intercept: number } | null;
  /** slope of the reference line through the first point (null: none) */
  reference: number | null;
}

export interface DriftMark {
  width: number;
  mean: number;
  se: number;
  /** pixel centre and error-bar ends */
  x: number;
  y: number;
  yLo: number;
  yHi: number;
}

export interface DriftPlotModel extends ChartAxes {
  xDomain: [number, number];
  yDomain: [number, number];
  xMinor: number[];
  yMinor: number[];
  marks: DriftMark[];
  /** "M x0 y0 L x1 y1" across the x domain, or '' */
  fitLine: string;
  referenceLine: string;
}

export const DRIFT_MARGIN = { top: 12, right: 14, bottom: 50, left: 66 };

const r2 = (v: number): number => Math.round(v * 100) / 100;
const usable = (v: number): boolean => v > 0 && Number.isFinite(v);

/** y range: every mean ± se (positive parts), padded to whole half-decades */
export function driftYDomain(data: DriftPlotData): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  data.mean.forEach((m, i) => {
    if (!usable(m)) return;
    const se = Number.isFinite(data.se[i]) ? Math.abs(data.se[i]!) : 0;
    lo = Math.min(lo, m - se > 0 ? m - se : m / 2);
    hi = Math.max(hi, m + se);
  });
  if (!(lo < Infinity)) return [1e-3, 1];
  const pad = (v: number, up: boolean) =>
    10 ** ((up ? Math.ceil : Math.floor)(Math.log10(v) * 2) / 2);
  let a = pad(lo, false);
  let b = pad(hi, true);
  if (!(a < b)) [a, b] = [a / Math.sqrt(10), b * Math.sqrt(10)];
  return [a, b];
}

export function driftPlotModel(data: DriftPlotData, size: Size): DriftPlotModel | null {
  const [w0, w1] = data.xExtent;
  if (!usable(w0) || !usable(w1)) return null;
  const frame = makeFrame(size, DRIFT_MARGIN);
  const xDomain: [number, number] = [w0 / Math.SQRT2, w1 * Math.SQRT2];
  const yDomain = driftYDomain(data);
  const sx = scaleLog().domain(xDomain).range([frame.left, frame.right]);
  const sy = scaleLog().domain(yDomain).range([frame.bottom, frame.top]).clamp(true);
  const marks: DriftMark[] = [];
  data.widths.forEach((width, i) => {
    const mean = data.mean[i] ?? NaN;
    if (!usable(width) || !usable(mean)) return;
    const se = Number.isFinite(data.se[i]) ? Math.abs(data.se[i]!) : 0;
    marks.push({
      width,
      mean,
      se,
      x: r2(sx(width)),
      y: r2(sy(mean)),
      yLo: r2(mean - se > 0 ? sy(mean - se) : frame.bottom),
      yHi: r2(sy(mean + se)),
    });
  });
  // lines in data space, clipped to the y window so the path stays finite
  const line = (at: (w: number) => number): string => {
    const ends = xDomain.map((w) => [sx(w), Math.log(at(w))] as const);
    const [ly0, ly1] = [Math.log(yDomain[0]), Math.log(yDomain[1])];
    const [[x0, y0], [x1, y1]] = ends as [[number, number], [number, number]];
    // clip the segment (x linear in px, y linear in log) to [ly0, ly1]
    const t = (y: number) => (y - y0) / (y1 - y0);
    let ta = 0;
    let tb = 1;
    if (y1 !== y0) {
      const tl = t(ly0);
      const th = t(ly1);
      ta = Math.max(0, Math.min(tl, th));
      tb = Math.min(1, Math.max(tl, th));
    } else if (y0 < ly0 || y0 > ly1) return '';
    if (!(ta < tb)) return '';
    const px = (s: number) => r2(x0 + s * (x1 - x0));
    const py = (s: number) => r2(sy(Math.exp(y0 + s * (y1 - y0))));
    return `M${px(ta)},${py(ta)}L${px(tb)},${py(tb)}`;
  };
  const fit = data.fit;
  const first = marks[0];
  const ref = data.reference;
  const xt = placedLogTicks(xDomain, sx, tickCount(frame.right - frame.left, 70));
  const yt = placedLogTicks(yDomain, sy, tickCount(frame.bottom - frame.top, 40));
  // label the ladder's widths (every other one when they would crowd), else decades
  const ladder = data.xLabels ?? [];
  const room = Math.max(2, Math.floor((frame.right - frame.left) / 44));
  const stride = Math.max(1, Math.ceil(ladder.length / room));
  const xTicks =
    ladder.length > 0
      ? ladder
          .filter((_, i) => i % stride === 0)
          .map((w) => ({ value: w, label: String(w), pos: Math.round(sx(w) * 10) / 10 }))
      : xt.major;
  return {
    frame,
    xDomain,
    yDomain,
    xTicks,
    xMinor: ladder.length > 0 ? [] : xt.minor,
    yTicks: yt.major,
    yMinor: yt.minor,
    marks,
    fitLine: fit ? line((w) => Math.exp(fit.intercept + fit.slope * Math.log(w))) : '',
    referenceLine: first && ref !== null ? line((w) => first.mean * (w / first.width) ** ref) : '',
  };
}
