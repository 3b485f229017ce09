// What training an ensemble of E finite nets costs before it starts (docs/architecture.md#finite-ensemble): memory in
// float32 and flops per step (ensembleSpeed.ts turns them into time). Pure, so the page can plan
// without loading tfjs.
// memoryEstimate is also the trainer's (workers/ensembleApi.ts adapts its spec to it):
//   bytes = 4 · E · (2P + 2·N·L·n),
// P = d·n + (L−1)·n² + n weights (+ L·n + 1 biases), counted for the parameters and their
// gradients, and N·L·n forward activations per net, kept for the backward pass plus their
// gradients.

import type { ArchSpec } from './arch';

export const MAX_ENSEMBLE = 64;
const BYTES_FLOAT32 = 4;

export interface EnsembleShape {
  arch: Pick<ArchSpec, 'depth' | 'width' | 'bias'>;
  /** E */
  size: number;
  /** input dimension d */
  dim: number;
  /** training points N */
  nTrain: number;
}

/** parameters of one net */
export function parameterCount(s: Pick<EnsembleShape, 'arch' | 'dim'>): number {
  const { depth: L, width: n, bias } = s.arch;
  const weights = s.dim * n + (L - 1) * n * n + n;
  return weights + (bias ? L * n + 1 : 0);
}

/** bytes to train the ensemble in float32 */
export function memoryEstimate(s: EnsembleShape): number {
  const { depth: L, width: n } = s.arch;
  return BYTES_FLOAT32 * s.size * (2 * parameterCount(s) + 2 * s.nTrain * L * n);
}

/**
 * The largest E ≤ 64 at this width, and the largest width (≤ maxWidth) at this E, that fit the
 * budget; 0 when none does.
 */
export function largestFitting(
  s: EnsembleShape,
  budgetBytes: number,
  maxWidth = 1 << 20,
): { size: number; width: number } {
  let size = 0;
  for (let e = 1; e <= MAX_ENSEMBLE; e++)
    if (memoryEstimate({ ...s, size: e }) <= budgetBytes) size = e;
  const fits = (w: number): boolean =>
    memoryEstimate({ ...s, arch: { ...s.arch, width: w } }) <= budgetBytes;
  let width = 0;
  if (fits(1)) {
    let lo = 1;
    let hi = maxWidth;
    if (fits(hi)) lo = hi;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    width = lo;
  }
  return { size, width };
}

/**
 * Floating-point operations of one GD step of the whole ensemble: forward and backward on N
 * points cost about 6 flops per parameter per point (2 forward, 4 backward).
 */
export function stepFlops(s: EnsembleShape): number {
  return 6 * s.size * s.nTrain * parameterCount(s);
}

/** flops of one recorded frame: every net's forward pass on the M test and N train points */
export function frameFlops(s: EnsembleShape, nTest: number): number {
  return 2 * s.size * (nTest + s.nTrain) * parameterCount(s);
}
