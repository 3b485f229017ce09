// Benchmark of the theory path behind every control change: 64 training and 256 test points,
// depth 8, each activation. Times the kernel worker's API in Node (kernels + eigendecomposition
// + time series, then one cursor evaluation); the browser adds only messaging and drawing.

import { ACTIVATION_IDS } from '../src/core/arch';
import { ACTIVATIONS } from '../src/core/activations';
import { DEFAULT_PARAMS, type Params } from '../src/params/schema';
import { createKernelApi } from '../workers/kernelApi';

export interface TheoryBenchRow {
  activation: string;
  kernel: 'closed' | 'quadrature';
  theory_ms: number;
  kernels_ms: number;
  dynamics_ms: number;
  cursor_ms: number;
  prior_ms: number;
}

async function timeOne(params: Params, repeats: number): Promise<TheoryBenchRow> {
  const api = createKernelApi();
  let best = { total: Infinity, kernels: 0, dynamics: 0 };
  let gen = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const payload = await api.theory(++gen, params);
    const total = performance.now() - t0;
    if (total < best.total)
      best = { total, kernels: payload.timings.kernelsMs, dynamics: payload.timings.dynamicsMs };
  }
  const t1 = performance.now();
  await api.at(gen, 137);
  const t2 = performance.now();
  await api.prior(gen);
  const t3 = performance.now();
  return {
    activation: params.activation,
    kernel: ACTIVATIONS[params.activation].kernel,
    theory_ms: round(best.total),
    kernels_ms: round(best.kernels),
    dynamics_ms: round(best.dynamics),
    cursor_ms: round(t2 - t1),
    prior_ms: round(t3 - t2),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

export async function benchTheory(out: (line: string) => void): Promise<void> {
  for (const activation of ACTIVATION_IDS) {
    const params: Params = {
      ...DEFAULT_PARAMS,
      activation,
      depth: 8,
      nTrain: 64,
      nTest: 256,
      xMax: 5,
      wStd: 2,
      bStd: 0.1,
    };
    const repeats = ACTIVATIONS[activation].kernel === 'closed' ? 5 : 2;
    out(JSON.stringify({ bench: 'theory', N: 64, M: 256, depth: 8, ...(await timeOne(params, repeats)) }));
  }
}
