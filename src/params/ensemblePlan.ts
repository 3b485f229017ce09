// From the parameters to the ensemble's plan (memory, fit, time estimate) and the trainer's
// spec, or the plain reason why no finite nets train.

import { frameFlops, largestFitting, memoryEstimate, stepFlops } from '../core/ensembleCost';
import type { EnsembleShape } from '../core/ensembleCost';
import type { EnsembleSpec } from '../../workers/ensembleApi';
import type { EngineKind } from '../../workers/engines/engine';
import { buildExperiment } from '../params/experiment';
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

/**
 * Speed assumed for the estimate before anything ran (flops per ms): about what tfjs on one CPU
 * core sustains on these small full-batch products. Replaced by the measured time at once.
 */
export const ASSUMED_FLOPS_PER_MS = 1e6;
/**
 * Fixed cost per net and layer of one tfjs GD step (op dispatch, autodiff bookkeeping): small
 * nets are dominated by it (measured in Chromium on tfjs WASM: ~1 ms per net-layer).
 */
export const ASSUMED_MS_PER_NET_LAYER = 1;

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
  /** flop-model estimate before anything ran (ms per GD step of the whole ensemble) */
  estimatedMsPerStep: number;
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

/** The plan and the spec for these parameters (width must be finite). */
export function planEnsemble(p: Params): Planned {
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
  // a chunk of k steps also computes one frame; spread it over a typical 10-step chunk
  const flops = stepFlops(shape) + frameFlops(shape, nTest) / 10;
  const plan: EnsemblePlan = {
    width: arch.width,
    size: p.nets,
    depth: arch.depth,
    memoryBytes,
    budgetBytes,
    fits: memoryBytes <= budgetBytes,
    largest,
    estimatedMsPerStep:
      flops / ASSUMED_FLOPS_PER_MS + ASSUMED_MS_PER_NET_LAYER * p.nets * (arch.depth + 1),
  };
  const spec: EnsembleSpec = {
    ...pick(own, ['arch', 'xTrain', 'yTrain', 'xTest', 'yTest', 'dim', 'lr', 'seed']),
    size: p.nets,
  };
  return { plan, spec, nTest };
}
