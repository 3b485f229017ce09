// The loss panel as data: expected train/test loss of the infinite ensemble against t = η·k on
// log–log axes. t = 0 cannot sit on a log axis, so the axis starts at the first positive t;
// zero losses are drawn on the floor of the axis and divergent ones are clipped at its ceiling.

import { scaleLog } from 'd3-scale';
import { makeFrame } from './frame';
import type { ChartAxes, Frame, Size } from './frame';
import { linePath } from './paths';
import { placedLogTicks, tickCount } from './ticks';

export interface LossPlotData {
  times: ArrayLike<number>;
  lossTrain: ArrayLike<number>;
  lossTest: ArrayLike<number>;
  lossTrainInf: number;
  lossTestInf: number;
  /** t of the cursor (0 draws no cursor line) */
  cursorTime: number;
  /** the finite nets' losses at their recorded steps */
  ensemble?: EnsembleLosses | null;
}

export interface EnsembleLosses {
  /** t = η·k of each recorded step */
  times: ArrayLike<number>;
  /** per net, over the recorded steps */
  train: ArrayLike<number>[];
  test: ArrayLike<number>[] | null;
  /** mean over nets, over the recorded steps */
  meanTrain: ArrayLike<number>;
  meanTest: ArrayLike<number> | null;
}

export interface LossPlotModel extends ChartAxes {
  xDomain: [number, number];
  yDomain: [number, number];
  xMinor: number[];
  yMinor: number[];
  train: string;
  test: string;
  /** pixel y of the t = ∞ lines, null when off-scale or not positive */
  trainInfY: number | null;
  testInfY: number | null;
  /** pixel x of the cursor line, null at t = 0 or off-scale */
  cursorX: number | null;
  /** some loss is above the top of the axis (a diverging run) */
  clippedTop: boolean;
  /** per-net and ensemble-mean loss paths of the finite nets (empty when none) */
  netTrain: string[];
  netTest: string[];
  ensembleTrain: string;
  ensembleTest: string;
}

export const LOSS_MARGIN = { top: 14, right: 18, bottom: 54, left: 70 };

/** Dynamic range of the loss axis: at most this many decades below its top. */
export const LOSS_DECADES = 12;
/** A diverging loss is shown up to this factor above the loss at t = 0. */
export const LOSS_GROWTH_SHOWN = 1e8;

export function lossYDomain(data: LossPlotData): [number, number] {
  let maxFinite = 0;
  let minPositive = Infinity;
  const visit = (v: number): void => {
    if (!Number.isFinite(v) || v <= 0) return;
    if (v > maxFinite) maxFinite = v;
    if (v < minPositive) minPositive = v;
  };
  for (let i = 0; i < data.times.length; i++) {
    if (!((data.times[i] ?? 0) > 0)) continue;
    visit(data.lossTrain[i] ?? NaN);
    visit(data.lossTest[i] ?? NaN);
  }
  const e = data.ensemble;
  if (e) {
    for (let i = 0; i < e.times.length; i++) {
      if (!((e.times[i] ?? 0) > 0)) continue;
      visit(e.meanTrain[i] ?? NaN);
      visit(e.meanTest?.[i] ?? NaN);
    }
  }
  const seriesMin = minPositive;
  // a t = ∞ value far below the curves (round-off "zero") must not stretch the axis
  for (const v of [data.lossTrainInf, data.lossTestInf]) {
    if (!(seriesMin < Infinity) || v >= seriesMin * 1e-3) visit(v);
  }
  if (!(maxFinite > 0)) return [1e-3, 1];
  const start = Math.max(data.lossTrain[0] ?? 0, data.lossTest[0] ?? 0);
  const startOk = Number.isFinite(start) && start > 0;
  let hi = maxFinite;
  if (startOk) hi = Math.max(Math.min(hi, start * LOSS_GROWTH_SHOWN), start);
  hi = Math.max(hi, minPositive);
  const lo = Math.max(minPositive, hi * 10 ** -LOSS_DECADES);
  const top = Number(`1e${Math.ceil(Math.log10(hi) - 1e-9)}`);
  const bottom = Number(`1e${Math.floor(Math.log10(lo) + 1e-9)}`);
  return bottom < top ? [bottom, top] : [bottom / 10, top * 10];
}

export function lossXDomain(times: ArrayLike<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? NaN;
    if (!(t > 0) || !Number.isFinite(t)) continue;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  if (lo === Infinity) return null;
  return lo < hi ? [lo, hi] : [lo / 10, lo * 10];
}

/** pixel x of the cursor at time t on the loss plot's log axis; null at t = 0 or off-scale */
export function cursorPosition(frame: Frame, xDomain: [number, number], t: number): number | null {
  if (!(t > 0) || t < xDomain[0] * (1 - 1e-9) || t > xDomain[1] * (1 + 1e-9)) return null;
  const sx = scaleLog().domain(xDomain).range([frame.left, frame.right]);
  return Math.round(sx(t) * 100) / 100;
}

export function lossPlotModel(data: LossPlotData, size: Size): LossPlotModel | null {
  const xDomain = lossXDomain(data.times);
  if (!xDomain) return null;
  const frame = makeFrame(size, LOSS_MARGIN);
  const yDomain = lossYDomain(data);
  const sx = scaleLog().domain(xDomain).range([frame.left, frame.right]);
  const sy = scaleLog().domain(yDomain).range([frame.bottom, frame.top]).clamp(true);
  const floor = (v: number): number => (v > 0 ? v : Number.isNaN(v) ? v : yDomain[0]);
  const keep: number[] = [];
  for (let i = 0; i < data.times.length; i++) if ((data.times[i] ?? 0) > 0) keep.push(i);
  const xs = keep.map((i) => data.times[i] ?? NaN);
  const options = { yClip: yDomain };
  const series = (values: ArrayLike<number>): string =>
    linePath(
      xs,
      keep.map((i) => floor(values[i] ?? NaN)),
      sx,
      sy,
      options,
    );
  const infY = (v: number): number | null =>
    v > 0 && v >= yDomain[0] && v <= yDomain[1] ? Math.round(sy(v) * 100) / 100 : null;
  const xt = placedLogTicks(xDomain, sx, tickCount(frame.right - frame.left, 90));
  const yt = placedLogTicks(yDomain, sy, tickCount(frame.bottom - frame.top, 45));
  let clippedTop = false;
  for (const i of keep) {
    const worst = Math.max(data.lossTrain[i] ?? 0, data.lossTest[i] ?? 0);
    if (worst > yDomain[1] || Number.isNaN(worst)) clippedTop = true;
  }
  return {
    frame,
    xDomain,
    yDomain,
    xTicks: xt.major,
    xMinor: xt.minor,
    yTicks: yt.major,
    yMinor: yt.minor,
    train: series(data.lossTrain),
    test: series(data.lossTest),
    trainInfY: infY(data.lossTrainInf),
    testInfY: infY(data.lossTestInf),
    cursorX: cursorPosition(frame, xDomain, data.cursorTime),
    clippedTop,
    ...ensembleLossPaths(data.ensemble ?? null, sx, sy, yDomain),
  };
}

function ensembleLossPaths(
  e: EnsembleLosses | null,
  sx: (v: number) => number,
  sy: (v: number) => number,
  yDomain: [number, number],
): Pick<LossPlotModel, 'netTrain' | 'netTest' | 'ensembleTrain' | 'ensembleTest'> {
  if (!e) return { netTrain: [], netTest: [], ensembleTrain: '', ensembleTest: '' };
  const keep: number[] = [];
  for (let i = 0; i < e.times.length; i++) if ((e.times[i] ?? 0) > 0) keep.push(i);
  const xs = keep.map((i) => e.times[i] ?? NaN);
  const floor = (v: number): number => (v > 0 ? v : Number.isNaN(v) ? v : yDomain[0]);
  const path = (values: ArrayLike<number>): string =>
    linePath(
      xs,
      keep.map((i) => floor(values[i] ?? NaN)),
      sx,
      sy,
      { yClip: yDomain },
    );
  return {
    netTrain: e.train.map(path),
    netTest: e.test ? e.test.map(path) : [],
    ensembleTrain: path(e.meanTrain),
    ensembleTest: e.meanTest ? path(e.meanTest) : '',
  };
}
