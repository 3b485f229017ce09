// `npm run bench -- estimate`: the plan's time estimate against the measured time, one JSON line
// per width 32 … 4096 (16 nets, depth 2, the other defaults), in Node on the fused WASM SIMD
// kernel (the page's engine without a GPU). The estimate uses this machine's probe
// (workers/ensembleProbe.ts), run once first as the page does; the measurement trains the nets
// through the trainer's API and takes the median over three pairs of chunks of k and 3k steps
// of their time difference per step (both chunks return one frame, which so cancels). ratio = estimated / measured ms per step: the
// estimate is meant to stay within 2× (0.5 ≤ ratio ≤ 2).

import { loadavg } from 'node:os';
import { createEnsembleApi } from '../workers/ensembleApi';
import { probeSpeed } from '../workers/ensembleProbe';
import { planEnsemble } from '../src/params/ensemblePlan';
import { DEFAULT_PARAMS, type Params } from '../src/params/schema';

export const ESTIMATE_WIDTHS = [32, 64, 128, 256, 512, 1024, 2048, 4096];

const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));

export interface EstimateBenchOptions {
  /** chunks of ≥ 60 ms instead of ≥ 200 ms */
  quick: boolean;
  widths?: number[];
}

export async function benchEstimate(
  write: (line: string) => void,
  { quick, widths = ESTIMATE_WIDTHS }: EstimateBenchOptions,
): Promise<void> {
  const minChunkMs = quick ? 60 : 200;
  const probeStart = performance.now();
  const speed = probeSpeed('simd');
  const probeMs = performance.now() - probeStart;
  for (const width of widths) {
    // the largest widths need more than the default budget: the estimate is what is compared
    const p: Params = { ...DEFAULT_PARAMS, width, nets: 16, depth: 2, memoryMb: 65536 };
    const { plan, spec } = planEnsemble(p, speed);
    const api = createEnsembleApi();
    const built = performance.now();
    api.init({ ...spec, engine: 'simd' });
    api.empiricalNtk('init');
    const initMs = performance.now() - built;
    const timed = (k: number): number => {
      const t0 = performance.now();
      api.step(k);
      return performance.now() - t0;
    };
    // a chunk of k steps and one of 3k both return one frame: their difference is 2k steps
    const pair = (k: number): number => {
      const one = timed(k);
      return timed(3 * k) - one;
    };
    // k grows until the 2k steps' difference, not one frame, dominates the chunks' time
    let k = 1;
    while (pair(k) < minChunkMs && k < 4096) k *= 2;
    const slopes = [0, 1, 2].map(() => pair(k) / (2 * k));
    const msPerStep = slopes.sort((a, b) => a - b)[1]!;
    api.dispose();
    write(
      JSON.stringify({
        width,
        nets: plan.size,
        depth: plan.depth,
        est_ms_per_step: round(plan.estimatedMsPerStep),
        ms_per_step: round(msPerStep),
        ratio: round(plan.estimatedMsPerStep / msPerStep, 2),
        est_frame_ms: round(plan.estimatedFrameMs),
        est_init_ms: round(plan.estimatedInitMs),
        init_ms: round(initMs),
        k,
        probe_ms: round(probeMs),
        load: round(loadavg()[0]!, 2),
      }),
    );
  }
}
