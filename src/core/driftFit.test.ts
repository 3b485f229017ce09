// The sweep's statistics against numbers worked out by hand (the arithmetic is in the comments).

import { describe, expect, it } from 'vitest';
import { fitLogLogSlope, meanSe, relativeFrobenius, sweepWidths } from './driftFit';

const E = Math.E;

describe('meanSe', () => {
  it('is the mean and sd/√n with divisor n − 1', () => {
    // [1, 2, 3, 4]: mean 2.5, Σ(v − 2.5)² = 5, sd = √(5/3), se = √(5/3)/2 = 0.6454972
    const { mean, se } = meanSe([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(se).toBeCloseTo(0.6454972244, 9);
  });
  it('has no standard error for one value and no mean for none', () => {
    expect(meanSe([3]).se).toBeNaN();
    expect(meanSe([3]).mean).toBe(3);
    expect(meanSe([]).mean).toBeNaN();
  });
});

describe('fitLogLogSlope', () => {
  // x = ln w = [0, 1, 2], y = ln mean = [0, −1, −1.5]
  const widths = [1, E, E * E];
  const means = [1, Math.exp(-1), Math.exp(-1.5)];

  it('weighted: slope, intercept, χ² and the Birge-scaled SE by hand', () => {
    // σ = se/mean = [0.1, 0.2, 0.1] → w = [100, 25, 100], Σw = 225, x̄ = 225/225 = 1,
    // ȳ = (0 − 25 − 150)/225 = −7/9, Sxx = 200, Sxy = 100·(−1)(7/9) + 100·(1)(−1.5 + 7/9) = −150,
    // slope = −0.75, intercept = −7/9 + 0.75 = −1/36, residuals [1/36, −2/9, 1/36],
    // χ² = 100/1296 + 25·4/81 + 100/1296 = 25/18, Birge = √(25/18), SE = √(1/200 · 25/18) = 1/12
    const ses = [0.1 * means[0]!, 0.2 * means[1]!, 0.1 * means[2]!];
    const fit = fitLogLogSlope(widths, means, ses)!;
    expect(fit.method).toBe('wls');
    expect(fit.slope).toBeCloseTo(-0.75, 12);
    expect(fit.intercept).toBeCloseTo(-1 / 36, 12);
    expect(fit.chi2).toBeCloseTo(25 / 18, 12);
    expect(fit.slopeSe).toBeCloseTo(1 / 12, 12);
  });

  it('weighted: an exact power law keeps the SE implied by the error bars alone', () => {
    // mean = 2·w^−½ lies on the line (χ² = 0 < k − 2): SE = √(1/Sxx), with σ = 0.05 at every
    // width, w = 400, x = [0, 1, 2] → Sxx = 400·2 = 800, SE = 1/√800
    const m = widths.map((w) => 2 / Math.sqrt(w));
    const fit = fitLogLogSlope(
      widths,
      m,
      m.map((v) => 0.05 * v),
    )!;
    expect(fit.slope).toBeCloseTo(-0.5, 12);
    expect(Math.exp(fit.intercept)).toBeCloseTo(2, 12);
    expect(fit.slopeSe).toBeCloseTo(1 / Math.sqrt(800), 12);
  });

  it('falls back to OLS with residual SE when an error bar is missing', () => {
    // x̄ = 1, ȳ = −5/6, Sxx = 2, Sxy = −1.5, slope −0.75, intercept −1/12,
    // residuals [1/12, −1/6, 1/12], RSS = 1/24, s² = RSS/(3 − 2), SE = √(1/24/2) = 1/√48
    const fit = fitLogLogSlope(widths, means, [NaN, 0.1, 0.1])!;
    expect(fit.method).toBe('ols');
    expect(fit.slope).toBeCloseTo(-0.75, 12);
    expect(fit.intercept).toBeCloseTo(-1 / 12, 12);
    expect(fit.slopeSe).toBeCloseTo(1 / Math.sqrt(48), 12);
  });

  it('two widths: WLS keeps its SE, OLS has none', () => {
    // x = [0, ln 4], y = [0, −ln 2]: slope −½; σ = 0.1 → w = 100, Sxx = 100·2·(ln4/2)² = 50·ln²4
    const fit = fitLogLogSlope([1, 4], [1, 0.5], [0.1, 0.05])!;
    expect(fit.slope).toBeCloseTo(-0.5, 12);
    expect(fit.slopeSe).toBeCloseTo(1 / Math.sqrt(50 * Math.log(4) ** 2), 12);
    expect(fitLogLogSlope([1, 4], [1, 0.5], [0, 0])!.slopeSe).toBeNaN();
  });

  it('skips non-positive points and needs two distinct widths', () => {
    expect(fitLogLogSlope([1, 2], [1, 0], [0.1, 0.1])).toBeNull();
    expect(fitLogLogSlope([4, 4], [1, 2], [0.1, 0.1])).toBeNull();
    const fit = fitLogLogSlope([1, 2, 4], [1, NaN, 0.25], [0.1, 0.1, 0.025])!;
    expect(fit.slope).toBeCloseTo(-1, 12);
  });
});

describe('relativeFrobenius and sweepWidths', () => {
  it('‖a − b‖/‖b‖', () => {
    // ‖(3, 4) − (0, 0)‖ … b = (3, 4): ‖b‖ = 5; a − b = (1, −2) → √5/5
    expect(relativeFrobenius([4, 2], [3, 4])).toBeCloseTo(Math.sqrt(5) / 5, 14);
  });
  it('doubles from `from` while ≤ `to`', () => {
    expect(sweepWidths(32, 2048)).toEqual([32, 64, 128, 256, 512, 1024, 2048]);
    expect(sweepWidths(100, 500)).toEqual([100, 200, 400]);
    expect(sweepWidths(64, 32)).toEqual([]);
  });
});
