// The "Export JSON" document: the parameters, the data and the infinite-width theory as plain
// nested number arrays, so a student can load it anywhere. Pure: the page and the CLI share it.
// Non-finite numbers (a diverging run) become null, as JSON.stringify writes them.

import type { SeriesPayload, TheoryPayload } from '../../workers/kernelApi';
import { APP_VERSION } from './schema';
import type { Params } from './schema';

export interface ExportDocument {
  app: 'ntk-playground';
  version: string;
  /** the link that reproduces this experiment */
  link: string;
  params: Params;
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
): ExportDocument {
  if (series.gen !== payload.gen)
    throw new Error(`series of generation ${series.gen} for theory ${payload.gen}`);
  const { data, theory } = payload;
  const n = data.yTrain.length;
  return {
    app: 'ntk-playground',
    version: APP_VERSION,
    link,
    params: JSON.parse(JSON.stringify(params)) as Params,
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
  };
}

/** ntk-playground-20250101-120000.json (local time) */
export function exportFileName(date: Date): string {
  const p = (v: number) => String(v).padStart(2, '0');
  const day = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}`;
  const time = `${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `ntk-playground-${day}-${time}.json`;
}
