// The training-benchmark page: trains the workload of scripts/native_ensemble.py (erf, σ_w 1.5,
// σ_b 0.05, NTK parameterisation, N points x = linspace(−3, 3), y = sin x, η 0.1, ½·mean loss)
// with the app's own ensemble worker and API, split over `workers` workers by firstNet shards.
// Timing as the native script: one warm-up step, then steps until at least `seconds` have passed.
// Steps are requested in few large chunks (sized from the running rate) so the per-chunk frame
// (one forward pass over the training set) stays a small part of the time.

import { DEFAULT_ARCH } from '../core/arch';
import { spawnEnsembleWorker } from '../workerClient/spawnEnsembleWorker';
import type { EnsembleEndpoint } from '../workerClient/ensembleClient';
import type { EnsembleFrame, EnsembleSpec } from '../../workers/ensembleApi';
import {
  BENCH_GLOBAL,
  shardSizes,
  type BenchConfig,
  type BenchPage,
  type BenchResult,
} from './protocol';

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent = `${el.textContent ?? ''}\n${line}`;
};

const meanLoss = (frames: EnsembleFrame[]) => {
  let sum = 0;
  let count = 0;
  for (const f of frames) {
    for (const v of f.lossTrain) sum += v;
    count += f.lossTrain.length;
  }
  return sum / count;
};

async function run(config: BenchConfig): Promise<BenchResult> {
  const { E, L, n, N } = config;
  const x = Float64Array.from({ length: N }, (_, i) => -3 + (6 * i) / (N - 1));
  const sizes = shardSizes(E, config.workers);
  const endpoints: EnsembleEndpoint[] = sizes.map(() => spawnEnsembleWorker());
  const crashed = new Promise<never>((_, reject) =>
    endpoints.forEach((e) => e.onCrash((m) => reject(new Error(`worker crashed: ${m}`)))),
  );
  const all = <T>(calls: Promise<T>[]) => Promise.race([Promise.all(calls), crashed]);
  try {
    let first = 0;
    const specs: EnsembleSpec[] = sizes.map((size) => {
      const spec: EnsembleSpec = {
        arch: { ...DEFAULT_ARCH, depth: L, width: n, activation: 'erf', wStd: 1.5, bStd: 0.05 },
        size,
        seed: 0,
        xTrain: x,
        yTrain: x.map(Math.sin),
        // one test point: the frame after each chunk then costs about one forward pass
        xTest: Float64Array.of(0),
        dim: 1,
        lr: 0.1,
        engine: config.engine,
        simdKernel: config.kernel,
        firstNet: first,
      };
      first += size;
      return spec;
    });
    const init = await all(endpoints.map((e, i) => e.api.init(specs[i]!)));
    const loss0 = meanLoss(init);
    await all(endpoints.map((e) => e.api.step(1)));
    let steps = 0;
    let last = init;
    const t0 = performance.now();
    let elapsed = 0;
    let perStep = 0;
    while (elapsed < config.seconds * 1000 || steps < 2) {
      const remaining = Math.max(config.seconds * 1000 - elapsed, 0);
      // first chunk: 1 step to learn the rate; then half the remaining time, but ≥ 0.25 s
      const k = perStep > 0 ? Math.ceil(Math.max(remaining / 2, 250) / perStep) : 1;
      last = await all(endpoints.map((e) => e.api.step(k)));
      steps += k;
      elapsed = performance.now() - t0;
      perStep = elapsed / steps;
    }
    const seconds = elapsed / 1000;
    return {
      E,
      L,
      n,
      N,
      steps,
      seconds: Math.round(seconds * 1000) / 1000,
      steps_per_s: Math.round((steps / seconds) * 100) / 100,
      loss0,
      loss: meanLoss(last),
      backend: config.engine === 'simd' ? 'wasm-simd' : 'tfjs-cpu',
      kernel: config.kernel,
      workers: sizes.length,
    };
  } finally {
    for (const e of endpoints) e.terminate();
  }
}

const page: BenchPage = {
  run: async (config) => {
    log(`running ${JSON.stringify(config)}`);
    const result = await run(config);
    log(JSON.stringify(result));
    return result;
  },
};
Object.assign(window, { [BENCH_GLOBAL]: page });
log(`ready: ${navigator.hardwareConcurrency} logical cores`);
