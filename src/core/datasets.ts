// Seeded toy regression datasets: N training inputs with targets y = f(x) + σ·ε, ε ~ N(0, 1),
// and a test grid of M points with the clean f on it (what the plots draw and the theory
// predicts on). 1-D targets live on [−a, a]; `circle` is the 2-D setting of Jacot et al. 2018
// (Fig. 1): inputs x = (cos γ, sin γ) on the unit circle, plotted against the angle γ.
// Every point carries a 1-D "plot coordinate" u: x itself for 1-D data, γ for the circle.
// Randomness comes only from createRng(seed).split('dataset'), so a dataset depends only on
// (seed, spec); other consumers of the same seed must use other split labels.

import { createRng } from './rng';

export const DATASET_IDS = ['sin', 'step', 'sinc', 'cubic', 'abs', 'circle', 'custom'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

/** one (x, y) training point; custom datasets are lists of these */
export type Point = readonly [x: number, y: number];

export interface DatasetInfo {
  label: string;
  /** the clean target as a formula in the plot coordinate (x, or γ for the circle) */
  formula: string;
}

/** Clean targets are fixed functions of x (independent of the interval), scaled to O(1) on [−3, 3] */
export const DATASETS = {
  sin: { label: 'sin x', formula: 'sin x' },
  step: { label: 'Step', formula: 'sign(x)' },
  sinc: { label: 'sinc', formula: 'sin(πx/1.5) / (πx/1.5)' },
  cubic: { label: 'Cubic', formula: '(x/3)³' },
  abs: { label: '|x|', formula: '|x| / 2' },
  circle: { label: 'Unit circle (2-D)', formula: 'sin 2γ,  x = (cos γ, sin γ)' },
  custom: { label: 'Custom points', formula: 'your points' },
} as const satisfies Record<DatasetId, DatasetInfo>;

/** at most this many custom points; extra points are dropped from the end */
export const MAX_CUSTOM_POINTS = 256;
/** custom coordinates are clamped to [−bound, bound] */
export const CUSTOM_POINT_BOUND = 1000;
/** the view (test grid) is the data interval scaled by this factor about its centre */
export const VIEW_EXPAND = 1.5;
/** jitter of 1-D training inputs, as a fraction of the grid spacing (uniform in ±JITTER) */
export const JITTER = 0.3;

export interface DatasetSpec {
  id: DatasetId;
  /** N (ignored for custom: N = number of points) */
  nTrain: number;
  /** σ of the Gaussian label noise (not applied to custom points) */
  noise: number;
  /** half-width a of the 1-D data interval [−a, a] (ignored for the circle) */
  xMax: number;
  /** M, size of the test grid */
  nTest: number;
  seed: number;
  /** custom (x, y) points; used only when id = 'custom' */
  points: readonly Point[];
}

export interface Dataset {
  /** input dimension d: 1, or 2 for the circle */
  dim: number;
  /** N x d, row-major */
  xTrain: Float64Array;
  /** N noisy targets */
  yTrain: Float64Array;
  /** N clean targets f(x_i) (for custom: the given y) */
  yTrainClean: Float64Array;
  /** M x d, row-major */
  xTest: Float64Array;
  /** M clean targets on the test grid */
  yTest: Float64Array;
  /** N plot coordinates (x, or γ in radians) */
  plotXTrain: Float64Array;
  /** M plot coordinates, evenly spaced and ascending over viewRange */
  plotXTest: Float64Array;
  /** interval the training inputs were drawn from, in plot coordinates */
  trainRange: [number, number];
  /** interval the test grid covers, in plot coordinates */
  viewRange: [number, number];
  /** 'function': yTest is the generating function; 'interpolated': a line through custom points */
  targetKind: 'function' | 'interpolated';
}

type Fn = (u: number) => number;

const SINC_SCALE = Math.PI / 1.5;

const TARGETS: Record<Exclude<DatasetId, 'custom'>, Fn> = {
  sin: Math.sin,
  step: (x) => Math.sign(x),
  sinc: (x) => (x === 0 ? 1 : Math.sin(SINC_SCALE * x) / (SINC_SCALE * x)),
  cubic: (x) => (x / 3) ** 3,
  abs: (x) => Math.abs(x) / 2,
  circle: (g) => Math.sin(2 * g),
};

export interface SanitizedPoints {
  points: Point[];
  /** items that were not a pair of finite numbers, in order */
  malformed: unknown[];
  /** how many points had a coordinate clamped to ±CUSTOM_POINT_BOUND */
  clamped: number;
  /** how many well-formed points were dropped beyond MAX_CUSTOM_POINTS */
  truncated: number;
}

/**
 * Custom-point validation: keeps items that are pairs [x, y] of finite numbers, clamps the
 * coordinates to ±CUSTOM_POINT_BOUND and keeps the first MAX_CUSTOM_POINTS of them.
 * Exact duplicates are kept: the theory handles repeated inputs (a singular kernel is clamped).
 */
export function sanitizePoints(items: readonly unknown[]): SanitizedPoints {
  const out: SanitizedPoints = { points: [], malformed: [], clamped: 0, truncated: 0 };
  for (const item of items) {
    const pair = Array.isArray(item) && item.length === 2 ? (item as unknown[]) : null;
    const [x, y] = pair ?? [];
    if (
      typeof x !== 'number' ||
      typeof y !== 'number' ||
      !Number.isFinite(x) ||
      !Number.isFinite(y)
    ) {
      out.malformed.push(item);
    } else if (out.points.length >= MAX_CUSTOM_POINTS) {
      out.truncated++;
    } else {
      const p: Point = [clampBound(x), clampBound(y)];
      if (p[0] !== x || p[1] !== y) out.clamped++;
      out.points.push(p);
    }
  }
  return out;
}

function clampBound(v: number): number {
  // + 0 turns −0 into 0 so that equal points compare equal
  return Math.min(CUSTOM_POINT_BOUND, Math.max(-CUSTOM_POINT_BOUND, v)) + 0;
}

/**
 * The clean target as a function of the plot coordinate (x, or γ for the circle). For custom
 * data there is no generating function: this is the piecewise-linear interpolant through the
 * points (repeated x averaged), constant beyond the outermost points, 0 without points.
 */
export function targetFunction(spec: Pick<DatasetSpec, 'id' | 'points'>): Fn {
  if (spec.id !== 'custom') return TARGETS[spec.id];
  return interpolant(sanitizePoints(spec.points).points);
}

function interpolant(points: readonly Point[]): Fn {
  if (points.length === 0) return () => 0;
  const sorted = [...points].sort((p, q) => p[0] - q[0]);
  const xs: number[] = [];
  const ys: number[] = [];
  let i = 0;
  while (i < sorted.length) {
    const x = sorted[i]![0];
    let sum = 0;
    let count = 0;
    while (i < sorted.length && sorted[i]![0] === x) {
      sum += sorted[i]![1];
      count++;
      i++;
    }
    xs.push(x);
    ys.push(sum / count);
  }
  const last = xs.length - 1;
  return (u) => {
    if (u <= xs[0]!) return ys[0]!;
    if (u >= xs[last]!) return ys[last]!;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= u) lo = mid;
      else hi = mid;
    }
    const w = (u - xs[lo]!) / (xs[hi]! - xs[lo]!);
    return ys[lo]! + w * (ys[hi]! - ys[lo]!);
  };
}

/** M evenly spaced points over [lo, hi], endpoints included (the midpoint when M = 1) */
export function linspace(lo: number, hi: number, m: number): Float64Array {
  const out = new Float64Array(m);
  if (m === 1) out[0] = (lo + hi) / 2;
  for (let j = 0; j < m && m > 1; j++) out[j] = lo + ((hi - lo) * j) / (m - 1);
  return out;
}

/** the view interval: [lo, hi] scaled by VIEW_EXPAND about its centre */
export function viewInterval(lo: number, hi: number): [number, number] {
  const c = (lo + hi) / 2;
  const h = ((hi - lo) / 2) * VIEW_EXPAND;
  return [c - h, c + h];
}

/**
 * Training positions: N cells of width h = (hi − lo)/N, one point per cell at its centre plus a
 * seeded uniform jitter of ±JITTER·h, so the points are distinct, ascending and inside [lo, hi].
 */
function jitteredGrid(lo: number, hi: number, n: number, uniform: () => number): Float64Array {
  const out = new Float64Array(n);
  const h = (hi - lo) / n;
  for (let i = 0; i < n; i++) out[i] = lo + h * (i + 0.5 + JITTER * (2 * uniform() - 1));
  return out;
}

function countOf(n: number, min: number): number {
  return Number.isFinite(n) ? Math.max(min, Math.floor(n)) : min;
}

/** The dataset for a spec; deterministic in (seed, spec). */
export function makeDataset(spec: DatasetSpec): Dataset {
  const rng = createRng(spec.seed).split('dataset');
  const m = countOf(spec.nTest, 1);
  const a = Number.isFinite(spec.xMax) && spec.xMax > 0 ? spec.xMax : 1;
  const sigma = Number.isFinite(spec.noise) ? Math.max(0, spec.noise) : 0;

  if (spec.id === 'custom') {
    const { points } = sanitizePoints(spec.points);
    let lo = -a;
    let hi = a;
    for (const [x] of points) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    const plotXTrain = Float64Array.from(points, (p) => p[0]);
    const yTrain = Float64Array.from(points, (p) => p[1]);
    const view = viewInterval(lo, hi);
    const plotXTest = linspace(view[0], view[1], m);
    const f = interpolant(points);
    return {
      dim: 1,
      xTrain: plotXTrain.slice(),
      yTrain,
      yTrainClean: yTrain.slice(),
      xTest: plotXTest.slice(),
      yTest: plotXTest.map(f),
      plotXTrain,
      plotXTest,
      trainRange: [lo, hi],
      viewRange: view,
      targetKind: 'interpolated',
    };
  }

  const n = countOf(spec.nTrain, 0);
  const f = TARGETS[spec.id];
  const circle = spec.id === 'circle';
  // The circle's inputs cover the whole circle [−π, π); the view is the same circle.
  const trainRange: [number, number] = circle ? [-Math.PI, Math.PI] : [-a, a];
  const viewRange: [number, number] = circle ? [-Math.PI, Math.PI] : viewInterval(-a, a);
  const posRng = rng.split('x');
  const plotXTrain = jitteredGrid(trainRange[0], trainRange[1], n, () => posRng.uniform());
  const yTrainClean = plotXTrain.map(f);
  // ε is drawn whatever σ is, so changing σ rescales the same noise instead of redrawing it.
  const noiseRng = rng.split('noise');
  const yTrain = yTrainClean.map((y) => y + sigma * noiseRng.normal());
  const plotXTest = linspace(viewRange[0], viewRange[1], m);
  return {
    dim: circle ? 2 : 1,
    xTrain: circle ? onCircle(plotXTrain) : plotXTrain.slice(),
    yTrain,
    yTrainClean,
    xTest: circle ? onCircle(plotXTest) : plotXTest.slice(),
    yTest: plotXTest.map(f),
    plotXTrain,
    plotXTest,
    trainRange,
    viewRange,
    targetKind: 'function',
  };
}

/** angles γ (n) -> n x 2 row-major (cos γ, sin γ) */
function onCircle(angles: Float64Array): Float64Array {
  const out = new Float64Array(2 * angles.length);
  angles.forEach((g, i) => {
    out[2 * i] = Math.cos(g);
    out[2 * i + 1] = Math.sin(g);
  });
  return out;
}
