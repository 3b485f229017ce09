import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH } from '../src/core/arch';
import { createEnsembleApi } from './ensembleApi';

// The page pulls thousands of chunks from one ensemble (docs/architecture.md#finite-ensemble: no tensor leaks): every
// call the controller makes (init, step chunks, frames, drift, NTKs, restart) must leave the
// number of live tensors where it was.
describe('ensemble API tensor hygiene over a long run', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('keeps tf.memory().numTensors flat across chunks, drift, kernels, restart and re-init', () => {
    const api = createEnsembleApi();
    const n = 6;
    const xTrain = Float64Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
    const spec = {
      arch: { ...DEFAULT_ARCH, depth: 2, width: 16 },
      size: 3,
      seed: 11,
      xTrain,
      yTrain: Array.from(xTrain, Math.sin),
      xTest: Float64Array.from({ length: 20 }, (_, i) => -1.5 + (3 * i) / 19),
      yTest: Array.from({ length: 20 }, (_, i) => Math.sin(-1.5 + (3 * i) / 19)),
      dim: 1,
      lr: 0.1,
    };
    api.init(spec);
    api.step(1);
    api.ntkDrift();
    api.empiricalNtk('current');
    const base = tf.memory().numTensors;
    for (let chunk = 0; chunk < 60; chunk++) {
      api.step(1 + (chunk % 4));
      if (chunk % 5 === 0) api.ntkDrift();
      if (chunk % 20 === 0) api.empiricalNtk('current');
    }
    expect(api.frame().step).toBeGreaterThan(100);
    expect(tf.memory().numTensors).toBe(base);
    api.restart(0.05);
    api.step(3);
    expect(tf.memory().numTensors).toBe(base);
    api.init({ ...spec, seed: 12 });
    api.step(1);
    api.ntkDrift();
    api.empiricalNtk('current');
    expect(tf.memory().numTensors).toBe(base);
    api.dispose();
    expect(tf.memory().numTensors).toBeLessThan(base);
  });
});
