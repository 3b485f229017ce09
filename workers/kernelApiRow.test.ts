import { describe, expect, it } from 'vitest';
import { kernelDiag, kernelFn } from '../src/core/kernels';
import { fromData } from '../src/core/linalg/matrix';
import { archFromParams, buildExperiment } from '../src/params/experiment';
import { DEFAULT_PARAMS, type Params } from '../src/params/schema';
import { createKernelApi } from './kernelApi';

// kernelApi.kernelRow: the analytic row Θ(x₀, x_test), K(x₀, x_test) of the last theory call,
// against kernelFn on the experiment's own test grid (an independent call).

const base: Params = { ...DEFAULT_PARAMS, activation: 'relu', depth: 2, nTrain: 6, nTest: 20 };

describe('kernel API: kernelRow', () => {
  for (const p of [base, { ...base, dataset: 'circle', activation: 'erf' } satisfies Params])
    it(`equals kernelFn(x₀, x_test) (${p.dataset})`, async () => {
      const api = createKernelApi();
      await api.theory(3, p);
      const { data } = buildExperiment(p);
      const x0 = data.dim === 1 ? Float64Array.of(0.8) : Float64Array.of(Math.cos(1), Math.sin(1));
      const row = await api.kernelRow(3, x0);
      const want = kernelFn(
        archFromParams(p),
        fromData(1, data.dim, x0),
        fromData(data.xTest.length / data.dim, data.dim, data.xTest),
      );
      expect(row.gen).toBe(3);
      expect(Array.from(row.x0)).toEqual(Array.from(x0));
      expect(row.ntk).toHaveLength(p.nTest);
      expect(Array.from(row.ntk)).toEqual(Array.from(want.ntk.data));
      expect(Array.from(row.nngp)).toEqual(Array.from(want.nngp.data));
    });

  it('x₀ on a test point: its own entry is the self-kernel Θ(x₀, x₀), K(x₀, x₀)', async () => {
    const api = createKernelApi();
    const t = await api.theory(1, base);
    const j = 7;
    const row = await api.kernelRow(1, t.data.xTest.subarray(j, j + 1));
    const diag = kernelDiag(archFromParams(base), fromData(base.nTest, 1, t.data.xTest));
    expect(row.ntk[j]).toBeCloseTo(diag.ntk[j]!, 12);
    expect(row.nngp[j]).toBeCloseTo(diag.nngp[j]!, 12);
  });

  it('rejects a stale generation and an x₀ of the wrong size or not finite', async () => {
    const api = createKernelApi();
    await api.theory(1, base);
    await expect(api.kernelRow(0, Float64Array.of(0))).rejects.toThrow(/generation 0/);
    await expect(api.kernelRow(1, Float64Array.of(0, 1))).rejects.toThrow(/1 finite number/);
    await expect(api.kernelRow(1, Float64Array.of(NaN))).rejects.toThrow(/finite/);
  });
});
