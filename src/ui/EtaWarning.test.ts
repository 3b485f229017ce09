import { describe, expect, it } from 'vitest';
import { halfCritical } from './EtaWarning';

describe('halfCritical', () => {
  it('rounds ½·η_crit down to two significant digits', () => {
    expect(halfCritical(0.37)).toBeCloseTo(0.18, 12);
    expect(halfCritical(0.0036)).toBeCloseTo(0.0018, 12);
    expect(halfCritical(250)).toBe(120);
  });
  it('stays at or below half the critical rate', () => {
    for (const c of [1e-5, 0.0123, 0.9, 7, 3141]) {
      expect(halfCritical(c)).toBeLessThanOrEqual(c / 2);
      expect(halfCritical(c)).toBeGreaterThan(0.45 * c);
    }
  });
});
