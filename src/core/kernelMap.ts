// The interface every activation's infinite-width layer map implements: for
// (u, v) ~ N(0, [[q11, q12], [q12, q22]]) the Gaussian expectations
//   S = E[φ(u)φ(v)],  Ṡ = E[φ'(u)φ'(v)]   (docs/science.md#activation-kernel-maps, NT `Elementwise`).

export interface KernelMap {
  /** out[0] = E[φ(u)φ(v)], out[1] = E[φ'(u)φ'(v)] */
  pair(q11: number, q22: number, q12: number, out: Float64Array): void;
  /** out[0] = E[φ(u)²], out[1] = E[φ'(u)²] for u ~ N(0, q) */
  diag(q: number, out: Float64Array): void;
}
