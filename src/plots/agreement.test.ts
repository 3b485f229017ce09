import { describe, expect, it } from 'vitest';
import { agreementStats, reading, verdict } from './agreement';

describe('agreementStats', () => {
  it('matches a hand-computed example', () => {
    // E = 4 nets: σ_k/√E = σ_k/2
    const mean = [1.0, 0.5, -0.2, 3.0];
    const mu = [0.9, 0.5, 0.1, 3.0];
    const std = [0.4, 1.0, 0.2, 0.001];
    const variance = [0.16, 1.0, 0.09, 0.0];
    const s = agreementStats(mean, mu, std, variance, 4);
    expect(Array.from(s.diff).map((v) => +v.toFixed(12))).toEqual([0.1, 0, -0.3, 0]);
    expect(Array.from(s.se)).toEqual([0.2, 0.5, 0.1, 0.0005]);
    expect(Array.from(s.seEmpirical)).toEqual([0.2, 0.5, 0.15, 0]);
    // z = |d|/se: 0.5, 0, 3; the last point (σ below 1 % of the largest) is left out
    expect(s.z[0]).toBeCloseTo(0.5, 12);
    expect(s.z[1]).toBe(0);
    expect(s.z[2]).toBeCloseTo(3, 12);
    expect(s.z[3]).toBeNaN();
    expect(s.zMax).toBeCloseTo(3, 12);
    expect(s.zMaxIndex).toBe(2);
    expect(s.counted).toBe(3);
  });

  it('is NaN with nothing to compare, and reads z in plain words', () => {
    expect(agreementStats([1], [NaN], [1], [1], 4).zMax).toBeNaN();
    expect(verdict(2.9)).toBe('within');
    expect(verdict(4)).toBe('edge');
    expect(verdict(5)).toBe('differs');
    expect(reading(1, 16)).toContain('within sampling noise');
    expect(reading(9, 16)).toContain('finite-width effects');
    expect(reading(NaN, 16)).toBe('No comparison yet.');
  });
});
