import { describe, expect, it } from 'vitest';
import { ACTIVATION_IDS, DEFAULT_ARCH, type ArchSpec } from './arch';
import { KernelAbortError, kernelBlocks, kernelDiag, kernelFn } from './kernels';
import { fromRows, zeros, type Matrix } from './linalg/matrix';
import { createRng } from './rng';

const arch = (over: Partial<ArchSpec>): ArchSpec => ({ ...DEFAULT_ARCH, ...over });

function randomInputs(seed: number, n: number, d: number, scale = 2): Matrix {
  const rng = createRng(seed);
  const m = zeros(n, d);
  for (let i = 0; i < m.data.length; i++) m.data[i] = scale * rng.normal();
  return m;
}

const at = (m: Matrix, i: number, j: number): number => m.data[i * m.cols + j] as number;

/** eigenvalues of a symmetric matrix by cyclic Jacobi rotations */
function jacobiEigenvalues(m: Matrix): number[] {
  const n = m.rows;
  const a = Float64Array.from(m.data);
  const A = (i: number, j: number): number => a[i * n + j] as number;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += A(i, j) ** 2;
    if (off === 0) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = A(p, q);
        if (apq === 0) continue;
        const tau = (A(q, q) - A(p, p)) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = A(k, p);
          const akq = A(k, q);
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A(p, k);
          const aqk = A(q, k);
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
  }
  return Array.from({ length: n }, (_, i) => A(i, i));
}

describe.each(ACTIVATION_IDS)('%s kernels', (activation) => {
  const spec = arch({ activation, depth: 3, wStd: 1.4, bStd: 0.2, a: -0.4, b: 1.3, alpha: 0.2 });
  const x = randomInputs(7, 10, 3);
  const xCopy: Matrix = { ...x, data: Float64Array.from(x.data) };

  it('symmetric path equals the general path bitwise; K and Θ are PSD', () => {
    const sym = kernelFn(spec, x, x);
    const gen = kernelFn(spec, x, xCopy);
    for (const kind of ['nngp', 'ntk'] as const) {
      const m = sym[kind];
      expect(m.data).toEqual(gen[kind].data);
      for (let i = 0; i < m.rows; i++)
        for (let j = 0; j < i; j++) expect(at(m, i, j)).toBe(at(m, j, i));
      const eig = jacobiEigenvalues(m);
      const top = Math.max(...eig.map(Math.abs));
      expect(Math.min(...eig)).toBeGreaterThanOrEqual(-1e-10 * top);
    }
  });

  it('diag entries equal kernelDiag; identical rows get the diagonal values', () => {
    const dup = fromRows([[0.3, -1, 2], Array.from(x.data.subarray(6, 9)), [0, 0, 0]]);
    const d = kernelDiag(spec, x);
    const full = kernelFn(spec, x, x);
    const cross = kernelFn(spec, dup, x);
    for (let i = 0; i < x.rows; i++) {
      expect(at(full.nngp, i, i)).toBe(d.nngp[i]);
      expect(at(full.ntk, i, i)).toBe(d.ntk[i]);
    }
    expect(at(cross.nngp, 1, 2)).toBe(d.nngp[2]);
    expect(at(cross.ntk, 1, 2)).toBe(d.ntk[2]);
  });

  it('is permutation equivariant', () => {
    const x2 = randomInputs(8, 6, 3);
    const perm = [3, 0, 5, 1, 4, 2];
    const p2 = zeros(6, 3);
    perm.forEach((src, dst) => p2.data.set(x2.data.subarray(src * 3, src * 3 + 3), dst * 3));
    const k = kernelFn(spec, x, x2);
    const kp = kernelFn(spec, x, p2);
    for (let i = 0; i < x.rows; i++)
      perm.forEach((src, dst) => {
        expect(at(kp.nngp, i, dst)).toBe(at(k.nngp, i, src));
        expect(at(kp.ntk, i, dst)).toBe(at(k.ntk, i, src));
      });
  });

  it('standard parameterization: same NNGP, PSD NTK', () => {
    const ntk = kernelFn(spec, x, x);
    const std = kernelFn({ ...spec, parameterization: 'standard', width: 64 }, x, x);
    expect(std.nngp.data).toEqual(ntk.nngp.data);
    const eig = jacobiEigenvalues(std.ntk);
    expect(Math.min(...eig)).toBeGreaterThanOrEqual(-1e-10 * Math.max(...eig.map(Math.abs)));
  });
});

describe('kernel recursion by hand', () => {
  const x1 = fromRows([[1, 2]]);
  const x2 = fromRows([[3, -1]]);
  const w2 = 1.5 ** 2;
  const b2 = 0.3 ** 2;
  const dot = 1;
  const sig = dot / 2;

  it('linear, depth 2, ntk and standard parameterization', () => {
    const base = arch({ activation: 'linear', depth: 2, wStd: 1.5, bStd: 0.3, width: 100 });
    const k1 = w2 * sig + b2;
    const k2 = w2 * k1 + b2;
    const k3 = w2 * k2 + b2;
    const th1 = k1;
    const th2 = k2 + w2 * th1;
    const th3 = k3 + w2 * th2;
    const ntk = kernelFn(base, x1, x2);
    expect(at(ntk.nngp, 0, 0)).toBeCloseTo(k3, 13);
    expect(at(ntk.ntk, 0, 0)).toBeCloseTo(th3, 13);
    // standard: Θ¹ = ⟨x,x'⟩ + 1, Θ^{l+1} = n·S + 1 + σ_w²·1·Θ^l with S = K^l for φ = x
    const s1 = dot + 1;
    const s2 = 100 * k1 + 1 + w2 * s1;
    const s3 = 100 * k2 + 1 + w2 * s2;
    const std = kernelFn({ ...base, parameterization: 'standard' }, x1, x2);
    expect(at(std.nngp, 0, 0)).toBe(at(ntk.nngp, 0, 0));
    expect(at(std.ntk, 0, 0)).toBeCloseTo(s3, 11);
    // no bias parameters: σ_b² → 0 and β = 0
    const nb = kernelFn({ ...base, parameterization: 'standard', bias: false }, x1, x2);
    const n1 = w2 * sig;
    const nth = 100 * w2 * n1 + w2 * (100 * n1 + w2 * dot);
    expect(at(nb.nngp, 0, 0)).toBeCloseTo(w2 ** 3 * sig, 13);
    expect(at(nb.ntk, 0, 0)).toBeCloseTo(nth, 11);
  });

  it('relu, depth 1, ntk parameterization', () => {
    const spec = arch({ activation: 'relu', depth: 1, wStd: 1.5, bStd: 0.3 });
    const q11 = w2 * (5 / 2) + b2;
    const q22 = w2 * (10 / 2) + b2;
    const q12 = w2 * sig + b2;
    const s = Math.sqrt(q11 * q22);
    const th = Math.acos(q12 / s);
    const S = (s * (Math.sin(th) + (Math.PI - th) * Math.cos(th))) / (2 * Math.PI);
    const Sd = (Math.PI - th) / (2 * Math.PI);
    const k = kernelFn(spec, x1, x2);
    expect(at(k.nngp, 0, 0)).toBeCloseTo(w2 * S + b2, 13);
    expect(at(k.ntk, 0, 0)).toBeCloseTo(w2 * S + b2 + w2 * Sd * q12, 13);
  });

  it('bias = false equals σ_b = 0 in the ntk parameterization; depth 0 is the affine layer', () => {
    const x = randomInputs(3, 5, 2);
    const a = kernelFn(arch({ activation: 'erf', bStd: 0, bias: true }), x, x);
    const b = kernelFn(arch({ activation: 'erf', bStd: 0.7, bias: false }), x, x);
    expect(b.nngp.data).toEqual(a.nngp.data);
    expect(b.ntk.data).toEqual(a.ntk.data);
    const d0 = kernelFn(arch({ depth: 0, wStd: 2, bStd: 0.5 }), x1, x2);
    expect(at(d0.nngp, 0, 0)).toBe(4 * sig + 0.25);
    expect(at(d0.ntk, 0, 0)).toBe(4 * sig + 0.25);
  });
});

describe('kernelFn plumbing', () => {
  const spec = arch({ activation: 'gelu', depth: 4 });
  const xTrain = randomInputs(11, 9, 1, 3);
  const xTest = randomInputs(12, 14, 1, 3);

  it('kernelBlocks equals separate calls', () => {
    const blocks = kernelBlocks(spec, xTrain, xTest);
    expect(blocks.trainTrain.ntk.data).toEqual(kernelFn(spec, xTrain, xTrain).ntk.data);
    expect(blocks.testTrain.nngp.data).toEqual(kernelFn(spec, xTest, xTrain).nngp.data);
    expect(blocks.testTrain.ntk.data).toEqual(kernelFn(spec, xTest, xTrain).ntk.data);
    expect(blocks.testDiag.ntk).toEqual(kernelDiag(spec, xTest).ntk);
    expect([blocks.testTrain.ntk.rows, blocks.testTrain.ntk.cols]).toEqual([14, 9]);
  });

  it('reports progress and aborts on request', () => {
    const seen: number[] = [];
    kernelFn(spec, xTest, xTrain, { checkEvery: 4, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([4, 8, 12, 14]);
    let polls = 0;
    const abort = (): boolean => ++polls >= 2;
    expect(() => kernelFn(spec, xTest, xTest, { checkEvery: 1, shouldAbort: abort })).toThrow(
      KernelAbortError,
    );
    expect(polls).toBe(2);
  });

  it('rejects mismatched input dimensions and invalid depth', () => {
    expect(() => kernelFn(spec, xTrain, zeros(2, 2))).toThrow(/dimensions/);
    expect(() => kernelDiag({ ...spec, depth: 1.5 }, xTrain)).toThrow(/depth/);
  });

  it("method 'closed' throws for quadrature-only activations", () => {
    expect(() => kernelDiag(arch({ activation: 'tanh' }), xTrain, { method: 'closed' })).toThrow();
  });
});
