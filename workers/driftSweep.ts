// The NTK drift-vs-width sweep (docs/science.md#ntk-drift): at each width of the ladder, train
// E' nets for T steps by full-batch GD on ½·mean at the experiment's η, and record per net the
// drift ‖Θ̂_T − Θ̂_0‖_F/‖Θ̂_0‖_F and the init error ‖Θ̂_0 − Θ‖_F/‖Θ‖_F (Θ analytic, on x_train);
// per width their mean and standard error over nets; the log-log slopes (src/core/driftFit.ts).
// E' = min(E, the largest ensemble whose memoryEstimate fits the budget at that width); a width
// where not even 2 nets fit is skipped with a message.
// Pull-based: `advance(budgetMs)` works for about that long and returns the progress, so a worker
// answers often and the page can stop asking (or terminate it) between chunks. Only the public
// ensemble API is used, one net at a time (an ensemble of size 1 whose net is net i of the
// sweep, via firstNet), because the drift and init error are needed per net.

import type { BackendId } from '../src/params/schema';
import type { ArchSpec } from '../src/core/arch';
import { fitLogLogSlope, meanSe, relativeFrobenius, type SlopeFit } from '../src/core/driftFit';
import { kernelFn } from '../src/core/kernels';
import { fromData } from '../src/core/linalg/matrix';
import type { DriftExport } from '../src/formats/exportJson';
import type { EngineKind } from './engines/engine';
import { createEnsembleApi, largestFitting, memoryEstimate, type EnsembleApi } from './ensembleApi';

export interface DriftSweepSpec {
  /** the architecture; its width is replaced by each width of the sweep */
  arch: ArchSpec;
  /** ascending widths (sweepWidths(from, to)) */
  widths: number[];
  /** nets per width E (≥ 2), fewer where the memory budget is short */
  nets: number;
  /** GD steps T per net */
  steps: number;
  seed: number;
  /** N x d, row-major */
  xTrain: Float64Array;
  yTrain: ArrayLike<number>;
  dim: number;
  /** step size η of ½·mean */
  lr: number;
  /** memory budget for one width's ensemble, bytes */
  memoryBytes: number;
  /** the engine in Node (tests, CLI); the drift worker sets it from `backend` */
  engine?: EngineKind;
  /** the page's backend choice: the drift worker starts the sweep on the best one that runs */
  backend?: BackendId;
}

export interface WidthPlan {
  width: number;
  /** nets trained at this width (0 when skipped) */
  nets: number;
  /** fewer nets than asked, for memory */
  reduced: boolean;
  /** why the width is skipped, or null */
  skipped: string | null;
}

export interface DriftPoint {
  width: number;
  nets: number;
  /** per net ‖Θ̂_T − Θ̂_0‖_F / ‖Θ̂_0‖_F */
  drift: number[];
  /** per net ‖Θ̂_0 − Θ‖_F / ‖Θ‖_F */
  initError: number[];
  driftMean: number;
  driftSe: number;
  initMean: number;
  initSe: number;
}

export interface DriftProgress {
  done: boolean;
  plan: WidthPlan[];
  /** completed widths, ascending */
  points: DriftPoint[];
  /** where the sweep is: index into plan, net index, steps done by that net */
  at: { index: number; width: number; net: number; step: number } | null;
  /** share of the estimated work done, 0..1 */
  fraction: number;
  /** estimated seconds left (null until something was measured) */
  secondsLeft: number | null;
  /** fit of the mean drift over the completed widths */
  fit: SlopeFit | null;
  /** fit of the mean init error */
  initFit: SlopeFit | null;
  /** the Export JSON `drift` object of the completed widths (null until there is a slope) */
  export: DriftExport | null;
}

export interface DriftSweep {
  /** work for about `budgetMs` (at least one unit: a net's init or one chunk of steps) */
  advance(budgetMs: number): DriftProgress;
  progress(): DriftProgress;
  dispose(): void;
}

const MIN_NETS = 2;
/** a net's kernel evaluations and init cost about this many GD steps (for the time estimate) */
const KERNEL_STEP_EQUIV = 4;
/**
 * The time estimate's cost of one step of one net: its memoryEstimate plus a fixed per-step
 * overhead worth about 0.75 MB (measured with tfjs: step time ≈ 24 ms + 33 ms per MB).
 */
const STEP_OVERHEAD_BYTES = 0.75 * 2 ** 20;

const mb = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;

/** Nets per width under the memory budget. */
export function planSweep(
  spec: Pick<DriftSweepSpec, 'arch' | 'widths' | 'nets' | 'xTrain' | 'dim' | 'memoryBytes'>,
): WidthPlan[] {
  return spec.widths.map((width) => {
    const shape = { arch: { ...spec.arch, width }, size: spec.nets, dim: spec.dim };
    const fit = largestFitting({ ...shape, xTrain: spec.xTrain }, spec.memoryBytes).size;
    const nets = Math.min(spec.nets, fit);
    if (nets < MIN_NETS) {
      const two = memoryEstimate({ ...shape, size: MIN_NETS, xTrain: spec.xTrain });
      return {
        width,
        nets: 0,
        reduced: true,
        skipped: `width ${width} skipped: 2 nets need ${mb(two)}, over the ${mb(spec.memoryBytes)} budget`,
      };
    }
    return { width, nets, reduced: nets < spec.nets, skipped: null };
  });
}

function checkSpec(spec: DriftSweepSpec): void {
  if (spec.widths.length === 0)
    throw new Error('the sweep has no widths: its first width is above its last');
  if (!spec.widths.every((w) => Number.isInteger(w) && w >= 1))
    throw new Error('sweep widths must be whole numbers ≥ 1');
  if (!Number.isInteger(spec.nets) || spec.nets < MIN_NETS)
    throw new Error(`a sweep needs at least ${MIN_NETS} nets per width`);
  if (!Number.isInteger(spec.steps) || spec.steps < 1)
    throw new Error('a sweep needs at least 1 step');
  if (!(spec.memoryBytes > 0)) throw new Error('the memory budget must be positive');
}

export function createDriftSweep(
  spec: DriftSweepSpec,
  opts: { api?: EnsembleApi; now?: () => number } = {},
): DriftSweep {
  checkSpec(spec);
  const api = opts.api ?? createEnsembleApi();
  const now = opts.now ?? (() => performance.now());
  const plan = planSweep(spec);
  const N = spec.xTrain.length / spec.dim;
  const xd = fromData(N, spec.dim, spec.xTrain);
  const unitsPerNet = (width: number) =>
    (memoryEstimate({
      arch: { ...spec.arch, width },
      size: 1,
      dim: spec.dim,
      xTrain: spec.xTrain,
    }) +
      STEP_OVERHEAD_BYTES) *
    (spec.steps + KERNEL_STEP_EQUIV);
  const totalUnits = plan.reduce((s, p) => s + p.nets * unitsPerNet(p.width), 0);

  const points: DriftPoint[] = [];
  let index = plan.findIndex((p) => p.skipped === null);
  let net = 0;
  /** steps taken by the current net; -1 before it was initialised */
  let step = -1;
  let theta: Float64Array | null = null;
  let drift: number[] = [];
  let initError: number[] = [];
  let msPerStep = NaN;
  let unitsDone = 0;
  let busyMs = 0;

  const analyticNtk = (width: number): Float64Array =>
    kernelFn({ ...spec.arch, width }, xd, xd).ntk.data;

  const finishWidth = (p: WidthPlan): void => {
    const d = meanSe(drift);
    const e = meanSe(initError);
    points.push({
      width: p.width,
      nets: p.nets,
      drift,
      initError,
      driftMean: d.mean,
      driftSe: d.se,
      initMean: e.mean,
      initSe: e.se,
    });
    drift = [];
    initError = [];
    theta = null;
    net = 0;
    msPerStep = NaN;
    do index++;
    while (index < plan.length && plan[index]!.skipped !== null);
    if (index >= plan.length) index = -1;
  };

  /** one unit of work: init a net, or one chunk of its steps, or its final drift */
  const work = (remainingMs: number): void => {
    const p = plan[index]!;
    if (step < 0) {
      theta ??= analyticNtk(p.width);
      api.init({
        arch: { ...spec.arch, width: p.width },
        size: 1,
        seed: spec.seed,
        firstNet: net,
        xTrain: spec.xTrain,
        yTrain: spec.yTrain,
        xTest: spec.xTrain,
        dim: spec.dim,
        lr: spec.lr,
        ...(spec.engine ? { engine: spec.engine } : {}),
      });
      initError.push(relativeFrobenius(api.empiricalNtk('init'), theta));
      step = 0;
      unitsDone +=
        unitsPerNet(p.width) * (KERNEL_STEP_EQUIV / 2 / (spec.steps + KERNEL_STEP_EQUIV));
      return;
    }
    if (step < spec.steps) {
      const left = spec.steps - step;
      const k = Number.isFinite(msPerStep)
        ? Math.max(1, Math.min(left, Math.floor(remainingMs / Math.max(msPerStep, 1e-3))))
        : 1;
      const t0 = now();
      api.step(k);
      msPerStep = (now() - t0) / k;
      step += k;
      unitsDone += (unitsPerNet(p.width) * k) / (spec.steps + KERNEL_STEP_EQUIV);
      return;
    }
    drift.push(api.ntkDrift());
    unitsDone += unitsPerNet(p.width) * (KERNEL_STEP_EQUIV / 2 / (spec.steps + KERNEL_STEP_EQUIV));
    step = -1;
    net++;
    if (net >= p.nets) finishWidth(p);
  };

  const progress = (): DriftProgress => {
    const done = index < 0;
    const fraction = done ? 1 : totalUnits > 0 ? Math.min(1, unitsDone / totalUnits) : 0;
    const secondsLeft = done
      ? 0
      : unitsDone > 0 && busyMs > 0
        ? ((busyMs / unitsDone) * (totalUnits - unitsDone)) / 1000
        : null;
    const widths = points.map((q) => q.width);
    const fit = fitLogLogSlope(
      widths,
      points.map((q) => q.driftMean),
      points.map((q) => q.driftSe),
    );
    return {
      done,
      plan,
      points: points.map((q) => ({ ...q, drift: [...q.drift], initError: [...q.initError] })),
      at: done ? null : { index, width: plan[index]!.width, net, step: Math.max(step, 0) },
      fraction,
      secondsLeft,
      fit,
      initFit: fitLogLogSlope(
        widths,
        points.map((q) => q.initMean),
        points.map((q) => q.initSe),
      ),
      export: fit
        ? {
            widths,
            mean: points.map((q) => q.driftMean),
            se: points.map((q) => q.driftSe),
            slope: fit.slope,
            slopeSe: fit.slopeSe,
          }
        : null,
    };
  };

  return {
    advance(budgetMs) {
      if (index < 0) return progress();
      const t0 = now();
      do work(budgetMs - (now() - t0));
      while (index >= 0 && now() - t0 < budgetMs);
      busyMs += now() - t0;
      if (index < 0) api.dispose();
      return progress();
    },
    progress,
    dispose: () => api.dispose(),
  };
}

/** Run a whole sweep synchronously (CLI, tests); `onProgress` after every chunk. */
export function runDriftSweep(
  spec: DriftSweepSpec,
  onProgress?: (p: DriftProgress) => void,
  chunkMs = 1000,
): DriftProgress {
  const sweep = createDriftSweep(spec);
  try {
    let p = sweep.progress();
    while (!p.done) {
      p = sweep.advance(chunkMs);
      onProgress?.(p);
    }
    return p;
  } finally {
    sweep.dispose();
  }
}

/** The sweep as a worker's API object: one sweep at a time, pulled in chunks. */
export interface DriftApi {
  /** start a new sweep (dropping any other) and return its progress before any work */
  start(spec: DriftSweepSpec): DriftProgress;
  /** work on it for about `budgetMs` */
  advance(budgetMs: number): DriftProgress;
  dispose(): void;
}

export function createDriftApi(): DriftApi {
  let sweep: DriftSweep | null = null;
  const dispose = () => {
    sweep?.dispose();
    sweep = null;
  };
  return {
    start(spec) {
      dispose();
      sweep = createDriftSweep(spec);
      return sweep.progress();
    },
    advance(budgetMs) {
      if (!sweep) throw new Error('no sweep started');
      return sweep.advance(budgetMs);
    },
    dispose,
  };
}
