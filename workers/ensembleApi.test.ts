import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH, type ArchSpec } from '../src/core/arch';
import { createPredictor } from '../src/core/dynamics';
import { kernelFn } from '../src/core/kernels';
import { fromData } from '../src/core/linalg/matrix';
import type { EngineKind } from './engines/engine';
import {
  createEnsembleApi,
  largestFitting,
  memoryEstimate,
  type EnsembleSpec,
} from './ensembleApi';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const linspace = (a: number, b: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** erf, depth 1, σ_w 1.5, σ_b 0.05 (docs/science.md#finite-nets-vs-theory) */
const ARCH: ArchSpec = { ...DEFAULT_ARCH, depth: 1, width: 512, activation: 'erf' };
const X_TRAIN = linspace(-2, 2, 8);
const Y_TRAIN = X_TRAIN.map(Math.sin);
const X_TEST = linspace(-2.5, 2.5, 16);
const Y_TEST = X_TEST.map(Math.sin);
const N = X_TRAIN.length;
const M = X_TEST.length;

function spec(over: Partial<EnsembleSpec>): EnsembleSpec {
  return {
    arch: ARCH,
    size: 16,
    seed: 1,
    xTrain: X_TRAIN,
    yTrain: Y_TRAIN,
    xTest: X_TEST,
    yTest: Y_TEST,
    dim: 1,
    lr: 0.1,
    ...over,
  };
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

describe('agreement with the discrete infinite-width theory (docs/science.md#finite-nets-vs-theory)', () => {
  const agreement = (width: number, engine: EngineKind, steps: number[]) => {
    const arch: ArchSpec = { ...ARCH, width };
    const xd = fromData(N, 1, X_TRAIN);
    const xt = fromData(M, 1, X_TEST);
    const train = kernelFn(arch, xd, xd);
    const testTrain = kernelFn(arch, xt, xd);
    const testTest = kernelFn(arch, xt, xt);
    const base = createPredictor({
      ntkTrain: train.ntk,
      nngpTrain: train.nngp,
      ntkTestTrain: testTrain.ntk,
      nngpTestTrain: testTrain.nngp,
      nngpTestTest: testTest.nngp,
      yTrain: Y_TRAIN,
      lr: 1,
      lossScale: 1 / N,
      mode: 'ntk',
    });
    // lrMax = 2/(cλ_max), so lrMax/2 is η = 1/(cλ_max)
    const lr = base.lrMax / 2;
    const predictor = base.withLr(lr);
    // E = 64, not 16: the median variance ratio over these (strongly correlated) 1-D points is
    // about one χ²_{E−1}/(E−1) draw, and at E = 16 its 95 % range [0.42, 1.83] spills out of
    // [0.5, 2] (2 of 12 seeds failed). At E = 64 it is [0.68, 1.39]; 8 of 8 seeds pass. At
    // η = 1/(cλ_max) step k = 1 is the worst case (ratio up to 1.8, |mean − μ| up to 4σ/√E over
    // 8 seeds): the top mode is removed exactly by Θ but only to O(1/√n) by each net's Θ̂.
    const E = 64;
    const api = createEnsembleApi();
    api.init(spec({ arch, size: E, lr, engine }));

    // mean empirical NTK at init vs the analytic Θ, relative Frobenius
    const ntk0 = api.empiricalNtk('init');
    let num = 0;
    let den = 0;
    ntk0.forEach((v, i) => {
      num += (v - train.ntk.data[i]!) ** 2;
      den += train.ntk.data[i]! ** 2;
    });
    const ntkErr = Math.sqrt(num / den);
    expect(ntkErr).toBeLessThanOrEqual((3 * 0.07 * Math.sqrt(1024 / width)) / Math.sqrt(E) + 0.01);

    let done = 0;
    for (const k of steps) {
      const frame = api.step(k - done);
      done = k;
      expect(frame.step).toBe(k);
      const theory = predictor.test(k);
      const vmax = Math.max(...theory.variance);
      const ratios: number[] = [];
      for (let j = 0; j < M; j++) {
        const sigma = Math.sqrt(theory.variance[j]!);
        const gap = Math.abs(frame.mean[j]! - theory.mean[j]!);
        expect(gap).toBeLessThanOrEqual((4.5 * sigma) / Math.sqrt(E) + 0.03);
        if (theory.variance[j]! > 0.05 * vmax) ratios.push(frame.var[j]! / theory.variance[j]!);
      }
      const ratio = median(ratios);
      expect(ratio).toBeGreaterThanOrEqual(0.5);
      expect(ratio).toBeLessThanOrEqual(2);
    }
    api.dispose();
  };

  it('erf depth 1, width 512, 64 nets (tfjs): mean and variance at k ∈ {1, 10, 50}, init NTK', () =>
    agreement(512, 'tfjs', [1, 10, 50]));

  // width, nets and steps of the erf example in docs/science.md#measured-behaviour (there depth 2):
  // width 2048, 64 nets, 100 steps (the fused SIMD engine)
  it('erf depth 1, width 2048, 64 nets (simd): mean and variance at k ∈ {1, 10, 50, 100}, init NTK', () =>
    agreement(2048, 'simd', [1, 10, 50, 100]));
});

describe('ensemble API', () => {
  const small = spec({ arch: { ...ARCH, width: 32, depth: 2 }, size: 4 });

  it('restart(lr) rebuilds the same initial nets and resets the step counter', () => {
    const api = createEnsembleApi();
    const f0 = api.init(small);
    expect(f0.step).toBe(0);
    expect(f0.outputs.length).toBe(4 * M);
    expect(f0.lossTest?.length).toBe(4);
    const f5 = api.step(5);
    expect(f5.step).toBe(5);
    expect(Array.from(f5.outputs)).not.toEqual(Array.from(f0.outputs));
    const r = api.restart(0.05);
    expect(r.step).toBe(0);
    expect(Array.from(r.outputs)).toEqual(Array.from(f0.outputs));
    expect(Array.from(r.lossTrain)).toEqual(Array.from(f0.lossTrain));
    // a smaller η moves the nets less in the same number of steps
    const g5 = api.step(5);
    const move = (f: Float32Array) => f.reduce((s, v, i) => s + Math.abs(v - f0.outputs[i]!), 0);
    expect(move(g5.outputs)).toBeLessThan(move(f5.outputs));
    api.dispose();
  });

  it('frame statistics: mean and E−1 variance of the outputs; losses per net', () => {
    const api = createEnsembleApi();
    const f = api.init(small);
    const E = 4;
    for (let j = 0; j < M; j++) {
      const col = Array.from({ length: E }, (_, e) => f.outputs[e * M + j]!);
      const mu = col.reduce((a, b) => a + b, 0) / E;
      const v = col.reduce((a, b) => a + (b - mu) ** 2, 0) / (E - 1);
      expect(f.mean[j]).toBeCloseTo(mu, 12);
      expect(f.var[j]).toBeCloseTo(v, 12);
    }
    for (let e = 0; e < E; e++) {
      const out = f.outputs.subarray(e * M, (e + 1) * M);
      const lt = out.reduce((s, v, j) => s + (v - Y_TEST[j]!) ** 2, 0) / (2 * M);
      expect(f.lossTest![e]).toBeCloseTo(lt, 6);
    }
    const trained = api.step(20);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(trained.lossTrain)).toBeLessThan(mean(f.lossTrain));
    api.dispose();
  });

  it('does not leak tensors: numTensors is flat over 30 steps', () => {
    const empty = tf.memory().numTensors;
    const api = createEnsembleApi();
    api.init(small);
    api.step(1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) {
      api.step(1);
      expect(tf.memory().numTensors).toBe(before);
    }
    api.empiricalNtk('current');
    api.ntkDrift();
    api.restart(0.2);
    expect(tf.memory().numTensors).toBe(before);
    api.dispose();
    expect(tf.memory().numTensors).toBe(empty);
  });

  it('ntkDrift is 0 at step 0 and positive after steps; the init NTK survives training', () => {
    const api = createEnsembleApi();
    api.init(small);
    expect(api.ntkDrift()).toBe(0);
    api.step(10);
    const drift = api.ntkDrift();
    expect(drift).toBeGreaterThan(0);
    expect(drift).toBeLessThan(0.5);
    // the init kernel recorded lazily after training equals the one from an untouched ensemble
    const other = createEnsembleApi();
    other.init(small);
    other.step(3);
    const late = other.empiricalNtk('init');
    other.dispose();
    expect(Array.from(late)).toEqual(Array.from(api.empiricalNtk('init')));
    api.dispose();
  });

  it('rejects sizes outside 1..64 and mismatched shapes', () => {
    const api = createEnsembleApi();
    expect(() => api.init({ ...small, size: 0 })).toThrow(RangeError);
    expect(() => api.init({ ...small, size: 65 })).toThrow(RangeError);
    expect(() => api.init({ ...small, yTrain: [1, 2] })).toThrow();
    expect(() => api.step(1)).toThrow();
  });
});

describe('memory estimate', () => {
  const big = {
    arch: { ...ARCH, width: 8192, depth: 8 },
    size: 64,
    dim: 1,
    xTrain: new Float64Array(64),
  };

  it('width 8192, depth 8, 64 nets, N = 64 needs ~240 GB with gradients', () => {
    const bytes = memoryEstimate(big);
    expect(bytes).toBeGreaterThan(200e9);
    expect(bytes).toBeLessThan(300e9);
    // exact formula: 4·E·(2P + 2·N·L·n)
    const n = 8192;
    const P = 1 * n + 7 * n * n + n + (8 * n + 1);
    expect(bytes).toBe(4 * 64 * (2 * P + 2 * 64 * 8 * n));
  });

  it('largestFitting respects the budget and is the largest that does', () => {
    for (const budget of [1e9, 4e9, 300e9]) {
      const { size, width } = largestFitting(big, budget);
      if (size > 0) expect(memoryEstimate({ ...big, size })).toBeLessThanOrEqual(budget);
      if (size < 64) expect(memoryEstimate({ ...big, size: size + 1 })).toBeGreaterThan(budget);
      const w = (width: number) => ({ ...big, arch: { ...big.arch, width } });
      expect(width).toBeGreaterThan(0);
      expect(memoryEstimate(w(width))).toBeLessThanOrEqual(budget);
      expect(memoryEstimate(w(width + 1))).toBeGreaterThan(budget);
    }
    expect(largestFitting(big, 300e9).size).toBe(64);
    expect(largestFitting(big, 1e9).size).toBe(0);
    expect(largestFitting(big, 1e3)).toEqual({ size: 0, width: 0 });
  });
});
