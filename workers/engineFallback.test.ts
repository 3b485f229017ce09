import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH } from '../src/core/arch';
import { createEnsembleApi, type EnsembleFrame, type EnsembleSpec } from './ensembleApi';
import type { RunningBackend } from './ensembleBackends';
import { createFallbackRunner, midRunNote } from './engineFallback';
import { failingEngines } from './testing/failingEngine';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const X = Float64Array.from({ length: 6 }, (_, i) => -2 + (4 * i) / 5);
const SPEC: EnsembleSpec = {
  arch: { ...DEFAULT_ARCH, depth: 2, width: 32, activation: 'erf' },
  size: 3,
  seed: 7,
  xTrain: X,
  yTrain: X.map(Math.sin),
  xTest: Float64Array.of(-1.5, 0.25, 2.5),
  yTest: [-1, 0.25, 0.6],
  dim: 1,
  lr: 0.5,
};

/** the page's view of a frame: everything but the backend report */
const numbers = (f: EnsembleFrame) => ({
  step: f.step,
  outputs: f.outputs,
  lossTrain: f.lossTrain,
  lossTest: f.lossTest,
  mean: f.mean,
  var: f.var,
});

/** a run that started on tfjs CPU (engine 'tfjs') with the SIMD engine and tfjs WASM left */
function failingRun(failAt: number) {
  const engines = failingEngines('tfjs', failAt);
  const api = createEnsembleApi(engines.make);
  const activated: RunningBackend[] = [];
  const runner = createFallbackRunner(api, (b) => {
    activated.push(b);
    return Promise.resolve();
  });
  api.init({ ...SPEC, engine: 'tfjs' });
  runner.begin({
    report: { choice: 'cpu', backend: 'cpu', engine: 'tfjs', notes: [] },
    rest: ['simd', 'wasm'],
  });
  return { api, runner, engines, activated };
}

describe('mid-run fallback', () => {
  it('continues a run whose engine throws at step 3 on the next engine, bit for bit as a run there', async () => {
    const { api, runner, engines, activated } = failingRun(3);
    const first = await runner.frame(() => api.step(2));
    expect(first.step).toBe(2);
    expect(first.backend).toBeUndefined();
    // steps 3..5 are asked for; step 3 throws, so the nets move to SIMD at step 2 and go on
    const moved = await runner.frame(() => api.step(3));
    expect(activated).toEqual(['simd']);
    expect(engines.built).toEqual(['tfjs', 'simd']);
    expect(moved.backend).toEqual({
      choice: 'cpu',
      backend: 'simd',
      engine: 'simd',
      notes: [midRunNote('cpu', 2, 'device lost at step 3', 'simd')],
    });
    expect(moved.backend?.notes[0]).toBe(
      'tfjs CPU failed after step 2 (device lost at step 3); training continued from step 2 on ' +
        'fused WASM SIMD, with the same nets replayed there.',
    );
    const later = await runner.frame(() => api.step(4));
    // the report rides on the first frame after the move only
    expect(later.backend).toBeUndefined();

    const reference = createEnsembleApi();
    reference.init({ ...SPEC, engine: 'simd' });
    expect(moved.step).toBe(5);
    expect(numbers(moved)).toEqual(numbers(reference.step(5)));
    expect(numbers(later)).toEqual(numbers(reference.step(4)));
    for (let e = 0; e < SPEC.size; e++) expect(api.parameters(e)).toEqual(reference.parameters(e));
    expect(await runner.guard(() => api.ntkDrift())).toBe(reference.ntkDrift());
    api.dispose();
    reference.dispose();
  });

  it('moves the nets when a frame throws, at the step they had reached', async () => {
    const { api, runner, engines } = failingRun(100);
    await runner.frame(() => api.step(4));
    engines.failNextPredict();
    const f = await runner.frame(() => api.frame());
    expect(f.step).toBe(4);
    expect(f.backend?.backend).toBe('simd');
    expect(f.backend?.notes[0]).toContain('failed after step 4 (readback failed)');
    const reference = createEnsembleApi();
    reference.init({ ...SPEC, engine: 'simd' });
    expect(numbers(f)).toEqual(numbers(reference.step(4)));
    api.dispose();
    reference.dispose();
  });

  it('tries the next backend when one cannot take the nets, and rejects when none can', async () => {
    const { api, runner } = failingRun(2);
    const failing = createFallbackRunner(api, (b) =>
      b === 'simd' ? Promise.reject(new Error('no SIMD here')) : Promise.resolve(),
    );
    failing.begin({
      report: { choice: 'auto', backend: 'cpu', engine: 'tfjs', notes: [] },
      rest: ['simd'],
    });
    await expect(failing.frame(() => api.step(3))).rejects.toThrow(
      /device lost at step 2 \(no other backend could continue: fused WASM SIMD could not start \(no SIMD here\)\.\)/,
    );
    // a plain init (no plan) does not fall back
    runner.begin(null);
    await expect(runner.frame(() => api.step(3))).rejects.toThrow('device lost at step 2');
    api.dispose();
  });

  it('resume checks the step', () => {
    const api = createEnsembleApi();
    api.init({ ...SPEC, engine: 'simd' });
    api.step(2);
    expect(() => api.resume('simd', 3)).toThrow(RangeError);
    expect(api.resume('simd', 1).step).toBe(1);
    api.dispose();
  });
});
