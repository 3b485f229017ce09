// The speed fit against synthetic timings made from a known model (the arithmetic is in the
// comments), and its behaviour on noisy or degenerate probes.

import { describe, expect, it } from 'vitest';
import {
  ASSUMED_SPEED,
  estimateMs,
  fitSpeed,
  msPerFlopAt,
  type SpeedSample,
} from './ensembleSpeed';

/** timings from msPerCall 0.01 and msPerFlop 2e-7 at width 32, 1e-7 at 256, 5e-8 at 2048 */
const TRUE = { 32: 2e-7, 256: 1e-7, 2048: 5e-8 } as const;
const sample = (width: 32 | 256 | 2048, flops: number, calls: number): SpeedSample => ({
  width,
  flops,
  calls,
  ms: 0.01 * calls + TRUE[width] * flops,
  params: width * width,
  initMs: 3e-4 * width * width,
});
const SAMPLES = [
  sample(32, 1e5, 24),
  sample(32, 4e6, 6),
  sample(256, 2e7, 6),
  sample(2048, 4e8, 3),
];

describe('fitSpeed', () => {
  it('recovers the overhead per call and the rate at every probed width', () => {
    const s = fitSpeed(SAMPLES);
    expect(s.msPerCall).toBeCloseTo(0.01, 10);
    expect(s.rates.map((r) => r.width)).toEqual([32, 256, 2048]);
    expect(s.rates[0]!.msPerFlop).toBeCloseTo(2e-7, 15);
    expect(s.rates[1]!.msPerFlop).toBeCloseTo(1e-7, 15);
    expect(s.rates[2]!.msPerFlop).toBeCloseTo(5e-8, 15);
    expect(s.msPerInitParam).toBeCloseTo(3e-4, 12);
  });

  it('puts all the time on the flops when the overhead would come out negative', () => {
    // 1e5 flops, 24 calls, 0.01 ms and 4e6 flops, 6 calls, 0.8 ms: f = (0.8 − 6c)/4e6, so
    // 24c + 0.02 − 0.15c = 0.01 and c < 0
    const s = fitSpeed([
      { width: 32, flops: 1e5, calls: 24, ms: 0.01, params: 1, initMs: 1 },
      { width: 32, flops: 4e6, calls: 6, ms: 0.8, params: 1, initMs: 1 },
    ]);
    expect(s.msPerCall).toBe(0);
    // (0.01 + 0.8) / (1e5 + 4e6) = 1.9756e-7
    expect(s.rates[0]!.msPerFlop).toBeCloseTo(1.9756e-7, 11);
  });

  it('has no overhead from one sample, and refuses no usable sample', () => {
    const one = { width: 64, flops: 1e6, calls: 6, ms: 0.3, params: 1000, initMs: 0.5 };
    const s = fitSpeed([one]);
    expect(s.msPerCall).toBe(0);
    expect(s.rates).toEqual([{ width: 64, msPerFlop: 3e-7 }]);
    expect(s.msPerInitParam).toBe(5e-4);
    expect(() => fitSpeed([{ ...one, ms: Number.NaN }])).toThrow();
  });
});

describe('msPerFlopAt and estimateMs', () => {
  const s = fitSpeed(SAMPLES);
  it('interpolates in log-log between probed widths and is constant outside', () => {
    // √(32·256) ≈ 90.5 is halfway in log width: √(2e-7 · 1e-7) = 1.41421e-7
    expect(msPerFlopAt(s, Math.sqrt(32 * 256))).toBeCloseTo(Math.SQRT2 * 1e-7, 15);
    expect(msPerFlopAt(s, 8)).toBeCloseTo(2e-7, 15);
    expect(msPerFlopAt(s, 8192)).toBeCloseTo(5e-8, 15);
  });
  it('adds the overhead of the calls to the flops at the width’s rate', () => {
    // 0.01 · 48 + 1e-7 · 1e8 = 10.48 ms
    expect(estimateMs(s, 256, 1e8, 48)).toBeCloseTo(10.48, 10);
  });
  it('the assumed speed is a usable model', () => {
    expect(estimateMs(ASSUMED_SPEED, 1024, 1e9, 48)).toBeGreaterThan(0);
    expect(msPerFlopAt({ msPerCall: 0, rates: [], msPerInitParam: 0 }, 100)).toBeGreaterThan(0);
  });
});
