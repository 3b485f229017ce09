// TEMPORARY placeholder (kernels engineer) until the quadrature engineer's file lands: plain
// tensor Gauss–Hermite for S = E[φ(u)φ(v)], Ṡ = E[φ'(u)φ'(v)], (u, v) ~ N(0, [[a, c], [c, b]]),
// u = √a z1, v = √b(ρ z1 + √(1−ρ²) z2) (SCIENCE.md §4 `gh`; NT `stax.ElementwiseNumerical`).
// Accurate only for small variances; to be overwritten.

import type { ScalarActivation } from './activations';
import type { KernelMap } from './kernelMap';

export interface QuadratureOptions {
  kind?: 'tanh' | 'sigmoid' | 'softplus' | 'swish' | 'generic';
  degree?: number;
}

/** probabilists' Gauss–Hermite nodes and weights (weights sum to 1), Newton on H_n */
function gaussHermite(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  const pim4 = Math.pow(Math.PI, -0.25);
  let z = 0;
  for (let i = 0; i < m; i++) {
    const prev = (k: number): number => x[k] as number;
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * prev(0);
    else if (i === 3) z = 1.91 * z - 0.91 * prev(1);
    else z = 2 * z - prev(i - 2);
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = 2 / (pp * pp);
  }
  for (let i = 0; i < n; i++) {
    x[i] = Math.SQRT2 * (x[i] as number);
    w[i] = (w[i] as number) / Math.sqrt(Math.PI);
  }
  return { x, w };
}

export function quadratureMap(act: ScalarActivation, options?: QuadratureOptions): KernelMap {
  const { x, w } = gaussHermite(options?.degree ?? 64);
  const n = x.length;
  return {
    pair(a, b, c, out) {
      const sa = Math.sqrt(Math.max(a, 0));
      const sb = Math.sqrt(Math.max(b, 0));
      const s = sa * sb;
      const rho = s > 0 ? Math.max(-1, Math.min(1, c / s)) : 0;
      const rc = Math.sqrt(1 - rho * rho);
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < n; i++) {
        const z1 = x[i] as number;
        const u = sa * z1;
        const pu = act.phi(u);
        const du = act.dphi(u);
        let t0 = 0;
        let t1 = 0;
        for (let j = 0; j < n; j++) {
          const v = sb * (rho * z1 + rc * (x[j] as number));
          const wj = w[j] as number;
          t0 += wj * act.phi(v);
          t1 += wj * act.dphi(v);
        }
        const wi = w[i] as number;
        s0 += wi * pu * t0;
        s1 += wi * du * t1;
      }
      out[0] = s0;
      out[1] = s1;
    },
    diag(q, out) {
      const sq = Math.sqrt(Math.max(q, 0));
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < n; i++) {
        const u = sq * (x[i] as number);
        const wi = w[i] as number;
        s0 += wi * act.phi(u) ** 2;
        s1 += wi * act.dphi(u) ** 2;
      }
      out[0] = s0;
      out[1] = s1;
    },
  };
}
