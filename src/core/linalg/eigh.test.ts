import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../rng';
import { eigh } from './eigh';
import {
  fromRows,
  matmul,
  matmulNT,
  maxAbs,
  scaleColumns,
  transpose,
  zeros,
  type Matrix,
} from './matrix';

function randomSymmetric(n: number, seed: number, scale = 1): Matrix {
  const rng = createRng(seed);
  const a = zeros(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = scale * rng.normal();
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
  return a;
}

/** ‖V diag(λ) Vᵀ − A‖_max / max(1e-300, ‖A‖_max) and ‖VᵀV − I‖_max */
function errors(a: Matrix): { rec: number; orth: number; sorted: boolean } {
  const { values, vectors } = eigh(a);
  const n = a.rows;
  const rec = matmulNT(scaleColumns(vectors, values), vectors);
  const diff = rec.data.map((x, i) => x - (a.data[i] as number));
  const vtv = matmul(transpose(vectors), vectors);
  for (let i = 0; i < n; i++) vtv.data[i * n + i] = (vtv.data[i * n + i] as number) - 1;
  let sorted = true;
  for (let i = 1; i < n; i++) if ((values[i] as number) < (values[i - 1] as number)) sorted = false;
  return { rec: maxAbs(diff) / Math.max(maxAbs(a.data), 1e-300), orth: maxAbs(vtv.data), sorted };
}

describe('eigh', () => {
  it('reconstructs random symmetric matrices with orthonormal vectors, ascending values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer(),
        fc.double({ min: -200, max: 200, noNaN: true }),
        (n, seed, logScale) => {
          const a = randomSymmetric(n, seed, 2 ** Math.round(logScale));
          const { rec, orth, sorted } = errors(a);
          expect(sorted).toBe(true);
          expect(rec).toBeLessThan(1e-13 * Math.sqrt(n) + 1e-15);
          expect(orth).toBeLessThan(1e-13);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('handles degenerate spectra: zero, identity, rank one, repeated and graded eigenvalues', () => {
    const n = 12;
    const cases: Matrix[] = [zeros(n, n)];
    const id = zeros(n, n);
    for (let i = 0; i < n; i++) id.data[i * n + i] = 1;
    cases.push(id);
    const u = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    cases.push(fromRows(u.map((ui) => u.map((uj) => ui * uj))));
    const diagRepeat = zeros(n, n);
    for (let i = 0; i < n; i++) diagRepeat.data[i * n + i] = i % 3;
    cases.push(diagRepeat);
    const q = eigh(randomSymmetric(n, 7)).vectors;
    const graded = scaleColumns(
      q,
      Float64Array.from({ length: n }, (_, i) => 10 ** -i),
    );
    cases.push(matmulNT(graded, q));
    for (const a of cases) {
      const { rec, orth, sorted } = errors(a);
      expect(sorted).toBe(true);
      expect(rec).toBeLessThan(1e-14 * n);
      expect(orth).toBeLessThan(1e-14 * n);
    }
    expect(Array.from(eigh(diagRepeat).values)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('gets known eigenvalues of the 1-D Laplacian to ~ε·‖A‖', () => {
    const n = 50;
    const a = zeros(n, n);
    for (let i = 0; i < n; i++) {
      a.data[i * n + i] = 2;
      if (i > 0) a.data[i * n + i - 1] = -1;
      if (i < n - 1) a.data[i * n + i + 1] = -1;
    }
    const { values } = eigh(a);
    for (let k = 1; k <= n; k++) {
      const exact = 2 - 2 * Math.cos((k * Math.PI) / (n + 1));
      expect(Math.abs((values[k - 1] as number) - exact)).toBeLessThan(4 * 4e-15);
    }
  });

  it('uses only the symmetric part and rejects bad input', () => {
    const a = fromRows([
      [1, 2],
      [0, 1],
    ]);
    const { values } = eigh(a);
    expect(values[0]).toBeCloseTo(0, 15);
    expect(values[1]).toBeCloseTo(2, 15);
    expect(() => eigh(zeros(2, 3))).toThrow(/square/);
    expect(() => eigh(fromRows([[Number.NaN]]))).toThrow(/non-finite/);
    expect(eigh(zeros(0, 0)).values.length).toBe(0);
  });

  it('decomposes N = 256 quickly (loose bound for a shared machine)', () => {
    const a = randomSymmetric(256, 3);
    eigh(a);
    const t0 = performance.now();
    eigh(a);
    expect(performance.now() - t0).toBeLessThan(1000);
    const { rec, orth } = errors(a);
    expect(rec).toBeLessThan(1e-13);
    expect(orth).toBeLessThan(1e-13);
  });
});
