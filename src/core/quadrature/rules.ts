// Gauss quadrature rules in float64: Gauss–Legendre on [−1, 1] (Newton on the three-term
// recurrence of P_n), and the n-point Gauss rule of a measure given as a fine discretization
// (discretized Stieltjes procedure for the orthonormal recurrence, nodes = eigenvalues of the
// Jacobi matrix by Sturm-sequence bisection, weights = Christoffel numbers 1/Σ_k p_k(x)²).
// References: Golub & Welsch, Math. Comp. 23 (1969) 221; Gautschi, "Orthogonal Polynomials:
// Computation and Approximation" (2004), §2.2 (discretization + Stieltjes), §3.1 (Gauss rules).

export interface Rule {
  /** nodes, ascending */
  x: Float64Array;
  /** weights */
  w: Float64Array;
}

const legendreCache = new Map<number, Rule>();

/** m-point Gauss–Legendre rule on [−1, 1] (cached; do not mutate the arrays) */
export function gaussLegendre(m: number): Rule {
  const hit = legendreCache.get(m);
  if (hit) return hit;
  const x = new Float64Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < Math.ceil(m / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let dp = 1;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= m; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (m * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) <= 1e-16) break;
    }
    const wi = 2 / ((1 - z * z) * dp * dp);
    x[i] = -z;
    x[m - 1 - i] = z;
    w[i] = wi;
    w[m - 1 - i] = wi;
  }
  const rule = { x, w };
  legendreCache.set(m, rule);
  return rule;
}

/**
 * The n-point Gauss rule of the discrete measure Σ_k ws[k]·δ(xs[k]) (n much smaller than the
 * number of support points). Stable for the small n used here (n ≲ 20).
 */
export function gaussRuleOfMeasure(xs: Float64Array, ws: Float64Array, n: number): Rule {
  const len = xs.length;
  const alpha = new Float64Array(n);
  const beta = new Float64Array(n); // beta[k] = b_k, the off-diagonal between p_{k−1} and p_k
  let mu0 = 0;
  for (let k = 0; k < len; k++) mu0 += ws[k] as number;
  let prev = new Float64Array(len);
  let cur = new Float64Array(len).fill(1 / Math.sqrt(mu0));
  for (let j = 0; j < n; j++) {
    let a = 0;
    for (let k = 0; k < len; k++)
      a += (ws[k] as number) * (xs[k] as number) * (cur[k] as number) ** 2;
    alpha[j] = a;
    if (j === n - 1) break;
    const next = new Float64Array(len);
    const bj = beta[j] as number;
    let norm = 0;
    for (let k = 0; k < len; k++) {
      const q = ((xs[k] as number) - a) * (cur[k] as number) - bj * (prev[k] as number);
      next[k] = q;
      norm += (ws[k] as number) * q * q;
    }
    const b = Math.sqrt(norm);
    for (let k = 0; k < len; k++) next[k] = (next[k] as number) / b;
    beta[j + 1] = b;
    prev = cur;
    cur = next;
  }
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  // Gershgorin interval of the Jacobi matrix
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < n; j++) {
    const r = (j > 0 ? (beta[j] as number) : 0) + (j < n - 1 ? (beta[j + 1] as number) : 0);
    lo = Math.min(lo, (alpha[j] as number) - r);
    hi = Math.max(hi, (alpha[j] as number) + r);
  }
  for (let i = 0; i < n; i++) {
    x[i] = bisectEigenvalue(alpha, beta, i, lo, hi);
    // Christoffel number: 1 / Σ_k p_k(x)² with orthonormal p_k (p_0 = 1/√μ0)
    let pPrev = 0;
    let p = 1 / Math.sqrt(mu0);
    let sum = p * p;
    for (let k = 0; k < n - 1; k++) {
      const pNext =
        (((x[i] as number) - (alpha[k] as number)) * p - (beta[k] as number) * pPrev) /
        (beta[k + 1] as number);
      pPrev = p;
      p = pNext;
      sum += p * p;
    }
    w[i] = 1 / sum;
  }
  return { x, w };
}

/** number of eigenvalues of the Jacobi matrix below t (Sturm sequence of LDLᵀ pivots) */
function countBelow(alpha: Float64Array, beta: Float64Array, t: number): number {
  let count = 0;
  let d = 1;
  for (let j = 0; j < alpha.length; j++) {
    const b = j > 0 ? (beta[j] as number) : 0;
    d = (alpha[j] as number) - t - (j > 0 ? (b * b) / d : 0);
    if (d === 0) d = -1e-300;
    if (d < 0) count++;
  }
  return count;
}

/** the i-th smallest eigenvalue by bisection to full precision */
function bisectEigenvalue(
  alpha: Float64Array,
  beta: Float64Array,
  i: number,
  lo0: number,
  hi0: number,
): number {
  let lo = lo0;
  let hi = hi0;
  for (let it = 0; it < 2000; it++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (countBelow(alpha, beta, mid) > i) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}
