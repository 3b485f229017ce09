// Test helpers (imported by tests only): a KernelMap's two outputs as a pair of numbers, so that
// maps can be compared with expect.
import type { KernelMap } from '../kernelMap';

/** [E[φ(u)φ(v)], E[φ'(u)φ'(v)]] for (u, v) ~ N(0, [[q11, q12], [q12, q22]]) */
export function evalPair(map: KernelMap, q11: number, q22: number, q12: number): [number, number] {
  const out = new Float64Array(2);
  map.pair(q11, q22, q12, out);
  return [out[0] as number, out[1] as number];
}

/** [E[φ(u)²], E[φ'(u)²]] for u ~ N(0, q) */
export function evalDiag(map: KernelMap, q: number): [number, number] {
  const out = new Float64Array(2);
  map.diag(q, out);
  return [out[0] as number, out[1] as number];
}
