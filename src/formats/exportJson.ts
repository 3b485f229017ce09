// The "Export JSON" document: the parameters, the data and the infinite-width theory as plain
// nested number arrays, so a student can load it anywhere. Pure: the page and the CLI share it.
// Non-finite numbers (a diverging run) become null, as JSON.stringify writes them.

import type { SeriesPayload, TheoryPayload } from '../../workers/kernelApi';
import { APP_VERSION } from '../params/schema';
import type { ParamKey, Params } from '../params/schema';

/**
 * Export JSON keeps the field names its `params` had before these schema keys were renamed: a
 * renamed key (left) is written under its old name (right). Every other parameter is written
 * under its schema key. The link's URL keys are a separate table (SCHEMA[key].url).
 */
export const EXPORT_PARAM_NAMES = {
  parameterization: 'param',
  cursor: 'step',
} as const satisfies Partial<Record<ParamKey, string>>;

type ExportName<K extends ParamKey> = K extends keyof typeof EXPORT_PARAM_NAMES
  ? (typeof EXPORT_PARAM_NAMES)[K]
  : K;

/** the parameters under their Export JSON names (EXPORT_PARAM_NAMES) */
export type ExportParams = { [K in ParamKey as ExportName<K>]: Params[K] };

/** a parameter's field name in Export JSON's `params` */
export function exportParamName(key: ParamKey): string {
  return Object.hasOwn(EXPORT_PARAM_NAMES, key)
    ? EXPORT_PARAM_NAMES[key as keyof typeof EXPORT_PARAM_NAMES]
    : key;
}

/**
 * Export JSON's `params`: the parameters in their own order under their export names, the width
 * ∞ written "inf" as in the link (JSON has no ∞; JSON.stringify would write null).
 */
export function exportParams(params: Params): ExportParams {
  const named = Object.fromEntries(
    (Object.keys(params) as ParamKey[]).map((key) => [exportParamName(key), params[key]]),
  );
  return JSON.parse(
    JSON.stringify(named, (key: string, value: unknown) =>
      key === 'width' && value === Infinity ? 'inf' : value,
    ),
  ) as ExportParams;
}

export interface ExportDocument {
  app: 'ntk-playground';
  version: string;
  /** the link that reproduces this experiment */
  link: string;
  /**
   * the parameters, under their export names (EXPORT_PARAM_NAMES); the width ∞ (NTK
   * parameterization only) is written "inf"
   */
  params: ExportParams;
  data: {
    /** N x d */
    xTrain: number[][];
    yTrain: number[];
    /** M x d */
    xTest: number[][];
  };
  theory: {
    steps: number[];
    /** t = η·k */
    times: number[];
    /** [time][M] */
    mean: number[][];
    std: number[][];
    meanInf: number[];
    stdInf: number[];
    priorStd: number[];
    /** N x N */
    nngpTrain: number[][];
    ntkTrain: number[][];
    lossTrain: number[];
    lossTest: number[];
    etaCrit: number;
  };
  /** present once the finite ensemble has trained */
  ensemble?: EnsembleExport;
  /** present once an NTK drift sweep has run */
  drift?: DriftExport;
}

/**
 * The trained finite ensemble (docs/architecture.md#finite-ensemble), recorded at the steps `t` (whole GD steps k; the page
 * records at the theory's step grid, the CLI at a case's finite step counts). mean/var are over
 * the E nets on xTest (variance divisor E − 1); ntkInit is the mean over nets of the empirical
 * NTK at init on xTrain; ntkDrift[T] the mean over nets of ‖Θ̂_k − Θ̂_0‖_F/‖Θ̂_0‖_F on xTrain.
 * lossTrain/lossTest are ½·mean((f − y)²) per net (the page's export; the CLI's case output
 * leaves them out).
 */
export interface EnsembleExport {
  width: number;
  size: number;
  seed: number;
  t: number[];
  /** [T][M] */
  mean: number[][];
  var: number[][];
  /** [T][E] */
  lossTrain?: number[][];
  lossTest?: number[][];
  /** N x N */
  ntkInit: number[][];
  ntkDrift: number[];
}

/** An NTK drift-vs-width sweep: per width the mean over nets of ‖Θ̂_T − Θ̂_0‖_F/‖Θ̂_0‖_F, its
 * standard error, and the log-log least-squares slope with its standard error. */
export interface DriftExport {
  widths: number[];
  mean: number[];
  se: number[];
  slope: number;
  slopeSe: number;
}

/** one recorded step of the ensemble, as the page records it and the CLI's --train replays it */
export interface EnsembleRecord {
  step: number;
  mean: ArrayLike<number>;
  var: ArrayLike<number>;
  /** per net */
  lossTrain: ArrayLike<number>;
  lossTest: ArrayLike<number> | null;
  drift: number;
}

/** The `ensemble` object of Export JSON from the recorded steps (shared by the page and the CLI). */
export function ensembleExportOf(
  head: { width: number; size: number; seed: number },
  records: readonly EnsembleRecord[],
  ntkInit: ArrayLike<number> | null,
): EnsembleExport {
  const n = ntkInit ? Math.round(Math.sqrt(ntkInit.length)) : 0;
  const list = (v: ArrayLike<number>): number[] => Array.from(v);
  return {
    ...head,
    t: records.map((f) => f.step),
    mean: records.map((f) => list(f.mean)),
    var: records.map((f) => list(f.var)),
    lossTrain: records.map((f) => list(f.lossTrain)),
    ...(records.every((f) => f.lossTest)
      ? { lossTest: records.map((f) => list(f.lossTest ?? [])) }
      : {}),
    ntkInit: ntkInit ? toRows(ntkInit, n) : [],
    ntkDrift: records.map((f) => f.drift),
  };
}

/** rows of a row-major block with `cols` columns */
export function toRows(values: ArrayLike<number>, cols: number): number[][] {
  const rows: number[][] = [];
  if (cols <= 0) return rows;
  for (let i = 0; i + cols <= values.length; i += cols) {
    rows.push(Array.from({ length: cols }, (_, j) => values[i + j] ?? NaN));
  }
  return rows;
}

const list = (values: ArrayLike<number>): number[] => Array.from(values);

/**
 * The document for one generation: the summary of `theory` and its time `series` (both phases
 * must belong to the same generation).
 */
export function buildExport(
  params: Params,
  payload: TheoryPayload,
  series: SeriesPayload,
  link: string,
  extras: { ensemble?: EnsembleExport; drift?: DriftExport } = {},
): ExportDocument {
  if (series.gen !== payload.gen)
    throw new Error(`series of generation ${series.gen} for theory ${payload.gen}`);
  const { data, theory } = payload;
  const n = data.yTrain.length;
  return {
    app: 'ntk-playground',
    version: APP_VERSION,
    link,
    params: exportParams(params),
    data: {
      xTrain: toRows(data.xTrain, data.dim),
      yTrain: list(data.yTrain),
      xTest: toRows(data.xTest, data.dim),
    },
    theory: {
      steps: [...series.steps],
      times: [...series.times],
      mean: series.mean.map(list),
      std: series.std.map(list),
      meanInf: list(theory.meanInf),
      stdInf: list(theory.stdInf),
      priorStd: list(theory.priorStd),
      nngpTrain: toRows(theory.nngpTrain, n),
      ntkTrain: toRows(theory.ntkTrain, n),
      lossTrain: [...series.lossTrain],
      lossTest: [...series.lossTest],
      etaCrit: theory.etaCrit,
    },
    ...(extras.ensemble ? { ensemble: extras.ensemble } : {}),
    ...(extras.drift ? { drift: extras.drift } : {}),
  };
}

/** ntk-playground-20250101-120000.json (local time) */
export function exportFileName(date: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  const day = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}`;
  const time = `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `ntk-playground-${day}-${time}.json`;
}
