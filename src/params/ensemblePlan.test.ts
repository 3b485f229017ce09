import { describe, expect, it } from 'vitest';
import { BACKEND_IDS, DEFAULT_PARAMS } from './schema';
import { nodeEngineOf, offReason, planEnsemble } from './ensemblePlan';

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
});
