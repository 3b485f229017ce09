// Symmetric eigendecomposition A = V diag(λ) Vᵀ in float64: Householder reduction to
// tridiagonal form (tred2) followed by the implicit QL algorithm with Wilkinson-type shifts
// (tql2). Backward stable: |λ_got − λ| ≲ few·N·ε·‖A‖ and VᵀV = I to ~N·ε.
// Algorithm: Martin, Reinsch & Wilkinson, Numer. Math. 11 (1968) 181; Bowdler et al., Numer.
// Math. 11 (1968) 293 (EISPACK tred2/tql2), as transcribed in the public-domain JAMA library.
// The working matrix is stored column-major so every O(N³) inner loop runs over contiguous
// memory (JAMA's V[k][j] with k innermost becomes z[j·n + k]).

import { zeros, type Matrix } from './matrix';

export interface Eigh {
  /** eigenvalues, ascending */
  values: Float64Array;
  /** n x n, row-major; column j is the unit eigenvector of values[j] */
  vectors: Matrix;
}

const EPS = 2 ** -52;

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of the symmetric part (A + Aᵀ)/2 of a
 * square matrix. Throws on non-square or non-finite input. O(N³): ~10 N³ flops.
 */
export function eigh(a: Matrix): Eigh {
  const n = a.rows;
  if (a.cols !== n) throw new Error(`eigh: matrix is ${a.rows}x${a.cols}, expected square`);
  const z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = 0.5 * ((a.data[i * n + j] as number) + (a.data[j * n + i] as number));
      if (!Number.isFinite(v)) throw new Error(`eigh: non-finite entry at (${i}, ${j})`);
      z[i * n + j] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tred2(n, z, d, e);
    tql2(n, z, d, e);
  }
  const vectors = zeros(n, n);
  for (let j = 0; j < n; j++)
    for (let r = 0; r < n; r++) vectors.data[r * n + j] = z[j * n + r] as number;
  return { values: d, vectors };
}

/** Householder tridiagonalisation; z (column-major) becomes the accumulated transform. */
function tred2(n: number, z: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = z[j * n + n - 1] as number;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k] as number);
    if (scale === 0) {
      e[i] = d[i - 1] as number;
      for (let j = 0; j < i; j++) {
        d[j] = z[j * n + i - 1] as number;
        z[j * n + i] = 0;
        z[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        const dk = (d[k] as number) / scale;
        d[k] = dk;
        h += dk * dk;
      }
      let f = d[i - 1] as number;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        const col = j * n;
        f = d[j] as number;
        z[i * n + j] = f;
        g = (e[j] as number) + (z[col + j] as number) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const zk = z[col + k] as number;
          g += zk * (d[k] as number);
          e[k] = (e[k] as number) + zk * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        const ej = (e[j] as number) / h;
        e[j] = ej;
        f += ej * (d[j] as number);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = (e[j] as number) - hh * (d[j] as number);
      for (let j = 0; j < i; j++) {
        const col = j * n;
        f = d[j] as number;
        g = e[j] as number;
        for (let k = j; k <= i - 1; k++)
          z[col + k] = (z[col + k] as number) - (f * (e[k] as number) + g * (d[k] as number));
        d[j] = z[col + i - 1] as number;
        z[col + i] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    const ci = i * n;
    const ci1 = (i + 1) * n;
    z[ci + n - 1] = z[ci + i] as number;
    z[ci + i] = 1;
    const h = d[i + 1] as number;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = (z[ci1 + k] as number) / h;
      for (let j = 0; j <= i; j++) {
        const cj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += (z[ci1 + k] as number) * (z[cj + k] as number);
        for (let k = 0; k <= i; k++) z[cj + k] = (z[cj + k] as number) - g * (d[k] as number);
      }
    }
    for (let k = 0; k <= i; k++) z[ci1 + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = z[j * n + n - 1] as number;
    z[j * n + n - 1] = 0;
  }
  z[n * n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e); rotations accumulate into the columns of z. */
function tql2(n: number, z: Float64Array, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i] as number;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l] as number) + Math.abs(e[l] as number));
    let m = l;
    while (m < n && Math.abs(e[m] as number) > EPS * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error('eigh: QL iteration did not converge');
        let g = d[l] as number;
        const el = e[l] as number;
        let p = ((d[l + 1] as number) - g) / (2 * el);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = el / (p + r);
        d[l + 1] = el * (p + r);
        const dl1 = d[l + 1] as number;
        let h = g - (d[l] as number);
        for (let i = l + 2; i < n; i++) d[i] = (d[i] as number) - h;
        f += h;
        p = d[m] as number;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = e[i] as number;
          const di = d[i] as number;
          g = c * ei;
          h = c * p;
          r = Math.hypot(p, ei);
          e[i + 1] = s * r;
          s = ei / r;
          c = p / r;
          p = c * di - s * g;
          d[i + 1] = h + s * (c * g + s * di);
          const a0 = i * n;
          const a1 = a0 + n;
          for (let k = 0; k < n; k++) {
            const zi = z[a0 + k] as number;
            const zi1 = z[a1 + k] as number;
            z[a1 + k] = s * zi + c * zi1;
            z[a0 + k] = c * zi - s * zi1;
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l] as number) > EPS * tst1);
    }
    d[l] = (d[l] as number) + f;
    e[l] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i] as number;
    for (let j = i + 1; j < n; j++) {
      if ((d[j] as number) < p) {
        k = j;
        p = d[j] as number;
      }
    }
    if (k !== i) {
      d[k] = d[i] as number;
      d[i] = p;
      const ci = i * n;
      const ck = k * n;
      for (let r = 0; r < n; r++) {
        const t = z[ci + r] as number;
        z[ci + r] = z[ck + r] as number;
        z[ck + r] = t;
      }
    }
  }
}
