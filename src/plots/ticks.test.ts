import { describe, expect, it } from 'vitest';
import {
  formatValue,
  linearTicks,
  logTicks,
  placedLinearTicks,
  placedLogTicks,
  powerOfTenLabel,
  tickCount,
} from './ticks';

describe('logTicks', () => {
  it('labels each decade of a short range and adds 2…9 minor ticks', () => {
    const t = logTicks(0.01, 10);
    expect(t.major.map((m) => m.value)).toEqual([0.01, 0.1, 1, 10]);
    expect(t.major.map((m) => m.label)).toEqual(['0.01', '0.1', '1', '10']);
    expect(t.minor).toHaveLength(24);
    expect(t.minor[0]).toBeCloseTo(0.02, 12);
    expect(t.minor).not.toContain(1);
  });

  it('thins decades over a wide range and writes exponents', () => {
    const t = logTicks(1e-12, 1e3, 6);
    expect(t.major.map((m) => m.value)).toEqual([1e-12, 1e-9, 1e-6, 1e-3, 1, 1e3]);
    expect(t.major[0]?.label).toBe('10⁻¹²');
    expect(t.major[3]?.label).toBe('10⁻³');
    expect(t.major[4]?.label).toBe('10⁰');
    expect(t.major.length).toBeLessThanOrEqual(6);
    expect(t.minor).toContain(1e-11);
  });

  it('labels the ends of a range without a power of ten inside', () => {
    const t = logTicks(2, 5);
    expect(t.major.map((m) => m.label)).toEqual(['2', '5']);
  });

  it('returns nothing for a non-positive range', () => {
    expect(logTicks(0, 10).major).toEqual([]);
  });
});

describe('labels', () => {
  it('powerOfTenLabel', () => {
    expect(powerOfTenLabel(4)).toBe('10⁴');
    expect(powerOfTenLabel(3)).toBe('1,000');
    expect(powerOfTenLabel(-5)).toBe('10⁻⁵');
  });

  it('linearTicks use a true minus and no negative zero', () => {
    const t = linearTicks(-1, 1, 4);
    expect(t.major.map((m) => m.label)).toEqual(['−1.0', '−0.5', '0.0', '0.5', '1.0']);
  });

  it('formatValue', () => {
    expect(formatValue(0.012345)).toBe('0.0123');
    expect(formatValue(1234.5)).toBe('1230');
    expect(formatValue(-2.5e-7)).toBe('−2.5e−7');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(0)).toBe('0');
  });

  it('placed ticks: about one per spacing (at least 3), positions rounded to 0.1 px', () => {
    expect(tickCount(600, 110)).toBe(5);
    expect(tickCount(100, 110)).toBe(3);
    const scale = (v: number): number => 10 + v * 33.333;
    expect(placedLinearTicks([-1, 1], scale, 4).map((t) => [t.label, t.pos])).toEqual([
      ['−1.0', -23.3],
      ['−0.5', -6.7],
      ['0.0', 10],
      ['0.5', 26.7],
      ['1.0', 43.3],
    ]);
    const log = placedLogTicks([1, 100], (v) => Math.log10(v) * 50.04, 3);
    expect(log.major.map((t) => t.pos)).toEqual([0, 50, 100.1]);
    expect(log.minor[0]).toBe(15.1);
  });
});
