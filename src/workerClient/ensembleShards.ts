// The page trains an ensemble split over several workers, as the bench does: each worker holds a
// contiguous firstNet shard, and net i is the same net whichever worker holds it. These merge the
// shards' replies back into the single worker's: per-net arrays concatenate in net order, and the
// statistics over nets are recomputed by the trainer's own functions (workers/ensembleStats.ts) so
// that they equal a single worker's to the bit.

import type { EnsembleFrame, EnsembleProgress, EnsembleSpec } from '../../workers/ensembleApi';
import { frameStats, meanOf, meanValue } from '../core/ensembleStats';

/** sizes of the firstNet shards of E nets over `workers` workers, as even as possible */
export function shardSizes(E: number, workers: number): number[] {
  const w = Math.max(1, Math.min(workers, E));
  return Array.from({ length: w }, (_, i) => Math.floor(E / w) + (i < E % w ? 1 : 0));
}

/** `spec` split over `workers` workers: one spec per shard, each with its firstNet */
export function shardSpecs(spec: EnsembleSpec, workers: number): EnsembleSpec[] {
  let first = spec.firstNet ?? 0;
  return shardSizes(spec.size, workers).map((size) => {
    const shard = { ...spec, size, firstNet: first };
    first += size;
    return shard;
  });
}

function concat32(parts: readonly Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function sameStep(parts: readonly { step: number }[]): number {
  const step = parts[0]!.step;
  if (parts.some((p) => p.step !== step))
    throw new Error(`ensemble shards out of step: ${parts.map((p) => p.step).join(', ')}`);
  return step;
}

/** the shards' frames (in net order) as the frame of the whole ensemble */
export function mergeFrames(parts: readonly EnsembleFrame[]): EnsembleFrame {
  if (parts.length === 1) return parts[0]!;
  const step = sameStep(parts);
  const lossTrain = concat32(parts.map((p) => p.lossTrain));
  const E = lossTrain.length;
  const outputs = concat32(parts.map((p) => p.outputs));
  const lossTests = parts.map((p) => p.lossTest);
  const lossTest = lossTests.every((l) => l !== null) ? concat32(lossTests) : null;
  return { step, outputs, lossTrain, lossTest, ...frameStats(outputs, E, outputs.length / E) };
}

/** the shards' progress replies (in net order) as the whole ensemble's */
export function mergeProgress(parts: readonly EnsembleProgress[]): EnsembleProgress {
  if (parts.length === 1) return parts[0]!;
  return { step: sameStep(parts), lossTrain: concat32(parts.map((p) => p.lossTrain)) };
}

/** the mean over all nets of the shards' per-net kernels (in net order) */
export const mergeKernels = (parts: readonly Float64Array[][]): Float64Array =>
  meanOf(parts.flat());

/** the mean over all nets of the shards' per-net drifts (in net order) */
export function mergeDrifts(parts: readonly Float64Array[]): number {
  const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return meanValue(all);
}
