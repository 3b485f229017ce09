// docs/science.md#drift-slopes: the log-log slope of the NTK drift
// ‖Θ̂_T − Θ̂_0‖_F/‖Θ̂_0‖_F against width over widths 128 / 512 / 2048, after T = 100 steps of
// full-batch GD on ½·mean at η = 1/(cλ_max) (c = 1/N, λ_max of the analytic Θ on x_train,
// width-independent in the NTK parameterisation), 12 training points: sin on 12 equally spaced
// points of [−3, 3]; 8 nets per width. numpy-trained nets give erf depth 2 (σ_w 1.5, σ_b 0.05)
// −0.88 and relu depth 1 (σ_w √2, σ_b 0.1) −0.47; the test accepts ± 0.3 around these.
// Cost: erf depth 2 at width 2048 is ~4 M parameters per net; see ENGINE.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH, type ArchSpec } from '../src/core/arch';
import { kernelFn } from '../src/core/kernels';
import { eigh } from '../src/core/linalg/eigh';
import { fromData } from '../src/core/linalg/matrix';
import { runDriftSweep } from './driftSweep';
import type { EngineKind } from './engines/engine';

/**
 * The engine these tests train with: the fused WASM SIMD engine, the page's engine on a CPU-only
 * machine (about 15× tfjs on its WASM backend here, whose erf run took ~290 s). The tfjs backend
 * is still set: the engine-independent parts of the sweep may use tfjs.
 */
const ENGINE: { engine: EngineKind; tfBackend: 'wasm' | 'cpu' } = {
  engine: 'simd',
  tfBackend: 'wasm',
};

beforeAll(async () => {
  await tf.setBackend(ENGINE.tfBackend);
});

const N = 12;
const X = Float64Array.from({ length: N }, (_, i) => -3 + (6 * i) / (N - 1));
const Y = X.map(Math.sin);

function slopeOf(arch: ArchSpec): { slope: number; slopeSe: number; means: number[] } {
  const xd = fromData(N, 1, X);
  const lambdaMax = Math.max(...eigh(kernelFn(arch, xd, xd).ntk).values);
  const p = runDriftSweep({
    arch,
    widths: [128, 512, 2048],
    nets: 8,
    steps: 100,
    seed: 2024,
    xTrain: X,
    yTrain: Y,
    dim: 1,
    lr: N / lambdaMax,
    memoryBytes: 4 * 2 ** 30,
    engine: ENGINE.engine,
  });
  expect(p.points.map((q) => q.nets)).toEqual([8, 8, 8]);
  return { slope: p.fit!.slope, slopeSe: p.fit!.slopeSe, means: p.points.map((q) => q.driftMean) };
}

describe('NTK drift slope vs width (docs/science.md#drift-slopes)', () => {
  it('relu depth 1 (σ_w √2, σ_b 0.1): −0.47 ± 0.3', () => {
    const arch: ArchSpec = {
      ...DEFAULT_ARCH,
      depth: 1,
      activation: 'relu',
      wStd: Math.SQRT2,
      bStd: 0.1,
    };
    const { slope, slopeSe, means } = slopeOf(arch);
    console.warn(`relu d1 drift slope ${slope.toFixed(3)} ± ${slopeSe.toFixed(3)}`, means);
    expect(slope).toBeGreaterThan(-0.47 - 0.3);
    expect(slope).toBeLessThan(-0.47 + 0.3);
  });

  it('erf depth 2 (σ_w 1.5, σ_b 0.05): −0.88 ± 0.3', () => {
    const arch: ArchSpec = { ...DEFAULT_ARCH, depth: 2, activation: 'erf', wStd: 1.5, bStd: 0.05 };
    const { slope, slopeSe, means } = slopeOf(arch);
    console.warn(`erf d2 drift slope ${slope.toFixed(3)} ± ${slopeSe.toFixed(3)}`, means);
    expect(slope).toBeGreaterThan(-0.88 - 0.3);
    expect(slope).toBeLessThan(-0.88 + 0.3);
  }, 900_000);
});
