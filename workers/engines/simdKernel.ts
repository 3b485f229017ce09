// Loads the fused WASM SIMD kernel (wasm/assembly/kernel.ts, built by scripts/build-wasm.mjs into
// wasm/build/). The bytes come from the generated base64 module, so compiling needs no fetch or
// file path and works the same in a browser worker, vitest and vite-node. Compilation is
// synchronous (allowed off the main thread and in Node; the kernel is ~14 kB) unless
// loadSimdKernel() already compiled it asynchronously. Each engine gets its own instance (and
// memory), so disposing an engine frees its memory.

import { KERNEL_WASM_BASE64 } from '../../wasm/build/kernelBinary';

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

let compiled: WebAssembly.Module | null = null;
let failure: Error | null = null;

function bytes(): Uint8Array<ArrayBuffer> {
  const text = atob(KERNEL_WASM_BASE64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** compile the kernel ahead of use, off the calling thread; resolves to whether it works here */
export async function loadSimdKernel(): Promise<boolean> {
  if (compiled) return true;
  try {
    compiled = await WebAssembly.compile(bytes());
    return true;
  } catch (e) {
    failure = new Error(`the SIMD engine needs WebAssembly SIMD: ${String(e)}`);
    return false;
  }
}

/** whether this runtime can compile the kernel (compiles it on first call) */
export function simdAvailable(): boolean {
  try {
    kernelModule();
    return true;
  } catch {
    return false;
  }
}

function kernelModule(): WebAssembly.Module {
  if (compiled) return compiled;
  if (failure) throw failure;
  try {
    compiled = new WebAssembly.Module(bytes());
    return compiled;
  } catch (e) {
    failure = new Error(`the SIMD engine needs WebAssembly SIMD: ${String(e)}`);
    throw failure;
  }
}

/** a fresh kernel instance with its own memory */
export function instantiateKernel(): KernelExports {
  const instance = new WebAssembly.Instance(kernelModule(), {});
  return instance.exports as unknown as KernelExports;
}
