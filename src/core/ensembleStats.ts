// Statistics over the nets of an ensemble, shared by the trainer (workers/ensembleApi.ts) and
// the page's client that merges the shards of several workers (src/workerClient/ensembleShards.ts):
// both sum in the same order, so a sharded ensemble gives the single worker's numbers to the bit
// (the export equals the CLI's `--train`).

/** per test point: the mean over the E nets of E x M row-major outputs, and their variance (E − 1) */
export function frameStats(
  outputs: Float32Array,
  E: number,
  M: number,
): { mean: Float64Array; var: Float64Array } {
  const mean = new Float64Array(M);
  const variance = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    let sum = 0;
    for (let e = 0; e < E; e++) sum += outputs[e * M + j]!;
    const mu = sum / E;
    let ss = 0;
    for (let e = 0; e < E; e++) ss += (outputs[e * M + j]! - mu) ** 2;
    mean[j] = mu;
    variance[j] = E > 1 ? ss / (E - 1) : 0;
  }
  return { mean, var: variance };
}

/** the elementwise mean of per-net arrays, accumulated net by net */
export function meanOf(ks: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(ks[0]!.length);
  for (const k of ks) for (let i = 0; i < out.length; i++) out[i]! += k[i]! / ks.length;
  return out;
}

/** the mean of per-net numbers, accumulated net by net */
export function meanValue(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}
