// The finite half of every activation: a tfjs op per id, keyed by the same ids as the kernel
// half in src/core/activations.ts (`satisfies Record<ActivationId, …>` makes one impossible
// without the other). Derivatives come from tfjs autodiff, so each op is written so that its
// autodiff gradient is the φ' of the theory, including at 0 (docs/science.md#zero-variance-rule): the ABReLU family is
// a₋·x + (b₊ − a₋)·relu(x), whose gradient at 0 is a₋ (tfjs Relu_grad uses step(x) = x > 0).

import * as tf from '@tensorflow/tfjs-core';
import { abreluSlopes } from '../src/core/activations';
import type { ActivationId, ArchSpec } from '../src/core/arch';

export type ActivationParams = Pick<ArchSpec, 'activation' | 'alpha' | 'a' | 'b'>;
/** elementwise φ on a float32 tensor of any shape */
export type TfActivation = (x: tf.Tensor) => tf.Tensor;

const INV_SQRT2 = Math.SQRT1_2;

function abrelu(params: ActivationParams): TfActivation {
  const slopes = abreluSlopes(params);
  if (!slopes) throw new Error(`${params.activation} is not in the ABReLU family`);
  const [am, bp] = slopes;
  return (x) => tf.add(tf.mul(am, x), tf.mul(bp - am, tf.relu(x)));
}

const smooth = (op: TfActivation) => (): TfActivation => op;

export const TF_ACTIVATIONS = {
  relu: abrelu,
  leaky_relu: abrelu,
  abs: abrelu,
  linear: abrelu,
  abrelu,
  erf: smooth((x) => tf.erf(x)),
  // exact GELU x·Φ(x) = ½·x·(1 + erf(x/√2)), not the tanh approximation
  gelu: smooth((x) => tf.mul(tf.mul(0.5, x), tf.add(1, tf.erf(tf.mul(INV_SQRT2, x))))),
  sin: smooth((x) => tf.sin(x)),
  tanh: smooth((x) => tf.tanh(x)),
  sigmoid: smooth((x) => tf.sigmoid(x)),
  softplus: smooth((x) => tf.softplus(x)),
  swish: smooth((x) => tf.mul(x, tf.sigmoid(x))),
} satisfies Record<ActivationId, (params: ActivationParams) => TfActivation>;

/** φ for an architecture's activation (slopes taken from the spec) */
export function tfActivation(params: ActivationParams): TfActivation {
  return TF_ACTIVATIONS[params.activation](params);
}

/** φ'(x) elementwise, by tfjs autodiff of φ (the same derivative training uses) */
export function tfActivationGrad(params: ActivationParams): TfActivation {
  const phi = tfActivation(params);
  const grad = tf.grad((x: tf.Tensor) => tf.sum(phi(x)));
  return (x) => grad(x);
}
