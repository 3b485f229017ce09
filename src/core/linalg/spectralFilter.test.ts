import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spectralWeights, timesScale } from './spectralFilter';

const eigs = Float64Array.from([0, 1e-310, 1e-20, 0.3, 1, 2.5]);

describe('spectralWeights', () => {
  it('k = 0 is the prior: E = 1, g = 0 in both forms', () => {
    for (const form of ['discrete', 'continuous'] as const) {
      const { e, g, logScale } = spectralWeights(eigs, 0.7, 0, form, 2.5);
      expect(logScale).toBe(0);
      expect(Array.from(e)).toEqual(Array(eigs.length).fill(1));
      expect(Array.from(g, Math.abs)).toEqual(Array(eigs.length).fill(0));
    }
  });

  it('matches the direct discrete formula, with g → r·k for λ → 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.79, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (rate, k) => {
          const { e, g, logScale } = spectralWeights(eigs, rate, k, 'discrete', 2.5);
          expect(logScale).toBe(0);
          eigs.forEach((l, a) => {
            const direct = (1 - rate * l) ** k;
            expect(e[a]).toBeCloseTo(direct, 13);
            // naive (1 − E)/λ cancels for tiny rλ: use its series there
            const x = rate * l;
            const limit = x > 1e-6 ? (1 - direct) / l : rate * k * (1 - ((k - 1) * x) / 2);
            const gl = g[a] as number;
            expect(Math.abs(gl - limit)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(limit)));
          });
          expect(g[2]).toBeCloseTo(rate * k, 10);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rλ = 1 learns the mode in one step; 1 < rλ < 2 oscillates', () => {
    const one = spectralWeights(Float64Array.from([1, 1.5]), 1, 3, 'discrete', 1.5);
    expect(one.e[0]).toBe(0);
    expect(one.g[0]).toBe(1);
    expect(one.e[1]).toBeCloseTo(-0.125, 15);
  });

  it('continuous form is exp(−rλk) with g = −expm1(−rλk)/λ', () => {
    const { e, g } = spectralWeights(eigs, 0.4, 2.5, 'continuous', 2.5);
    expect(e[4]).toBeCloseTo(Math.exp(-1), 15);
    expect(g[4]).toBeCloseTo(1 - Math.exp(-1), 15);
    expect(g[0]).toBe(0.4 * 2.5);
    expect(g[2]).toBeCloseTo(1, 12);
  });

  it('t = ∞ inverts above 1e-12·λ_max and cuts below', () => {
    const l = Float64Array.from([1e-15, 1e-11, 4]);
    const { e, g } = spectralWeights(l, 0.1, 'inf', 'discrete', 4);
    expect(Array.from(e)).toEqual([1, 0, 0]);
    expect(g[0]).toBe(0);
    expect((g[1] as number) / 1e11).toBeCloseTo(1, 14);
    expect(g[2]).toBe(0.25);
  });

  it('rescales diverging GD so E/s, g/s stay bounded', () => {
    const l = Float64Array.from([0.1, 1, 3]);
    const k = 2001;
    const { e, g, logScale } = spectralWeights(l, 1, k, 'discrete', 3);
    expect(logScale).toBeCloseTo(k * Math.log(2), 9);
    expect(e[2]).toBe(-1);
    expect(Math.abs(e[0] as number)).toBeLessThan(1e-300);
    expect(g[2]).toBeCloseTo(1 / 3, 15);
    expect(timesScale(e[2] as number, logScale)).toBe(-Infinity);
    const small = spectralWeights(l, 1, 5, 'discrete', 3);
    expect(timesScale(small.e[2] as number, small.logScale)).toBeCloseTo(-32, 10);
    expect(timesScale(small.g[2] as number, small.logScale)).toBeCloseTo(33 / 3, 10);
  });

  it('rejects negative, non-finite and (discrete) fractional step counts', () => {
    expect(() => spectralWeights(eigs, 0.1, -1, 'discrete', 2.5)).toThrow(/k ≥ 0/);
    expect(() => spectralWeights(eigs, 0.1, Infinity, 'continuous', 2.5)).toThrow(/k ≥ 0/);
    expect(() => spectralWeights(eigs, 0.1, 1.5, 'discrete', 2.5)).toThrow(/whole/);
    expect(spectralWeights(eigs, 0.1, 1.5, 'continuous', 2.5).e[4]).toBeCloseTo(
      Math.exp(-0.15),
      15,
    );
  });
});

describe('timesScale', () => {
  it('multiplies by e^L without intermediate overflow', () => {
    expect(timesScale(3, 0)).toBe(3);
    expect(timesScale(0, 1e6)).toBe(0);
    expect(timesScale(2, Math.log(4))).toBeCloseTo(8, 13);
    expect(timesScale(1e-300, 800) / Math.exp(800 - 300 * Math.log(10))).toBeCloseTo(1, 12);
    expect(timesScale(-1, 800)).toBe(-Infinity);
  });
});
