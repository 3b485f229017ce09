// The main chart as data: the infinite-width prior, the gradient-descent band at the cursor and
// the t = ∞ solution over the plot coordinate, turned into scales, ticks and path strings.
// The y-range depends only on the data, the prior and t = ∞ (never on the cursor), so axes
// stay still while t plays; anything beyond it is clipped to a finite window.

import { scaleLinear } from 'd3-scale';
import { makeFrame } from './frame';
import type { ChartAxes, Size } from './frame';
import { bandEdges, linePath, meanStdBand, sortedOrder } from './paths';
import type { PathOptions } from './paths';
import { placedLinearTicks, tickCount } from './ticks';

export interface MainPlotData {
  /** plot coordinate of each test point (x, or the angle on the circle) */
  xTest: ArrayLike<number>;
  /** clean target on the test grid */
  yTest: ArrayLike<number> | null;
  xTrain: ArrayLike<number>;
  yTrain: ArrayLike<number>;
  /** √K(x,x) */
  priorStd: ArrayLike<number> | null;
  priorSamples: readonly ArrayLike<number>[];
  /** mean and ±1σ of the ensemble at the cursor */
  mean: ArrayLike<number> | null;
  std: ArrayLike<number> | null;
  meanInf: ArrayLike<number> | null;
  stdInf: ArrayLike<number> | null;
  /** draw the t = ∞ mean (it shapes the y-range either way, so toggling it keeps the axes) */
  showMeanInf?: boolean;
  /** the trained finite nets at one recorded step (they never change the y-range) */
  ensemble?: EnsembleDraw | null;
}

export interface EnsembleDraw {
  /** E x M, row-major: net e's f on the test points */
  outputs: ArrayLike<number> & { subarray(begin: number, end: number): ArrayLike<number> };
  nets: number;
  mean: ArrayLike<number>;
  /** empirical σ per test point; null hides the band */
  std: ArrayLike<number> | null;
}

export interface MainPlotModel extends ChartAxes {
  xDomain: [number, number];
  yDomain: [number, number];
  priorBand: string;
  priorSamples: string[];
  band: string;
  mean: string;
  meanInf: string;
  target: string;
  points: { cx: number; cy: number }[];
  /** the band at the cursor leaves the y-range somewhere (e.g. divergent GD) */
  bandClipped: boolean;
  /** one path per finite net, the ensemble mean and its ±2 empirical σ band ('' when none) */
  nets: string[];
  ensembleMean: string;
  ensembleBand: string;
}

/** ±k·σ of every band on the page */
export const BAND_SIGMAS = 2;

export const MAIN_MARGIN = { top: 18, right: 20, bottom: 58, left: 68 };

function finiteExtent(into: [number, number], v: number): void {
  if (!Number.isFinite(v)) return;
  if (v < into[0]) into[0] = v;
  if (v > into[1]) into[1] = v;
}

/**
 * y-range: the data and the target, widened for the prior band and the t = ∞ band but by at
 * most 1.5 data spans on each side, so neither a wide prior nor a wild interpolant (noisy data,
 * no regularizer) squashes the data into a thin strip; they run off the plot instead.
 */
export function mainYDomain(data: MainPlotData): [number, number] {
  const core: [number, number] = [Infinity, -Infinity];
  for (let i = 0; i < data.yTrain.length; i++) finiteExtent(core, data.yTrain[i] ?? NaN);
  if (data.yTest)
    for (let i = 0; i < data.yTest.length; i++) finiteExtent(core, data.yTest[i] ?? NaN);
  const full: [number, number] = [core[0], core[1]];
  if (data.meanInf) {
    for (let i = 0; i < data.meanInf.length; i++) {
      const m = data.meanInf[i] ?? NaN;
      const s = data.stdInf?.[i] ?? 0;
      finiteExtent(full, m - BAND_SIGMAS * s);
      finiteExtent(full, m + BAND_SIGMAS * s);
    }
  }
  if (data.priorStd) {
    for (let i = 0; i < data.priorStd.length; i++) {
      const s = BAND_SIGMAS * (data.priorStd[i] ?? NaN);
      finiteExtent(full, -s);
      finiteExtent(full, s);
    }
  }
  if (!(full[0] <= full[1])) return [-1, 1];
  let [lo, hi] = full;
  const span = core[1] - core[0];
  // a very wide prior must not squash the data into a thin strip
  if (span > 0) {
    lo = Math.max(lo, core[0] - 1.5 * span);
    hi = Math.min(hi, core[1] + 1.5 * span);
  }
  if (hi - lo < 1e-9) {
    const c = (hi + lo) / 2;
    return [c - 1, c + 1];
  }
  const pad = 0.06 * (hi - lo);
  const nice = scaleLinear()
    .domain([lo - pad, hi + pad])
    .nice(8)
    .domain();
  return [nice[0] ?? lo, nice[1] ?? hi];
}

function xExtent(data: MainPlotData): [number, number] {
  const e: [number, number] = [Infinity, -Infinity];
  for (let i = 0; i < data.xTest.length; i++) finiteExtent(e, data.xTest[i] ?? NaN);
  for (let i = 0; i < data.xTrain.length; i++) finiteExtent(e, data.xTrain[i] ?? NaN);
  if (!(e[0] < e[1])) return [e[0] === Infinity ? -1 : e[0] - 1, e[0] === Infinity ? 1 : e[0] + 1];
  return e;
}

export function mainPlotModel(data: MainPlotData, size: Size): MainPlotModel {
  const frame = makeFrame(size, MAIN_MARGIN);
  const xDomain = xExtent(data);
  const yDomain = mainYDomain(data);
  const sx = scaleLinear().domain(xDomain).range([frame.left, frame.right]);
  const sy = scaleLinear().domain(yDomain).range([frame.bottom, frame.top]);
  const h = frame.bottom - frame.top;
  const span = yDomain[1] - yDomain[0];
  const options: PathOptions = {
    yClip: [yDomain[0] - span, yDomain[1] + span],
    order: sortedOrder(data.xTest),
  };
  const xs = data.xTest;
  const zeros = new Float64Array(xs.length);
  let bandClipped = false;
  if (data.mean && data.std) {
    for (let i = 0; i < data.mean.length; i++) {
      const [lo, hi] = bandEdges(data.mean[i] ?? NaN, data.std[i] ?? NaN, BAND_SIGMAS);
      if (!(lo >= yDomain[0] && hi <= yDomain[1])) {
        bandClipped = true;
        break;
      }
    }
  }
  return {
    frame,
    xDomain,
    yDomain,
    xTicks: placedLinearTicks(xDomain, sx, tickCount(frame.right - frame.left, 110)),
    yTicks: placedLinearTicks(yDomain, sy, tickCount(h, 60)),
    priorBand: data.priorStd
      ? meanStdBand(xs, zeros, data.priorStd, BAND_SIGMAS, sx, sy, options)
      : '',
    priorSamples: data.priorSamples.map((f) => linePath(xs, f, sx, sy, options)),
    band:
      data.mean && data.std
        ? meanStdBand(xs, data.mean, data.std, BAND_SIGMAS, sx, sy, options)
        : '',
    mean: data.mean ? linePath(xs, data.mean, sx, sy, options) : '',
    meanInf:
      data.meanInf && data.showMeanInf !== false ? linePath(xs, data.meanInf, sx, sy, options) : '',
    target: data.yTest ? linePath(xs, data.yTest, sx, sy, options) : '',
    points: Array.from({ length: data.xTrain.length }, (_, i) => ({
      cx: Math.round(sx(data.xTrain[i] ?? NaN) * 100) / 100,
      cy: Math.round(sy(data.yTrain[i] ?? NaN) * 100) / 100,
    })).filter((p) => Number.isFinite(p.cx) && Number.isFinite(p.cy)),
    bandClipped,
    ...ensemblePaths(data, xs, sx, sy, options),
  };
}

function ensemblePaths(
  data: MainPlotData,
  xs: ArrayLike<number>,
  sx: (v: number) => number,
  sy: (v: number) => number,
  options: PathOptions,
): Pick<MainPlotModel, 'nets' | 'ensembleMean' | 'ensembleBand'> {
  const e = data.ensemble;
  if (!e) return { nets: [], ensembleMean: '', ensembleBand: '' };
  const m = xs.length;
  const nets: string[] = [];
  for (let i = 0; i < e.nets; i++) {
    nets.push(linePath(xs, e.outputs.subarray(i * m, (i + 1) * m), sx, sy, options));
  }
  return {
    nets,
    ensembleMean: linePath(xs, e.mean, sx, sy, options),
    ensembleBand: e.std ? meanStdBand(xs, e.mean, e.std, BAND_SIGMAS, sx, sy, options) : '',
  };
}
