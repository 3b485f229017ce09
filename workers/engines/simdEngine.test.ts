import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATION_IDS, DEFAULT_ARCH, type ArchSpec } from '../../src/core/arch';
import type { EngineInit, EnsembleEngine } from './engine';
import { SimdEngine } from './simdEngine';
import { relaxedSimdAvailable } from './relaxedSimd';
import {
  defaultSimdKernel,
  loadSimdKernel,
  simdAvailable,
  type SimdKernelVariant,
} from './simdKernel';
import { TfjsEngine } from './tfjsEngine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// 6 training inputs in R² (4 go through the 4-row SIMD blocks, 2 through the remainder path)
const D = 2;
const X = [0.3, -0.1, 1.0, 0.5, -1.2, 0.8, 0.1, 2.0, -0.7, -0.9, 1.5, -1.3];
const Y = [0.5, -0.2, 0.9, -1.0, 0.3, 0.1];
const N = Y.length;
const XT = [0.0, 0.4, -1.5, -0.2, 0.9, 0.9, 2.1, 0.0, -0.3, -2.2, 0.05, 0.6, 1.1, -0.4];
const M = XT.length / D;
const STEPS = 5;
/** both kernel builds are held to the same references (vitest runs Node with relaxed SIMD on) */
const VARIANTS: readonly SimdKernelVariant[] = ['plain', 'relaxed'];

function arch(over: Partial<ArchSpec>): ArchSpec {
  // width 20: 16 columns through the 8-wide SIMD blocks plus a 4-column scalar tail
  return { ...DEFAULT_ARCH, width: 20, alpha: 0.2, a: -0.4, b: 1.3, bStd: 0.3, ...over };
}

function init(over: Partial<ArchSpec>, extra: Partial<EngineInit> = {}): EngineInit {
  return {
    arch: arch(over),
    inputDim: D,
    seed: 11,
    firstNet: 0,
    size: 2,
    xTrain: X,
    yTrain: Y,
    lr: over.parameterization === 'standard' ? 0.005 : 0.03,
    ...extra,
  };
}

const maxAbs = (a: ArrayLike<number>) =>
  Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
/** all parameters of net e, flattened */
const flat = (engine: EnsembleEngine, e: number) => {
  const p = engine.parameters(e);
  return Float64Array.from([...p.w, ...p.b].flatMap((v) => Array.from(v)));
};

for (const simdKernel of VARIANTS)
  describe(`the ${simdKernel} SIMD engine reproduces TfjsNet (tfjs autodiff) net for net`, () => {
    // Both sides are float32 with different summation orders (and activations evaluated in f64 vs
    // tfjs's float32 ops), so outputs agree to a few float32 ulps of their scale: 2e-5 relative to
    // the largest |f|. The GD updates θ_k − θ_0 after 5 steps must agree to 2e-4 relative to the
    // largest update: rounding in the gradients accumulates over steps, but a wrong factor (a
    // missing wMul, a 1/N, a φ' convention at 0) changes the updates by O(1).
    for (const parameterization of ['ntk', 'standard'] as const)
      for (const activation of ACTIVATION_IDS)
        for (const bias of [true, false])
          for (const depth of [1, 2, 3])
            it(`${activation} ${parameterization} depth ${depth}${bias ? '' : ' no bias'}`, () => {
              const spec = init({ activation, parameterization, bias, depth });
              const ref = new TfjsEngine(spec);
              const simd = new SimdEngine({ ...spec, simdKernel });
              try {
                const p0 = [0, 1].map((e) => flat(simd, e));
                for (const e of [0, 1]) expect(maxDiff(p0[e]!, flat(ref, e))).toBe(0);
                const f0 = ref.predict(XT, M);
                expect(maxDiff(simd.predict(XT, M), f0)).toBeLessThanOrEqual(2e-5 * maxAbs(f0));

                const k0 = ref.empiricalKernels(1, X, N, XT, M);
                const s0 = simd.empiricalKernels(1, X, N, XT, M);
                expect(maxDiff(s0.ntk, k0.ntk)).toBeLessThanOrEqual(2e-5 * maxAbs(k0.ntk));
                expect(maxDiff(s0.nngp, k0.nngp)).toBeLessThanOrEqual(2e-5 * maxAbs(k0.nngp));

                ref.step(STEPS);
                simd.step(STEPS);
                for (const e of [0, 1]) {
                  const dRef = flat(ref, e).map((v, i) => v - p0[e]![i]!);
                  const dSimd = flat(simd, e).map((v, i) => v - p0[e]![i]!);
                  expect(maxAbs(dRef)).toBeGreaterThan(1e-4);
                  expect(maxDiff(dSimd, dRef)).toBeLessThanOrEqual(2e-4 * maxAbs(dRef));
                }
                const fk = ref.predict(XT, M);
                expect(maxDiff(simd.predict(XT, M), fk)).toBeLessThanOrEqual(1e-4 * maxAbs(fk));
                const kk = ref.empiricalKernels(0, X, N);
                expect(maxDiff(simd.empiricalKernels(0, X, N).ntk, kk.ntk)).toBeLessThanOrEqual(
                  1e-4 * maxAbs(kk.ntk),
                );
              } finally {
                ref.dispose();
                simd.dispose();
              }
            });
  });

for (const simdKernel of VARIANTS)
  describe(`the ${simdKernel} SIMD kernel on the vector paths and longer training`, () => {
    it('width 64, 16 rows, erf: 50 steps track tfjs and lower the loss', () => {
      const xs = Array.from({ length: 16 }, (_, i) => -3 + (6 * i) / 15);
      const ys = xs.map(Math.sin);
      const spec: EngineInit = {
        arch: arch({ activation: 'erf', width: 64, depth: 3, wStd: 1.5, bStd: 0.05 }),
        inputDim: 1,
        seed: 3,
        firstNet: 0,
        size: 2,
        xTrain: xs,
        yTrain: ys,
        lr: 0.1,
      };
      const ref = new TfjsEngine(spec);
      const simd = new SimdEngine({ ...spec, simdKernel });
      const loss = (f: Float32Array) =>
        (0.5 * ys.reduce((s, y, i) => s + (f[i]! - y) ** 2, 0)) / ys.length;
      const before = loss(simd.predict(xs, 16));
      ref.step(50);
      simd.step(50);
      const fRef = ref.predict(xs, 16);
      const fSimd = simd.predict(xs, 16);
      expect(maxDiff(fSimd, fRef)).toBeLessThanOrEqual(1e-4 * maxAbs(fRef));
      expect(loss(fSimd)).toBeLessThan(0.5 * before);
      ref.dispose();
      simd.dispose();
    });
  });

for (const simdKernel of VARIANTS)
  describe(`the ${simdKernel} SIMD kernel past one 256-row panel of W, and on packed strips`, () => {
    // 300: two panels and a 4-column tail, W used in place; 524: three panels, rows ≥ 2 kB apart,
    // so the forward product packs its strips (plus a 4-column tail)
    for (const width of [300, 524])
      it(`width ${width}, tanh, 3 steps track tfjs`, () => {
        const spec = init({ activation: 'tanh', width, depth: 2 }, { size: 1 });
        const ref = new TfjsEngine(spec);
        const simd = new SimdEngine({ ...spec, simdKernel });
        const f0 = ref.predict(XT, M);
        expect(maxDiff(simd.predict(XT, M), f0)).toBeLessThanOrEqual(2e-5 * maxAbs(f0));
        const p0 = flat(ref, 0);
        ref.step(3);
        simd.step(3);
        const dRef = flat(ref, 0).map((v, i) => v - p0[i]!);
        const dSimd = flat(simd, 0).map((v, i) => v - p0[i]!);
        expect(maxDiff(dSimd, dRef)).toBeLessThanOrEqual(2e-4 * maxAbs(dRef));
        const k = ref.empiricalKernels(0, X, N);
        expect(maxDiff(simd.empiricalKernels(0, X, N).ntk, k.ntk)).toBeLessThanOrEqual(
          1e-4 * maxAbs(k.ntk),
        );
        ref.dispose();
        simd.dispose();
      });
  });

describe('shards and resources', () => {
  it('firstNet shards hold the same nets as one big ensemble, before and after training', () => {
    const whole = new SimdEngine(init({ activation: 'tanh' }, { size: 4 }));
    const shard = new SimdEngine(init({ activation: 'tanh' }, { size: 2, firstNet: 2 }));
    for (const e of [0, 1]) expect(maxDiff(flat(shard, e), flat(whole, e + 2))).toBe(0);
    whole.step(3);
    shard.step(3);
    const fw = whole.predict(XT, M);
    expect(Array.from(shard.predict(XT, M))).toEqual(Array.from(fw.subarray(2 * M)));
    whole.dispose();
    shard.dispose();
  });

  it('predict over more rows than one chunk equals row-by-row prediction', () => {
    const simd = new SimdEngine(init({ activation: 'gelu' }));
    const rows = 150;
    const x = Array.from({ length: rows * D }, (_, i) => Math.sin(1.7 * i));
    const all = simd.predict(x, rows);
    for (const r of [0, 63, 64, 149]) {
      const one = simd.predict(x.slice(r * D, (r + 1) * D), 1);
      expect(all[r]).toBe(one[0]);
      expect(all[rows + r]).toBe(one[1]);
    }
    simd.dispose();
  });

  it('memory stays flat over repeated steps, predictions and kernels; dispose frees it', () => {
    const simd = new SimdEngine(init({ activation: 'relu' }));
    simd.predict(XT, M);
    simd.empiricalKernels(0, X, N, XT, M);
    const bytes = simd.memoryBytes;
    for (let i = 0; i < 20; i++) {
      simd.step(2);
      simd.predict(XT, M);
      simd.empiricalKernels(1, X, N, XT, M);
    }
    expect(simd.memoryBytes).toBe(bytes);
    simd.dispose();
    expect(simd.memoryBytes).toBe(0);
    expect(() => simd.predict(XT, M)).toThrow(/disposed/);
  });

  it('the tfjs engine leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const ref = new TfjsEngine(init({ activation: 'erf' }));
    ref.step(3);
    ref.predict(XT, M);
    ref.empiricalKernels(0, X, N);
    ref.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('both kernels compile here, synchronously and ahead of use', async () => {
    expect(relaxedSimdAvailable()).toBe(true);
    for (const variant of VARIANTS) {
      expect(simdAvailable(variant)).toBe(true);
      await expect(loadSimdKernel(variant)).resolves.toBe(true);
    }
  });

  it('an engine runs the relaxed kernel where the runtime has it, else the one asked for', () => {
    expect(defaultSimdKernel()).toBe('relaxed');
    const auto = new SimdEngine(init({}));
    const plain = new SimdEngine(init({}, { simdKernel: 'plain' }));
    expect(auto.variant).toBe('relaxed');
    expect(plain.variant).toBe('plain');
    auto.dispose();
    plain.dispose();
  });

  it('rejects a bad depth and a bad net index with plain messages', () => {
    expect(() => new SimdEngine(init({ depth: 9 }))).toThrow(/depth/);
    const simd = new SimdEngine(init({}));
    expect(() => simd.parameters(2)).toThrow(/no net 2/);
    simd.dispose();
  });
});
