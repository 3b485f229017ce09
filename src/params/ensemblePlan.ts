// From the parameters to the ensemble's plan (memory, fit, time estimate) and the trainer's
// spec, or the plain reason why no finite nets train.

import {
  frameFlops,
  largestFitting,
  memoryEstimate,
  parameterCount,
  stepFlops,
} from '../core/ensembleCost';
import { ASSUMED_SPEED, estimateMs, type EngineSpeed } from '../core/ensembleSpeed';
import type { EnsembleShape } from '../core/ensembleCost';
import type { EnsembleSpec } from '../../workers/ensembleApi';
import type { EngineKind } from '../../workers/engines/engine';
import { buildExperiment, stepGrid } from '../params/experiment';
import { SCHEMA, isInfiniteWidth } from '../params/schema';
import type { BackendId, Params } from '../params/schema';

/**
 * The engine a backend choice trains on in Node (CLI, drift spec), where only tfjs's CPU and WASM
 * backends exist: `auto` and `simd` are the fused WASM SIMD kernel, the page's choice on a
 * machine without a GPU; every other choice is tfjs. In the page the worker resolves `backend`.
 */
export function nodeEngineOf(backend: BackendId): EngineKind {
  return backend === 'auto' || backend === 'simd' ? 'simd' : 'tfjs';
}

/** bytes in the budget's MB */
export const MB = 2 ** 20;

/** why no finite nets train with these parameters, or null when they do */
export function offReason(p: Params): string | null {
  if (isInfiniteWidth(p))
    return 'Width ∞: only the infinite-width theory is drawn; no finite networks train. Pick a finite width to train networks beside it.';
  if (p.mode === 'nngp')
    return 'The finite networks train every layer, so they follow the NTK rules, not readout-only training. Set “Trained layers” to All layers (NTK) to train them beside the theory.';
  return null;
}

export interface EnsemblePlan {
  width: number;
  size: number;
  depth: number;
  memoryBytes: number;
  budgetBytes: number;
  fits: boolean;
  /** the largest E at this width and the largest width at this E that fit (0: none) */
  largest: { size: number; width: number };
  /** estimate before anything ran: ms per GD step of the whole ensemble */
  estimatedMsPerStep: number;
  /** ms of one recorded frame (every net's outputs on the test and training points) */
  estimatedFrameMs: number;
  /** ms to build the initial nets and their empirical NTK */
  estimatedInitMs: number;
  /** ms of the nets' empirical NTK on the training points (the drift at every recorded step) */
  estimatedNtkMs: number;
  /** the estimate comes from a probe of this machine (false: an assumed typical speed) */
  calibrated: boolean;
}

/** a chunk of steps aims at this wall time (the chunk pump's default) */
const CHUNK_MS = 40;

/**
 * Estimated ms to train from step `from` to `to`: the steps; one frame per chunk, where a chunk
 * aims at CHUNK_MS, or at twice the frame when the frame alone is longer (ensembleTiming.ts), and
 * ends at every recorded step of the step grid; the NTK drift at every recorded step; and
 * building the nets when they start from scratch.
 */
export function estimatedMsToK(plan: EnsemblePlan, to: number, from = 0): number {
  const steps = Math.max(0, to - from);
  const stepsMs = steps * plan.estimatedMsPerStep;
  const frame = plan.estimatedFrameMs;
  const chunkSteps = Math.max(CHUNK_MS, 2 * frame) - frame;
  const recorded = stepGrid(to).filter((k) => k > from).length;
  const frames = Math.max(recorded, steps > 0 ? Math.ceil(stepsMs / chunkSteps) : 0);
  const start = from === 0 ? plan.estimatedInitMs : 0;
  return stepsMs + frames * frame + recorded * plan.estimatedNtkMs + start;
}

export interface Planned {
  plan: EnsemblePlan;
  spec: EnsembleSpec;
  /** M, test points */
  nTest: number;
}

/** the listed fields of o */
function pick<T, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}

/** a duration in the unit that reads best: 0.88 ms, 40 ms, 12.3 s, 7 min, 4.1 h */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** why a run estimated at `ms` to K does not start by itself (over `maxMs`), or null */
export function tooSlowToStart(ms: number, maxMs: number): string | null {
  if (!(ms > maxMs)) return null;
  return `This run would take about ${formatDuration(ms)} here, so it did not start by itself: press Train to start it anyway.`;
}

/**
 * The plan and the spec for these parameters (width must be finite); the time estimate uses
 * `speed`, this machine's probed speed, or an assumed typical one until the probe answered.
 */
export function planEnsemble(p: Params, speed: EngineSpeed | null = null): Planned {
  // the experiment's own copies of the data (theoryInput owns them), so the spec can be transferred
  const { arch, data, theoryInput: own } = buildExperiment(p);
  const shape: EnsembleShape = {
    arch,
    size: p.nets,
    dim: data.dim,
    nTrain: data.yTrain.length,
  };
  const budgetBytes = p.memoryMb * MB;
  const memoryBytes = memoryEstimate(shape);
  const largest = largestFitting(shape, budgetBytes, SCHEMA.width.range[1]);
  const nTest = data.yTest.length;
  const model = speed ?? ASSUMED_SPEED;
  const n = arch.width;
  const calls = p.nets * (arch.depth + 1);
  const nTrain = shape.nTrain;
  const params = p.nets * parameterCount(shape);
  // the empirical NTK: a gradient per training point, then N² dot products of P numbers per net
  const ntkMs = estimateMs(model, n, params * (6 * nTrain + 2 * nTrain * nTrain), nTrain * calls);
  const plan: EnsemblePlan = {
    width: n,
    size: p.nets,
    depth: arch.depth,
    memoryBytes,
    budgetBytes,
    fits: memoryBytes <= budgetBytes,
    largest,
    estimatedMsPerStep: estimateMs(model, n, stepFlops(shape), calls),
    // two forward passes per net: the test points and the training points
    estimatedFrameMs: estimateMs(model, n, frameFlops(shape, nTest), 2 * calls),
    estimatedInitMs: params * model.msPerInitParam + ntkMs,
    estimatedNtkMs: ntkMs,
    calibrated: speed !== null,
  };
  const spec: EnsembleSpec = {
    ...pick(own, ['arch', 'xTrain', 'yTrain', 'xTest', 'yTest', 'dim', 'lr', 'seed']),
    size: p.nets,
  };
  return { plan, spec, nTest };
}
