import { describe, expect, it } from 'vitest';
import { shardSizes } from './protocol';

describe('shardSizes', () => {
  it('splits E nets into contiguous shards that differ by at most one and sum to E', () => {
    expect(shardSizes(16, 2)).toEqual([8, 8]);
    expect(shardSizes(5, 2)).toEqual([3, 2]);
    expect(shardSizes(7, 3)).toEqual([3, 2, 2]);
    // never more workers than nets, never fewer than one
    expect(shardSizes(2, 4)).toEqual([1, 1]);
    expect(shardSizes(4, 0)).toEqual([4]);
  });
});
