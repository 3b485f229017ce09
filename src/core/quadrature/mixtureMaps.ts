// Fast kernel maps of tanh, sigmoid, softplus and swish as logistic scale mixtures of closed
// forms (logisticMixture.ts: sigmoid(x) = E_S[Φ(x/S)]). For (u, v) ~ N(0, [[a, c], [c, b]]) and
// independent scales S₁, S₂ (t_i = S_i²), with d² = (a + t₁)(b + t₂) − c² =
// max(ab − c², 0) + a·t₂ + b·t₁ + t₁t₂ ≥ t₁t₂ > 0 (a sum of non-negative terms, no cancellation):
//   sigmoid  S = 1/4 + E[atan2(c, d)]/(2π)              (orthant probability of u − S₁Z₁, v − S₂Z₂)
//            Ṡ = E[1/d]/(2π)                            (bivariate normal density at 0)
//   tanh     = 2·sigmoid(2x) − 1: the sigmoid sums at (4a, 4b, 4c), S = (2/π)E[atan2],  Ṡ = 8E[1/d]/π
//   softplus S = E[d + c(π/2 + atan2(c, d))]/(2π)       (arc-cosine kernel of relu, Cho & Saul 2009)
//            Ṡ = sigmoid S
//   swish = x·sigmoid(x) = E_S[x·Φ(x/S)]: the GELU closed forms of docs/science.md#gelu at
//            (a/t₁, b/t₂, c/(S₁S₂)), rescaled by S₁S₂ (for S) — written below without divisions by S.
// The S-averages use the n-point Gauss rule in log S (n² closed-form terms per entry, no φ
// evaluations). Every term is smooth in (a, b, c) including ρ = ±1 and zero variances, so the
// map is continuous there. Accuracy (relative to √(S(a,a)·S(b,b)), n = 8): ≤ 4e-10 (swish
// 7.1e-10) for variances 1e-6…1e5, ratios up to 1e6 and any correlation (measured against n = 16
// and against adaptive Gauss–Kronrod; see quadrature.test.ts); n = 10 gives ≤ 1e-11.

import type { KernelMap } from '../kernelMap';
import { logisticScaleRule } from './logisticMixture';

export type MixtureKind = 'tanh' | 'sigmoid' | 'softplus' | 'swish';

const TWO_PI = 2 * Math.PI;
const HALF_PI = 0.5 * Math.PI;

/** the kernel map of a logistic-family activation with an order-n mixture rule */
export function logisticMixtureMap(kind: MixtureKind, order = 8): KernelMap {
  const { t, w } = logisticScaleRule(order);
  const n = order;
  // per-entry scratch (no allocation per call)
  const tOverB = new Float64Array(n);
  const invBt = new Float64Array(n);
  const sums = new Float64Array(3);

  /** sums[0] = Σ w w atan2(c, d), sums[1] = Σ w w / d, sums[2] = Σ w w d */
  const orthantSums = (a: number, b: number, c: number, withD: boolean): void => {
    const d0 = Math.max(a * b - c * c, 0);
    let sAt = 0;
    let sInv = 0;
    let sD = 0;
    for (let i = 0; i < n; i++) {
      const ti = t[i] as number;
      const ai = a + ti;
      const ci = b * ti + d0;
      let rowAt = 0;
      let rowInv = 0;
      let rowD = 0;
      for (let j = 0; j < n; j++) {
        const wj = w[j] as number;
        const d = Math.sqrt(ai * (t[j] as number) + ci);
        // d > 0, so atan(c/d) = atan2(c, d), and one reciprocal serves both sums
        const inv = 1 / d;
        rowAt += wj * Math.atan(c * inv);
        rowInv += wj * inv;
        if (withD) rowD += wj * d;
      }
      const wi = w[i] as number;
      sAt += wi * rowAt;
      sInv += wi * rowInv;
      sD += wi * rowD;
    }
    sums[0] = sAt;
    sums[1] = sInv;
    sums[2] = sD;
  };

  const swish = (a: number, b: number, c: number, out: Float64Array): void => {
    const d0 = Math.max(a * b - c * c, 0);
    const ab = a * b;
    for (let j = 0; j < n; j++) {
      const tj = t[j] as number;
      invBt[j] = 1 / (b + tj);
      tOverB[j] = tj / (b + tj);
    }
    let sAt = 0;
    let sRest = 0;
    let sDot = 0;
    for (let i = 0; i < n; i++) {
      const ti = t[i] as number;
      const ai = a + ti;
      const ci = b * ti + d0;
      const tOverA = ti / ai;
      let rowAt = 0;
      let rowRest = 0;
      let rowDot = 0;
      for (let j = 0; j < n; j++) {
        const wj = w[j] as number;
        const tj = t[j] as number;
        const d2 = ai * tj + ci;
        // multiplications by reciprocals instead of four divisions per term (d > 0)
        const inv = 1 / Math.sqrt(d2);
        const titj = ti * tj;
        rowAt += wj * Math.atan(c * inv);
        rowRest += wj * (c * c * titj + ab * d2) * (invBt[j] as number) * inv;
        rowDot += wj * (tOverA + (tOverB[j] as number) + titj * inv * inv) * inv;
      }
      const wi = w[i] as number;
      sAt += wi * rowAt;
      sRest += (wi * rowRest) / ai;
      sDot += wi * rowDot;
    }
    out[0] = 0.25 * c + (c * sAt + sRest) / TWO_PI;
    out[1] = 0.25 + (sAt + c * sDot) / TWO_PI;
  };

  const pair = (q11: number, q22: number, q12: number, out: Float64Array): void => {
    const a = q11 > 0 ? q11 : 0;
    const b = q22 > 0 ? q22 : 0;
    const s = Math.sqrt(a * b);
    const c = q12 > s ? s : q12 < -s ? -s : q12;
    switch (kind) {
      case 'sigmoid':
        orthantSums(a, b, c, false);
        out[0] = 0.25 + (sums[0] as number) / TWO_PI;
        out[1] = (sums[1] as number) / TWO_PI;
        return;
      case 'tanh':
        orthantSums(4 * a, 4 * b, 4 * c, false);
        out[0] = (sums[0] as number) / HALF_PI;
        out[1] = (8 * (sums[1] as number)) / Math.PI;
        return;
      case 'softplus':
        orthantSums(a, b, c, true);
        out[0] = ((sums[2] as number) + c * (HALF_PI + (sums[0] as number))) / TWO_PI;
        out[1] = 0.25 + (sums[0] as number) / TWO_PI;
        return;
      case 'swish':
        swish(a, b, c, out);
        return;
    }
  };

  return {
    pair,
    diag(q, out) {
      pair(q, q, q, out);
    },
  };
}
