import { describe, expect, it } from 'vitest';
import { scalarActivation, type ScalarActivation } from './activations';
import type { ArchSpec } from './arch';
import { abreluMap, erfMap, geluMap, sinMap } from './closedForms';
import type { KernelMap } from './kernelMap';
import { createRng } from './rng';
import { evalDiag, evalPair } from './testing/kernelMapEval';

type Act = Pick<ArchSpec, 'activation' | 'alpha' | 'a' | 'b'>;
const act = (activation: Act['activation'], alpha = 0.1, a = 0, b = 1): Act => ({
  activation,
  alpha,
  a,
  b,
});

const CASES: { name: string; map: KernelMap; scalar: ScalarActivation }[] = [
  { name: 'relu', map: abreluMap(0, 1), scalar: scalarActivation(act('relu')) },
  { name: 'leaky_relu', map: abreluMap(0.2, 1), scalar: scalarActivation(act('leaky_relu', 0.2)) },
  { name: 'abs', map: abreluMap(-1, 1), scalar: scalarActivation(act('abs')) },
  { name: 'linear', map: abreluMap(1, 1), scalar: scalarActivation(act('linear')) },
  {
    name: 'abrelu',
    map: abreluMap(-0.3, 1.7),
    scalar: scalarActivation(act('abrelu', 0.1, -0.3, 1.7)),
  },
  { name: 'erf', map: erfMap, scalar: scalarActivation(act('erf')) },
  { name: 'gelu', map: geluMap, scalar: scalarActivation(act('gelu')) },
  { name: 'sin', map: sinMap, scalar: scalarActivation(act('sin')) },
];

const VARIANCES = [1e-8, 1e-3, 0.1, 1, 7.5, 100, 1e4, 1e6];

describe.each(CASES)('$name closed form', ({ name, map, scalar }) => {
  it('diag(q) equals pair(q, q, q)', () => {
    for (const q of VARIANCES) {
      const d = evalDiag(map, q);
      const p = evalPair(map, q, q, q);
      expect(Math.abs(d[0] - p[0])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(d[0])));
      expect(Math.abs(d[1] - p[1])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(d[1])));
    }
  });

  it('is symmetric in (u, v) and finite everywhere', () => {
    for (const a of VARIANCES)
      for (const b of VARIANCES)
        for (const rho of [-1, -0.4, 0, 0.9, 1]) {
          const c = rho * Math.sqrt(a * b);
          const [s, sd] = evalPair(map, a, b, c);
          const [t, td] = evalPair(map, b, a, c);
          expect(Number.isFinite(s) && Number.isFinite(sd)).toBe(true);
          expect(Math.abs(s - t)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(s)));
          expect(Math.abs(sd - td)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(sd)));
        }
  });

  it('clips |q12| > √(q11 q22) (rounding) to the ρ = ±1 values', () => {
    for (const sign of [1, -1]) {
      const at = evalPair(map, 2, 3, sign * Math.sqrt(6));
      const over = evalPair(map, 2, 3, sign * Math.sqrt(6) * (1 + 1e-12));
      if (name === 'sin') continue; // sin has no clip at √(ab); it is smooth there
      expect(over[0]).toBeCloseTo(at[0], 10);
      expect(over[1]).toBeCloseTo(at[1], 10);
    }
  });

  it.each([
    [1, 1, 0.5],
    [0.5, 2, -0.7],
    [3, 0.2, 0.3],
    [0.7, 0.7, 0],
  ])('matches Monte Carlo at (q11, q22, q12) = (%f, %f, %f)', (a, b, c) => {
    const rng = createRng(1234).split(`${name}:${a}:${b}:${c}`);
    const n = 100_000;
    const sa = Math.sqrt(a);
    const rho = c / Math.sqrt(a * b);
    const sb1 = Math.sqrt(b) * rho;
    const sb2 = Math.sqrt(b) * Math.sqrt(1 - rho * rho);
    let m0 = 0;
    let m1 = 0;
    let v0 = 0;
    let v1 = 0;
    for (let i = 0; i < n; i++) {
      const z1 = rng.normal();
      const z2 = rng.normal();
      const u = sa * z1;
      const v = sb1 * z1 + sb2 * z2;
      const f0 = scalar.phi(u) * scalar.phi(v);
      const f1 = scalar.dphi(u) * scalar.dphi(v);
      m0 += f0;
      m1 += f1;
      v0 += f0 * f0;
      v1 += f1 * f1;
    }
    m0 /= n;
    m1 /= n;
    const se0 = Math.sqrt(Math.max(v0 / n - m0 * m0, 0) / n);
    const se1 = Math.sqrt(Math.max(v1 / n - m1 * m1, 0) / n);
    const [s, sd] = evalPair(map, a, b, c);
    expect(Math.abs(s - m0)).toBeLessThanOrEqual(5 * se0 + 1e-12);
    expect(Math.abs(sd - m1)).toBeLessThanOrEqual(5 * se1 + 1e-12);
  });
});

describe('closed-form values', () => {
  it('relu: S = s(sin θ + (π−θ)cos θ)/(2π), Ṡ = (π−θ)/(2π)', () => {
    const relu = abreluMap(0, 1);
    for (const rho of [-1, -0.5, 0, 0.3, 1]) {
      const a = 2;
      const b = 0.5;
      const s = Math.sqrt(a * b);
      const th = Math.acos(rho);
      const [S, Sd] = evalPair(relu, a, b, rho * s);
      expect(S).toBeCloseTo((s * (Math.sin(th) + (Math.PI - th) * rho)) / (2 * Math.PI), 14);
      expect(Sd).toBeCloseTo((Math.PI - th) / (2 * Math.PI), 14);
    }
  });

  it('linear: S = q12, Ṡ = 1', () => {
    expect(evalPair(abreluMap(1, 1), 2, 3, -1.25)).toEqual([-1.25, 1]);
    expect(evalDiag(abreluMap(1, 1), 4)).toEqual([4, 1]);
  });

  it('erf and gelu at zero correlation; sin diag', () => {
    expect(evalPair(erfMap, 1, 2, 0)[0]).toBe(0);
    expect(evalPair(erfMap, 1, 2, 0)[1]).toBeCloseTo(4 / Math.PI / Math.sqrt(3 * 5), 15);
    // E[uΦ(u)] = q/√(2π(1+q)), so S|c=0 = ab/(2π√((1+a)(1+b)))
    expect(evalPair(geluMap, 1, 3, 0)[0]).toBeCloseTo(3 / (2 * Math.PI * Math.sqrt(8)), 15);
    expect(evalDiag(sinMap, 0.5)[0]).toBeCloseTo(0.5 * (1 - Math.exp(-1)), 15);
    expect(evalPair(sinMap, 1e3, 2e3, 0)).toEqual([0, 0]);
  });

  it('zero-variance rule: S = 0, Ṡ = a₋(a₋+b₊)/2 (one zero) or a₋² (both zero)', () => {
    const slopes: [number, number][] = [
      [0, 1],
      [0.1, 1],
      [-1, 1],
      [1, 1],
      [-0.3, 1.7],
    ];
    for (const [am, bp] of slopes) {
      const m = abreluMap(am, bp);
      const one = (am * (am + bp)) / 2;
      expect(evalPair(m, 0, 2, 0)).toEqual([0, one]);
      expect(evalPair(m, 3, 0, 0)).toEqual([0, one]);
      expect(evalPair(m, 1e-320, 5, 0)).toEqual([0, one]);
      expect(evalPair(m, 0, 0, 0)).toEqual([0, am * am]);
      expect(evalDiag(m, 0)).toEqual([0, am * am]);
    }
    expect(evalPair(abreluMap(0.1, 1), 0, 2, 0)[1]).toBeCloseTo(0.055, 15);
  });

  it('erf, gelu and sin need no zero-variance rule', () => {
    expect(evalPair(erfMap, 0, 2, 0)).toEqual([0, 4 / Math.PI / Math.sqrt(5)]);
    expect(evalPair(geluMap, 0, 0, 0)).toEqual([0, 0.25]);
    expect(evalPair(sinMap, 0, 0, 0)).toEqual([0, 1]);
  });
});
