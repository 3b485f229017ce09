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

/** sizes of the firstNet shards of E nets over `workers` workers, as even as possible */
export function shardSizes(E: number, workers: number): number[] {
  const w = Math.max(1, Math.min(workers, E));
  return Array.from({ length: w }, (_, i) => Math.floor(E / w) + (i < E % w ? 1 : 0));
}
