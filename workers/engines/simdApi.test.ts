import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH } from '../../src/core/arch';
import { createEnsembleApi, type EnsembleFrame, type EnsembleSpec } from '../ensembleApi';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const linspace = (a: number, b: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const X_TRAIN = linspace(-3, 3, 10);
const X_TEST = linspace(-3.5, 3.5, 70);

function spec(over: Partial<EnsembleSpec>): EnsembleSpec {
  return {
    arch: { ...DEFAULT_ARCH, depth: 2, width: 48, activation: 'erf' },
    size: 4,
    seed: 5,
    xTrain: X_TRAIN,
    yTrain: X_TRAIN.map(Math.sin),
    xTest: X_TEST,
    yTest: X_TEST.map(Math.sin),
    dim: 1,
    lr: 0.1,
    ...over,
  };
}

const maxAbs = (a: ArrayLike<number>) =>
  Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

/** outputs, losses and statistics of two frames agree to `rel` of their scale */
function expectClose(a: EnsembleFrame, b: EnsembleFrame, rel: number): void {
  expect(a.step).toBe(b.step);
  expect(maxDiff(a.outputs, b.outputs)).toBeLessThanOrEqual(rel * maxAbs(b.outputs));
  expect(maxDiff(a.mean, b.mean)).toBeLessThanOrEqual(rel * maxAbs(b.outputs));
  expect(maxDiff(a.lossTrain, b.lossTrain)).toBeLessThanOrEqual(rel * maxAbs(b.lossTrain) * 10);
}

describe("createEnsembleApi with engine 'simd'", () => {
  it('gives the tfjs engine’s frames, kernels and drift (float32 tolerance)', () => {
    // float32 on both sides, different summation orders: outputs to 1e-5 of their scale at
    // init and 2e-4 after 30 steps (rounding compounds through the updates); kernels to 1e-4.
    const simd = createEnsembleApi();
    const ref = createEnsembleApi();
    expectClose(simd.init(spec({ engine: 'simd' })), ref.init(spec({ engine: 'tfjs' })), 1e-5);
    expectClose(simd.step(30), ref.step(30), 2e-4);
    for (const which of ['init', 'current'] as const) {
      const k = ref.empiricalNtk(which);
      expect(maxDiff(simd.empiricalNtk(which), k)).toBeLessThanOrEqual(1e-4 * maxAbs(k));
    }
    const drift = ref.ntkDrift();
    expect(drift).toBeGreaterThan(0);
    expect(Math.abs(simd.ntkDrift() - drift)).toBeLessThanOrEqual(0.02 * drift);
    expectClose(simd.restart(0.05), ref.restart(0.05), 1e-5);
    simd.dispose();
    ref.dispose();
  });

  it('two firstNet shards train exactly the nets of one ensemble', () => {
    const whole = createEnsembleApi();
    const a = createEnsembleApi();
    const b = createEnsembleApi();
    whole.init(spec({ engine: 'simd', size: 4 }));
    a.init(spec({ engine: 'simd', size: 2, firstNet: 0 }));
    b.init(spec({ engine: 'simd', size: 2, firstNet: 2 }));
    const fw = whole.step(12).outputs;
    const fa = a.step(12).outputs;
    const fb = b.step(12).outputs;
    expect(Array.from(fa)).toEqual(Array.from(fw.subarray(0, fa.length)));
    expect(Array.from(fb)).toEqual(Array.from(fw.subarray(fa.length)));
    for (const api of [whole, a, b]) api.dispose();
  });

  it('spec.simdKernel picks the kernel build: the default is relaxed here, and plain differs', () => {
    const run = (over: Partial<EnsembleSpec>) => {
      const api = createEnsembleApi();
      api.init(spec({ engine: 'simd', ...over }));
      const f = Array.from(api.step(30).outputs);
      api.dispose();
      return f;
    };
    const auto = run({});
    const relaxed = run({ simdKernel: 'relaxed' });
    const plain = run({ simdKernel: 'plain' });
    expect(auto).toEqual(relaxed);
    // fused and unfused multiply-adds round apart (this machine has FMA): close, not equal
    expect(plain).not.toEqual(relaxed);
    expect(maxDiff(plain, relaxed)).toBeLessThanOrEqual(1e-4 * maxAbs(plain));
  });

  it('a bad spec gives a plain error and leaves the API usable', () => {
    const api = createEnsembleApi();
    expect(() => api.init(spec({ engine: 'simd', arch: { ...DEFAULT_ARCH, depth: 0 } }))).toThrow(
      /depth/,
    );
    expect(() => api.step(1)).toThrow(/not initialised/);
    const bogus = JSON.parse('"fused"') as 'plain';
    expect(() => api.init(spec({ engine: 'simd', simdKernel: bogus }))).toThrow(
      /unknown SIMD kernel fused/,
    );
    expect(api.init(spec({ engine: 'simd' })).outputs.length).toBe(4 * X_TEST.length);
    api.dispose();
  });
});
