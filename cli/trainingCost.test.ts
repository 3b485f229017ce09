import { describe, expect, it } from 'vitest';
import { stepCost } from './trainingCost';

describe('stepCost', () => {
  it('counts the weights, flops and bytes of one step by hand for a tiny net', () => {
    // d = 1, n = 2, L = 2: W_0 1×2, W_1 2×2, W_2 2×1 = 8 weights; biases 2 + 2 + 1
    const c = stepCost(3, 2, 2, 4);
    expect(c.params).toBe(13);
    expect(c.netBytes).toBe(52);
    // per net: forward 2·4·8 + backward 2·4·6 + update 2·4·8 = 176
    expect(c.flops).toBe(3 * 176);
    expect(c.bytes).toBe(3 * 16 * 8);
  });

  it('gives about 0.5 GB of weight traffic per step for 16 nets of width 1024, depth 3', () => {
    const c = stepCost(16, 3, 1024, 16);
    expect(c.bytes).toBe(16 * 16 * (1024 + 2 * 1024 * 1024 + 1024));
    expect(c.bytes / 1e9).toBeCloseTo(0.537, 3);
    expect(c.flops / 1e9).toBeCloseTo(3.22, 2);
  });
});
