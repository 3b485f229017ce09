// What both engines share to build the same nets from the same seed: the layer sizes, the raw
// N(0,1) draws from the app's seeded RNG, and the checks an architecture must pass. Deliberately
// free of tfjs, so the SIMD engine can start without loading it.
// Stream of net `netIndex`: createRng(seed).split('net').split(netIndex), then per layer l
// (1..L+1) `.split('W' + l)` (row-major n_{l-1} x n_l) and `.split('b' + l)` (n_l), so the
// weights do not depend on whether biases exist. Each engine applies its parameterisation's
// scaling to these draws itself.

import type { ArchSpec } from '../../src/core/arch';
import { createRng } from '../../src/core/rng';

export interface NetInit {
  arch: ArchSpec;
  /** input dimension d */
  inputDim: number;
  seed: number;
  /** which net of the ensemble (selects the RNG stream) */
  netIndex: number;
}

/** Throws unless depth and width are ones the engines can build. */
export function checkNetArch(arch: Pick<ArchSpec, 'depth' | 'width'>): void {
  if (!Number.isInteger(arch.depth) || arch.depth < 1 || arch.depth > 8)
    throw new RangeError(`depth must be an integer in 1..8, got ${arch.depth}`);
  if (!Number.isInteger(arch.width) || arch.width < 1)
    throw new RangeError(`width must be a positive integer, got ${arch.width}`);
}

/** [d, n, …, n, 1]: fan-ins and fan-outs of the L+1 dense layers */
export function layerSizes(arch: Pick<ArchSpec, 'depth' | 'width'>, inputDim: number): number[] {
  return [inputDim, ...Array.from({ length: arch.depth }, () => arch.width), 1];
}

/** the raw N(0,1) draws of one net: per layer, weights (n_in x n_out, row-major) and biases */
export function rawDraws(init: NetInit): { w: Float32Array[]; b: Float32Array[] } {
  const sizes = layerSizes(init.arch, init.inputDim);
  const rng = createRng(init.seed).split('net').split(init.netIndex);
  const w: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let l = 1; l < sizes.length; l++) {
    w.push(normals(rng.split(`W${l}`), sizes[l - 1]! * sizes[l]!));
    b.push(normals(rng.split(`b${l}`), sizes[l]!));
  }
  return { w, b };
}

function normals(rng: ReturnType<typeof createRng>, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal();
  return out;
}
