// Benchmark of the theory path behind every control change: 64 training and 256 test points,
// depth 8, each activation. Times the kernel worker's API in Node, phase by phase; the browser
// adds only messaging and drawing.
//   band_ms    control change → band values ready: the `theory` call (kernels, eigendecomposition,
//              the cursor step and t = ∞), for a fresh API (a kernel-level change: nothing cached)
//   series_ms  the `series` call that follows (the step grid: loss curves, export)
//   lr_band_ms / lr_series_ms  the same after a learning-rate change (cached kernels and
//              eigendecomposition)
// Fresh runs are the best of a few repeats, each on a new API object.

import { ACTIVATION_IDS } from '../src/core/arch';
import { ACTIVATIONS } from '../src/core/activations';
import { DEFAULT_PARAMS, type Params } from '../src/params/schema';
import { createKernelApi, type KernelApi } from '../workers/kernelApi';

export interface TheoryBenchRow {
  activation: string;
  kernel: 'closed' | 'quadrature';
  /** kernel-level change: the `theory` call on a fresh API */
  band_ms: number;
  kernels_ms: number;
  dynamics_ms: number;
  /** the `series` call after it */
  series_ms: number;
  /** learning-rate change: the `theory` call reusing kernels and eigendecomposition */
  lr_band_ms: number;
  lr_series_ms: number;
  /** one off-grid `at` call */
  cursor_ms: number;
  /** the prior samples (M x M NNGP + Cholesky) */
  prior_ms: number;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

/** the worker's series compute time, without the pauses between its slices */
async function series(api: KernelApi, gen: number): Promise<number> {
  return (await api.series(gen)).ms;
}

async function timeOne(params: Params, repeats: number): Promise<TheoryBenchRow> {
  let best = { band: Infinity, kernels: 0, dynamics: 0, series: Infinity };
  let api = createKernelApi();
  let gen = 0;
  for (let r = 0; r < repeats; r++) {
    api = createKernelApi();
    const band = await timed(() => api.theory(++gen, params));
    const seriesMs = await series(api, gen);
    best = {
      band: Math.min(best.band, band.ms),
      kernels: band.ms < best.band ? band.value.timings.kernelsMs : best.kernels,
      dynamics: band.ms < best.band ? band.value.timings.dynamicsMs : best.dynamics,
      series: Math.min(best.series, seriesMs),
    };
  }
  const lrBand = await timed(() => api.theory(++gen, { ...params, lr: params.lr / 2 }));
  if (!lrBand.value.reused.decomposition) throw new Error('η change did not reuse the cache');
  const lrSeries = await series(api, gen);
  const cursor = await timed(() => api.at(gen, 137));
  const prior = await timed(() => api.prior(gen));
  return {
    activation: params.activation,
    kernel: ACTIVATIONS[params.activation].kernel,
    band_ms: round(best.band),
    kernels_ms: round(best.kernels),
    dynamics_ms: round(best.dynamics),
    series_ms: round(best.series),
    lr_band_ms: round(lrBand.ms),
    lr_series_ms: round(lrSeries),
    cursor_ms: round(cursor.ms),
    prior_ms: round(prior.ms),
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
    out(
      JSON.stringify({
        bench: 'theory',
        N: 64,
        M: 256,
        depth: 8,
        ...(await timeOne(params, repeats)),
      }),
    );
  }
}
