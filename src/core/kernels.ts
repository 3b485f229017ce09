// Infinite-width NNGP and NTK of a fully-connected net: the fold of the layer recursion
// (docs/science.md#layer-recursion; Lee et al. 2018, Jacot et al. 2018; NT `stax.Dense` + `Elementwise`):
//   Σ¹ = ⟨x,x'⟩/d,  K¹ = σ_w²Σ¹ + σ_b²,  Θ¹ = K¹ (ntk) or ⟨x,x'⟩ + β (standard),
//   K^{l+1} = σ_w²S + σ_b²,  Θ^{l+1} = K^{l+1} + σ_w²ṠΘ^l (ntk) or n·S + β + σ_w²ṠΘ^l (standard),
// with S = E[φ(u)φ(v)], Ṡ = E[φ'(u)φ'(v)] from the activation's kernel map. β = 1 when bias
// parameters exist (even with σ_b = 0), else 0; bias = false also sets σ_b² to 0.
// Self-variances K^l(x,x) come from the 1-D diag map; bitwise-identical input rows get those
// diagonal values outright (docs/science.md#numerical-hygiene: arccos is infinitely steep at ρ = ±1).

import type { ArchSpec } from './arch';
import type { KernelMap } from './kernelMap';
import { kernelMapFor, type KernelMethod } from './kernelMaps';
import type { Matrix } from './linalg/matrix';

export interface KernelOptions {
  /** how the activation's kernel map is computed (default 'auto') */
  method?: KernelMethod;
  /** called every `checkEvery` rows with the rows finished so far */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** polled every `checkEvery` rows; returning true aborts with a KernelAbortError */
  shouldAbort?: () => boolean;
  /** rows between progress/abort checks (default 8) */
  checkEvery?: number;
}

export class KernelAbortError extends Error {
  constructor() {
    super('kernel computation aborted');
    this.name = 'KernelAbortError';
  }
}

export interface KernelPair {
  /** n1 x n2, row-major */
  nngp: Matrix;
  /** n1 x n2, row-major */
  ntk: Matrix;
}

export interface KernelDiag {
  /** K(x_i, x_i), length n */
  nngp: Float64Array;
  /** Θ(x_i, x_i), length n */
  ntk: Float64Array;
}

export interface KernelBlocks {
  /** N x N */
  trainTrain: KernelPair;
  /** M x N */
  testTrain: KernelPair;
  /** the M self-kernels of the test points */
  testDiag: KernelDiag;
}

interface Plan {
  map: KernelMap;
  depth: number;
  w2: number;
  b2: number;
  beta: number;
  ntkParam: boolean;
  width: number;
}

/** K^l(x,x) for l = 1..L (row-major n x L) and the final NNGP/NTK self-kernels of each row */
interface Chain {
  x: Matrix;
  kd: Float64Array;
  diag: KernelDiag;
}

function makePlan(arch: ArchSpec, method: KernelMethod | undefined): Plan {
  const { depth } = arch;
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`depth must be ≥ 0, got ${depth}`);
  return {
    map: kernelMapFor(arch, method ?? 'auto'),
    depth,
    w2: arch.wStd * arch.wStd,
    b2: arch.bias ? arch.bStd * arch.bStd : 0,
    beta: arch.bias ? 1 : 0,
    ntkParam: arch.parameterization === 'ntk',
    width: arch.width,
  };
}

class Progress {
  private done = 0;
  private sinceCheck = 0;
  private readonly every: number;
  constructor(
    private readonly total: number,
    private readonly options: KernelOptions | undefined,
  ) {
    this.every = Math.max(1, Math.floor(options?.checkEvery ?? 8));
  }
  row(): void {
    this.done++;
    if (++this.sinceCheck < this.every && this.done < this.total) return;
    this.sinceCheck = 0;
    if (this.options?.shouldAbort?.()) throw new KernelAbortError();
    this.options?.onProgress?.(this.done, this.total);
  }
}

function buildChain(plan: Plan, x: Matrix): Chain {
  const { map, depth, w2, b2, beta, ntkParam, width } = plan;
  const { rows: n, cols: d, data } = x;
  const invD = d > 0 ? 1 / d : 0;
  const kd = new Float64Array(n * depth);
  const nngp = new Float64Array(n);
  const ntk = new Float64Array(n);
  const out = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let p = i * d, e = p + d; p < e; p++) {
      const v = data[p] as number;
      sq += v * v;
    }
    let k = w2 * sq * invD + b2;
    let th = ntkParam ? k : sq + beta;
    for (let l = 0; l < depth; l++) {
      kd[i * depth + l] = k;
      map.diag(k, out);
      const s = out[0] as number;
      const kNext = w2 * s + b2;
      th = (ntkParam ? kNext : width * s + beta) + w2 * (out[1] as number) * th;
      k = kNext;
    }
    nngp[i] = k;
    ntk[i] = th;
  }
  return { x, kd, diag: { nngp, ntk } };
}

/** Fill rows of c1 × c2; when `symmetric` (c1 === c2) only j ≥ i is computed and mirrored. */
function fillBlock(
  plan: Plan,
  c1: Chain,
  c2: Chain,
  symmetric: boolean,
  progress: Progress,
): KernelPair {
  const { map, depth, w2, b2, beta, ntkParam, width } = plan;
  const n1 = c1.x.rows;
  const n2 = c2.x.rows;
  const d = c1.x.cols;
  if (c2.x.cols !== d) throw new Error(`input dimensions differ: ${d} vs ${c2.x.cols}`);
  const invD = d > 0 ? 1 / d : 0;
  const x1 = c1.x.data;
  const x2 = c2.x.data;
  const kd1 = c1.kd;
  const kd2 = c2.kd;
  const nngp = new Float64Array(n1 * n2);
  const ntk = new Float64Array(n1 * n2);
  const out = new Float64Array(2);
  for (let i = 0; i < n1; i++) {
    const o1 = i * d;
    const l1 = i * depth;
    for (let j = symmetric ? i : 0; j < n2; j++) {
      const o2 = j * d;
      let dot = 0;
      let same = true;
      for (let p = 0; p < d; p++) {
        const u = x1[o1 + p] as number;
        const v = x2[o2 + p] as number;
        dot += u * v;
        if (u !== v) same = false;
      }
      let k: number;
      let th: number;
      if (same) {
        k = c1.diag.nngp[i] as number;
        th = c1.diag.ntk[i] as number;
      } else {
        k = w2 * dot * invD + b2;
        th = ntkParam ? k : dot + beta;
        const l2 = j * depth;
        for (let l = 0; l < depth; l++) {
          const qa = kd1[l1 + l] as number;
          const qb = kd2[l2 + l] as number;
          // a fixed argument order makes K(x,x') and K(x',x) bitwise equal for any map
          if (qa <= qb) map.pair(qa, qb, k, out);
          else map.pair(qb, qa, k, out);
          const s = out[0] as number;
          const kNext = w2 * s + b2;
          th = (ntkParam ? kNext : width * s + beta) + w2 * (out[1] as number) * th;
          k = kNext;
        }
      }
      nngp[i * n2 + j] = k;
      ntk[i * n2 + j] = th;
      if (symmetric) {
        nngp[j * n2 + i] = k;
        ntk[j * n2 + i] = th;
      }
    }
    progress.row();
  }
  return {
    nngp: { rows: n1, cols: n2, data: nngp },
    ntk: { rows: n1, cols: n2, data: ntk },
  };
}

/**
 * NNGP and NTK between the rows of x1 (n1 x d) and x2 (n2 x d): two n1 x n2 matrices.
 * Passing the same Matrix object twice takes the symmetric path (upper triangle once).
 */
export function kernelFn(
  arch: ArchSpec,
  x1: Matrix,
  x2: Matrix,
  options?: KernelOptions,
): KernelPair {
  const plan = makePlan(arch, options?.method);
  const c1 = buildChain(plan, x1);
  const symmetric = x1 === x2;
  const c2 = symmetric ? c1 : buildChain(plan, x2);
  return fillBlock(plan, c1, c2, symmetric, new Progress(x1.rows, options));
}

/** The self-kernels K(x_i,x_i), Θ(x_i,x_i) of the n rows of x (n x d), O(n·L). */
export function kernelDiag(arch: ArchSpec, x: Matrix, options?: KernelOptions): KernelDiag {
  return buildChain(makePlan(arch, options?.method), x).diag;
}

/**
 * What the page needs in one pass: train-train (symmetric), test-train and the test
 * self-kernels, sharing the per-row diagonal chains. xTrain N x d, xTest M x d.
 */
export function kernelBlocks(
  arch: ArchSpec,
  xTrain: Matrix,
  xTest: Matrix,
  options?: KernelOptions,
): KernelBlocks {
  const plan = makePlan(arch, options?.method);
  const train = buildChain(plan, xTrain);
  const test = buildChain(plan, xTest);
  const progress = new Progress(xTrain.rows + xTest.rows, options);
  return {
    trainTrain: fillBlock(plan, train, train, true, progress),
    testTrain: fillBlock(plan, test, train, false, progress),
    testDiag: test.diag,
  };
}
