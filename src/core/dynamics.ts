// Infinite-ensemble gradient descent on the MSE loss L = (c/2)Σ(f − y)² (docs/science.md#dynamics; Lee et
// al., "Wide neural networks of any depth evolve as linear models under gradient descent",
// NeurIPS 2019; NT `predict.gradient_descent_mse_ensemble`). With the dynamics kernel
// Θ_dd + λ_reg I = V diag(λ) Vᵀ (K_dd + λ_reg I in 'nngp' mode), rate r = η·c and step count k:
//   discrete  E = (1 − rλ)^k,  g = (1 − E)/λ;   continuous E = exp(−rλk),  g = −expm1(−rλk)/λ
//   t = ∞     E = 0, g = 1/λ  (λ > 1e-12·λ_max; else E = 1, g = 0: pseudo-inverse)
//   μ(x) = Θ_xX V g Vᵀ y,   Σ(x,x') = K_xx' + A K_dd Aᵀ − A K_Xx' − K_xX Aᵀ,  A = Θ_xX V diag(g) Vᵀ
// The kernel is decomposed once; every evaluation works on precomputed projections
// (Θ_xX V, K_xX V, Vᵀ K_dd V, Vᵀ y), so a new k or a new η costs O(M·N²), never a new eigh.
// Training-set predictions use x = X with the unregularised kernels (latent f on the training
// inputs) in the eigenbasis: μ = V(1 − ρ)Vᵀy, ρ = E + λ_reg·g (= E when λ_reg = 0).
// Diverging GD (η > lrMax) is evaluated with E, g scaled by 1/max|E|: results are finite until
// the true value exceeds float64 (k·ln|1 − rλ_max| ≳ 709), then ±Infinity, never NaN.

import { eigh } from './linalg/eigh';
import {
  matmul,
  matmulNT,
  matmulTN,
  matvec,
  matvecT,
  scaleColumns,
  symmetrize,
  zeros,
  type Matrix,
} from './linalg/matrix';
import {
  spectralWeights,
  timesScale,
  type Form,
  type SpectralWeights,
  type StepCount,
} from './linalg/spectralFilter';

export { spectralWeights, type Form, type StepCount, type SpectralWeights };

export type DynamicsMode = 'ntk' | 'nngp';

export interface DynamicsInput {
  /** N x N NTK Θ_dd on the training inputs (unused in 'nngp' mode) */
  ntkTrain: Matrix;
  /** N x N NNGP K_dd */
  nngpTrain: Matrix;
  /** M x N NTK Θ_xX (unused in 'nngp' mode) */
  ntkTestTrain: Matrix;
  /** M x N NNGP K_xX */
  nngpTestTrain: Matrix;
  /** M x M NNGP K_xx', or only its diagonal (length M): then no test covariance is available */
  nngpTestTest: Matrix | Float64Array;
  /** N targets */
  yTrain: ArrayLike<number>;
  /** step size η */
  lr: number;
  /** c of the loss (c/2)Σ(f − y)²; the rate is r = η·c */
  lossScale: number;
  /** λ_reg ≥ 0, absolute (default 0) */
  diagReg?: number;
  mode: DynamicsMode;
}

export interface EvalOptions {
  /** 'discrete' (default): full-batch GD at whole step k; 'continuous': gradient flow at r·k */
  form?: Form;
  /** also return the full covariance (test: needs the full M x M test-test kernel) */
  cov?: boolean;
}

export interface Prediction {
  /** posterior-ensemble mean, one per point */
  mean: Float64Array;
  /** variance clipped at 0 */
  variance: Float64Array;
  /** variance before clipping (may be slightly negative from rounding) */
  varianceRaw: Float64Array;
  /** raw symmetric covariance (points x points), when requested */
  cov?: Matrix;
}

export interface ExpectedLoss {
  /** ½·mean over training points of (μ − y)² + var */
  train: number;
  /** the same on the test points against yTest, when yTest was given */
  test?: number;
}

export interface Predictor {
  readonly mode: DynamicsMode;
  readonly n: number;
  readonly m: number;
  readonly lr: number;
  readonly lossScale: number;
  /** r = η·c */
  readonly rate: number;
  readonly diagReg: number;
  /** eigenvalues of the dynamics kernel, ascending, negatives clamped to 0 */
  readonly eigenvalues: Float64Array;
  /** the same before clamping */
  readonly eigenvaluesRaw: Float64Array;
  /** N x N, column j ↔ eigenvalues[j] */
  readonly eigenvectors: Matrix;
  /** how many negative eigenvalues were clamped to 0 */
  readonly clampedCount: number;
  readonly lambdaMax: number;
  /** 2/(c·λ_max): discrete GD diverges for η > lrMax (Infinity when λ_max = 0) */
  readonly lrMax: number;
  /** lr < lrMax */
  readonly stable: boolean;
  /** λ_max / max(λ_min, 1e-300), raw λ_min */
  readonly conditionNumber: number;
  /** K(x,x) on the test points (the prior variance) */
  readonly priorVarianceTest: Float64Array;
  /** prediction on the test points at step k ('inf': kernel regression) */
  test(k: StepCount, opts?: EvalOptions): Prediction;
  /** prediction on the training points (latent f, unregularised kernels) */
  train(k: StepCount, opts?: EvalOptions): Prediction;
  /** expected ½·MSE of the infinite ensemble */
  expectedLoss(k: StepCount, opts?: { form?: Form; yTest?: ArrayLike<number> }): ExpectedLoss;
  /** the same decomposition at another learning rate (no new eigh) */
  withLr(lr: number): Predictor;
}

/** What createPredictor computes once: the decomposition and the projections onto it */
interface Core {
  mode: DynamicsMode;
  lossScale: number;
  diagReg: number;
  lam: Float64Array;
  lamRaw: Float64Array;
  v: Matrix;
  clampedCount: number;
  lambdaMax: number;
  y: Float64Array;
  /** Vᵀ y */
  z: Float64Array;
  /** M x N: Θ_xX V ('ntk') or K_xX V ('nngp') */
  b: Matrix;
  /** M x N: K_xX V */
  c: Matrix;
  /** N x N: Vᵀ K_dd V ('ntk' only; in 'nngp' mode it is diag(λ)) */
  w: Matrix | null;
  priorDiag: Float64Array;
  priorFull: Matrix | null;
}

function checkShape(name: string, mat: Matrix, rows: number, cols: number): void {
  if (mat.rows !== rows || mat.cols !== cols || mat.data.length !== rows * cols)
    throw new Error(`${name}: ${mat.rows}x${mat.cols}, expected ${rows}x${cols}`);
}

function checkLr(lr: number): void {
  if (!Number.isFinite(lr) || lr < 0)
    throw new Error(`lr: expected a finite number ≥ 0, got ${lr}`);
}

/** Decompose the dynamics kernel once and precompute every projection. O(N³ + M·N²). */
export function createPredictor(input: DynamicsInput): Predictor {
  const { mode, lossScale } = input;
  const diagReg = input.diagReg ?? 0;
  const n = input.nngpTrain.rows;
  const m = input.nngpTestTrain.rows;
  checkLr(input.lr);
  if (!(Number.isFinite(lossScale) && lossScale > 0))
    throw new Error(`lossScale: expected a finite number > 0, got ${lossScale}`);
  if (!(Number.isFinite(diagReg) && diagReg >= 0))
    throw new Error(`diagReg: expected a finite number ≥ 0, got ${diagReg}`);
  if (input.yTrain.length !== n)
    throw new Error(`yTrain: ${input.yTrain.length} values, expected ${n}`);
  checkShape('nngpTrain', input.nngpTrain, n, n);
  checkShape('nngpTestTrain', input.nngpTestTrain, m, n);
  if (mode === 'ntk') {
    checkShape('ntkTrain', input.ntkTrain, n, n);
    checkShape('ntkTestTrain', input.ntkTestTrain, m, n);
  }
  const tt = input.nngpTestTest;
  let priorFull: Matrix | null = null;
  let priorDiag: Float64Array;
  if (tt instanceof Float64Array) {
    if (tt.length !== m) throw new Error(`nngpTestTest: ${tt.length} values, expected ${m}`);
    priorDiag = Float64Array.from(tt);
  } else {
    checkShape('nngpTestTest', tt, m, m);
    priorFull = symmetrize(tt, 0);
    priorDiag = new Float64Array(m);
    for (let i = 0; i < m; i++) priorDiag[i] = priorFull.data[i * m + i] as number;
  }

  const kdd = symmetrize(input.nngpTrain, 0);
  const dyn = symmetrize(mode === 'ntk' ? input.ntkTrain : input.nngpTrain, diagReg);
  const { values: lamRaw, vectors: v } = eigh(dyn);
  const lam = new Float64Array(n);
  let clampedCount = 0;
  for (let a = 0; a < n; a++) {
    const l = lamRaw[a] as number;
    if (l < 0) clampedCount++;
    lam[a] = Math.max(l, 0);
  }
  const lambdaMax = n > 0 ? (lam[n - 1] as number) : 0;
  const c = matmul(input.nngpTestTrain, v);
  const b = mode === 'ntk' ? matmul(input.ntkTestTrain, v) : c;
  const w = mode === 'ntk' ? matmulTN(v, matmul(kdd, v)) : null;
  const y = Float64Array.from(input.yTrain);
  const z = matvecT(v, y);
  const core = { mode, lossScale, diagReg, lam, lamRaw, v, clampedCount, lambdaMax, y, z, b, c, w };
  return makePredictor({ ...core, priorDiag, priorFull }, input.lr);
}

function makePredictor(core: Core, lr: number): Predictor {
  checkLr(lr);
  const { lam, lambdaMax, lossScale } = core;
  const n = core.v.rows;
  const m = core.b.rows;
  const rate = lr * lossScale;
  const lrMax = 2 / (lossScale * lambdaMax);
  const lamMinRaw = n > 0 ? (core.lamRaw[0] as number) : 0;
  const weights = (k: StepCount, form: Form) => spectralWeights(lam, rate, k, form, lambdaMax);
  const predictor: Predictor = {
    mode: core.mode,
    n,
    m,
    lr,
    lossScale,
    rate,
    diagReg: core.diagReg,
    eigenvalues: lam,
    eigenvaluesRaw: core.lamRaw,
    eigenvectors: core.v,
    clampedCount: core.clampedCount,
    lambdaMax,
    lrMax,
    stable: lr < lrMax,
    conditionNumber: lambdaMax / Math.max(lamMinRaw, 1e-300),
    priorVarianceTest: core.priorDiag,
    test: (k, opts = {}) => evalTest(core, weights(k, opts.form ?? 'discrete'), opts.cov ?? false),
    train: (k, opts = {}) =>
      evalTrain(core, weights(k, opts.form ?? 'discrete'), opts.cov ?? false),
    expectedLoss: (k, opts = {}) => {
      const form = opts.form ?? 'discrete';
      const out: ExpectedLoss = { train: expectedHalfMse(predictor.train(k, { form }), core.y) };
      if (opts.yTest !== undefined) {
        if (opts.yTest.length !== m)
          throw new Error(`yTest: ${opts.yTest.length} values, expected ${m}`);
        out.test = expectedHalfMse(predictor.test(k, { form }), opts.yTest);
      }
      return out;
    },
    withLr: (newLr) => makePredictor(core, newLr),
  };
  return predictor;
}

/** ½·mean((μ − y)² + var) of a prediction: reuse a test()/train() result instead of expectedLoss */
export function expectedHalfMse(p: Prediction, y: ArrayLike<number>): number {
  const count = p.mean.length;
  if (count === 0) return 0;
  let s = 0;
  for (let i = 0; i < count; i++) {
    const r = (p.mean[i] as number) - (y[i] as number);
    s += r * r + (p.variance[i] as number);
  }
  return (0.5 * s) / count;
}

/** Test points: generic formula ('ntk') or the shortcut Σ = K − K_xX V diag((1−E²)/λ) Vᵀ K_Xx */
function evalTest(core: Core, sw: SpectralWeights, withCov: boolean): Prediction {
  const { b, c, w, z } = core;
  const n = b.cols;
  const m = b.rows;
  const { g, e, logScale } = sw;
  if (withCov && core.priorFull === null)
    throw new Error('test covariance needs the full test-test kernel, only its diagonal was given');
  const gz = new Float64Array(n);
  for (let a = 0; a < n; a++) gz[a] = (g[a] as number) * (z[a] as number);
  const mean = matvec(b, gz).map((x) => timesScale(x, logScale));
  const varianceRaw = new Float64Array(m);
  let cov: Matrix | undefined;
  if (w === null) {
    // h/s² with h = g(1 + E) = (1 − E²)/λ
    const invS = Math.exp(-logScale);
    const h = new Float64Array(n);
    for (let a = 0; a < n; a++) h[a] = (g[a] as number) * (invS + (e[a] as number));
    const ch = scaleColumns(c, h);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let a = 0; a < n; a++)
        s += (ch.data[i * n + a] as number) * (c.data[i * n + a] as number);
      varianceRaw[i] =
        (core.priorDiag[i] as number) - timesScale(timesScale(s, logScale), logScale);
    }
    if (withCov) {
      const quad = matmulNT(ch, c);
      cov = combine(core.priorFull as Matrix, varianceRaw, (i, j) => {
        const q = 0.5 * ((quad.data[i * m + j] as number) + (quad.data[j * m + i] as number));
        return -timesScale(timesScale(q, logScale), logScale);
      });
    }
  } else {
    const p = scaleColumns(b, g);
    const pd = p.data;
    const wd = w.data;
    const cd = c.data;
    // pᵢᵀ W pᵢ over the upper triangle of the symmetric W: half the work of a product with W
    for (let i = 0; i < m; i++) {
      const row = i * n;
      let quad = 0;
      let lin = 0;
      for (let a = 0; a < n; a++) {
        const pia = pd[row + a] as number;
        const wa = a * n;
        let off = 0;
        for (let bb = a + 1; bb < n; bb++)
          off += (wd[wa + bb] as number) * (pd[row + bb] as number);
        quad += pia * ((wd[wa + a] as number) * pia + 2 * off);
        lin += pia * (cd[row + a] as number);
      }
      varianceRaw[i] = (core.priorDiag[i] as number) + scaledQuadratic(quad, 2 * lin, logScale);
    }
    if (withCov) {
      const q = matmul(p, w);
      const qp = matmulNT(q, p);
      const pc = matmulNT(p, c);
      cov = combine(core.priorFull as Matrix, varianceRaw, (i, j) => {
        const quad = 0.5 * ((qp.data[i * m + j] as number) + (qp.data[j * m + i] as number));
        const lin = (pc.data[i * m + j] as number) + (pc.data[j * m + i] as number);
        return scaledQuadratic(quad, lin, logScale);
      });
    }
  }
  return finish(mean, varianceRaw, cov);
}

/** s·(s·quad − lin) with s = e^logScale, overflow-safe */
function scaledQuadratic(quad: number, lin: number, logScale: number): number {
  return timesScale(timesScale(quad, logScale) - lin, logScale);
}

/** Symmetric prior + f(i, j) off the diagonal (i < j), the variances on it */
function combine(prior: Matrix, diag: Float64Array, f: (i: number, j: number) => number): Matrix {
  const m = diag.length;
  const out = zeros(m, m);
  for (let i = 0; i < m; i++) {
    out.data[i * m + i] = diag[i] as number;
    for (let j = i + 1; j < m; j++) {
      const v = (prior.data[i * m + j] as number) + f(i, j);
      out.data[i * m + j] = v;
      out.data[j * m + i] = v;
    }
  }
  return out;
}

/**
 * Training points in the eigenbasis, with κ = λ − λ_reg the unregularised eigenvalue, learned
 * fraction κg and residual factor ρ = 1 − κg = E + λ_reg·g:
 * 'ntk'  Σ = V diag(ρ) (Vᵀ K_dd V) diag(ρ) Vᵀ;   'nngp'  Σ = V diag(κρ² + λ_reg(κg)²) Vᵀ.
 */
function evalTrain(core: Core, sw: SpectralWeights, withCov: boolean): Prediction {
  const { lam, diagReg, v, w, z } = core;
  const n = v.rows;
  const { g, e, logScale } = sw;
  const invS = Math.exp(-logScale);
  const learned = new Float64Array(n);
  const rho = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const kappa = (lam[a] as number) - diagReg;
    if (kappa >= 0) {
      learned[a] = kappa * (g[a] as number) * (z[a] as number);
      rho[a] = (e[a] as number) + diagReg * (g[a] as number);
    } else {
      rho[a] = invS;
    }
  }
  const mean = matvec(v, learned).map((x) => timesScale(x, logScale));
  const varianceRaw = new Float64Array(n);
  let left: Matrix;
  let right: Matrix;
  if (w !== null) {
    left = scaleColumns(v, rho);
    right = matmul(left, w);
  } else {
    const d = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      const kappa = Math.max((lam[a] as number) - diagReg, 0);
      const ga = kappa * (g[a] as number);
      d[a] = kappa * (rho[a] as number) ** 2 + diagReg * ga * ga;
    }
    left = v;
    right = scaleColumns(v, d);
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let a = 0; a < n; a++)
      s += (left.data[i * n + a] as number) * (right.data[i * n + a] as number);
    varianceRaw[i] = timesScale(timesScale(s, logScale), logScale);
  }
  let cov: Matrix | undefined;
  if (withCov) {
    const full = matmulNT(right, left);
    cov = combine(zeros(n, n), varianceRaw, (i, j) => {
      const s = 0.5 * ((full.data[i * n + j] as number) + (full.data[j * n + i] as number));
      return timesScale(timesScale(s, logScale), logScale);
    });
  }
  return finish(mean, varianceRaw, cov);
}

/** Variance clipped at 0 (NaN, never expected, stays visible) */
function finish(mean: Float64Array, varianceRaw: Float64Array, cov?: Matrix): Prediction {
  const variance = varianceRaw.map((x) => (x < 0 ? 0 : x));
  return cov === undefined ? { mean, variance, varianceRaw } : { mean, variance, varianceRaw, cov };
}
