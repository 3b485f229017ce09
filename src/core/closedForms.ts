// Closed-form Gaussian expectations S = E[φ(u)φ(v)], Ṡ = E[φ'(u)φ'(v)] for
// (u, v) ~ N(0, [[a, c], [c, b]]) (docs/science.md#activation-kernel-maps, with docs/science.md#numerical-hygiene):
//   ABReLU φ = a₋·min(x,0) + b₊·max(x,0), s = √(ab), cos θ = clip(c/s, −1, 1):
//     S = (a₋−b₊)²/(2π)·s·sin θ + [(a₋²+b₊²)/2 − (a₋−b₊)²θ/(2π)]·s·cos θ,
//     Ṡ = (a₋²+b₊²)/2 − (a₋−b₊)²θ/(2π)   (arc-cosine kernels, Cho & Saul 2009);
//   erf:  S = (2/π)·atan2(2c, √D), Ṡ = (4/π)/√D, D = 1 + 2a + 2b + 4·max(ab − c², 0) (Williams 1997);
//   gelu (x·Φ(x)): Stein's lemma + Price's theorem, D = 1 + a + b + max(ab − c², 0);
//   sin:  S = e^{−(a+b)/2}·sinh c, Ṡ = e^{−(a+b)/2}·cosh c, as exponentials of non-positive arguments.
// Zero-variance rule (a·b ≤ 1e-300, ABReLU only): φ'(0) = a₋ (TF/tfjs autodiff), so S = 0 and
// Ṡ = a₋(a₋+b₊)/2 with one variance zero, a₋² with both.

import type { KernelMap } from './kernelMap';

const TWO_PI = 2 * Math.PI;
const ZERO_PRODUCT = 1e-300;
/** a variance at or below √1e-300 counts as zero once the product test has fired */
const ZERO_VARIANCE = 1e-150;

/** The arc-cosine kernel map of φ(x) = am·min(x,0) + bp·max(x,0). */
export function abreluMap(am: number, bp: number): KernelMap {
  const half = 0.5 * (am * am + bp * bp);
  const k = ((am - bp) * (am - bp)) / TWO_PI;
  const oneZero = 0.5 * am * (am + bp);
  const bothZero = am * am;
  return {
    pair(q11, q22, q12, out) {
      const ab = q11 * q22;
      if (!(ab > ZERO_PRODUCT)) {
        out[0] = 0;
        out[1] = Math.max(q11, q22) <= ZERO_VARIANCE ? bothZero : oneZero;
        return;
      }
      const s = Math.sqrt(ab);
      // s·cos θ with cos θ clipped to [−1, 1]
      const sc = q12 > s ? s : q12 < -s ? -s : q12;
      const cos = sc / s;
      const theta = Math.acos(cos);
      const sinTheta = Math.sqrt((1 - cos) * (1 + cos));
      const sdot = half - k * theta;
      out[0] = k * s * sinTheta + sdot * sc;
      out[1] = sdot;
    },
    diag(q, out) {
      if (!(q * q > ZERO_PRODUCT)) {
        out[0] = 0;
        out[1] = bothZero;
        return;
      }
      out[0] = half * q;
      out[1] = half;
    },
  };
}

/** φ = erf(x) */
export const erfMap: KernelMap = {
  pair(q11, q22, q12, out) {
    const d = 1 + 2 * q11 + 2 * q22 + 4 * Math.max(q11 * q22 - q12 * q12, 0);
    const rd = Math.sqrt(d);
    out[0] = (2 / Math.PI) * Math.atan2(2 * q12, rd);
    out[1] = 4 / Math.PI / rd;
  },
  diag(q, out) {
    // (2/π)·arcsin(2q/(1+2q)) written as an atan2, which stays accurate as q → ∞
    const rd = Math.sqrt(1 + 4 * q);
    out[0] = (2 / Math.PI) * Math.atan2(2 * q, rd);
    out[1] = 4 / Math.PI / rd;
  },
};

/** φ = x·Φ(x), the exact erf-based GELU */
export const geluMap: KernelMap = {
  pair(a, b, c, out) {
    const p = (1 + a) * (1 + b);
    const d = 1 + a + b + Math.max(a * b - c * c, 0);
    const rd = Math.sqrt(d);
    const at = Math.atan2(c, rd);
    out[0] = 0.25 * c + (c * at + (c * c + a * b * d) / (p * rd)) / TWO_PI;
    out[1] = 0.25 + at / TWO_PI + (c / (TWO_PI * rd)) * (1 / (1 + a) + 1 / (1 + b) + 1 / d);
  },
  diag(q, out) {
    const r = Math.sqrt(1 + 2 * q);
    const at = Math.atan2(q, r);
    out[0] = 0.25 * q + (q * at + (2 * q * q) / ((1 + q) * r)) / TWO_PI;
    out[1] = 0.25 + at / TWO_PI + (q / (TWO_PI * r)) * (2 / (1 + q) + 1 / (r * r));
  },
};

/** φ = sin x */
export const sinMap: KernelMap = {
  pair(q11, q22, q12, out) {
    const m = 0.5 * (q11 + q22);
    // |c| ≤ √(ab) ≤ (a+b)/2, so both exponents are ≤ 0; the clamp only guards rounding
    const c = q12 > m ? m : q12 < -m ? -m : q12;
    const ep = Math.exp(c - m);
    const em = Math.exp(-c - m);
    out[0] = 0.5 * (ep - em);
    out[1] = 0.5 * (ep + em);
  },
  diag(q, out) {
    const e = Math.exp(-2 * q);
    out[0] = -0.5 * Math.expm1(-2 * q);
    out[1] = 0.5 * (1 + e);
  },
};
