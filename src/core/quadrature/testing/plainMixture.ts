// The logistic-mixture kernel maps written term by term from the formulas in
// quadrature/mixtureMaps.ts (Math.atan2, one division per quotient, nothing hoisted): a reference
// that shows the hoisted production loops change results only at rounding level.

import type { KernelMap } from '../../kernelMap';
import { logisticScaleRule } from '../logisticMixture';
import type { MixtureKind } from '../mixtureMaps';

/** one mixture term (t₁, t₂) of S and Ṡ for covariance [[a, c], [c, b]] */
function term(
  kind: MixtureKind,
  a: number,
  b: number,
  c: number,
  t1: number,
  t2: number,
): [number, number] {
  const d2 = Math.max(a * b - c * c, 0) + a * t2 + b * t1 + t1 * t2;
  const d = Math.sqrt(d2);
  const at = Math.atan2(c, d);
  switch (kind) {
    case 'sigmoid':
      // S without its constant 1/4, which pair adds once (tanh cancels it exactly)
      return [at / (2 * Math.PI), 1 / (2 * Math.PI * d)];
    case 'softplus':
      return [(d + c * (Math.PI / 2 + at)) / (2 * Math.PI), 0.25 + at / (2 * Math.PI)];
    case 'tanh':
      throw new Error('tanh is evaluated through sigmoid');
    case 'swish': {
      // GELU at (a/t₁, b/t₂, c/(S₁S₂)), S rescaled by S₁S₂; D = d²/(t₁t₂)
      const s1s2 = Math.sqrt(t1 * t2);
      const [ga, gb, gc] = [a / t1, b / t2, c / s1s2];
      const dd = d2 / (t1 * t2);
      const rd = Math.sqrt(dd);
      const g = Math.atan2(gc, rd);
      const p = (1 + ga) * (1 + gb);
      const s = 0.25 * gc + (gc * g + (gc * gc + ga * gb * dd) / (p * rd)) / (2 * Math.PI);
      const sd =
        0.25 +
        g / (2 * Math.PI) +
        (gc / (2 * Math.PI * rd)) * (1 / (1 + ga) + 1 / (1 + gb) + 1 / dd);
      return [s * s1s2, sd];
    }
  }
}

/** the order-n mixture map of `kind`, evaluated term by term */
export function plainMixtureMap(kind: MixtureKind, order = 8): KernelMap {
  const { t, w } = logisticScaleRule(order);
  const pair = (q11: number, q22: number, q12: number, out: Float64Array): void => {
    const a = Math.max(q11, 0);
    const b = Math.max(q22, 0);
    const s = Math.sqrt(a * b);
    const c = Math.min(Math.max(q12, -s), s);
    const k = kind === 'tanh' ? 4 : 1;
    let sum0 = 0;
    let sum1 = 0;
    for (let i = 0; i < order; i++)
      for (let j = 0; j < order; j++) {
        const ww = (w[i] as number) * (w[j] as number);
        const [v0, v1] = term(
          kind === 'tanh' ? 'sigmoid' : kind,
          k * a,
          k * b,
          k * c,
          t[i] as number,
          t[j] as number,
        );
        sum0 += ww * v0;
        sum1 += ww * v1;
      }
    // tanh(x) = 2·sigmoid(2x) − 1: S = 4·S_σ(4q) − 1 (the −2E[σ] + 1 terms cancel), Ṡ = 16·Ṡ_σ(4q)
    out[0] = kind === 'tanh' ? 4 * sum0 : kind === 'sigmoid' ? 0.25 + sum0 : sum0;
    out[1] = kind === 'tanh' ? 16 * sum1 : sum1;
  };
  return { pair, diag: (q, out) => pair(q, q, q, out) };
}
