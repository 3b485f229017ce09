import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ARCH, type ArchSpec } from '../../src/core/arch';
import { TfjsNet } from './tfjsNet';

// Θ̂(x_a, x_b) for separate point sets (the kernel lens's row Θ̂(x₀, ·)) against two independent
// computations: the matching block of the square empirical NTK on the stacked inputs, and
// J_a·J_bᵀ from tfjs autodiff.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const D = 2;
/** 3 + 4 inputs in R², none collinear */
const XA = Float64Array.from([0.3, -0.1, 1.0, 0.5, -1.2, 0.8]);
const XB = Float64Array.from([0.1, 2.0, -0.7, -0.9, 1.5, -1.3, 0.0, 0.4]);
const NA = XA.length / D;
const NB = XB.length / D;

function net(over: Partial<ArchSpec>): TfjsNet {
  const arch = { ...DEFAULT_ARCH, width: 24, depth: 2, bStd: 0.4, alpha: 0.2, ...over };
  return new TfjsNet({ arch, inputDim: D, seed: 11, netIndex: 3 });
}

/** ∂f(x_i)/∂θ per row, flattened over net.variables, float64 */
function jacobian(n: TfjsNet, x: Float64Array, rows: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) {
    const xi = tf.tensor2d(Array.from(x.subarray(i * D, (i + 1) * D)), [1, D]);
    const { value, grads } = tf.variableGrads(() => tf.sum(n.forward(xi)), n.variables);
    out.push(Float64Array.from(n.variables.flatMap((v) => Array.from(grads[v.name]!.dataSync()))));
    tf.dispose([xi, value, ...Object.values(grads)]);
  }
  return out;
}

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, k) => s + v * b[k]!, 0);
const maxAbs = (a: ArrayLike<number>) =>
  Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

const cases: Partial<ArchSpec>[] = [];
for (const parameterization of ['ntk', 'standard'] as const)
  for (const activation of ['erf', 'relu', 'tanh', 'leaky_relu'] as const)
    cases.push({ activation, parameterization });
cases.push({ activation: 'erf', parameterization: 'ntk', bias: false, depth: 3 });

describe('empiricalKernels between two input sets', () => {
  for (const c of cases)
    it(`${c.activation} ${c.parameterization}${c.bias === false ? ' no bias, depth 3' : ''}`, () => {
      const n = net(c);
      const cross = n.empiricalKernels(XA, NA, XB, NB).ntk;
      expect(cross.length).toBe(NA * NB);
      // the square kernel on the stacked inputs [XA; XB]; its top-right block is Θ̂(XA, XB)
      const stacked = Float64Array.from([...XA, ...XB]);
      const all = n.empiricalKernels(stacked, NA + NB).ntk;
      const ja = jacobian(n, XA, NA);
      const jb = jacobian(n, XB, NB);
      // float32 sums over ~700 parameters in different orders: 1e-5 of the largest entry is
      // ~100 ulps, far below a missing σ² factor or a swapped layer input.
      const tol = 1e-5 * maxAbs(cross);
      expect(maxAbs(cross)).toBeGreaterThan(0.05);
      for (let i = 0; i < NA; i++)
        for (let j = 0; j < NB; j++) {
          const v = cross[i * NB + j]!;
          expect(Math.abs(v - all[i * (NA + NB) + NA + j]!)).toBeLessThanOrEqual(tol);
          expect(Math.abs(v - dot(ja[i]!, jb[j]!))).toBeLessThanOrEqual(tol);
        }
      n.dispose();
    });

  it('one row x₀ against M points equals the full kernel row, with no tensors left behind', () => {
    const n = net({ activation: 'gelu' });
    const before = tf.memory().numTensors;
    const x0 = XA.subarray(2, 4);
    const row = n.empiricalKernels(x0, 1, XB, NB).ntk;
    expect(tf.memory().numTensors).toBe(before);
    const stacked = Float64Array.from([...x0, ...XB]);
    const full = n.empiricalKernels(stacked, 1 + NB).ntk;
    for (let j = 0; j < NB; j++)
      expect(Math.abs(row[j]! - full[1 + j]!)).toBeLessThanOrEqual(1e-5 * maxAbs(full));
    n.dispose();
  });

  it('rejects inputs that do not match rows x d', () => {
    const n = net({});
    expect(() => n.empiricalKernels(XA, NA + 1, XB, NB)).toThrow(/rows x 2/);
    n.dispose();
  });
});
