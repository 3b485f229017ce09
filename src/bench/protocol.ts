// What the training-benchmark page (bench.html, src/bench/main.ts) and its driver
// (cli/benchTraining.ts) exchange: the driver calls window.ntkBench.run(config) in the page.

import type { EngineKind } from '../../workers/engines/engine';
import type { SimdKernelVariant } from '../../workers/engines/simdKernel';

/** one configuration of the native_ensemble.py workload */
export interface BenchConfig {
  /** nets E */
  E: number;
  /** hidden layers L */
  L: number;
  /** width n */
  n: number;
  /** training points N */
  N: number;
  /** timed for at least this long, after one warm-up step */
  seconds: number;
  /** workers sharing the nets (each trains a firstNet shard) */
  workers: number;
  engine: EngineKind;
  /** the 'simd' engine's kernel build (the driver checks the page can run it) */
  kernel: SimdKernelVariant;
}

/** the fields native_ensemble.py prints, plus who ran it */
export interface BenchResult {
  E: number;
  L: number;
  n: number;
  N: number;
  steps: number;
  seconds: number;
  steps_per_s: number;
  /** mean over nets of ½·mean((f − y)²) at init */
  loss0: number;
  /** the same after the timed steps */
  loss: number;
  backend: string;
  /** the 'simd' engine's kernel build */
  kernel: SimdKernelVariant;
  workers: number;
}

export interface BenchPage {
  run(config: BenchConfig): Promise<BenchResult>;
}

/** the page sets window[BENCH_GLOBAL] once it is ready */
export const BENCH_GLOBAL = 'ntkBench';

export { shardSizes } from '../workerClient/ensembleShards';

/** a workload (E, L, n, N): nets, hidden layers, width, training points */
export type Workload = [number, number, number, number];

/** `--config E,L,n,N` as a workload: four positive integers */
export function parseWorkload(text: string): Workload {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || !parts.every((v) => Number.isInteger(v) && v >= 1))
    throw new Error(`--config wants E,L,n,N (four positive integers), got "${text}"`);
  const [E, L, n, N] = parts as Workload;
  if (N < 2) throw new Error(`--config needs N ≥ 2 training points, got ${N}`);
  return [E, L, n, N];
}
