import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { scalarActivation } from '../src/core/activations';
import { ACTIVATION_IDS, DEFAULT_ARCH, type ActivationId } from '../src/core/arch';
import { tfActivation, tfActivationGrad } from './tfActivations';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** grid incl. 0 and both signs; |x| ≤ 4 covers typical pre-activations */
const GRID = [-4, -2.5, -1, -0.3, -1e-3, 0, 1e-3, 0.3, 1, 2.5, 4];

// float32: φ and φ' are O(1) on the grid, so rounding is ~1e-7 relative; tfjs's erf uses the
// Abramowitz–Stegun 7.1.26 rational fit (|error| ≤ 1.5e-7). 2e-6 absolute + relative covers both
// with margin and still catches any wrong formula (which would be off by ≳ 1e-3).
const TOL = 2e-6;

function params(activation: ActivationId) {
  return { ...DEFAULT_ARCH, activation, alpha: 0.2, a: -0.4, b: 1.3 };
}

describe('tfjs activations match the scalar half (φ and autodiff φ′)', () => {
  for (const id of ACTIVATION_IDS) {
    it(id, () => {
      const p = params(id);
      const scalar = scalarActivation(p);
      const x = tf.tensor1d(GRID);
      const phi = tfActivation(p)(x);
      const dphi = tfActivationGrad(p)(x);
      const phiVals = phi.dataSync();
      const dphiVals = dphi.dataSync();
      tf.dispose([x, phi, dphi]);
      GRID.forEach((xi, i) => {
        const fx = Math.fround(xi);
        const want = scalar.phi(fx);
        const wantD = scalar.dphi(fx);
        expect(Math.abs((phiVals[i] ?? NaN) - want)).toBeLessThanOrEqual(
          TOL * (1 + Math.abs(want)),
        );
        expect(Math.abs((dphiVals[i] ?? NaN) - wantD)).toBeLessThanOrEqual(
          TOL * (1 + Math.abs(wantD)),
        );
      });
    });
  }

  it('ABReLU family: autodiff gives φ′(0) = a₋ (TF convention, docs/science.md#zero-variance-rule)', () => {
    const cases: [ActivationId, number][] = [
      ['relu', 0],
      ['leaky_relu', 0.2],
      ['abs', -1],
      ['linear', 1],
      ['abrelu', -0.4],
    ];
    for (const [id, am] of cases) {
      const x = tf.tensor1d([0]);
      const d = tfActivationGrad(params(id))(x);
      expect(d.dataSync()[0]).toBeCloseTo(am, 6);
      tf.dispose([x, d]);
    }
  });
});
