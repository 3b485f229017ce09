// The drift sweep: its memory plan, its per-net numbers against nets built directly, its
// pull-based chunks, and (science) the slopes of docs/science.md#drift-slopes.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH, type ArchSpec } from '../src/core/arch';
import { relativeFrobenius } from '../src/core/driftFit';
import { eigh } from '../src/core/linalg/eigh';
import { kernelFn } from '../src/core/kernels';
import { fromData } from '../src/core/linalg/matrix';
import {
  createDriftApi,
  createDriftSweep,
  planSweep,
  runDriftSweep,
  type DriftSweepSpec,
} from './driftSweep';
import { createEnsembleApi, memoryEstimate } from './ensembleApi';
import { TfjsNet } from './engines/tfjsNet';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const linspace = (a: number, b: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** 12 training points, sin on [−3, 3] (the science tests' data set) */
const X = linspace(-3, 3, 12);
const Y = X.map(Math.sin);
const N = X.length;

/** η = 1/(cλ_max) = N/λ_max for ½·mean, λ_max of the analytic Θ on X (width-free in NTK param) */
function etaOf(arch: ArchSpec): number {
  const xd = fromData(N, 1, X);
  const values = eigh(kernelFn(arch, xd, xd).ntk).values;
  return N / Math.max(...values);
}

const RELU1: ArchSpec = {
  ...DEFAULT_ARCH,
  depth: 1,
  activation: 'relu',
  wStd: Math.SQRT2,
  bStd: 0.1,
};

function spec(over: Partial<DriftSweepSpec>): DriftSweepSpec {
  return {
    arch: RELU1,
    widths: [8, 16],
    nets: 3,
    steps: 5,
    seed: 7,
    xTrain: X,
    yTrain: Y,
    dim: 1,
    lr: etaOf(RELU1),
    memoryBytes: 2 ** 30,
    ...over,
  };
}

describe('planSweep', () => {
  it('uses fewer nets where the budget is short and skips a width where 2 do not fit', () => {
    const arch: ArchSpec = { ...DEFAULT_ARCH, depth: 2 };
    const one = (width: number) =>
      memoryEstimate({ arch: { ...arch, width }, size: 1, dim: 1, xTrain: X });
    // budget: 5 nets at width 256; at 512 (≈4× the parameters) only 1 fits
    const budget = 5 * one(256) + 1;
    const plan = planSweep({
      arch,
      widths: [128, 256, 512],
      nets: 8,
      xTrain: X,
      dim: 1,
      memoryBytes: budget,
    });
    expect(plan.map((p) => p.nets)).toEqual([Math.min(8, Math.floor(budget / one(128))), 5, 0]);
    expect(Math.floor(budget / one(512))).toBe(1);
    expect(plan[0]!.reduced).toBe(false);
    expect(plan[1]!.reduced).toBe(true);
    expect(plan[2]!.skipped).toMatch(
      /^width 512 skipped: 2 nets need \d+ MB, over the \d+ MB budget$/,
    );
  });
});

describe('the sweep against nets built directly', () => {
  it('per-net drift and init error, their mean and SE, and the slope fit', () => {
    const s = spec({});
    const result = runDriftSweep(s, undefined, 50);
    expect(result.done).toBe(true);
    expect(result.points.map((p) => [p.width, p.nets])).toEqual([
      [8, 3],
      [16, 3],
    ]);
    const xd = fromData(N, 1, X);
    for (const point of result.points) {
      const arch = { ...s.arch, width: point.width };
      const theta = kernelFn(arch, xd, xd).ntk.data;
      // init error: each net rebuilt from its seed stream, its Θ̂_0 from the per-layer formula
      point.initError.forEach((err, i) => {
        const net = new TfjsNet({ arch, inputDim: 1, seed: s.seed, netIndex: i });
        const k0 = net.empiricalKernels(X, N).ntk;
        net.dispose();
        expect(err).toBeCloseTo(relativeFrobenius(k0, theta), 10);
      });
      // drift: one ensemble of all the nets trained together has the same mean drift
      const api = createEnsembleApi();
      api.init({
        arch,
        size: point.nets,
        seed: s.seed,
        xTrain: X,
        yTrain: Y,
        xTest: X,
        dim: 1,
        lr: s.lr,
      });
      api.empiricalNtk('init');
      api.step(s.steps);
      const mean = point.drift.reduce((a, b) => a + b, 0) / point.nets;
      expect(mean).toBeCloseTo(api.ntkDrift(), 6);
      api.dispose();
      expect(point.driftMean).toBeCloseTo(mean, 12);
      const sd = Math.sqrt(point.drift.reduce((a, d) => a + (d - mean) ** 2, 0) / (point.nets - 1));
      expect(point.driftSe).toBeCloseTo(sd / Math.sqrt(point.nets), 12);
      expect(point.drift.every((d) => d > 0)).toBe(true);
    }
    // two widths: the weighted slope is the line through the two log means
    const [a, b] = result.points;
    const slope = Math.log(b!.driftMean / a!.driftMean) / Math.log(b!.width / a!.width);
    expect(result.fit!.slope).toBeCloseTo(slope, 10);
    expect(result.export).toEqual({
      widths: [8, 16],
      mean: [a!.driftMean, b!.driftMean],
      se: [a!.driftSe, b!.driftSe],
      slope: result.fit!.slope,
      slopeSe: result.fit!.slopeSe,
    });
  });

  it('advances in chunks within the budget, reports progress, and is deterministic', () => {
    let clock = 0;
    // a fake clock: every read advances 10 ms, so a 25 ms budget allows a few units per call
    const sweep = createDriftSweep(spec({ steps: 20 }), { now: () => (clock += 10) });
    const fractions: number[] = [];
    let p = sweep.progress();
    expect(p.at).toEqual({ index: 0, width: 8, net: 0, step: 0 });
    expect(p.secondsLeft).toBeNull();
    let calls = 0;
    while (!p.done) {
      p = sweep.advance(25);
      fractions.push(p.fraction);
      calls++;
    }
    expect(calls).toBeGreaterThan(6);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(p.fraction).toBe(1);
    expect(p.secondsLeft).toBe(0);
    const again = runDriftSweep(spec({ steps: 20 }));
    expect(again.points.map((q) => q.drift)).toEqual(p.points.map((q) => q.drift));
    sweep.dispose();
  });

  it('skips a width that does not fit and still fits the others', () => {
    const s = spec({ widths: [8, 16, 4096], memoryBytes: 2 ** 19 });
    const p = runDriftSweep(s);
    expect(p.plan[2]!.skipped).toMatch(/^width 4096 skipped/);
    expect(p.points.map((q) => q.width)).toEqual([8, 16]);
    expect(p.fit).not.toBeNull();
  });

  it('rejects a bad spec with a plain message', () => {
    expect(() => createDriftSweep(spec({ nets: 1 }))).toThrow(/at least 2 nets/);
    expect(() => createDriftSweep(spec({ widths: [] }))).toThrow(
      /no widths: its first width is above its last/,
    );
    expect(() => createDriftSweep(spec({ steps: 0 }))).toThrow(/at least 1 step/);
  });
});

describe('createDriftApi (what the drift worker exposes)', () => {
  it('starts, advances to the end, and a new start drops the old sweep', () => {
    const api = createDriftApi();
    expect(() => api.advance(10)).toThrow('no sweep started');
    const first = api.start(spec({ widths: [8, 16, 32] }));
    expect(first.plan.map((p) => p.width)).toEqual([8, 16, 32]);
    api.advance(1);
    const second = api.start(spec({}));
    expect(second.points).toEqual([]);
    expect(second.plan.map((p) => p.width)).toEqual([8, 16]);
    let p = second;
    while (!p.done) p = api.advance(50);
    expect(p.points.map((q) => q.width)).toEqual([8, 16]);
    expect(runDriftSweep(spec({})).export).toEqual(p.export);
    api.dispose();
  });
});
