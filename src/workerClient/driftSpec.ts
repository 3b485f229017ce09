// The drift sweep's input from the page's parameters (shared by the page and the CLI, so a link
// gives the same sweep in both): the experiment's architecture, training data, η and seed; the
// widths driftFrom, doubling, up to driftTo; driftNets nets and driftSteps steps per width; the
// memory budget `mem` (or an override, e.g. the CLI's --memory-mb).

import { sweepWidths } from '../core/driftFit';
import { makeDataset } from '../core/datasets';
import { nodeEngineOf } from '../params/ensemblePlan';
import { archFromParams, datasetSpecFromParams } from '../params/experiment';
import type { Params } from '../params/schema';
import type { DriftSweepSpec } from '../../workers/driftSweep';

export function driftSpecOf(params: Params, memoryMb: number = params.memoryMb): DriftSweepSpec {
  const data = makeDataset(datasetSpecFromParams(params));
  return {
    arch: archFromParams(params),
    widths: sweepWidths(params.driftFrom, params.driftTo),
    nets: params.driftNets,
    steps: params.driftSteps,
    seed: params.seed,
    xTrain: data.xTrain.slice(),
    yTrain: data.yTrain.slice(),
    dim: data.dim,
    lr: params.lr,
    memoryBytes: memoryMb * 2 ** 20,
    // in Node (CLI) the engine is fixed here; in the page the worker resolves `backend`
    engine: nodeEngineOf(params.backend),
    backend: params.backend,
  };
}
