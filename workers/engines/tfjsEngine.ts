// The 'tfjs' engine: E TfjsNets on whatever tfjs backend is active, trained one net at a time.

import * as tf from '@tensorflow/tfjs-core';
import type { EngineInit, EnsembleEngine, NetParameters } from './engine';
import { TfjsNet } from './tfjsNet';

export class TfjsEngine implements EnsembleEngine {
  readonly kind = 'tfjs';
  readonly size: number;
  readonly nets: TfjsNet[];
  private readonly xs: tf.Tensor2D;
  private readonly ys: tf.Tensor1D;
  private readonly lr: number;

  constructor(init: EngineInit) {
    const rows = init.yTrain.length;
    this.size = init.size;
    this.lr = init.lr;
    this.nets = [];
    try {
      for (let i = 0; i < init.size; i++)
        this.nets.push(
          new TfjsNet({
            arch: init.arch,
            inputDim: init.inputDim,
            seed: init.seed,
            netIndex: init.firstNet + i,
          }),
        );
    } catch (e) {
      for (const net of this.nets) net.dispose();
      throw e;
    }
    this.xs = tf.tensor2d(Float32Array.from(init.xTrain), [rows, init.inputDim]);
    this.ys = tf.tensor1d(Float32Array.from(init.yTrain));
  }

  step(k: number): void {
    for (let t = 0; t < k; t++) for (const net of this.nets) net.step(this.xs, this.ys, this.lr);
  }

  predict(x: ArrayLike<number>, rows: number): Float32Array {
    const out = new Float32Array(this.size * rows);
    this.nets.forEach((net, e) => out.set(net.predict(x, rows), e * rows));
    return out;
  }

  empiricalKernels(
    net: number,
    x1: ArrayLike<number>,
    n1: number,
    x2: ArrayLike<number> = x1,
    n2: number = n1,
  ) {
    return this.net(net).empiricalKernels(x1, n1, x2, n2);
  }

  parameters(net: number): NetParameters {
    const n = this.net(net);
    const read = (v: tf.Variable) => Float32Array.from(v.dataSync() as Float32Array);
    return { w: n.weights.map(read), b: n.biases.map(read) };
  }

  private net(i: number): TfjsNet {
    const n = this.nets[i];
    if (!n) throw new RangeError(`no net ${i} in an ensemble of ${this.size}`);
    return n;
  }

  dispose(): void {
    for (const net of this.nets) net.dispose();
    this.nets.length = 0;
    tf.dispose([this.xs, this.ys]);
  }
}
