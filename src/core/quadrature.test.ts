import { describe, expect, it } from 'vitest';
import { scalarActivation, type ScalarActivation } from './activations';
import { DEFAULT_ARCH, type ActivationId } from './arch';
import { abreluMap, erfMap, geluMap, sinMap } from './closedForms';
import type { KernelMap } from './kernelMap';
import { detectKind, quadratureMap } from './quadrature';
import { kolmogorovDensity, logisticScaleRule } from './quadrature/logisticMixture';
import { gaussLegendre, gaussRuleOfMeasure } from './quadrature/rules';
import { createRng } from './rng';
import { adaptiveReferenceMap as bruteForce } from './quadrature/adaptiveReference';
import { plainMixtureMap } from './quadrature/testing/plainMixture';

const act = (
  activation: ActivationId,
  extra: Partial<typeof DEFAULT_ARCH> = {},
): ScalarActivation => scalarActivation({ ...DEFAULT_ARCH, activation, ...extra });

const LOGISTIC = ['tanh', 'sigmoid', 'softplus', 'swish'] as const;

/** max over S and Ṡ of |got − ref| / max(|ref|, √(ref(a,a)·ref(b,b))) */
function scaledError(got: KernelMap, ref: KernelMap, a: number, b: number, c: number): number {
  const g = new Float64Array(2);
  const r = new Float64Array(2);
  const da = new Float64Array(2);
  const db = new Float64Array(2);
  got.pair(a, b, c, g);
  ref.pair(a, b, c, r);
  ref.diag(a, da);
  ref.diag(b, db);
  let err = 0;
  for (const k of [0, 1]) {
    const scale = Math.max(
      Math.abs(r[k] as number),
      Math.sqrt(Math.abs((da[k] as number) * (db[k] as number))),
    );
    err = Math.max(err, Math.abs((g[k] as number) - (r[k] as number)) / scale);
  }
  return err;
}

/** every pair of variances 10^(−6…5) in half decades with ratio ≤ 1e6, at 12 correlations incl. ±1 */
function denseGrid(): [number, number, number][] {
  const rhos = [-1, -1 + 1e-12, -0.99, -0.7, -0.3, 0, 0.2, 0.5, 0.9, 0.999, 1 - 1e-12, 1];
  const out: [number, number, number][] = [];
  for (let i = -12; i <= 10; i++)
    for (let j = Math.max(-12, i - 12); j <= Math.min(10, i + 12); j++) {
      const a = 10 ** (i / 2);
      const b = 10 ** (j / 2);
      for (const rho of rhos) out.push([a, b, rho * Math.sqrt(a * b)]);
    }
  return out;
}

/** (a, b, c) on a grid of variances, variance ratios and correlations incl. ±1 and 1 − 1e-12 */
function grid(qs: readonly number[], ratios: readonly number[]): [number, number, number][] {
  const rhos = [-1, -0.7, 0, 0.5, 0.99, 1 - 1e-12, 1];
  const out: [number, number, number][] = [];
  for (const q of qs)
    for (const ratio of ratios)
      for (const rho of rhos) {
        const b = q * ratio;
        out.push([q, b, rho * Math.sqrt(q * b)]);
      }
  return out;
}

describe('Gauss rules', () => {
  it('Gauss–Legendre integrates polynomials of degree 2m − 1 exactly', () => {
    const { x, w } = gaussLegendre(9);
    for (let deg = 0; deg <= 17; deg++) {
      let s = 0;
      for (let i = 0; i < 9; i++) s += (w[i] as number) * (x[i] as number) ** deg;
      expect(s).toBeCloseTo(deg % 2 === 1 ? 0 : 2 / (deg + 1), 14);
    }
  });

  it('the Gauss rule of a discretized measure recovers Gauss–Legendre', () => {
    const fine = gaussLegendre(200);
    const rule = gaussRuleOfMeasure(fine.x, fine.w, 7);
    const gl = gaussLegendre(7);
    for (let i = 0; i < 7; i++) {
      expect(Math.abs((rule.x[i] as number) - (gl.x[i] as number))).toBeLessThan(1e-14);
      expect(Math.abs((rule.w[i] as number) - (gl.w[i] as number))).toBeLessThan(1e-14);
    }
  });

  it('the logistic scale mixture: density of K and moments of S', () => {
    // K's density (two series, switched at k = 1) has mass 1 and mean √(π/2)·ln 2
    const gl = gaussLegendre(200);
    let mass = 0;
    let mean = 0;
    for (let i = 0; i < 200; i++) {
      const k = 4.1 + 4 * (gl.x[i] as number);
      const f = 4 * (gl.w[i] as number) * kolmogorovDensity(k);
      mass += f;
      mean += k * f;
    }
    expect(Math.abs(mass - 1)).toBeLessThan(1e-14);
    expect(Math.abs(mean - Math.sqrt(Math.PI / 2) * Math.LN2)).toBeLessThan(1e-14);
    const { s, t, w } = logisticScaleRule(8);
    let m0 = 0;
    let mInv = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < 8; i++) {
      const wi = w[i] as number;
      m0 += wi;
      mInv += wi / (s[i] as number);
      m2 += wi * (t[i] as number);
      m4 += wi * (t[i] as number) ** 2;
    }
    expect(m0).toBeCloseTo(1, 15);
    // sigmoid'(0) = E[1/S]/√(2π) = 1/4; Var(logistic) = E[S²] = π²/3; E[L⁴] = 3E[S⁴] = 7π⁴/15
    expect(Math.abs(mInv - Math.sqrt(2 * Math.PI) / 4)).toBeLessThan(1e-12);
    expect(Math.abs(m2 / (Math.PI ** 2 / 3) - 1)).toBeLessThan(1e-10);
    expect(Math.abs(m4 / ((7 * Math.PI ** 4) / 45) - 1)).toBeLessThan(1e-8);
  });
});

describe('generic quadrature against the closed forms (docs/science.md#activation-kernel-maps)', () => {
  const QS = [1e-4, 1e-2, 1, 100, 1e4, 1e5];
  const cases: [string, ScalarActivation, KernelMap][] = [
    ['relu', act('relu'), abreluMap(0, 1)],
    ['leaky_relu α = 0.1', act('leaky_relu', { alpha: 0.1 }), abreluMap(0.1, 1)],
    ['abs', act('abs'), abreluMap(-1, 1)],
    ['linear', act('linear'), abreluMap(1, 1)],
    ['abrelu (−0.3, 1.7)', act('abrelu', { a: -0.3, b: 1.7 }), abreluMap(-0.3, 1.7)],
    ['erf', act('erf'), erfMap],
    ['gelu', act('gelu'), geluMap],
  ];
  for (const [name, phi, closed] of cases) {
    it(`${name}: S and Ṡ at variances 1e-4…1e5, ratios 1, 1e±3, ρ ∈ [−1, 1]`, () => {
      const quad = quadratureMap(phi, { kind: 'generic' });
      let worst = 0;
      for (const [a, b, c] of grid(QS, [1, 1e-3, 1e3]))
        worst = Math.max(worst, scaledError(quad, closed, a, b, c));
      const d = new Float64Array(2);
      const e = new Float64Array(2);
      for (const q of QS) {
        quad.diag(q, d);
        closed.diag(q, e);
        for (const k of [0, 1])
          worst = Math.max(
            worst,
            Math.abs((d[k] as number) - (e[k] as number)) / Math.abs(e[k] as number),
          );
      }
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it('sin (oscillating: q ≤ 20 only)', () => {
    const quad = quadratureMap(act('sin'), { kind: 'generic' });
    let worst = 0;
    for (const [a, b, c] of grid([1e-4, 1e-2, 0.3, 3, 20], [1, 0.01]))
      worst = Math.max(worst, scaledError(quad, sinMap, a, b, c));
    expect(worst).toBeLessThan(1e-9);
  });

  it('zero variances follow φ(0), φ′(0) (TF convention φ′(0) = a₋)', () => {
    const quad = quadratureMap(act('leaky_relu', { alpha: 0.1 }), { kind: 'generic' });
    const out = new Float64Array(2);
    quad.pair(0, 2, 0, out);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.1 * 0.55, 14);
    quad.pair(0, 0, 0, out);
    expect(out[1]).toBeCloseTo(0.01, 14);
  });
});

describe('fast logistic-mixture maps (tanh, sigmoid, softplus, swish)', () => {
  // (q11, q22, ρ) spanning variances 1e-6…1e5, ratios up to 1e6, ρ = ±1 and 1 − 1e-12
  const POINTS: [number, number, number][] = [
    [1e-6, 1e-6, 0.3],
    [1e-3, 2, 0.9],
    [0.5, 0.5, -1],
    [1, 1, 1 - 1e-12],
    [1, 3, 0.5],
    [4, 4, 1],
    [100, 1e-4, -0.6],
    [100, 100, 0.999],
    [1e4, 1e4, 1 - 1e-12],
    [1e5, 0.1, 0.8],
    [1e5, 1e5, -0.3],
    [1e5, 1e5, 1],
  ];
  for (const kind of LOGISTIC) {
    it(`${kind}: agrees with nested adaptive Gauss–Kronrod to 2e-9`, () => {
      const phi = act(kind);
      const fast = quadratureMap(phi, { kind });
      const ref = bruteForce(phi);
      for (const [a, b, rho] of POINTS) {
        expect(scaledError(fast, ref, a, b, rho * Math.sqrt(a * b))).toBeLessThan(2e-9);
      }
    });

    it(`${kind}: agrees with the generic graded quadrature on the variance/correlation grid`, () => {
      const phi = act(kind);
      const fast = quadratureMap(phi, { kind });
      const slow = quadratureMap(phi, { kind: 'generic' });
      let worst = 0;
      for (const [a, b, c] of grid([1e-5, 1e-2, 1, 30, 1e3, 1e5], [1, 1e-3]))
        worst = Math.max(worst, scaledError(fast, slow, a, b, c));
      expect(worst).toBeLessThan(2e-9);
    });

    it(`${kind}: Monte-Carlo sanity at moderate variance`, () => {
      const phi = act(kind);
      const fast = quadratureMap(phi, { kind });
      const rng = createRng(20240611).split(kind);
      const out = new Float64Array(2);
      const n = 100_000;
      for (const [a, b, rho] of [
        [0.7, 2.5, -0.6],
        [4, 4, 0.4],
        [9, 1, 0.95],
      ] as const) {
        const sa = Math.sqrt(a);
        const sb = Math.sqrt(b);
        const rp = Math.sqrt(1 - rho * rho);
        const sum = [0, 0];
        const sq = [0, 0];
        for (let i = 0; i < n; i++) {
          const z1 = rng.normal();
          const z2 = rng.normal();
          const u = sa * z1;
          const v = sb * (rho * z1 + rp * z2);
          const x = [phi.phi(u) * phi.phi(v), phi.dphi(u) * phi.dphi(v)];
          for (const k of [0, 1]) {
            sum[k] = (sum[k] as number) + (x[k] as number);
            sq[k] = (sq[k] as number) + (x[k] as number) ** 2;
          }
        }
        fast.pair(a, b, rho * sa * sb, out);
        for (const k of [0, 1]) {
          const mean = (sum[k] as number) / n;
          const se = Math.sqrt(((sq[k] as number) / n - mean * mean) / n);
          expect(Math.abs((out[k] as number) - mean)).toBeLessThan(5 * se);
        }
      }
    });

    it(`${kind}: symmetric, diag = pair(q, q, q), clipped and continuous at ρ = ±1, ∂S/∂c = Ṡ`, () => {
      const phi = act(kind);
      const m = quadratureMap(phi, { kind });
      const x = new Float64Array(2);
      const y = new Float64Array(2);
      for (const [a, b] of [
        [0.3, 7],
        [1e4, 2e-3],
      ] as const) {
        m.pair(a, b, 0.37 * Math.sqrt(a * b), x);
        m.pair(b, a, 0.37 * Math.sqrt(a * b), y);
        for (const k of [0, 1])
          expect(Math.abs((x[k] as number) - (y[k] as number))).toBeLessThan(
            1e-14 * Math.abs(x[k] as number),
          );
      }
      const lo = new Float64Array(2);
      const hi = new Float64Array(2);
      for (const q of [1e-6, 0.5, 30, 1e5]) {
        m.diag(q, x);
        m.pair(q, q, q, y);
        expect(Array.from(x)).toEqual(Array.from(y));
        for (const sign of [1, -1]) {
          // an out-of-range covariance is clipped to ρ = ±1
          m.pair(q, q, sign * q, x);
          m.pair(q, q, sign * q * (1 + 1e-12), y);
          expect(Array.from(y)).toEqual(Array.from(x));
          // continuity: by Price's theorem S moves by ≈ Ṡ·Δc when c = ±q moves inward by 1e-12·q
          m.pair(q, q, sign * q * (1 - 1e-12), y);
          const dS = sign * ((x[0] as number) - (y[0] as number));
          expect(Math.abs(dS - 1e-12 * q * (x[1] as number))).toBeLessThan(1e-15 * (1 + q));
        }
        // Price's theorem ∂S/∂c = Ṡ in the interior (central differences, h = 1e-4·q)
        for (const rho of [-0.95, -0.3, 0.4, 0.9]) {
          const h = 1e-4 * q;
          m.pair(q, q, rho * q - h, lo);
          m.pair(q, q, rho * q + h, hi);
          m.pair(q, q, rho * q, x);
          const slope = ((hi[0] as number) - (lo[0] as number)) / (2 * h);
          m.diag(q, y);
          // truncation O(h²) plus the rounding of S (which carries an offset 1/4 for sigmoid)
          const tol = 1e-6 * (y[1] as number) + (4e-16 * (1 + Math.abs(x[0] as number))) / h;
          expect(Math.abs(slope - (x[1] as number))).toBeLessThan(tol);
        }
      }
      // zero variance: S = φ(0)·E[φ(v)], Ṡ = φ′(0)·E[φ′(v)]; both zero: φ(0)², φ′(0)²
      m.pair(0, 0, 0, x);
      expect(Math.abs((x[0] as number) - phi.phi(0) ** 2)).toBeLessThan(1e-12);
      expect(Math.abs((x[1] as number) - phi.dphi(0) ** 2)).toBeLessThan(1e-12);
      const ref = bruteForce(phi);
      m.pair(0, 2, 0, x);
      ref.pair(1e-300, 2, 0, y);
      for (const k of [0, 1])
        expect(Math.abs((x[k] as number) - (y[k] as number))).toBeLessThan(1e-9);
    });
  }

  it('recognises the activation when kind is omitted and rejects a wrong hint', () => {
    for (const kind of LOGISTIC) expect(detectKind(act(kind))).toBe(kind);
    for (const id of ['relu', 'erf', 'gelu', 'sin', 'linear'] as const)
      expect(detectKind(act(id))).toBeNull();
    const auto = quadratureMap(act('swish'));
    const hinted = quadratureMap(act('swish'), { kind: 'swish' });
    const x = new Float64Array(2);
    const y = new Float64Array(2);
    auto.pair(2, 3, 1.1, x);
    hinted.pair(2, 3, 1.1, y);
    expect(Array.from(x)).toEqual(Array.from(y));
    expect(() => quadratureMap(act('tanh'), { kind: 'sigmoid' })).toThrow();
    expect(() => quadratureMap(act('tanh'), { order: 1 })).toThrow();
  });

  // worst measured against order 16 on denseGrid: tanh 3.8e-10, sigmoid 3.5e-10, softplus 4.6e-11,
  // swish 7.1e-10
  const DENSE_BOUND: Record<(typeof LOGISTIC)[number], number> = {
    tanh: 6e-10,
    sigmoid: 6e-10,
    softplus: 6e-10,
    swish: 7.5e-10,
  };
  for (const kind of LOGISTIC) {
    it(`${kind}: order 8 is within ${DENSE_BOUND[kind]} of order 16 on a dense variance/correlation grid`, () => {
      const m8 = quadratureMap(act(kind), { kind });
      const m16 = quadratureMap(act(kind), { kind, order: 16 });
      let worst = 0;
      for (const [a, b, c] of denseGrid()) worst = Math.max(worst, scaledError(m8, m16, a, b, c));
      expect(worst).toBeLessThan(DENSE_BOUND[kind]);
    });

    it(`${kind}: the hoisted sums equal the term-by-term formulas to rounding (dense grid)`, () => {
      const fast = quadratureMap(act(kind), { kind });
      const plain = plainMixtureMap(kind);
      let worst = 0;
      for (const [a, b, c] of denseGrid())
        worst = Math.max(worst, scaledError(fast, plain, a, b, c));
      expect(worst).toBeLessThan(2e-15);
    });
  }

  it('a higher mixture order changes the result by < 1e-9 (convergence)', () => {
    for (const kind of LOGISTIC) {
      const m8 = quadratureMap(act(kind), { kind });
      const m14 = quadratureMap(act(kind), { kind, order: 14 });
      for (const [a, b, c] of grid([1e-6, 1e-3, 0.3, 3, 300, 1e5], [1, 1e-6, 1e3])) {
        expect(scaledError(m8, m14, a, b, c)).toBeLessThan(1e-9);
      }
    }
  });
});
