import { describe, expect, it } from 'vitest';
import { parseWorkload, shardSizes } from './protocol';

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

describe('parseWorkload', () => {
  it('reads E,L,n,N and rejects anything but four positive integers', () => {
    expect(parseWorkload('16,2,1024,14')).toEqual([16, 2, 1024, 14]);
    expect(parseWorkload(' 4, 3 ,64,16')).toEqual([4, 3, 64, 16]);
    expect(() => parseWorkload('16,2,1024')).toThrow(/E,L,n,N/);
    expect(() => parseWorkload('16,2,1024,14,1')).toThrow(/E,L,n,N/);
    expect(() => parseWorkload('16,0,1024,14')).toThrow(/E,L,n,N/);
    expect(() => parseWorkload('16,2,10.5,14')).toThrow(/E,L,n,N/);
    expect(() => parseWorkload('16,2,1024,1')).toThrow(/N ≥ 2/);
  });
});
