import { describe, expect, it } from 'vitest';
import { BACKEND_IDS, DEFAULT_PARAMS } from './schema';
import type { EnsemblePlan } from './ensemblePlan';
import {
  estimatedMsToK,
  formatDuration,
  nodeEngineOf,
  offReason,
  planEnsemble,
  tooSlowToStart,
} from './ensemblePlan';

describe('ensemble plan', () => {
  it('trains on the fused SIMD kernel in Node for auto and simd, on tfjs for every other backend', () => {
    expect(BACKEND_IDS.map((b) => [b, nodeEngineOf(b)])).toEqual([
      ['auto', 'simd'],
      ['simd', 'simd'],
      ['webgpu', 'tfjs'],
      ['webgl', 'tfjs'],
      ['wasm', 'tfjs'],
      ['cpu', 'tfjs'],
    ]);
  });

  it('plans the link’s nets within the budget, and none at width ∞', () => {
    const { plan, spec } = planEnsemble(DEFAULT_PARAMS);
    expect(plan.fits).toBe(plan.memoryBytes <= plan.budgetBytes);
    expect(spec.size).toBe(DEFAULT_PARAMS.nets);
    expect(spec.arch.width).toBe(DEFAULT_PARAMS.width);
    expect(offReason({ ...DEFAULT_PARAMS, width: Infinity })).toMatch(/∞|infinite/i);
  });

  it('estimates with the probed speed: overhead per call plus flops at the width’s rate', () => {
    const speed = { msPerCall: 0.01, rates: [{ width: 8, msPerFlop: 1e-7 }], msPerInitParam: 1e-3 };
    const p = { ...DEFAULT_PARAMS, width: 64, depth: 1, nets: 2, nTrain: 4, nTest: 16 };
    const { plan } = planEnsemble(p, speed);
    // P = 64 + 64 + 64 + 1 = 193; a step: 2·2 calls, 6·2·4·193 = 9264 flops
    expect(plan.estimatedMsPerStep).toBeCloseTo(0.04 + 9264e-7, 12);
    // a frame: 8 calls, 2·2·(16 + 4)·193 = 15,440 flops
    expect(plan.estimatedFrameMs).toBeCloseTo(0.08 + 15_440e-7, 12);
    // init: 386 parameters at 1e-3 ms, then 4·4 calls and 386·(24 + 32) flops for the NTK
    expect(plan.estimatedInitMs).toBeCloseTo(0.386 + 0.16 + 386 * 56e-7, 12);
    expect(plan.estimatedNtkMs).toBeCloseTo(0.16 + 386 * 56e-7, 12);
    expect(plan.calibrated).toBe(true);
    expect(planEnsemble(p).plan.calibrated).toBe(false);
  });
});

describe('estimatedMsToK', () => {
  const plan = (step: number, frame: number, init: number, ntk = 0): EnsemblePlan => ({
    ...planEnsemble(DEFAULT_PARAMS).plan,
    estimatedMsPerStep: step,
    estimatedFrameMs: frame,
    estimatedInitMs: init,
    estimatedNtkMs: ntk,
  });
  it('adds a frame per chunk, the drift at every recorded step and the start', () => {
    // K = 20: every step 1…20 is recorded, so 20 chunks of one step, 20 frames and 20 drifts
    expect(estimatedMsToK(plan(1, 10, 500, 3), 20)).toBe(20 + 200 + 60 + 500);
    // K = 1000 records 80 steps: 1000 ms of steps in chunks of at most 40 − 10 = 30 ms is only
    // 34 chunks, so the 80 recorded steps set the frames
    expect(estimatedMsToK(plan(1, 10, 500), 1000)).toBe(1000 + 800 + 500);
    // steps of 10 ms: chunks of 30 ms of steps, 334 of them, more than the 80 recorded steps
    expect(estimatedMsToK(plan(10, 10, 0), 1000)).toBe(10_000 + 3340);
    // from the last step nothing is left; the nets exist, so no start
    expect(estimatedMsToK(plan(1, 100, 500), 1000, 1000)).toBe(0);
  });
});

describe('the words for a run too long to start by itself', () => {
  it('names the estimate, and nothing at or under the limit', () => {
    expect(tooSlowToStart(4 * 3_600_000, 60_000)).toBe(
      'This run would take about 4.0 h here, so it did not start by itself: press Train to start it anyway.',
    );
    expect(tooSlowToStart(60_000, 60_000)).toBeNull();
    expect(tooSlowToStart(Number.NaN, 60_000)).toBeNull();
  });
  it('formats durations in the unit that reads best', () => {
    expect([0.876, 40.4, 12_345, 420_000, 4 * 3_600_000].map(formatDuration)).toEqual([
      '0.88 ms',
      '40 ms',
      '12.3 s',
      '7 min',
      '4.0 h',
    ]);
  });
});
