// Lower-triangular L with L Lᵀ = K + δ·I for a symmetric positive SEMI-definite K, for GP
// prior samples f = L z, z ~ N(0, I) (covariance K up to δ). Kernel matrices are often rank-
// deficient (duplicate inputs, σ_b = 0 with a zero input, more points than the kernel's rank)
// so a plain Cholesky meets zero or rounding-negative pivots. Jittered Cholesky: try δ = 0, then
// δ = 10^j · 1e-15 · max K_ii for j = 0, 1, … up to 1e-3 · max K_ii, keeping the first δ for which
// every pivot is > 0. A completed Cholesky is backward stable (Higham, "Accuracy and Stability
// of Numerical Algorithms", Thm 10.3): ‖L Lᵀ − (K + δI)‖ ≲ N·ε·max K_ii, so the sampled
// covariance is K to within δ + N·ε·max K_ii; δ is returned so callers can show it.

import { zeros, type Matrix } from './matrix';

export interface PsdFactor {
  /** n x n lower-triangular, row-major, L Lᵀ = K + jitter·I (rounded) */
  L: Matrix;
  /** δ ≥ 0 added to the diagonal (0 when K was numerically positive definite) */
  jitter: number;
}

/** Cholesky–Crout into l; false at the first pivot ≤ 0 */
function tryCholesky(k: Matrix, jitter: number, l: Float64Array): boolean {
  const n = k.rows;
  l.fill(0);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = (k.data[rj + j] as number) + jitter;
    for (let p = 0; p < j; p++) {
      const v = l[rj + p] as number;
      d -= v * v;
    }
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    l[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = 0.5 * ((k.data[ri + j] as number) + (k.data[rj + i] as number));
      for (let p = 0; p < j; p++) s -= (l[ri + p] as number) * (l[rj + p] as number);
      l[ri + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Jittered Cholesky of the symmetric part of a PSD matrix (see the file comment). Throws when K
 * has non-finite entries or needs more than 1e-3·max K_ii of jitter (not PSD). O(N³/3) per try.
 */
export function choleskyPsd(k: Matrix): PsdFactor {
  const n = k.rows;
  if (k.cols !== n) throw new Error(`choleskyPsd: matrix is ${k.rows}x${k.cols}, expected square`);
  let maxDiag = 0;
  for (let i = 0; i < n * n; i++)
    if (!Number.isFinite(k.data[i] as number)) throw new Error('choleskyPsd: non-finite entry');
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, k.data[i * n + i] as number);
  const L = zeros(n, n);
  if (maxDiag === 0 && k.data.every((x) => x === 0)) return { L, jitter: 0 };
  const scale = maxDiag > 0 ? maxDiag : 1;
  for (let j = -1; j <= 12; j++) {
    const jitter = j < 0 ? 0 : 10 ** j * 1e-15 * scale;
    if (tryCholesky(k, jitter, L.data)) return { L, jitter };
  }
  throw new Error('choleskyPsd: matrix is not positive semidefinite (jitter 1e-3·max K_ii failed)');
}

/** L (n x n lower-triangular) · z (n) → n: one sample of N(0, L Lᵀ) from standard normals z */
export function lowerMatvec(L: Matrix, z: ArrayLike<number>): Float64Array {
  const n = L.rows;
  if (z.length !== n) throw new Error(`lowerMatvec: ${n}x${n} · ${z.length}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = 0;
    for (let p = 0; p <= i; p++) s += (L.data[ri + p] as number) * (z[p] as number);
    out[i] = s;
  }
  return out;
}
