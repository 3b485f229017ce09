import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../rng';
import { choleskyPsd, lowerMatvec } from './cholesky';
import { matmulNT, maxAbs, zeros, type Matrix } from './matrix';

/** Gram matrix of `rank` random features on n points, optionally with repeated points */
function gram(n: number, rank: number, seed: number, duplicates = false): Matrix {
  const rng = createRng(seed);
  const f = zeros(n, rank);
  for (let i = 0; i < n; i++) {
    const src = duplicates && i % 2 === 1 ? i - 1 : i;
    for (let j = 0; j < rank; j++)
      f.data[i * rank + j] = src === i ? rng.normal() : (f.data[src * rank + j] as number);
  }
  return matmulNT(f, f);
}

/** max|L Lᵀ − K| / max|K| and the jitter used */
function reconstruction(k: Matrix): { err: number; jitter: number } {
  const { L, jitter } = choleskyPsd(k);
  const rec = matmulNT(L, L);
  const err = maxAbs(rec.data.map((x, i) => x - (k.data[i] as number))) / maxAbs(k.data);
  return { err, jitter: jitter / maxAbs(k.data) };
}

describe('choleskyPsd', () => {
  it('factors positive definite matrices without jitter and is lower triangular', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer(), (n, seed) => {
        const k = gram(n, n + 3, seed);
        const { L, jitter } = choleskyPsd(k);
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) expect(L.data[i * n + j]).toBe(0);
        if (jitter === 0) expect(reconstruction(k).err).toBeLessThan(1e-13);
        else expect(jitter).toBeLessThan(1e-12 * maxAbs(k.data));
      }),
      { numRuns: 40 },
    );
    const spd = gram(5, 8, 1);
    expect(choleskyPsd(spd).jitter).toBe(0);
  });

  it('tolerates rank-deficient PSD matrices (low rank, duplicate points, zero rows)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer(), (n, seed) => {
        for (const k of [gram(n, 2, seed), gram(n, n + 3, seed, true)]) {
          const { err, jitter } = reconstruction(k);
          // a rounding-positive pivot may let δ = 0 through: still backward stable
          expect(jitter).toBeLessThan(1e-11);
          expect(err).toBeLessThan(jitter + 1e-14 * n);
        }
      }),
      { numRuns: 30 },
    );
    const z = zeros(3, 3);
    z.data[0] = 4;
    const { L, jitter } = choleskyPsd(z);
    expect(L.data[0]).toBeCloseTo(2, 12);
    expect(jitter).toBeLessThan(1e-13);
    expect(Array.from(choleskyPsd(zeros(2, 2)).L.data)).toEqual([0, 0, 0, 0]);
  });

  it('rejects indefinite and non-finite matrices', () => {
    const bad = zeros(2, 2);
    bad.data.set([1, 2, 2, 1]);
    expect(() => choleskyPsd(bad)).toThrow(/not positive semidefinite/);
    bad.data[0] = Number.NaN;
    expect(() => choleskyPsd(bad)).toThrow(/non-finite/);
  });

  it('samples with the right covariance through lowerMatvec', () => {
    const k = gram(3, 5, 11);
    const { L } = choleskyPsd(k);
    const rng = createRng(5);
    const count = 20000;
    const acc = zeros(3, 3);
    for (let s = 0; s < count; s++) {
      const f = lowerMatvec(L, [rng.normal(), rng.normal(), rng.normal()]);
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++)
          acc.data[i * 3 + j] =
            (acc.data[i * 3 + j] as number) + ((f[i] as number) * (f[j] as number)) / count;
    }
    const err = maxAbs(acc.data.map((x, i) => x - (k.data[i] as number))) / maxAbs(k.data);
    expect(err).toBeLessThan(0.05);
  });
});
