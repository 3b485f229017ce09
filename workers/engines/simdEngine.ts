// The 'simd' engine: E nets of one architecture in one instance of the fused WASM SIMD kernel
// (wasm/assembly/kernel.ts). Parameters start from the same rawDraws as TfjsNet (ntk: the raw
// draws; standard: σ_w/√n_in·raw and σ_b·raw, rounded to float32 as tfjs does), so both engines
// hold the same nets. Memory (bytes, 16-aligned regions after the kernel's heap base):
//   [parameters of E nets][x_train N×d][y_train N][training workspace][scratch, grown on demand]

import { abreluSlopes } from '../../src/core/activations';
import type { ActivationId } from '../../src/core/arch';
import type { EmpiricalKernels, EngineInit, EnsembleEngine, NetParameters } from './engine';
import { checkNetArch, layerSizes, rawDraws } from './netSetup';
import {
  defaultSimdKernel,
  instantiateKernel,
  type KernelExports,
  type SimdKernelVariant,
} from './simdKernel';

const PAGE = 65536;
/** rows per predict call: bounds the scratch workspace for long test grids */
const PREDICT_CHUNK = 64;

/**
 * Activation codes of wasm/assembly/kernel.ts. null: the ABReLU family, which runs as code 0 with
 * its slopes passed apart (abreluSlopes). Every activation needs an entry, so one added to the app
 * cannot compile until the kernel knows how to run it.
 */
const SMOOTH_CODES: Readonly<Record<ActivationId, number | null>> = {
  relu: null,
  leaky_relu: null,
  abs: null,
  linear: null,
  abrelu: null,
  erf: 1,
  gelu: 2,
  sin: 3,
  tanh: 4,
  sigmoid: 5,
  softplus: 6,
  swish: 7,
};

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

export class SimdEngine implements EnsembleEngine {
  readonly kind = 'simd';
  readonly size: number;
  /** which kernel build runs the nets */
  readonly variant: SimdKernelVariant;
  private k: KernelExports | null;
  private readonly sizes: number[];
  private readonly bias: boolean;
  private readonly dim: number;
  private readonly rows: number;
  private readonly lr: number;
  private readonly netFloats: number;
  private readonly params: number;
  private readonly x: number;
  private readonly y: number;
  private readonly ws: number;
  private readonly scratch: number;

  constructor(init: EngineInit) {
    const { arch } = init;
    checkNetArch(arch);
    const slopes = abreluSlopes(arch);
    // undefined only for an id from outside the type: the spec crosses the worker boundary untyped
    const code: number | null | undefined = slopes ? 0 : SMOOTH_CODES[arch.activation];
    if (code === null || code === undefined)
      throw new Error(`the SIMD engine has no activation ${arch.activation}`);
    this.size = init.size;
    this.dim = init.inputDim;
    this.rows = init.yTrain.length;
    this.lr = init.lr;
    this.bias = arch.bias;
    this.sizes = layerSizes(arch, init.inputDim);
    this.variant = init.simdKernel ?? defaultSimdKernel();
    const k = instantiateKernel(this.variant);
    this.k = k;
    const ntk = arch.parameterization === 'ntk';
    const [am, bp] = slopes ?? [0, 1];
    k.configure(
      arch.depth,
      this.dim,
      arch.width,
      code,
      am,
      bp,
      ntk ? 1 : 0,
      arch.bias ? 1 : 0,
      arch.wStd,
      arch.bStd,
    );
    this.netFloats = k.netFloats();
    this.params = align(k.heapBase());
    this.x = align(this.params + 4 * this.size * this.netFloats);
    this.y = align(this.x + 4 * this.rows * this.dim);
    this.ws = align(this.y + 4 * this.rows);
    this.scratch = align(this.ws + 4 * k.wsFloats(this.rows));
    this.ensure(this.scratch);

    const mem = this.f32();
    mem.set(Float32Array.from(init.xTrain), this.x / 4);
    mem.set(Float32Array.from(init.yTrain), this.y / 4);
    const wScale = this.sizes.slice(0, -1).map((nIn) => Math.fround(arch.wStd / Math.sqrt(nIn)));
    const bScale = Math.fround(arch.bStd);
    for (let e = 0; e < this.size; e++) {
      const raw = rawDraws({
        arch,
        inputDim: this.dim,
        seed: init.seed,
        netIndex: init.firstNet + e,
      });
      let off = this.params / 4 + e * this.netFloats;
      raw.w.forEach((w, i) => {
        const s = wScale[i]!;
        for (let j = 0; j < w.length; j++) mem[off + j] = ntk ? w[j]! : w[j]! * s;
        off += w.length;
        const b = raw.b[i]!;
        for (let j = 0; j < b.length; j++)
          mem[off + j] = arch.bias ? (ntk ? b[j]! : b[j]! * bScale) : 0;
        off += b.length;
      });
    }
  }

  private kernel(): KernelExports {
    if (!this.k) throw new Error('the SIMD engine was disposed');
    return this.k;
  }

  /** bytes of WebAssembly memory this engine holds (0 once disposed) */
  get memoryBytes(): number {
    return this.k ? this.k.memory.buffer.byteLength : 0;
  }

  private f32(): Float32Array {
    return new Float32Array(this.kernel().memory.buffer);
  }

  /** grow the memory to at least `bytes` */
  private ensure(bytes: number): void {
    const { memory } = this.kernel();
    const missing = bytes - memory.buffer.byteLength;
    if (missing <= 0) return;
    try {
      memory.grow(Math.ceil(missing / PAGE));
    } catch {
      throw new RangeError(
        `the SIMD engine cannot allocate ${Math.ceil(bytes / 2 ** 20)} MB of WebAssembly memory`,
      );
    }
  }

  step(k: number): void {
    if (k <= 0) return;
    this.kernel().train(this.params, this.size, this.x, this.y, this.rows, k, this.lr, this.ws);
  }

  predict(x: ArrayLike<number>, rows: number): Float32Array {
    const k = this.kernel();
    const E = this.size;
    const out = new Float32Array(E * rows);
    const chunk = Math.min(rows, PREDICT_CHUNK);
    const xs = this.scratch;
    const ws = align(xs + 4 * chunk * this.dim);
    const res = align(ws + 4 * k.wsFloats(chunk));
    this.ensure(res + 4 * E * chunk);
    const src = Float32Array.from(x);
    for (let s0 = 0; s0 < rows; s0 += chunk) {
      const r = Math.min(chunk, rows - s0);
      this.f32().set(src.subarray(s0 * this.dim, (s0 + r) * this.dim), xs / 4);
      k.predict(this.params, E, xs, r, ws, res);
      const mem = this.f32();
      for (let e = 0; e < E; e++)
        out.set(mem.subarray(res / 4 + e * r, res / 4 + (e + 1) * r), e * rows + s0);
    }
    return out;
  }

  empiricalKernels(
    net: number,
    x1: ArrayLike<number>,
    n1: number,
    x2: ArrayLike<number> = x1,
    n2: number = n1,
  ): EmpiricalKernels {
    this.checkNet(net);
    const k = this.kernel();
    const d = this.dim;
    const xa = this.scratch;
    const wsA = align(xa + 4 * n1 * d);
    const xb = align(wsA + 4 * k.wsFloats(n1));
    const wsB = align(xb + 4 * n2 * d);
    const ntk = align(wsB + 4 * k.wsFloats(n2));
    const nngp = align(ntk + 8 * n1 * n2);
    this.ensure(nngp + 8 * n1 * n2);
    const mem = this.f32();
    mem.set(Float32Array.from(x1), xa / 4);
    mem.set(Float32Array.from(x2), xb / 4);
    const netPtr = this.params + 4 * net * this.netFloats;
    k.passes(netPtr, xa, n1, wsA);
    k.passes(netPtr, xb, n2, wsB);
    k.kernels(xa, n1, wsA, xb, n2, wsB, ntk, nngp);
    const f64 = new Float64Array(k.memory.buffer);
    return {
      ntk: f64.slice(ntk / 8, ntk / 8 + n1 * n2),
      nngp: f64.slice(nngp / 8, nngp / 8 + n1 * n2),
    };
  }

  parameters(net: number): NetParameters {
    this.checkNet(net);
    const mem = this.f32();
    const w: Float32Array[] = [];
    const b: Float32Array[] = [];
    let off = this.params / 4 + net * this.netFloats;
    for (let i = 1; i < this.sizes.length; i++) {
      const nIn = this.sizes[i - 1]!;
      const nOut = this.sizes[i]!;
      w.push(mem.slice(off, off + nIn * nOut));
      off += nIn * nOut;
      if (this.bias) b.push(mem.slice(off, off + nOut));
      off += nOut;
    }
    return { w, b };
  }

  private checkNet(net: number): void {
    if (!Number.isInteger(net) || net < 0 || net >= this.size)
      throw new RangeError(`no net ${net} in an ensemble of ${this.size}`);
  }

  dispose(): void {
    this.k = null;
  }
}
