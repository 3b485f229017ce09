// One finite fully-connected net in tfjs, exactly as docs/science.md#network and docs/science.md#matching-finite-networks:
//   x⁰ = x, h^l = σ_w/√n_{l-1} · x^{l-1} W^l + σ_b b^l (ntk) or x^{l-1} W^l + b^l (standard),
//   x^l = φ(h^l), f(x) = h^{L+1} (scalar, no output activation), the same σ_w, σ_b for the readout.
// Initialisation: raw W_ij, b_i ~ N(0,1) from the app's seeded RNG (never tfjs initialisers),
// drawn by netSetup.ts. ntk: parameters are the raw draws and the scale sits in the forward
// pass; standard: W = σ_w/√n_{l-1}·raw, b = σ_b·raw, so both give the same function at init and
// differ only in gradients.
// Training: full-batch plain GD on L = ½·mean((f − y)²) (c = 1/N), θ ← θ − η∇L, float32.
// Empirical kernels (docs/science.md#empirical-ntk) from one forward/backward pass, with δ^l = ∂f/∂h^l:
//   Θ̂ = Σ_l [ c_w^l ⟨δ^l,δ^l'⟩⟨x^{l-1},x^{l-1}'⟩ + c_b ⟨δ^l,δ^l'⟩ ],
//   c_w^l = σ_w²/n_{l-1}, c_b = σ_b² (ntk);  c_w^l = 1, c_b = 1 (standard);  c_b = 0 without bias;
//   K̂ = (σ_w²/n_L)⟨x^L,x^L'⟩ + σ_b².

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { ArchSpec } from '../../src/core/arch';
import { tfActivation, tfActivationGrad, type TfActivation } from '../tfActivations';
import type { EmpiricalKernels } from './engine';
import { checkNetArch, layerSizes, rawDraws, type NetInit } from './netSetup';

export class TfjsNet {
  readonly arch: ArchSpec;
  readonly sizes: readonly number[];
  /** W^l, shape [n_{l-1}, n_l] */
  readonly weights: tf.Variable[];
  /** b^l, shape [n_l]; empty when bias = false */
  readonly biases: tf.Variable[];
  private readonly phi: TfActivation;
  private readonly dphi: TfActivation;
  /** forward-pass multipliers of W^l x and b^l (1 in the standard parameterisation) */
  private readonly wMul: number[];
  private readonly bMul: number;

  constructor(init: NetInit) {
    const { arch } = init;
    checkNetArch(arch);
    this.arch = arch;
    this.sizes = layerSizes(arch, init.inputDim);
    this.phi = tfActivation(arch);
    this.dphi = tfActivationGrad(arch);
    const ntk = arch.parameterization === 'ntk';
    const scale = this.sizes.slice(0, -1).map((nIn) => arch.wStd / Math.sqrt(nIn));
    this.wMul = ntk ? scale : scale.map(() => 1);
    this.bMul = ntk ? arch.bStd : 1;
    const raw = rawDraws(init);
    this.weights = raw.w.map((w, i) => {
      const s = ntk ? 1 : scale[i]!;
      const t = tf.tidy(() => tf.mul(tf.tensor2d(w, [this.sizes[i]!, this.sizes[i + 1]!]), s));
      const v = tf.variable(t, true);
      t.dispose();
      return v;
    });
    this.biases = arch.bias
      ? raw.b.map((b) => {
          const t = tf.tidy(() => tf.mul(tf.tensor1d(b), ntk ? 1 : arch.bStd));
          const v = tf.variable(t, true);
          t.dispose();
          return v;
        })
      : [];
  }

  get variables(): tf.Variable[] {
    return [...this.weights, ...this.biases];
  }

  /** pre-activation of layer l (0-based i = l − 1) from its input x^{l-1} */
  private affine(i: number, x: tf.Tensor2D): tf.Tensor2D {
    let h = tf.mul(tf.matMul(x, this.weights[i]!), this.wMul[i]!) as tf.Tensor2D;
    const b = this.biases[i];
    if (b) h = tf.add(h, tf.mul(b, this.bMul));
    return h;
  }

  /** f(X) for X of shape [N, d]: a tensor of shape [N] the caller disposes */
  forward(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      let a = x;
      const last = this.weights.length - 1;
      for (let i = 0; i < last; i++) a = this.phi(this.affine(i, a)) as tf.Tensor2D;
      return tf.reshape(this.affine(last, a), [-1]);
    });
  }

  /** f(X) for X given as N rows of d numbers (row-major) */
  predict(x: ArrayLike<number>, rows: number): Float32Array {
    const out = tf.tidy(() =>
      this.forward(tf.tensor2d(Float32Array.from(x), [rows, this.sizes[0]!])),
    );
    const values = out.dataSync() as Float32Array;
    out.dispose();
    return Float32Array.from(values);
  }

  /** L = ½·mean((f(X) − y)²), a scalar tensor the caller disposes */
  loss(x: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
    return tf.tidy(() => tf.mul(0.5, tf.mean(tf.square(tf.sub(this.forward(x), y)))));
  }

  /** one full-batch plain GD step θ ← θ − η∇L; returns the loss before the step */
  step(x: tf.Tensor2D, y: tf.Tensor1D, lr: number): number {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => this.loss(x, y), this.variables);
      for (const v of this.variables) v.assign(tf.sub(v, tf.mul(grads[v.name]!, lr)));
      return value.dataSync()[0]!;
    });
  }

  /**
   * Empirical NTK and NNGP between the rows of x1 (n1 x d) and x2 (n2 x d), both row-major;
   * each result is n1 x n2, row-major float64. Accumulated in float64 over layers; the
   * per-layer Gram matrices are float32 products.
   */
  empiricalKernels(
    x1: ArrayLike<number>,
    n1: number,
    x2: ArrayLike<number> = x1,
    n2: number = n1,
  ): EmpiricalKernels {
    const d = this.sizes[0]!;
    if (x1.length !== n1 * d || x2.length !== n2 * d)
      throw new Error(`inputs must be rows x ${d}: got ${x1.length}/${n1}, ${x2.length}/${n2}`);
    const { arch } = this;
    const ntkParam = arch.parameterization === 'ntk';
    const cb = arch.bias ? (ntkParam ? arch.bStd ** 2 : 1) : 0;
    const layers = this.weights.length;
    const ntk = new Float64Array(n1 * n2);
    const nngp = new Float64Array(n1 * n2);
    const grams = tf.tidy(() => {
      const p1 = this.passes(tf.tensor2d(Float32Array.from(x1), [n1, this.sizes[0]!]));
      const p2 = this.passes(tf.tensor2d(Float32Array.from(x2), [n2, this.sizes[0]!]));
      const out: { dd: tf.Tensor; xx: tf.Tensor }[] = [];
      for (let i = 0; i < layers; i++)
        out.push({
          dd: tf.matMul(p1.deltas[i]!, p2.deltas[i]!, false, true),
          xx: tf.matMul(p1.inputs[i]!, p2.inputs[i]!, false, true),
        });
      const xL = tf.matMul(p1.inputs[layers - 1]!, p2.inputs[layers - 1]!, false, true);
      return { out, xL };
    });
    for (let i = 0; i < layers; i++) {
      const { dd, xx } = grams.out[i]!;
      const ddv = dd.dataSync();
      const xxv = xx.dataSync();
      const cw = ntkParam ? arch.wStd ** 2 / this.sizes[i]! : 1;
      for (let k = 0; k < ntk.length; k++) ntk[k]! += ddv[k]! * (cw * xxv[k]! + cb);
      tf.dispose([dd, xx]);
    }
    const xLv = grams.xL.dataSync();
    const nL = this.sizes[layers - 1]!;
    const b2 = arch.bias ? arch.bStd ** 2 : 0;
    for (let k = 0; k < nngp.length; k++) nngp[k] = (arch.wStd ** 2 / nL) * xLv[k]! + b2;
    grams.xL.dispose();
    return { ntk, nngp };
  }

  /** layer inputs x^{l-1} and backpropagated δ^l = ∂f/∂h^l for l = 1..L+1 (call inside tidy) */
  private passes(x: tf.Tensor2D): { inputs: tf.Tensor2D[]; deltas: tf.Tensor2D[] } {
    const layers = this.weights.length;
    const inputs: tf.Tensor2D[] = [x];
    const pre: tf.Tensor2D[] = [];
    for (let i = 0; i < layers - 1; i++) {
      const h = this.affine(i, inputs[i]!);
      pre.push(h);
      inputs.push(this.phi(h) as tf.Tensor2D);
    }
    const deltas: tf.Tensor2D[] = new Array<tf.Tensor2D>(layers);
    deltas[layers - 1] = tf.ones([x.shape[0], 1]);
    for (let i = layers - 2; i >= 0; i--) {
      // δ^l = φ'(h^l) ⊙ (δ^{l+1} · (wMul·W^{l+1})ᵀ)
      const back = tf.mul(
        tf.matMul(deltas[i + 1]!, this.weights[i + 1]!, false, true),
        this.wMul[i + 1]!,
      );
      deltas[i] = tf.mul(this.dphi(pre[i]!), back) as tf.Tensor2D;
    }
    return { inputs, deltas };
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
