// Node 20's V8 runs WebAssembly relaxed SIMD only behind --experimental-wasm-relaxed-simd (later
// Node versions ship it). Chromium runs it, so the page's SIMD engine picks the relaxed kernel
// build (workers/engines/simdKernel.ts); the CLI must pick the same build for its --train output
// to equal the page's Export JSON to the bit (fused and unfused multiply-adds round differently).
// Turning the flag on before the first kernel compiles gives Node the same choice as the page.

import { setFlagsFromString } from 'node:v8';
import { relaxedSimdAvailable } from '../workers/engines/relaxedSimd';

/** let this process run the relaxed kernel where V8 has it behind a flag; returns whether it runs */
export function enableRelaxedSimd(): boolean {
  if (!relaxedSimdAvailable()) setFlagsFromString('--experimental-wasm-relaxed-simd');
  return relaxedSimdAvailable();
}
