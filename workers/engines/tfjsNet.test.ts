import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { scalarActivation } from '../../src/core/activations';
import { ACTIVATION_IDS, DEFAULT_ARCH, type ArchSpec } from '../../src/core/arch';
import { kernelFn } from '../../src/core/kernels';
import { fromData } from '../../src/core/linalg/matrix';
import { createRng } from '../../src/core/rng';
import type { NetInit } from './netSetup';
import { TfjsNet } from './tfjsNet';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const D = 2;
/** 6 inputs in R², norms 0.3 … 2.2, none collinear */
const X = [0.3, -0.1, 1.0, 0.5, -1.2, 0.8, 0.1, 2.0, -0.7, -0.9, 1.5, -1.3];
const N = X.length / D;
const Y = [0.5, -0.2, 0.9, -1.0, 0.3, 0.1];
const XT = [0.0, 0.4, -1.5, -0.2, 0.9, 0.9, 2.1, 0.0];
const M = XT.length / D;

function arch(over: Partial<ArchSpec>): ArchSpec {
  return { ...DEFAULT_ARCH, width: 16, depth: 2, alpha: 0.2, a: -0.4, b: 1.3, bStd: 0.3, ...over };
}

function makeNet(over: Partial<ArchSpec>, seed = 7, netIndex = 0): TfjsNet {
  const init: NetInit = { arch: arch(over), inputDim: D, seed, netIndex };
  return new TfjsNet(init);
}

/** ∂f(x_i)/∂θ for every parameter, flattened in `net.variables` order, as float64 */
function jacobian(net: TfjsNet, x: number[], rows: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) {
    const xi = tf.tensor2d(x.slice(i * D, (i + 1) * D), [1, D]);
    const { value, grads } = tf.variableGrads(() => tf.sum(net.forward(xi)), net.variables);
    const parts = net.variables.map((v) => Array.from(grads[v.name]!.dataSync()));
    out.push(Float64Array.from(parts.flat()));
    tf.dispose([xi, value, ...Object.values(grads)]);
  }
  return out;
}

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, ai, k) => s + ai * b[k]!, 0);
const maxAbs = (a: ArrayLike<number>) =>
  Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('per-layer empirical NTK equals J·Jᵀ from tfjs autodiff', () => {
  // Both sides are float32 computations summed in different orders over P ≈ 400 parameters;
  // their entries are O(1–10), so agreement to 1e-5 of the largest entry is ~100 float32 ulps:
  // loose enough for rounding, far too tight for a missing σ² factor or a wrong δ.
  for (const parameterization of ['ntk', 'standard'] as const)
    for (const activation of ACTIVATION_IDS)
      for (const bias of activation === 'erf' ? [true, false] : [true])
        it(`${activation} ${parameterization}${bias ? '' : ' no bias'}`, () => {
          const net = makeNet({ activation, parameterization, bias });
          const { ntk } = net.empiricalKernels(X, N);
          const J = jacobian(net, X, N);
          const scale = maxAbs(ntk);
          for (let i = 0; i < N; i++)
            for (let j = 0; j < N; j++)
              expect(Math.abs(ntk[i * N + j]! - dot(J[i]!, J[j]!))).toBeLessThanOrEqual(
                1e-5 * scale,
              );
          net.dispose();
        });
});

/** float64 re-implementation of the forward pass of docs/science.md#network from a net's parameters */
function forward64(net: TfjsNet, params: Float64Array[], x: number[]): number {
  const { arch: a, sizes } = net;
  const phi = scalarActivation(a).phi;
  const ntk = a.parameterization === 'ntk';
  const L = net.weights.length;
  let act = x;
  for (let l = 0; l < L; l++) {
    const W = params[l]!;
    const b = a.bias ? params[L + l]! : null;
    const nIn = sizes[l]!;
    const nOut = sizes[l + 1]!;
    const wMul = ntk ? a.wStd / Math.sqrt(nIn) : 1;
    const h = new Array<number>(nOut).fill(0);
    for (let j = 0; j < nOut; j++) {
      let s = 0;
      for (let k = 0; k < nIn; k++) s += act[k]! * W[k * nOut + j]!;
      h[j] = wMul * s + (b ? (ntk ? a.bStd : 1) * b[j]! : 0);
    }
    act = l === L - 1 ? h : h.map(phi);
  }
  return act[0]!;
}

describe('autodiff gradients match central finite differences', () => {
  // FD in float32 would lose ~half the digits (ε^(2/3) ≈ 3e-5 at best), so the finite
  // differences are taken on a float64 re-implementation of the forward pass with the net's own
  // (float32-exact) parameters: h = 1e-5 gives truncation ~h²·f‴ ≈ 1e-10 and rounding
  // ~1e-16/h ≈ 1e-11. The remaining gap is tfjs's float32 backward pass: 1e-5·(1 + |g|).
  for (const parameterization of ['ntk', 'standard'] as const)
    for (const activation of ['erf', 'relu', 'gelu', 'tanh', 'abrelu'] as const)
      it(`${activation} ${parameterization}`, () => {
        const net = makeNet({ activation, parameterization, depth: 3 });
        const params = net.variables.map((v) => Float64Array.from(v.dataSync()));
        const x = X.slice(2, 4);
        const f32 = net.predict(x, 1)[0]!;
        expect(Math.abs(forward64(net, params, x) - f32)).toBeLessThanOrEqual(1e-5);
        const [g] = jacobian(net, x, 1);
        const pick = createRng(3).split('fd');
        let offset = 0;
        params.forEach((p) => {
          for (let s = 0; s < 4; s++) {
            const k = Math.floor(pick.uniform() * p.length);
            const h = 1e-5;
            const keep = p[k]!;
            p[k] = keep + h;
            const fp = forward64(net, params, x);
            p[k] = keep - h;
            const fm = forward64(net, params, x);
            p[k] = keep;
            const fd = (fp - fm) / (2 * h);
            const ad = g![offset + k]!;
            expect(Math.abs(ad - fd)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(fd)));
          }
          offset += p.length;
        });
        net.dispose();
      });
});

describe('one GD step is the linearised prediction with the net’s own empirical NTK', () => {
  /** max over train and test points of |f₁ − f₀ − (−η·(1/N)·Θ̂_xX (f₀(X) − y))| and of |f₁ − f₀| */
  function linearisationError(over: Partial<ArchSpec>, lrFrac: number) {
    const net = makeNet({ width: 32, ...over });
    const all = [...X, ...XT];
    const rows = N + M;
    const { ntk } = net.empiricalKernels(all, rows, X, N);
    let trace = 0;
    for (let i = 0; i < N; i++) trace += ntk[i * N + i]!;
    // η as a fraction of N/tr Θ̂ ≤ N/λ_max: a stable step in either parameterisation
    const lr = (lrFrac * N) / trace;
    const f0 = net.predict(all, rows);
    const xs = tf.tensor2d(X, [N, D]);
    const ys = tf.tensor1d(Y);
    net.step(xs, ys, lr);
    const f1 = net.predict(all, rows);
    tf.dispose([xs, ys]);
    net.dispose();
    let err = 0;
    let change = 0;
    for (let i = 0; i < rows; i++) {
      let pred = 0;
      for (let j = 0; j < N; j++) pred -= (lr / N) * ntk[i * N + j]! * (f0[j]! - Y[j]!);
      err = Math.max(err, Math.abs(f1[i]! - f0[i]! - pred));
      change = Math.max(change, Math.abs(f1[i]! - f0[i]!));
    }
    return { err, change };
  }

  const cases: Partial<ArchSpec>[] = [
    { activation: 'erf', parameterization: 'ntk' },
    { activation: 'tanh', parameterization: 'standard' },
    { activation: 'gelu', parameterization: 'ntk', depth: 3 },
    { activation: 'softplus', parameterization: 'standard', bias: false },
  ];
  for (const c of cases)
    it(`${c.activation} ${c.parameterization}${c.depth ? ` depth ${c.depth}` : ''}`, () => {
      // The step is exact up to the Taylor remainder, O(η²) (measured ≈ 1 % of |f₁ − f₀| at the
      // smallest η); float32 rounding of f (~1e-7) is far below it. Halving η must divide the
      // error by ≈ 4: [3.2, 5] separates O(η²) from O(η) (2) and O(η³) (8).
      const e = [0.4, 0.2, 0.1].map((frac) => linearisationError(c, frac));
      for (let k = 1; k < e.length; k++) {
        const ratio = e[k - 1]!.err / e[k]!.err;
        expect(ratio).toBeGreaterThan(3.2);
        expect(ratio).toBeLessThan(5);
      }
      expect(e[2]!.err).toBeLessThan(0.05 * e[2]!.change);
    });
});

describe('initialisation', () => {
  it('same seed and net index give identical nets; another index gives another net', () => {
    const a = makeNet({ activation: 'tanh' }, 11, 3);
    const b = makeNet({ activation: 'tanh' }, 11, 3);
    const c = makeNet({ activation: 'tanh' }, 11, 4);
    a.variables.forEach((v, i) =>
      expect(Array.from(v.dataSync())).toEqual(Array.from(b.variables[i]!.dataSync())),
    );
    expect(Array.from(a.predict(XT, M))).toEqual(Array.from(b.predict(XT, M)));
    expect(Array.from(a.predict(XT, M))).not.toEqual(Array.from(c.predict(XT, M)));
    [a, b, c].forEach((n) => n.dispose());
  });

  it('rejects a depth outside 1..8 and a non-integer width', () => {
    expect(() => makeNet({ depth: 0 })).toThrow(RangeError);
    expect(() => makeNet({ depth: 9 })).toThrow(RangeError);
    expect(() => makeNet({ width: 2.5 })).toThrow(RangeError);
  });

  it('ntk and standard parameterisations give the same function from the same draws (docs/science.md#conventions)', () => {
    for (const bias of [true, false]) {
      const ntk = makeNet({ activation: 'gelu', parameterization: 'ntk', bias, width: 64 });
      const std = makeNet({ activation: 'gelu', parameterization: 'standard', bias, width: 64 });
      const f1 = ntk.predict(XT, M);
      const f2 = std.predict(XT, M);
      // the same real numbers rounded to float32 at different points: ~1e-7 relative
      f1.forEach((v, i) =>
        expect(Math.abs(v - f2[i]!)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(v))),
      );
      // NNGP is parameterisation-independent; the NTKs differ (weights ×n/σ_w², biases ×1/σ_b²)
      const k1 = ntk.empiricalKernels(X, N);
      const k2 = std.empiricalKernels(X, N);
      k1.nngp.forEach((v, i) =>
        expect(Math.abs(v - k2.nngp[i]!)).toBeLessThanOrEqual(1e-5 * (1 + v)),
      );
      expect(maxAbs(k2.ntk)).toBeGreaterThan(2 * maxAbs(k1.ntk));
      ntk.dispose();
      std.dispose();
    }
  });
});

describe('memory', () => {
  it('tf.memory().numTensors is flat over 50 GD steps and kernel evaluations', () => {
    const net = makeNet({ activation: 'relu', width: 64 });
    const xs = tf.tensor2d(X, [N, D]);
    const ys = tf.tensor1d(Y);
    net.step(xs, ys, 0.1);
    net.empiricalKernels(X, N);
    const before = tf.memory().numTensors;
    let loss = Infinity;
    for (let k = 0; k < 50; k++) {
      loss = net.step(xs, ys, 0.1);
      net.predict(XT, M);
      if (k % 10 === 0) net.empiricalKernels(X, N, XT, M);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(loss).toBeLessThan((0.5 * 0.5 * Y.reduce((s, y) => s + y * y, 0)) / N);
    tf.dispose([xs, ys]);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before - net.variables.length - 2);
  });
});

describe('mean empirical NTK at init vs the analytic kernel (docs/science.md#finite-nets-vs-theory)', () => {
  // Threshold of docs/science.md#finite-nets-vs-theory for E nets of width n: 3·0.07·√(1024/n)/√E + 0.01 (sampling noise of the
  // mean plus the O(1/n) finite-width bias). The standard case compares with Θ_std at that width.
  const width = 512;
  const E = 16;
  const cases: Partial<ArchSpec>[] = [
    { activation: 'erf', depth: 1, wStd: 1.5, bStd: 0.05 },
    { activation: 'relu', depth: 2, wStd: Math.SQRT2, bStd: 0.1 },
    { activation: 'tanh', depth: 2, wStd: 1.5, bStd: 0.3, parameterization: 'standard' },
  ];
  for (const c of cases)
    it(`${c.activation} depth ${c.depth} ${c.parameterization ?? 'ntk'}, width ${width}, ${E} nets`, () => {
      const spec = arch({ ...c, width });
      const mean = new Float64Array(N * N);
      const meanNngp = new Float64Array(N * N);
      for (let e = 0; e < E; e++) {
        const net = new TfjsNet({ arch: spec, inputDim: D, seed: 2024, netIndex: e });
        const { ntk, nngp } = net.empiricalKernels(X, N);
        ntk.forEach((v, k) => (mean[k]! += v / E));
        nngp.forEach((v, k) => (meanNngp[k]! += v / E));
        net.dispose();
      }
      const x = fromData(N, D, X);
      const theory = kernelFn(spec, x, x);
      const relErr = (a: Float64Array, b: Float64Array) =>
        Math.hypot(...a.map((v, k) => v - b[k]!)) / Math.hypot(...b);
      const threshold = (3 * 0.07 * Math.sqrt(1024 / width)) / Math.sqrt(E) + 0.01;
      expect(relErr(mean, theory.ntk.data)).toBeLessThanOrEqual(threshold);
      expect(relErr(meanNngp, theory.nngp.data)).toBeLessThanOrEqual(threshold);
    });
});
