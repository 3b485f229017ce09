// Loads the fused WASM SIMD kernel (wasm/assembly/kernel.ts, built by scripts/build-wasm.mjs into
// wasm/build/) in one of two builds: 'relaxed' (relaxed SIMD: fused multiply-add in the inner
// products) where the runtime validates relaxed SIMD, else 'plain' (SIMD only). The two round
// differently, so results are bit-identical only between runs of the same variant
// (docs/architecture.md#finite-ensemble). The bytes come from the generated base64 module, so
// compiling needs no fetch or file path and works the same in a browser worker, vitest and
// vite-node. Compilation is synchronous (allowed off the main thread and in Node; the kernel is
// ~14 kB) unless loadSimdKernel() already compiled it asynchronously. Each engine gets its own
// instance (and memory), so disposing an engine frees its memory.

import { KERNEL_RELAXED_WASM_BASE64, KERNEL_WASM_BASE64 } from '../../wasm/build/kernelBinary';
import { relaxedSimdAvailable } from './relaxedSimd';

/** the kernel's exports (pointers are byte offsets into `memory`) */
export interface KernelExports {
  memory: WebAssembly.Memory;
  configure(
    depth: number,
    inputDim: number,
    width: number,
    act: number,
    am: number,
    bp: number,
    ntk: number,
    bias: number,
    wStd: number,
    bStd: number,
  ): void;
  heapBase(): number;
  netFloats(): number;
  wsFloats(rows: number): number;
  train(
    params: number,
    count: number,
    x: number,
    y: number,
    rows: number,
    steps: number,
    lr: number,
    ws: number,
  ): number;
  predict(params: number, count: number, x: number, rows: number, ws: number, out: number): void;
  passes(net: number, x: number, rows: number, ws: number): void;
  kernels(
    xa: number,
    ra: number,
    wsA: number,
    xb: number,
    rb: number,
    wsB: number,
    ntk: number,
    nngp: number,
  ): void;
}

export type SimdKernelVariant = 'plain' | 'relaxed';

const BASE64: Readonly<Record<SimdKernelVariant, string>> = {
  plain: KERNEL_WASM_BASE64,
  relaxed: KERNEL_RELAXED_WASM_BASE64,
};

/** the variant an engine gets when none is asked for: relaxed where it runs */
export function defaultSimdKernel(): SimdKernelVariant {
  return relaxedSimdAvailable() ? 'relaxed' : 'plain';
}

const compiled: Partial<Record<SimdKernelVariant, WebAssembly.Module>> = {};
const failures: Partial<Record<SimdKernelVariant, Error>> = {};

function bytes(variant: SimdKernelVariant): Uint8Array<ArrayBuffer> {
  const text = atob(BASE64[variant]);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function failure(variant: SimdKernelVariant, e: unknown): Error {
  const needs = variant === 'relaxed' ? 'WebAssembly relaxed SIMD' : 'WebAssembly SIMD';
  const error = new Error(`the ${variant} SIMD kernel needs ${needs}: ${String(e)}`);
  failures[variant] = error;
  return error;
}

/** compile a kernel ahead of use, off the calling thread; resolves to whether it works here */
export async function loadSimdKernel(
  variant: SimdKernelVariant = defaultSimdKernel(),
): Promise<boolean> {
  if (compiled[variant]) return true;
  try {
    compiled[variant] = await WebAssembly.compile(bytes(variant));
    return true;
  } catch (e) {
    failure(variant, e);
    return false;
  }
}

/** whether this runtime can compile that kernel (compiles it on first call) */
export function simdAvailable(variant: SimdKernelVariant = 'plain'): boolean {
  try {
    kernelModule(variant);
    return true;
  } catch {
    return false;
  }
}

function kernelModule(variant: SimdKernelVariant): WebAssembly.Module {
  const done = compiled[variant];
  if (done) return done;
  const failed = failures[variant];
  if (failed) throw failed;
  try {
    const module = new WebAssembly.Module(bytes(variant));
    compiled[variant] = module;
    return module;
  } catch (e) {
    throw failure(variant, e);
  }
}

/** a fresh instance of that kernel with its own memory */
export function instantiateKernel(variant: SimdKernelVariant): KernelExports {
  const instance = new WebAssembly.Instance(kernelModule(variant), {});
  return instance.exports as unknown as KernelExports;
}
