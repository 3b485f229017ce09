// The work of one full-batch GD step of the training bench's workload (cli/benchTraining.ts) on
// the fused kernel (wasm/assembly/kernel.ts), counted from its loops: the yardstick that
// `npm run bench -- limits` holds the measured steps/s against (docs/architecture.md#cli-and-bench).

export interface StepCost {
  /** float32 parameters of one net */
  params: number;
  /** flops of one step of all E nets, a multiply-add counted as 2 */
  flops: number;
  /**
   * bytes of weights one step of all E nets moves: each W is read by the forward product, read
   * by the backward product and read and written by the update (activations, N rows of width n,
   * stay in cache and are left out)
   */
  bytes: number;
  /** bytes of one net's parameters: whether they fit a cache level decides which bandwidth binds */
  netBytes: number;
}

/** E nets of depth L, width n, on N rows of d inputs (scalar output) */
export function stepCost(E: number, L: number, n: number, N: number, d = 1): StepCost {
  // W_0: d×n, W_1..W_{L−1}: n×n, W_L: n×1; biases n per hidden layer and 1 at the readout
  const weights = d * n + (L - 1) * n * n + n;
  const params = weights + L * n + 1;
  // forward x·W, backward G·Wᵀ (not below the first layer) and the update AᵀG: 2·N per weight each
  const perNet = 2 * N * weights + 2 * N * (weights - d * n) + 2 * N * weights;
  return {
    params,
    flops: E * perNet,
    bytes: E * 16 * weights,
    netBytes: 4 * params,
  };
}
