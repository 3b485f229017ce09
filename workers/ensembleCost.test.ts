import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCH } from '../src/core/arch';
import * as core from '../src/core/ensembleCost';
import { largestFitting, memoryEstimate } from './ensembleApi';

// the page plans with src/core/ensembleCost.ts, the trainer with its own copy: they must agree
describe('the page’s ensemble cost model', () => {
  it('gives the trainer’s memory estimate and largest fitting ensemble', () => {
    for (const [depth, width, size, n, bias] of [
      [1, 64, 4, 14, true],
      [8, 8192, 64, 64, true],
      [3, 300, 16, 7, false],
    ] as const) {
      const arch = { ...DEFAULT_ARCH, depth, width, bias };
      const trainer = { arch, size, dim: 1, xTrain: { length: n } };
      const page = { arch, size, dim: 1, nTrain: n };
      expect(core.memoryEstimate(page)).toBe(memoryEstimate(trainer));
      for (const budget of [1e6, 2 ** 30, 1e12])
        expect(core.largestFitting(page, budget)).toEqual(largestFitting(trainer, budget));
    }
    // the example, width 8192, depth 8, 64 nets, N = 64 (~240 GB), by hand:
    // P = 8192 + 7·8192² + 8192 + 8·8192 + 1 = 469 843 969; 4·64·(2P + 2·64·8·8192)
    const big = { arch: { depth: 8, width: 8192, bias: true }, size: 64, dim: 1, nTrain: 64 };
    expect(core.memoryEstimate(big)).toBe(256 * (2 * 469_843_969 + 2 * 64 * 8 * 8192));
  });

  it('counts 6 flops per parameter per training point for a step', () => {
    const s = { arch: { depth: 1, width: 10, bias: false }, size: 2, dim: 1, nTrain: 3 };
    // P = 1·10 + 10 = 20
    expect(core.parameterCount(s)).toBe(20);
    expect(core.stepFlops(s)).toBe(6 * 2 * 3 * 20);
    expect(core.frameFlops(s, 5)).toBe(2 * 2 * 8 * 20);
  });
});
