import { describe, expect, it } from 'vitest';
import { frameFlops, parameterCount, stepFlops } from './ensembleCost';

describe('the ensemble cost model’s time estimate', () => {
  it('counts 6 flops per parameter per training point for a step', () => {
    const s = { arch: { depth: 1, width: 10, bias: false }, size: 2, dim: 1, nTrain: 3 };
    // P = 1·10 + 10 = 20
    expect(parameterCount(s)).toBe(20);
    expect(stepFlops(s)).toBe(6 * 2 * 3 * 20);
    expect(frameFlops(s, 5)).toBe(2 * 2 * 8 * 20);
  });
});
