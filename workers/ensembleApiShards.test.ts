import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH } from '../src/core/arch';
import { createEnsembleApi, type EnsembleApi, type EnsembleSpec } from './ensembleApi';
import type { EngineKind } from './engines/engine';
import {
  mergeDrifts,
  mergeFrames,
  mergeKernels,
  mergeProgress,
  shardSizes,
  shardSpecs,
} from '../src/workerClient/ensembleShards';

// The page splits the nets over two workers: the merged replies of the shards must be the single
// worker's numbers to the bit (the export equals the CLI's `--train`), for every reply the page
// reads: frames (outputs, losses, mean, variance), progress, the drift and the mean kernels.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const linspace = (a: number, b: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

function spec(engine: EngineKind): EnsembleSpec {
  const xTrain = linspace(-2, 2, 5);
  const xTest = linspace(-3, 3, 9);
  return {
    arch: { ...DEFAULT_ARCH, depth: 2, width: 32, activation: 'erf' },
    size: 5,
    seed: 11,
    xTrain,
    yTrain: xTrain.map(Math.sin),
    xTest,
    yTest: xTest.map(Math.sin),
    dim: 1,
    lr: 0.4,
    engine,
  };
}

describe('shardSpecs', () => {
  it('gives each shard its size and the index of its first net', () => {
    const shards = shardSpecs(spec('simd'), 2);
    expect(shards.map((s) => [s.size, s.firstNet])).toEqual([
      [3, 0],
      [2, 3],
    ]);
    expect(shardSpecs(spec('simd'), 1).map((s) => [s.size, s.firstNet])).toEqual([[5, 0]]);
    expect(shardSizes(1, 2)).toEqual([1]);
  });
});

describe.each(['simd', 'tfjs'] as const)('merged shards (%s)', (engine) => {
  it('equal one worker holding all nets, to the bit', () => {
    const whole = createEnsembleApi();
    const parts: EnsembleApi[] = [createEnsembleApi(), createEnsembleApi()];
    const s = spec(engine);
    const init = whole.init(s);
    const shards = shardSpecs(s, 2);
    expect(mergeFrames(parts.map((p, i) => p.init(shards[i]!)))).toEqual(init);
    // the init kernels before any step, then everything after a chunk off and one on the grid
    const xa = Float64Array.of(0.25, -1);
    expect(mergeKernels(parts.map((p) => p.ntkCrossNets(xa, s.xTest, 'init')))).toEqual(
      whole.ntkCross(xa, s.xTest, 'init'),
    );
    expect(mergeProgress(parts.map((p) => p.train(6)))).toEqual({
      step: 6,
      lossTrain: whole.train(6).lossTrain,
    });
    const frame = whole.step(3);
    expect(frame.step).toBe(9);
    expect(mergeFrames(parts.map((p) => p.step(3)))).toEqual(frame);
    expect(mergeDrifts(parts.map((p) => p.ntkDriftNets()))).toBe(whole.ntkDrift());
    expect(whole.ntkDrift()).toBeGreaterThan(0);
    for (const which of ['init', 'current'] as const) {
      expect(mergeKernels(parts.map((p) => p.empiricalNtkNets(which)))).toEqual(
        whole.empiricalNtk(which),
      );
      expect(mergeKernels(parts.map((p) => p.ntkCrossNets(xa, s.xTest, which)))).toEqual(
        whole.ntkCross(xa, s.xTest, which),
      );
    }
    for (const api of [whole, ...parts]) api.dispose();
  });

  it('refuses shards that are out of step', () => {
    const parts: EnsembleApi[] = [createEnsembleApi(), createEnsembleApi()];
    const shards = shardSpecs(spec(engine), 2);
    parts.forEach((p, i) => p.init(shards[i]!));
    const a = parts[0]!.train(2);
    const b = parts[1]!.train(1);
    expect(() => mergeProgress([a, b])).toThrow(/out of step: 2, 1/);
    for (const api of parts) api.dispose();
  });
});
