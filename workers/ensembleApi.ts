// The trainer's one API (docs/architecture.md#finite-ensemble): an ensemble of E finite nets (docs/science.md#matching-finite-networks) trained by
// full-batch GD on ½·mean((f − y)²), pulled in chunks of k steps by the caller. A plain object,
// unit-testable in Node; ensemble.worker.ts exposes it from a worker. The nets live in an engine
// (workers/engines/engine.ts) chosen by spec.engine: 'tfjs' (TfjsNet) or 'simd' (the fused WASM
// SIMD kernel); both hold the same nets from the same seed.
// Net i uses the seeded stream of index firstNet + i (rawDraws), so `restart(lr)` rebuilds exactly the same
// initial nets: a new η restarts training from the same initialisation.
// Empirical NTKs on xTrain at init are recorded per net on first use; if steps were already taken
// by then, they are recomputed from freshly rebuilt initial nets (init is deterministic).
// `resume` moves the nets to another engine after the current one failed: it rebuilds the same
// seeded nets there and replays full-batch GD to the step reached. Replay, not copying the
// parameters over: a step that threw may have updated some nets and not others, and a lost GPU
// device may not give its parameters back; GD is deterministic, so the replayed nets are exactly
// those an uninterrupted run on the new engine would hold.

import {
  MAX_ENSEMBLE,
  largestFitting as coreLargestFitting,
  memoryEstimate as coreMemoryEstimate,
  type EnsembleShape,
} from '../src/core/ensembleCost';
import type { ArchSpec } from '../src/core/arch';
import { createEngine } from './engines/createEngine';
import { frameStats, meanOf, meanValue } from '../src/core/ensembleStats';
import type {
  EmpiricalKernels,
  EngineInit,
  EngineKind,
  EnsembleEngine,
  NetParameters,
} from './engines/engine';
import type { SimdKernelVariant } from './engines/simdKernel';

export { MAX_ENSEMBLE };

export interface EnsembleSpec {
  arch: ArchSpec;
  /** number of nets E, 1..64 */
  size: number;
  seed: number;
  /** N x d, row-major */
  xTrain: Float64Array;
  /** N targets */
  yTrain: ArrayLike<number>;
  /** M x d, row-major */
  xTest: Float64Array;
  /** M test targets (optional: enables lossTest) */
  yTest?: ArrayLike<number>;
  /** input dimension d */
  dim: number;
  /** step size η */
  lr: number;
  /**
   * The training engine: 'tfjs' (TfjsNet on whatever tfjs backend is active) or 'simd' (the
   * app's fused WASM SIMD kernel). Default 'tfjs'. Both give the same nets from the same seed.
   */
  engine?: EngineKind;
  /**
   * The 'simd' engine's kernel build: 'relaxed' (fused multiply-add) or 'plain'. Default: relaxed
   * where the runtime runs relaxed SIMD. The two round differently, so a run reproduces another
   * to the bit only on the same variant.
   */
  simdKernel?: SimdKernelVariant;
  /**
   * Index of this ensemble's first net (default 0): net i here is net firstNet + i of the whole
   * ensemble, so several workers can each train a shard and together hold the same nets as one.
   */
  firstNet?: number;
}

export interface EnsembleFrame {
  /** GD steps taken so far */
  step: number;
  /** E x M, row-major: net e's f on the test points */
  outputs: Float32Array;
  /** ½·mean((f − y)²) on the training set, per net */
  lossTrain: Float32Array;
  /** the same on the test set, per net (null when no yTest was given) */
  lossTest: Float32Array | null;
  /** ensemble mean over nets, per test point */
  mean: Float64Array;
  /** ensemble variance over nets (divisor E − 1; 0 when E = 1), per test point */
  var: Float64Array;
}

/** what a chunk off the recorded grid returns: no test-point outputs, which cost a forward pass */
export interface EnsembleProgress {
  /** GD steps taken so far */
  step: number;
  /** ½·mean((f − y)²) on the training set, per net */
  lossTrain: Float32Array;
}

export interface EnsembleApi {
  init(spec: EnsembleSpec): EnsembleFrame;
  /** k full-batch GD steps on every net, then the frame */
  step(k: number): EnsembleFrame;
  /** k full-batch GD steps on every net, then only the step and the training loss */
  train(k: number): EnsembleProgress;
  frame(): EnsembleFrame;
  /** rebuild the same initial nets (same seed), set η and reset the step counter */
  restart(lr: number): EnsembleFrame;
  /** mean over nets of the empirical NTK on xTrain (N x N, row-major) */
  empiricalNtk(which: 'init' | 'current'): Float64Array;
  /** mean over nets of ‖Θ̂_k − Θ̂_0‖_F / ‖Θ̂_0‖_F on xTrain */
  ntkDrift(): number;
  /** the empirical NTK on xTrain per net (what empiricalNtk averages), for merging shards */
  empiricalNtkNets(which: 'init' | 'current'): Float64Array[];
  /** the relative NTK drift per net (what ntkDrift averages), for merging shards */
  ntkDriftNets(): Float64Array;
  /** Θ̂(xa, xb) per net (what ntkCross averages), for merging shards */
  ntkCrossNets(xa: Float64Array, xb: Float64Array, which: 'init' | 'current'): Float64Array[];
  dispose(): void;
  /**
   * mean over nets of the empirical NTK Θ̂(xa, xb) between the rows of xa and xb (each
   * row-major with the ensemble's d columns): rowsA x rowsB, row-major. 'init' uses the initial
   * nets (rebuilt when steps were taken, and the last such answer is cached).
   */
  ntkCross(xa: Float64Array, xb: Float64Array, which: 'init' | 'current'): Float64Array;
  /** GD steps the nets have taken */
  steps(): number;
  /** a copy of net `net`'s current parameters (0-based within this ensemble) */
  parameters(net: number): NetParameters;
  /**
   * Drop the current engine (it failed) and rebuild the same seeded nets on `engine`, replaying
   * GD to `step` (≤ the steps taken); the kernels at init are then measured on the new engine.
   */
  resume(engine: EngineKind, step: number): EnsembleFrame;
}

/** builds an engine; tests pass one that wraps createEngine */
export type EngineFactory = (kind: EngineKind, init: EngineInit) => EnsembleEngine;

type Shape = Pick<EnsembleSpec, 'arch' | 'size' | 'dim'> & { xTrain: { length: number } };

/** the trainer's shape (N from xTrain) as the core cost model's (src/core/ensembleCost.ts) */
const costShape = (spec: Shape): EnsembleShape => ({
  arch: spec.arch,
  size: spec.size,
  dim: spec.dim,
  nTrain: spec.xTrain.length / spec.dim,
});

/**
 * Bytes to train the ensemble in float32, 4 · E · (2P + 2·N·L·n): the core formula, shared with
 * the page's plan. Width 8192, depth 8, 64 nets, N = 64: ≈ 2.41e11 bytes (~240 GB).
 */
export function memoryEstimate(spec: Shape): number {
  return coreMemoryEstimate(costShape(spec));
}

/** The largest E ≤ 64 at the spec's width and the largest width at its E that fit the budget. */
export function largestFitting(spec: Shape, budgetBytes: number): { size: number; width: number } {
  return coreLargestFitting(costShape(spec), budgetBytes);
}

function checkSpec(spec: EnsembleSpec): void {
  if (!Number.isInteger(spec.size) || spec.size < 1 || spec.size > MAX_ENSEMBLE)
    throw new RangeError(`size must be an integer in 1..${MAX_ENSEMBLE}, got ${spec.size}`);
  const n = spec.xTrain.length / spec.dim;
  const m = spec.xTest.length / spec.dim;
  if (!Number.isInteger(n) || !Number.isInteger(m) || spec.yTrain.length !== n)
    throw new Error('xTrain, yTrain and xTest do not match dim');
  if (spec.yTest && spec.yTest.length !== m) throw new Error('yTest does not match xTest');
  if (!Number.isFinite(spec.lr) || spec.lr < 0) throw new Error(`lr must be ≥ 0, got ${spec.lr}`);
  const first = spec.firstNet ?? 0;
  if (!Number.isInteger(first) || first < 0)
    throw new RangeError(`firstNet must be an integer ≥ 0, got ${first}`);
  const engine = spec.engine ?? 'tfjs';
  if (engine !== 'tfjs' && engine !== 'simd') throw new Error(`unknown engine ${String(engine)}`);
  const kernel = spec.simdKernel;
  if (kernel !== undefined && kernel !== 'plain' && kernel !== 'relaxed')
    throw new Error(`unknown SIMD kernel ${String(kernel)}`);
}

function halfMse(f: Float32Array, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < f.length; i++) s += (f[i]! - y[i]!) ** 2;
  return (0.5 * s) / f.length;
}

function frobenius(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

export function createEnsembleApi(make: EngineFactory = createEngine): EnsembleApi {
  let spec: EnsembleSpec | null = null;
  let engine: EnsembleEngine | null = null;
  let stepCount = 0;
  let lr = 0;
  /** per-net empirical NTK on xTrain at init */
  let ntkInitPerNet: Float64Array[] | null = null;
  /** the last ntkCross at init, valid while `spec` is the same object (restart keeps the nets) */
  let crossInitCache: { spec: EnsembleSpec; key: string; value: Float64Array[] } | null = null;

  const current = (): EnsembleSpec => {
    if (!spec) throw new Error('ensemble not initialised');
    return spec;
  };
  const rows = (x: Float64Array) => x.length / current().dim;
  /** the spec's nets, freshly initialised (deterministic in the seed) */
  const build = (): EnsembleEngine => {
    const s = current();
    return make(s.engine ?? 'tfjs', {
      arch: s.arch,
      inputDim: s.dim,
      seed: s.seed,
      firstNet: s.firstNet ?? 0,
      size: s.size,
      xTrain: s.xTrain,
      yTrain: s.yTrain,
      lr,
      ...(s.simdKernel ? { simdKernel: s.simdKernel } : {}),
    });
  };
  const nets = (): EnsembleEngine => {
    current();
    if (!engine) throw new Error('ensemble not initialised');
    return engine;
  };

  const buildNets = () => {
    engine?.dispose();
    engine = null;
    engine = build();
    stepCount = 0;
  };

  /** per net, on the training set: one forward pass over N points, cheap next to a step */
  const trainLoss = (): Float32Array => {
    const s = current();
    const N = rows(s.xTrain);
    const fTrain = nets().predict(s.xTrain, N);
    const lossTrain = new Float32Array(s.size);
    for (let e = 0; e < s.size; e++)
      lossTrain[e] = halfMse(fTrain.subarray(e * N, (e + 1) * N), s.yTrain);
    return lossTrain;
  };

  const frame = (): EnsembleFrame => {
    const s = current();
    const E = s.size;
    const M = rows(s.xTest);
    const outputs = nets().predict(s.xTest, M);
    const lossTrain = trainLoss();
    const lossTest = s.yTest ? new Float32Array(E) : null;
    if (lossTest && s.yTest)
      for (let e = 0; e < E; e++)
        lossTest[e] = halfMse(outputs.subarray(e * M, (e + 1) * M), s.yTest);
    return { step: stepCount, outputs, lossTrain, lossTest, ...frameStats(outputs, E, M) };
  };

  /**
   * Per-net empirical kernels between xa (ra rows) and xb (rb rows) at init or now. At init
   * after steps were taken they come from freshly rebuilt initial nets (init is deterministic).
   */
  const perNetKernels = (
    which: 'init' | 'current',
    xa: ArrayLike<number>,
    ra: number,
    xb: ArrayLike<number> = xa,
    rb: number = ra,
  ): EmpiricalKernels[] => {
    const fresh = which === 'init' && stepCount > 0 ? build() : null;
    const source = fresh ?? nets();
    try {
      return Array.from({ length: source.size }, (_, e) =>
        source.empiricalKernels(e, xa, ra, xb, rb),
      );
    } finally {
      fresh?.dispose();
    }
  };

  const initKernels = (): Float64Array[] => {
    if (ntkInitPerNet) return ntkInitPerNet;
    const s = current();
    ntkInitPerNet = perNetKernels('init', s.xTrain, rows(s.xTrain)).map((k) => k.ntk);
    return ntkInitPerNet;
  };

  const currentKernels = (): Float64Array[] => {
    const s = current();
    return perNetKernels('current', s.xTrain, rows(s.xTrain)).map((k) => k.ntk);
  };

  const driftNets = (): Float64Array => {
    const k0 = initKernels();
    const kk = currentKernels();
    return Float64Array.from(kk, (k, i) => {
      const diff = k.map((v, j) => v - k0[i]![j]!);
      return frobenius(diff) / frobenius(k0[i]!);
    });
  };

  const crossNets = (
    xa: Float64Array,
    xb: Float64Array,
    which: 'init' | 'current',
  ): Float64Array[] => {
    const s = current();
    const na = xa.length / s.dim;
    const nb = xb.length / s.dim;
    if (!Number.isInteger(na) || !Number.isInteger(nb) || na < 1 || nb < 1)
      throw new Error(`ntkCross: inputs must be rows of ${s.dim} numbers`);
    // at init after steps the nets are rebuilt: keep the last such answer
    const useNets = which === 'current' || stepCount === 0;
    const key = JSON.stringify([Array.from(xa), Array.from(xb)]);
    if (!useNets && crossInitCache?.spec === s && crossInitCache.key === key)
      return crossInitCache.value.map((k) => k.slice());
    const kernels = perNetKernels(which, xa, na, xb, nb).map((k) => k.ntk);
    if (which === 'init') crossInitCache = { spec: s, key, value: kernels.map((k) => k.slice()) };
    return kernels;
  };

  const dispose = () => {
    engine?.dispose();
    engine = null;
    spec = null;
    ntkInitPerNet = null;
    stepCount = 0;
  };

  return {
    init(s) {
      checkSpec(s);
      dispose();
      spec = s;
      lr = s.lr;
      try {
        buildNets();
      } catch (e) {
        dispose();
        throw e;
      }
      return frame();
    },
    step(k) {
      if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be an integer ≥ 0, got ${k}`);
      nets().step(k);
      stepCount += k;
      return frame();
    },
    train(k) {
      if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be an integer ≥ 0, got ${k}`);
      nets().step(k);
      stepCount += k;
      return { step: stepCount, lossTrain: trainLoss() };
    },
    frame,
    restart(newLr) {
      if (!Number.isFinite(newLr) || newLr < 0) throw new Error(`lr must be ≥ 0, got ${newLr}`);
      current();
      lr = newLr;
      buildNets();
      return frame();
    },
    empiricalNtk(which) {
      current();
      return meanOf(which === 'init' ? initKernels() : currentKernels());
    },
    ntkDrift: () => meanValue(driftNets()),
    empiricalNtkNets(which) {
      current();
      return which === 'init' ? initKernels().map((k) => k.slice()) : currentKernels();
    },
    ntkDriftNets: driftNets,
    ntkCrossNets: crossNets,
    dispose,
    ntkCross: (xa, xb, which) => meanOf(crossNets(xa, xb, which)),
    steps: () => stepCount,
    parameters: (net) => nets().parameters(net),
    resume(kind, step) {
      const s = current();
      if (!Number.isInteger(step) || step < 0 || step > stepCount)
        throw new RangeError(`resume: step must be an integer in 0..${stepCount}, got ${step}`);
      const failed = engine;
      engine = null;
      try {
        failed?.dispose();
      } catch {
        // a failed engine (e.g. a lost GPU device) may not free its memory; its nets are dropped
      }
      // a new spec object: the cached cross kernels at init belong to the old engine
      spec = { ...s, engine: kind };
      ntkInitPerNet = null;
      buildNets();
      nets().step(step);
      stepCount = step;
      return frame();
    },
  };
}
