import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createPredictor,
  expectedHalfMse,
  type DynamicsInput,
  type DynamicsMode,
  type Prediction,
} from './dynamics';
import { eigh } from './linalg/eigh';
import { choleskyPsd } from './linalg/cholesky';
import {
  identity,
  matmul,
  matmulNT,
  matvec,
  maxAbs,
  scaleColumns,
  symmetrize,
  zeros,
  type Matrix,
} from './linalg/matrix';
import { createRng } from './rng';

/** Joint (n + m)-point NNGP K and NTK Θ = K + (PSD), from random features; train points first */
function randomJoint(seed: number, n: number, m: number) {
  const rng = createRng(seed);
  const p = n + m;
  const features = (f: number) => {
    const a = zeros(p, f);
    for (let i = 0; i < a.data.length; i++) a.data[i] = rng.normal() / Math.sqrt(f);
    return a;
  };
  const phi = features(p + 4);
  const k = matmulNT(phi, phi);
  const extra = features(p + 4);
  const t = matmulNT(extra, extra);
  t.data.forEach((x, i) => (t.data[i] = 2 * x + (k.data[i] as number)));
  const y = Float64Array.from({ length: n }, () => rng.normal());
  const yTest = Float64Array.from({ length: m }, () => rng.normal());
  return { n, m, k, t, y, yTest };
}
type Joint = ReturnType<typeof randomJoint>;

function block(a: Matrix, rows: number[], cols: number[]): Matrix {
  const out = zeros(rows.length, cols.length);
  rows.forEach((r, i) =>
    cols.forEach((c, j) => (out.data[i * cols.length + j] = a.data[r * a.cols + c] as number)),
  );
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** The blocks of a joint case, at the lr giving r·λ_max = rl */
function inputOf(j: Joint, mode: DynamicsMode, rl: number, diagReg: number): DynamicsInput {
  const tr = range(0, j.n);
  const te = range(j.n, j.n + j.m);
  const base: DynamicsInput = {
    ntkTrain: block(j.t, tr, tr),
    nngpTrain: block(j.k, tr, tr),
    ntkTestTrain: block(j.t, te, tr),
    nngpTestTrain: block(j.k, te, tr),
    nngpTestTest: block(j.k, te, te),
    yTrain: j.y,
    lr: 1,
    lossScale: 0.5,
    diagReg,
    mode,
  };
  const p = createPredictor(base);
  return { ...base, lr: rl / p.lambdaMax / base.lossScale };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  maxAbs(Array.from(a, (x, i) => x - (b[i] as number)));
/** max|a − b| < tol */
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) =>
  expect(maxDiff(a, b)).toBeLessThan(tol);
const covOf = (r: Prediction) => (r.cov as Matrix).data;

/**
 * Independent check: iterate the linearised GD recursion itself on the joint Gaussian of
 * u = [f(x_test); f(X) latent] and the GD state s = f(X) (+ noise λ_reg in 'nngp' mode):
 * s ← s − r D (s − y), u ← u − r T (s − y), D the regularised dynamics kernel.
 */
function simulate(j: Joint, input: DynamicsInput, steps: number) {
  const { n, m } = j;
  const reg = input.diagReg ?? 0;
  const r = input.lr * input.lossScale;
  const tr = range(0, n);
  const all = [...range(n, n + m), ...tr, ...tr];
  const dim = all.length;
  const drive = block(input.mode === 'ntk' ? j.t : j.k, all, tr);
  let cov = block(j.k, all, all);
  for (let a = 0; a < n; a++) {
    const s = m + n + a;
    drive.data[s * n + a] = (drive.data[s * n + a] as number) + reg;
    if (input.mode === 'nngp') cov.data[s * dim + s] = (cov.data[s * dim + s] as number) + reg;
  }
  const step = identity(dim);
  for (let i = 0; i < dim; i++)
    for (let a = 0; a < n; a++) {
      const at = i * dim + m + n + a;
      step.data[at] = (step.data[at] as number) - r * (drive.data[i * n + a] as number);
    }
  const push = matvec(drive, j.y).map((x) => r * x);
  let mean = new Float64Array(dim);
  const out: { mean: Float64Array; cov: Matrix }[] = [];
  for (let k = 0; k <= steps; k++) {
    out.push({ mean, cov });
    mean = matvec(step, mean).map((x, i) => x + (push[i] as number));
    cov = matmulNT(matmul(step, cov), step);
  }
  return out;
}

const arbCase = fc.record({
  seed: fc.integer(),
  n: fc.integer({ min: 1, max: 8 }),
  m: fc.integer({ min: 1, max: 5 }),
  mode: fc.constantFrom<DynamicsMode>('ntk', 'nngp'),
  rl: fc.double({ min: 0.05, max: 1.95, noNaN: true }),
  diagReg: fc.constantFrom(0, 0.05, 0.5),
});

describe('createPredictor (discrete form) against the iterated GD recursion', () => {
  it('matches mean and covariance on test and training points step by step', () => {
    fc.assert(
      fc.property(arbCase, ({ seed, n, m, mode, rl, diagReg }) => {
        const j = randomJoint(seed, n, m);
        const input = inputOf(j, mode, rl, diagReg);
        const p = createPredictor(input);
        const sim = simulate(j, input, 40);
        for (const k of [0, 1, 2, 7, 40]) {
          const s = sim[k] as { mean: Float64Array; cov: Matrix };
          const [test, train] = [p.test(k, { cov: true }), p.train(k, { cov: true })];
          const tol = 1e-10 * Math.max(1, maxAbs(s.cov.data), maxAbs(s.mean));
          close(test.mean, s.mean.subarray(0, m), tol);
          close(train.mean, s.mean.subarray(m, m + n), tol);
          close(covOf(test), block(s.cov, range(0, m), range(0, m)).data, tol);
          close(covOf(train), block(s.cov, range(m, m + n), range(m, m + n)).data, tol);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('createPredictor properties', () => {
  it('covariances are symmetric and PSD, with the variance on the diagonal', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.constantFrom<number | 'inf'>(0, 1, 13, 500, 'inf'),
        fc.boolean(),
        (c, k, cont) => {
          const j = randomJoint(c.seed, c.n, c.m);
          const p = createPredictor(inputOf(j, c.mode, c.rl, c.diagReg));
          for (const r of [
            p.test(k, { cov: true, form: cont ? 'continuous' : 'discrete' }),
            p.train(k, { cov: true }),
          ]) {
            const cov = r.cov as Matrix;
            const size = cov.rows;
            for (let i = 0; i < size; i++) {
              expect(cov.data[i * size + i]).toBe(r.varianceRaw[i]);
              expect(r.variance[i]).toBe(Math.max(r.varianceRaw[i] as number, 0));
              for (let q = 0; q < i; q++)
                expect(cov.data[i * size + q]).toBe(cov.data[q * size + i]);
            }
            expect(eigh(cov).values[0]).toBeGreaterThan(-1e-9 * Math.max(1, maxAbs(j.k.data)));
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('t = 0 gives the prior (0, K) on test and training points', () => {
    const j = randomJoint(4, 6, 3);
    for (const mode of ['ntk', 'nngp'] as const) {
      const input = inputOf(j, mode, 0.9, 0.1);
      const p = createPredictor(input);
      for (const form of ['discrete', 'continuous'] as const) {
        const test = p.test(0, { form, cov: true });
        expect(maxAbs(test.mean)).toBe(0);
        expect(Array.from((test.cov as Matrix).data)).toEqual(
          Array.from((input.nngpTestTest as Matrix).data),
        );
        const train = p.train(0, { form, cov: true });
        expect(maxAbs(train.mean)).toBe(0);
        expect(maxDiff((train.cov as Matrix).data, input.nngpTrain.data)).toBeLessThan(1e-13);
      }
    }
  });

  it('t → ∞ (many small steps) approaches t = ∞ kernel regression', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const j = randomJoint(c.seed, c.n, c.m);
        const p = createPredictor(inputOf(j, c.mode, 0.5, c.diagReg));
        const lmin = p.eigenvalues[0] as number;
        fc.pre(lmin > 1e-6 * p.lambdaMax);
        const k = Math.ceil(40 / (p.rate * lmin));
        const scale = Math.max(1, p.conditionNumber) * 1e-11;
        for (const form of ['discrete', 'continuous'] as const) {
          const [a, b] = [p.test(k, { form, cov: true }), p.test('inf', { cov: true })];
          close(a.mean, b.mean, scale);
          close(covOf(a), covOf(b), scale);
          close(p.train(k, { form }).mean, p.train('inf').mean, scale);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('discrete → continuous as η → 0 at fixed η·k', () => {
    const j = randomJoint(9, 6, 4);
    for (const mode of ['ntk', 'nngp'] as const) {
      const base = createPredictor(inputOf(j, mode, 1.2, 0));
      const errs = [1, 10, 100, 1000].map((f) => {
        const p = base.withLr(base.lr / f);
        const k = 5 * f;
        const [d, c] = [p.test(k, { cov: true }), p.test(k, { form: 'continuous', cov: true })];
        return Math.max(maxDiff(d.mean, c.mean), maxDiff(covOf(d), covOf(c)));
      });
      expect(errs[0]).toBeGreaterThan(1e-3);
      for (let i = 1; i < errs.length; i++)
        expect(errs[i]).toBeLessThan((errs[i - 1] as number) / 5);
      expect(errs[3]).toBeLessThan(3e-3 * (errs[0] as number));
    }
  });

  it('is equivariant under permutations of the training points', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.integer(),
        fc.constantFrom<number | 'inf'>(3, 'inf'),
        (c, permSeed, k) => {
          const j = randomJoint(c.seed, c.n, c.m);
          const input = inputOf(j, c.mode, c.rl, c.diagReg);
          const rng = createRng(permSeed);
          const perm = range(0, c.n).sort(() => rng.uniform() - 0.5);
          const te = range(0, c.m);
          const permuted: DynamicsInput = {
            ...input,
            ntkTrain: block(input.ntkTrain, perm, perm),
            nngpTrain: block(input.nngpTrain, perm, perm),
            ntkTestTrain: block(input.ntkTestTrain, te, perm),
            nngpTestTrain: block(input.nngpTestTrain, te, perm),
            yTrain: perm.map((i) => j.y[i] as number),
          };
          const [a, b] = [createPredictor(input), createPredictor(permuted)];
          const tol = 1e-11 * Math.max(1, a.conditionNumber);
          const [ta, tb] = [a.test(k, { cov: true }), b.test(k, { cov: true })];
          close(ta.mean, tb.mean, tol);
          close(covOf(ta), covOf(tb), tol);
          const [ra, rb] = [a.train(k), b.train(k)];
          close(
            perm.map((i) => ra.mean[i] as number),
            rb.mean,
            tol,
          );
          close(
            perm.map((i) => ra.varianceRaw[i] as number),
            rb.varianceRaw,
            tol,
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});

/** K⁻¹ b by Cholesky solves (test-side reference only) */
function solve(k: Matrix, b: Float64Array): Float64Array {
  const { L, jitter } = choleskyPsd(k);
  expect(jitter).toBe(0);
  const n = k.rows;
  const x = Float64Array.from(b);
  const at = (i: number, p: number) => L.data[i * n + p] as number;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < i; p++) x[i] = (x[i] as number) - at(i, p) * (x[p] as number);
    x[i] = (x[i] as number) / at(i, i);
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let p = i + 1; p < n; p++) x[i] = (x[i] as number) - at(p, i) * (x[p] as number);
    x[i] = (x[i] as number) / at(i, i);
  }
  return x;
}

describe('t = ∞, losses, rates and edge cases', () => {
  it('nngp mode at t = ∞ is the GP posterior with noise λ_reg; ntk mode is kernel regression', () => {
    const j = randomJoint(21, 7, 4);
    const cases = [
      ['nngp', 0.1],
      ['nngp', 0],
      ['ntk', 0],
      ['ntk', 0.3],
    ] as const;
    for (const [mode, reg] of cases) {
      const input = inputOf(j, mode, 0.7, reg);
      const dyn = symmetrize(mode === 'ntk' ? input.ntkTrain : input.nngpTrain, reg);
      const cross = mode === 'ntk' ? input.ntkTestTrain : input.nngpTestTrain;
      const p = createPredictor(input);
      const inf = p.test('inf');
      close(inf.mean, matvec(cross, solve(dyn, j.y)), 1e-10 * p.conditionNumber);
      if (mode === 'ntk') continue;
      const variance = range(0, 4).map((i) => {
        const kx = cross.data.slice(i * 7, i * 7 + 7);
        const w = solve(dyn, kx);
        const prior = (input.nngpTestTest as Matrix).data[i * 5] as number;
        return prior - kx.reduce((acc, v, a) => acc + v * (w[a] as number), 0);
      });
      close(inf.varianceRaw, variance, 1e-10 * p.conditionNumber);
    }
  });

  it('train() equals test() evaluated at x_test = x_train', () => {
    const j = randomJoint(5, 6, 2);
    for (const mode of ['ntk', 'nngp'] as const) {
      const input = inputOf(j, mode, 1.5, 0.2);
      const onTrain = createPredictor({
        ...input,
        ntkTestTrain: input.ntkTrain,
        nngpTestTrain: input.nngpTrain,
        nngpTestTest: input.nngpTrain,
      });
      const p = createPredictor(input);
      for (const k of [1, 30, 'inf'] as const) {
        const [a, b] = [p.train(k, { cov: true }), onTrain.test(k, { cov: true })];
        close(a.mean, b.mean, 1e-11 * p.conditionNumber);
        close(covOf(a), covOf(b), 1e-11 * p.conditionNumber);
      }
    }
  });

  it('expected losses are ½·mean((μ − y)² + var)', () => {
    const j = randomJoint(8, 5, 3);
    const input = inputOf(j, 'ntk', 0.8, 0);
    const p = createPredictor(input);
    const half = (r: Prediction, y: Float64Array) =>
      r.mean.reduce((s, mu, i) => s + (mu - (y[i] as number)) ** 2 + (r.variance[i] as number), 0) /
      (2 * y.length);
    const prior = j.y.reduce(
      (acc, y, i) => acc + y * y + (input.nngpTrain.data[i * 6] as number),
      0,
    );
    expect(p.expectedLoss(0).train).toBeCloseTo(prior / 10, 13);
    for (const k of [3, 'inf'] as const) {
      const loss = p.expectedLoss(k, { yTest: j.yTest, form: 'continuous' });
      expect(loss.train).toBeCloseTo(half(p.train(k, { form: 'continuous' }), j.y), 14);
      expect(loss.test).toBeCloseTo(half(p.test(k, { form: 'continuous' }), j.yTest), 14);
    }
    expect(p.expectedLoss('inf').train).toBeLessThan(1e-12 * p.conditionNumber);
    expect(expectedHalfMse(p.test(3), j.yTest)).toBe(p.expectedLoss(3, { yTest: j.yTest }).test);
    expect(p.expectedLoss(1).test).toBeUndefined();
    expect(() => p.expectedLoss(1, { yTest: [1] })).toThrow(/yTest/);
  });

  it('withLr reuses the decomposition and equals a fresh predictor', () => {
    const j = randomJoint(2, 5, 3);
    const input = inputOf(j, 'ntk', 0.5, 0);
    const p = createPredictor(input);
    const q = p.withLr(5 * input.lr);
    const fresh = createPredictor({ ...input, lr: 5 * input.lr });
    expect(q.eigenvectors).toBe(p.eigenvectors);
    expect(q.rate).toBeCloseTo(5 * p.rate, 15);
    expect(q.stable).toBe(false);
    expect(Array.from(q.test(4, { cov: true }).mean)).toEqual(
      Array.from(fresh.test(4, { cov: true }).mean),
    );
  });

  it('reports clamped negative eigenvalues, λ_max, lr_max and the condition number', () => {
    const q = eigh(randomJoint(3, 5, 0).k).vectors;
    const lam = [-2, -1e-3, 0.5, 1, 3];
    const dyn = matmulNT(scaleColumns(q, lam), q);
    const p = createPredictor({
      ntkTrain: dyn,
      nngpTrain: dyn,
      ntkTestTrain: zeros(1, 5),
      nngpTestTrain: zeros(1, 5),
      nngpTestTest: new Float64Array(1),
      yTrain: [1, 2, 3, 4, 5],
      lr: 0.1,
      lossScale: 0.2,
      mode: 'ntk',
    });
    expect(p.clampedCount).toBe(2);
    expect(Array.from(p.eigenvalues).slice(0, 2)).toEqual([0, 0]);
    close(p.eigenvaluesRaw, lam, 1e-14);
    expect(p.lambdaMax).toBeCloseTo(3, 14);
    expect(p.lrMax).toBeCloseTo(2 / (0.2 * 3), 13);
    expect(p.conditionNumber / 3e300).toBeCloseTo(1, 12);
    expect(() => p.test(1, { cov: true })).toThrow(/full test-test kernel/);
  });

  it('diverging GD (lr > lr_max) stays finite at moderate k and never turns NaN', () => {
    const j = randomJoint(6, 6, 4);
    const p = createPredictor(inputOf(j, 'ntk', 2.5, 0));
    expect(p.stable).toBe(false);
    const moderate = p.test(200, { cov: true });
    for (const x of [...moderate.mean, ...moderate.varianceRaw, ...covOf(moderate)])
      expect(Number.isFinite(x)).toBe(true);
    expect(maxAbs(moderate.mean)).toBeGreaterThan(1e20);
    const far = p.test(5000, { cov: true });
    const values = [...far.mean, ...far.varianceRaw, ...covOf(far), ...p.train(5000).mean];
    expect(values.some((x) => Number.isNaN(x))).toBe(false);
    expect(values.some((x) => !Number.isFinite(x))).toBe(true);
  });

  it('keeps a diagonal-only test kernel to variances', () => {
    const j = randomJoint(7, 4, 3);
    const input = inputOf(j, 'nngp', 0.5, 0);
    const diag = Float64Array.from(
      range(0, 3),
      (i) => (input.nngpTestTest as Matrix).data[i * 4] as number,
    );
    const [a, b] = [createPredictor(input), createPredictor({ ...input, nngpTestTest: diag })];
    expect(Array.from(b.test(9).varianceRaw)).toEqual(Array.from(a.test(9).varianceRaw));
    expect(() => b.test(9, { cov: true })).toThrow(/full test-test kernel/);
    expect(() => createPredictor({ ...input, yTrain: [1] })).toThrow(/yTrain/);
    expect(() => createPredictor({ ...input, lr: -1 })).toThrow(/lr/);
  });
});

describe('timing (loose bounds for a shared machine)', () => {
  it('one evaluation at a new k for M = 256, N = 64 reuses the decomposition', () => {
    const j = randomJoint(1, 64, 256);
    const p = createPredictor(inputOf(j, 'ntk', 0.9, 0));
    p.test(1);
    const t0 = performance.now();
    const r = p.test(123);
    p.train(123);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(r.mean.length).toBe(256);
  });
});
