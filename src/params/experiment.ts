// From the parameters to what the engines need: the architecture, the dataset and the theory
// input (docs/science.md#dynamics). Deterministic in the parameters; nothing here is random by itself
// (the dataset draws from createRng(seed).split('dataset')).

import type { ArchSpec } from '../core/arch';
import { makeDataset, type Dataset, type DatasetSpec } from '../core/datasets';
import type { TheoryInput } from '../core/theoryTypes';
import { SCHEMA, type Params } from './schema';

/** how many positive step counts the theory's time grid holds (plus k = 0) */
export const STEP_GRID_SIZE = 80;

export interface Experiment {
  arch: ArchSpec;
  data: Dataset;
  /** owns copies of the dataset's arrays, so transferring it to a worker leaves `data` intact */
  theoryInput: TheoryInput;
}

export function archFromParams(p: Params): ArchSpec {
  return {
    depth: p.depth,
    width: p.width,
    activation: p.activation,
    alpha: p.alpha,
    a: p.abA,
    b: p.abB,
    wStd: p.wStd,
    bStd: p.bStd,
    bias: p.bias,
    parameterization: p.parameterization,
  };
}

export function datasetSpecFromParams(p: Params): DatasetSpec {
  return {
    id: p.dataset,
    nTrain: p.nTrain,
    noise: p.noise,
    xMax: p.xMax,
    nTest: p.nTest,
    seed: p.seed,
    points: p.points,
  };
}

/**
 * The time grid in whole steps: 0, then `count` distinct integers from 1 to K, ascending, K last,
 * spaced geometrically (each ratio re-aimed at K, and at least +1, so the early steps are
 * 1, 2, 3, … and nothing is lost to rounding). Every step 0..K when K ≤ count.
 */
export function stepGrid(maxSteps: number, count = STEP_GRID_SIZE): number[] {
  const k = Number.isFinite(maxSteps) ? Math.max(1, Math.floor(maxSteps)) : 1;
  const n = Math.max(1, Math.floor(count));
  if (k <= n) return Array.from({ length: k + 1 }, (_, i) => i);
  const out = [0, 1];
  let prev = 1;
  for (let remaining = n - 1; remaining > 0; remaining--) {
    const target = Math.round(prev * (k / prev) ** (1 / remaining));
    // leave room for the remaining − 1 later steps below K
    const next = Math.min(k - remaining + 1, Math.max(prev + 1, target));
    out.push(next);
    prev = next;
  }
  return out;
}

/** the cursor's whole step k, at most K */
export function cursorStep(p: Pick<Params, 'cursor' | 'maxSteps'>): number {
  return Math.min(p.cursor, p.maxSteps);
}

/** the cursor's time t = η·k, the app's clock */
export function cursorTime(p: Pick<Params, 'cursor' | 'maxSteps' | 'lr'>): number {
  return p.lr * cursorStep(p);
}

/**
 * Everything the engines need for these parameters. The theory always draws the maximum number
 * of prior samples (the `samples` parameter is a view setting: the plot shows the first ones),
 * so showing one more sample keeps the ones already shown.
 */
export function buildExperiment(p: Params): Experiment {
  const arch = archFromParams(p);
  const data = makeDataset(datasetSpecFromParams(p));
  const theoryInput: TheoryInput = {
    arch: { ...arch },
    xTrain: data.xTrain.slice(),
    yTrain: data.yTrain.slice(),
    xTest: data.xTest.slice(),
    yTest: data.yTest.slice(),
    dim: data.dim,
    lr: p.lr,
    steps: stepGrid(p.maxSteps),
    diagReg: p.diagReg,
    mode: p.mode,
    priorSamples: SCHEMA.samples.range[1],
    seed: p.seed,
  };
  return { arch, data, theoryInput };
}
