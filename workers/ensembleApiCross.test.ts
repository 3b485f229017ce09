import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH, type ArchSpec } from '../src/core/arch';
import { kernelFn } from '../src/core/kernels';
import { fromData } from '../src/core/linalg/matrix';
import { createEnsembleApi, type EnsembleSpec } from './ensembleApi';

// ensembleApi.ntkCross: the mean empirical NTK between two point sets (the kernel lens's row
// Θ̂(x₀, ·)), checked against empiricalNtk on the training inputs, against itself before and
// after training, and against the analytic Θ(x₀, ·) at the threshold of docs/science.md#finite-nets-vs-theory.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const linspace = (a: number, b: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

const ARCH: ArchSpec = { ...DEFAULT_ARCH, depth: 1, width: 64, activation: 'erf' };
const X_TRAIN = linspace(-2, 2, 6);
const X_TEST = linspace(-2.5, 2.5, 11);
const N = X_TRAIN.length;
const M = X_TEST.length;

function spec(over: Partial<EnsembleSpec> = {}): EnsembleSpec {
  return {
    arch: ARCH,
    size: 4,
    seed: 5,
    xTrain: X_TRAIN,
    yTrain: X_TRAIN.map(Math.sin),
    xTest: X_TEST,
    dim: 1,
    lr: 0.5,
    ...over,
  };
}

const maxAbs = (a: ArrayLike<number>) =>
  Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const frob = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

describe('ensembleApi.ntkCross', () => {
  it('row i against x_train equals row i of empiricalNtk, at init and after training', () => {
    const api = createEnsembleApi();
    api.init(spec());
    for (const phase of ['before', 'after'] as const) {
      if (phase === 'after') api.step(20);
      for (const which of ['init', 'current'] as const) {
        const full = api.empiricalNtk(which);
        const tol = 1e-6 * maxAbs(full);
        for (const i of [0, 3]) {
          const row = api.ntkCross(X_TRAIN.subarray(i, i + 1), X_TRAIN, which);
          expect(row.length).toBe(N);
          for (let j = 0; j < N; j++)
            expect(Math.abs(row[j]! - full[i * N + j]!)).toBeLessThanOrEqual(tol);
        }
      }
    }
    api.dispose();
  });

  it("'init' after training equals the row of an untrained ensemble; 'current' has moved", () => {
    const x0 = Float64Array.of(0.7);
    const fresh = createEnsembleApi();
    fresh.init(spec());
    const untrained = fresh.ntkCross(x0, X_TEST, 'init');
    fresh.dispose();

    const api = createEnsembleApi();
    api.init(spec());
    api.step(30);
    const init = api.ntkCross(x0, X_TEST, 'init');
    expect(Array.from(init)).toEqual(Array.from(untrained));
    // the cached answer is a copy: the caller may transfer or modify it
    init.fill(0);
    expect(Array.from(api.ntkCross(x0, X_TEST, 'init'))).toEqual(Array.from(untrained));
    const now = api.ntkCross(x0, X_TEST, 'current');
    const diff = now.map((v, j) => v - untrained[j]!);
    // width 64 after 30 steps at η = 0.5: the kernel moves, but by a few per cent, not more
    const drift = frob(diff) / frob(untrained);
    expect(drift).toBeGreaterThan(1e-4);
    expect(drift).toBeLessThan(0.3);
    // a restart rebuilds the same initial nets: 'current' equals 'init' again
    api.restart(0.1);
    const restarted = api.ntkCross(x0, X_TEST, 'current');
    for (let j = 0; j < M; j++)
      expect(Math.abs(restarted[j]! - untrained[j]!)).toBeLessThanOrEqual(1e-6 * maxAbs(untrained));
    api.dispose();
  });

  it('the mean row at init is within the docs/science.md#finite-nets-vs-theory bound of the analytic Θ(x₀, ·) (E = 16, n = 512)', () => {
    const E = 16;
    const width = 512;
    const arch = { ...ARCH, width };
    const api = createEnsembleApi();
    api.init(spec({ arch, size: E }));
    const x0 = Float64Array.of(-0.4);
    const row = api.ntkCross(x0, X_TEST, 'init');
    const theory = kernelFn(arch, fromData(1, 1, x0), fromData(M, 1, X_TEST)).ntk.data;
    const err = frob(row.map((v, j) => v - theory[j]!)) / frob(theory);
    const bound = (3 * 0.07 * Math.sqrt(1024 / width)) / Math.sqrt(E) + 0.01;
    expect(err).toBeLessThanOrEqual(bound);
    api.dispose();
  });

  it('rejects inputs that are not whole rows, and calls before init', () => {
    const api = createEnsembleApi();
    expect(() => api.ntkCross(Float64Array.of(0), X_TEST, 'init')).toThrow(/not initialised/);
    api.init(spec({ dim: 2, xTrain: X_TRAIN, yTrain: [0, 0, 0], xTest: X_TEST.subarray(0, 10) }));
    expect(() => api.ntkCross(Float64Array.of(0), X_TEST.subarray(0, 10), 'init')).toThrow(
      /rows of 2/,
    );
    api.dispose();
  });
});
