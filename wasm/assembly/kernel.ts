// The fused CPU trainer (docs/architecture.md#finite-ensemble): forward, backward and plain-GD update of a block of
// fully-connected nets of one architecture, in float32 with v128 SIMD (AssemblyScript).
// Same maths as workers/engines/tfjsNet.ts (docs/science.md#network, docs/science.md#empirical-ntk):
//   h^l = wMul_l · x^{l-1} W^l + bMul · b^l,  x^l = φ(h^l),  f = h^{L+1},
//   wMul_l = σ_w/√n_{l-1}, bMul = σ_b (ntk) or both 1 (standard; the scale then sits in W, b),
//   L = ½·mean((f − y)²), θ ← θ − η∇L.
// Memory is managed by the caller (JS): every pointer is a byte offset into this module's memory.
//   net parameters (float32, per layer i = 0..L): W_i (n_in × n_out, row-major), then b_i (n_out),
//     biases stored even when unused so the layout does not depend on `bias`;
//   workspace for R rows: A_1..A_L (R×n each: x^l), D_1..D_L (R×n: φ'(h^l)), F (R: f),
//     G_0..G_L (R×n_out(i): ∂/∂h^{i+1}, of the loss when training, of f for kernels), then
//     updateW's packing scratch (R·max(n, d) + R·J_PANEL floats).
// The matrix products vectorise along the contiguous output dimension (4 floats per v128) and are
// register-blocked (4 rows × 8 columns) so each loaded weight vector feeds several rows; operands
// whose rows sit a power-of-two stride apart are packed first (such rows share one L1 set).

// ---- architecture (set by configure) ----
let gL: i32 = 1; // hidden layers
let gD: i32 = 1; // input dimension
let gN: i32 = 1; // width
let gAct: i32 = 0; // activation code, see ACT_* below
let gAm: f64 = 0; // ABReLU family: slope for x ≤ 0
let gBp: f64 = 1; // ABReLU family: slope for x > 0
let gNtk: bool = true;
let gBias: bool = true;
let gWStd: f64 = 1;
let gBStd: f64 = 0;

const ACT_ABRELU: i32 = 0;
const ACT_ERF: i32 = 1;
const ACT_GELU: i32 = 2;
const ACT_SIN: i32 = 3;
const ACT_TANH: i32 = 4;
const ACT_SIGMOID: i32 = 5;
const ACT_SOFTPLUS: i32 = 6;
const ACT_SWISH: i32 = 7;

export function configure(
  depth: i32,
  inputDim: i32,
  width: i32,
  act: i32,
  am: f64,
  bp: f64,
  ntk: bool,
  bias: bool,
  wStd: f64,
  bStd: f64,
): void {
  gL = depth;
  gD = inputDim;
  gN = width;
  gAct = act;
  gAm = am;
  gBp = bp;
  gNtk = ntk;
  gBias = bias;
  gWStd = wStd;
  gBStd = bStd;
}

export function heapBase(): usize {
  return __heap_base;
}

function nIn(i: i32): i32 {
  return i == 0 ? gD : gN;
}
function nOut(i: i32): i32 {
  return i == gL ? 1 : gN;
}
function wMul(i: i32): f32 {
  return gNtk ? <f32>(gWStd / Math.sqrt(<f64>nIn(i))) : 1;
}
function bMul(): f32 {
  return gNtk ? <f32>gBStd : 1;
}

/** byte offset of W_i inside one net's parameters */
function wOff(i: i32): usize {
  let off: usize = 0;
  for (let l = 0; l < i; l++) off += (<usize>(nIn(l) * nOut(l) + nOut(l))) << 2;
  return off;
}
function bOff(i: i32): usize {
  return wOff(i) + ((<usize>(nIn(i) * nOut(i))) << 2);
}

/** float32 parameters of one net (weights and biases) */
export function netFloats(): i32 {
  return <i32>(wOff(gL + 1) >> 2);
}

/** float32 workspace for a pass over R rows */
export function wsFloats(R: i32): i32 {
  return 3 * gL * R * gN + 2 * R + 8 + R * (max(gN, gD) + J_PANEL);
}

// workspace offsets (bytes) for R rows; the last region is updateW's packing scratch
function aPtr(ws: usize, R: i32, l: i32): usize {
  return ws + ((<usize>((l - 1) * R * gN)) << 2);
}
function dPtr(ws: usize, R: i32, l: i32): usize {
  return ws + ((<usize>((gL + l - 1) * R * gN)) << 2);
}
function fPtr(ws: usize, R: i32): usize {
  return ws + ((<usize>(2 * gL * R * gN)) << 2);
}
function scratchPtr(ws: usize, R: i32): usize {
  return (ws + ((<usize>(3 * gL * R * gN + 2 * R)) << 2) + 15) & ~15;
}
function gPtr(ws: usize, R: i32, i: i32): usize {
  return ws + ((<usize>(2 * gL * R * gN + R + i * R * gN)) << 2);
}

// ---- activations: φ and φ' together (they share exp), f64 inside, float32 out ----

const TWO_OVER_SQRT_PI: f64 = 1.1283791670955126;
const INV_SQRT2: f64 = 0.7071067811865476;

/** erf exactly as tfjs computes it (Abramowitz–Stegun 7.1.26, |error| ≤ 1.5e-7), given e^{−x²} */
function erfWith(x: f64, expMinusX2: f64): f64 {
  const ax = Math.abs(x);
  const t = 1.0 / (1.0 + 0.3275911 * ax);
  const poly =
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  const r = 1.0 - poly * expMinusX2;
  return x < 0 ? -r : r;
}

function sigmoid(x: f64): f64 {
  return 1.0 / (1.0 + Math.exp(-x));
}

/** x^l = φ(h), D = φ'(h) over `count` floats at h (overwritten with φ) and d */
function activate(h: usize, d: usize, count: i32): void {
  const act = gAct;
  for (let k = 0; k < count; k++) {
    const p = (<usize>k) << 2;
    const x = <f64>load<f32>(h + p);
    let y: f64 = 0;
    let g: f64 = 0;
    if (act == ACT_ABRELU) {
      // a₋·x + (b₊ − a₋)·relu(x): slope a₋ at x ≤ 0 (tfjs relu' = step(x > 0))
      y = x > 0 ? gBp * x : gAm * x;
      g = x > 0 ? gBp : gAm;
    } else if (act == ACT_ERF) {
      const e = Math.exp(-x * x);
      y = erfWith(x, e);
      g = TWO_OVER_SQRT_PI * e;
    } else if (act == ACT_GELU) {
      // ½·x·(1 + erf(x/√2)); φ' = ½(1 + erf(x/√2)) + x·e^{−x²/2}/√(2π)
      const u = x * INV_SQRT2;
      const e = Math.exp(-u * u);
      const cdf = 0.5 * (1.0 + erfWith(u, e));
      y = x * cdf;
      g = cdf + 0.5 * x * TWO_OVER_SQRT_PI * e * INV_SQRT2;
    } else if (act == ACT_SIN) {
      y = Math.sin(x);
      g = Math.cos(x);
    } else if (act == ACT_TANH) {
      y = Math.tanh(x);
      g = 1.0 - y * y;
    } else if (act == ACT_SIGMOID) {
      y = sigmoid(x);
      g = y * (1.0 - y);
    } else if (act == ACT_SOFTPLUS) {
      y = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
      g = sigmoid(x);
    } else if (act == ACT_SWISH) {
      // swish x·σ(x); φ' = σ + x·σ(1 − σ)
      const s = sigmoid(x);
      y = x * s;
      g = s + x * s * (1.0 - s);
    }
    store<f32>(h + p, <f32>y);
    store<f32>(d + p, <f32>g);
  }
}

// ---- products ----

/**
 * a·b + c per lane. Built twice (scripts/build-wasm.mjs): plain SIMD rounds the product and the
 * sum apart; with relaxed SIMD enabled this is f32x4.relaxed_madd, which the engine may run as
 * one fused multiply-add (one rounding, and one instruction where the CPU has FMA). The branch is
 * on a compile-time constant, so each binary holds only its own body.
 */
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * C (R×M) = A (R×K) · W (K×M), all row-major. K is cut into panels of K_PANEL rows of W, and
 * each panel's 8-column strip is copied to a contiguous buffer before the row blocks use it: the
 * strip's rows lie a power-of-two stride apart at the usual widths, so in place they would all
 * map to one L1 set (and, at large widths, to one TLB entry per row).
 */
const K_PANEL: i32 = 256;
const STRIP: usize = memory.data(K_PANEL * 8 * 4, 16);
function gemmNN(a: usize, w: usize, c: usize, R: i32, K: i32, M: i32): void {
  const M8 = M & ~7;
  const rowA = (<usize>K) << 2;
  const rowW = (<usize>M) << 2;
  const rowC = (<usize>M) << 2;
  for (let k0 = 0; k0 < K; k0 += K_PANEL) {
    const kc = min(K_PANEL, K - k0);
    nnPanel(a + ((<usize>k0) << 2), w + <usize>k0 * rowW, c, R, kc, M8, rowA, rowW, k0 > 0);
  }
  if (M8 < M) {
    // remaining columns (e.g. the scalar readout, M = 1): dot products along K
    if (M == 1) {
      for (let s = 0; s < R; s++) store<f32>(c + <usize>s * rowC, dot(a + <usize>s * rowA, w, K));
    } else {
      for (let s = 0; s < R; s++)
        for (let j = M8; j < M; j++) {
          let acc: f32 = 0;
          for (let k = 0; k < K; k++)
            acc +=
              load<f32>(a + <usize>s * rowA + ((<usize>k) << 2)) *
              load<f32>(w + <usize>k * rowW + ((<usize>j) << 2));
          store<f32>(c + <usize>s * rowC + ((<usize>j) << 2), acc);
        }
    }
  }
}

/**
 * C[:, 0..M8) = (or +=, when accumulate) A (R×K, row stride rowA) · W (K×M8, row stride rowW),
 * in 4-row × 8-column register blocks: each loaded weight vector feeds 4 rows.
 */
function nnPanel(
  a: usize,
  w: usize,
  c: usize,
  R: i32,
  K: i32,
  M8: i32,
  rowA: usize,
  rowW: usize,
  accumulate: bool,
): void {
  const R4 = R & ~3;
  const rowC = rowW;
  const pack = rowW >= 2048;
  for (let j = 0; j < M8; j += 8) {
    // wide rows: pack W[0..K, j..j+8) into STRIP (K × 8, contiguous); narrow rows: use in place
    let strip = w + ((<usize>j) << 2);
    let stride = rowW;
    if (pack) {
      let src = strip;
      for (let k = 0; k < K; k++) {
        const dst = STRIP + ((<usize>k) << 5);
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += rowW;
      }
      strip = STRIP;
      stride = 32;
    }
    let s = 0;
    for (; s < R4; s += 4) {
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0);
      let c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0);
      let c31 = f32x4.splat(0);
      let pa = a + <usize>s * rowA;
      let pw = strip;
      for (let k = 0; k < K; k++) {
        const w0 = v128.load(pw);
        const w1 = v128.load(pw, 16);
        const x0 = v128.load32_splat(pa);
        const x1 = v128.load32_splat(pa + rowA);
        const x2 = v128.load32_splat(pa + 2 * rowA);
        const x3 = v128.load32_splat(pa + 3 * rowA);
        c00 = madd(x0, w0, c00);
        c01 = madd(x0, w1, c01);
        c10 = madd(x1, w0, c10);
        c11 = madd(x1, w1, c11);
        c20 = madd(x2, w0, c20);
        c21 = madd(x2, w1, c21);
        c30 = madd(x3, w0, c30);
        c31 = madd(x3, w1, c31);
        pa += 4;
        pw += stride;
      }
      const pc = c + <usize>s * rowC + ((<usize>j) << 2);
      if (accumulate) {
        c00 = f32x4.add(c00, v128.load(pc));
        c01 = f32x4.add(c01, v128.load(pc, 16));
        c10 = f32x4.add(c10, v128.load(pc + rowC));
        c11 = f32x4.add(c11, v128.load(pc + rowC, 16));
        c20 = f32x4.add(c20, v128.load(pc + 2 * rowC));
        c21 = f32x4.add(c21, v128.load(pc + 2 * rowC, 16));
        c30 = f32x4.add(c30, v128.load(pc + 3 * rowC));
        c31 = f32x4.add(c31, v128.load(pc + 3 * rowC, 16));
      }
      v128.store(pc, c00);
      v128.store(pc, c01, 16);
      v128.store(pc + rowC, c10);
      v128.store(pc + rowC, c11, 16);
      v128.store(pc + 2 * rowC, c20);
      v128.store(pc + 2 * rowC, c21, 16);
      v128.store(pc + 3 * rowC, c30);
      v128.store(pc + 3 * rowC, c31, 16);
    }
    for (; s < R; s++) {
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let pa = a + <usize>s * rowA;
      let pw = strip;
      for (let k = 0; k < K; k++) {
        const x0 = v128.load32_splat(pa);
        c0 = madd(x0, v128.load(pw), c0);
        c1 = madd(x0, v128.load(pw, 16), c1);
        pa += 4;
        pw += stride;
      }
      const pc = c + <usize>s * rowC + ((<usize>j) << 2);
      if (accumulate) {
        c0 = f32x4.add(c0, v128.load(pc));
        c1 = f32x4.add(c1, v128.load(pc, 16));
      }
      v128.store(pc, c0);
      v128.store(pc, c1, 16);
    }
  }
}

/** Σ_k p[k]·q[k] over K contiguous floats */
function dot(p: usize, q: usize, K: i32): f32 {
  const K4 = K & ~3;
  let acc = f32x4.splat(0);
  let k = 0;
  for (; k < K4; k += 4) {
    const o = (<usize>k) << 2;
    acc = madd(v128.load(p + o), v128.load(q + o), acc);
  }
  let s: f32 = hsum(acc);
  for (; k < K; k++) s += load<f32>(p + ((<usize>k) << 2)) * load<f32>(q + ((<usize>k) << 2));
  return s;
}

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** C (R×K) = G (R×M) · W (K×M)ᵀ: each entry a dot product along the contiguous M */
function gemmNT(g: usize, w: usize, c: usize, R: i32, K: i32, M: i32): void {
  const rowG = (<usize>M) << 2;
  const rowW = (<usize>M) << 2;
  const rowC = (<usize>K) << 2;
  const M4 = M & ~3;
  const R4 = R & ~3;
  const K2 = K & ~1;
  // k pairs outer: rows k, k+1 of W (read from memory once) serve every 4-row block of G
  for (let k = 0; k < K2; k += 2) {
    let s = 0;
    for (; s < R4; s += 4) {
      const g0 = g + <usize>s * rowG;
      const w0 = w + <usize>k * rowW;
      let a00 = f32x4.splat(0);
      let a01 = f32x4.splat(0);
      let a10 = f32x4.splat(0);
      let a11 = f32x4.splat(0);
      let a20 = f32x4.splat(0);
      let a21 = f32x4.splat(0);
      let a30 = f32x4.splat(0);
      let a31 = f32x4.splat(0);
      for (let j = 0; j < M4; j += 4) {
        const o = (<usize>j) << 2;
        const v0 = v128.load(w0 + o);
        const v1 = v128.load(w0 + rowW + o);
        const q0 = v128.load(g0 + o);
        const q1 = v128.load(g0 + rowG + o);
        const q2 = v128.load(g0 + 2 * rowG + o);
        const q3 = v128.load(g0 + 3 * rowG + o);
        a00 = madd(q0, v0, a00);
        a01 = madd(q0, v1, a01);
        a10 = madd(q1, v0, a10);
        a11 = madd(q1, v1, a11);
        a20 = madd(q2, v0, a20);
        a21 = madd(q2, v1, a21);
        a30 = madd(q3, v0, a30);
        a31 = madd(q3, v1, a31);
      }
      let r00 = hsum(a00);
      let r01 = hsum(a01);
      let r10 = hsum(a10);
      let r11 = hsum(a11);
      let r20 = hsum(a20);
      let r21 = hsum(a21);
      let r30 = hsum(a30);
      let r31 = hsum(a31);
      for (let j = M4; j < M; j++) {
        const o = (<usize>j) << 2;
        const v0 = load<f32>(w0 + o);
        const v1 = load<f32>(w0 + rowW + o);
        const q0 = load<f32>(g0 + o);
        const q1 = load<f32>(g0 + rowG + o);
        const q2 = load<f32>(g0 + 2 * rowG + o);
        const q3 = load<f32>(g0 + 3 * rowG + o);
        r00 += q0 * v0;
        r01 += q0 * v1;
        r10 += q1 * v0;
        r11 += q1 * v1;
        r20 += q2 * v0;
        r21 += q2 * v1;
        r30 += q3 * v0;
        r31 += q3 * v1;
      }
      const pc = c + <usize>s * rowC + ((<usize>k) << 2);
      store<f32>(pc, r00);
      store<f32>(pc, r01, 4);
      store<f32>(pc + rowC, r10);
      store<f32>(pc + rowC, r11, 4);
      store<f32>(pc + 2 * rowC, r20);
      store<f32>(pc + 2 * rowC, r21, 4);
      store<f32>(pc + 3 * rowC, r30);
      store<f32>(pc + 3 * rowC, r31, 4);
    }
    for (; s < R; s++)
      for (let kk = k; kk < k + 2; kk++)
        store<f32>(
          c + <usize>s * rowC + ((<usize>kk) << 2),
          dot(g + <usize>s * rowG, w + <usize>kk * rowW, M),
        );
  }
  for (let k = K2; k < K; k++)
    for (let s = 0; s < R; s++)
      store<f32>(
        c + <usize>s * rowC + ((<usize>k) << 2),
        dot(g + <usize>s * rowG, w + <usize>k * rowW, M),
      );
}

/**
 * W (K×M) −= scale · Aᵀ G with A (R×K), G (R×M): the rank-R weight update, in 4-row × 8-column
 * register blocks of W. A and G rows lie a power-of-two stride apart, so both are first copied
 * to `scratch` in the order the blocks read them: Aᵀ (K×R) and, per column panel of J_PANEL,
 * G's 8-column strips with their R rows contiguous (scratch: R·K + R·J_PANEL floats).
 */
const J_PANEL: i32 = 256;
function updateW(
  a: usize,
  g: usize,
  w: usize,
  R: i32,
  K: i32,
  M: i32,
  scale: f32,
  scratch: usize,
): void {
  const rowA = (<usize>K) << 2;
  const rowG = (<usize>M) << 2;
  const rowW = (<usize>M) << 2;
  const rowT = (<usize>R) << 2;
  const M8 = M & ~7;
  const K4 = K & ~3;
  const sc = f32x4.splat(scale);
  const at = scratch;
  const gp = scratch + ((((<usize>(R * K)) << 2) + 15) & ~15);
  for (let s = 0; s < R; s++)
    for (let k = 0; k < K; k++)
      store<f32>(
        at + <usize>k * rowT + ((<usize>s) << 2),
        load<f32>(a + <usize>s * rowA + ((<usize>k) << 2)),
      );
  for (let j0 = 0; j0 < M8; j0 += J_PANEL) {
    const j1 = min(j0 + J_PANEL, M8);
    // pack G[:, j0..j1) as strips [j-block][s][8]
    for (let j = j0; j < j1; j += 8) {
      const dst = gp + <usize>((j - j0) >> 3) * (rowT << 3);
      for (let s = 0; s < R; s++) {
        const src = g + <usize>s * rowG + ((<usize>j) << 2);
        const o = dst + ((<usize>s) << 5);
        v128.store(o, v128.load(src));
        v128.store(o, v128.load(src, 16), 16);
      }
    }
    let k = 0;
    for (; k < K4; k += 4)
      for (let j = j0; j < j1; j += 8) {
        let c00 = f32x4.splat(0);
        let c01 = f32x4.splat(0);
        let c10 = f32x4.splat(0);
        let c11 = f32x4.splat(0);
        let c20 = f32x4.splat(0);
        let c21 = f32x4.splat(0);
        let c30 = f32x4.splat(0);
        let c31 = f32x4.splat(0);
        let pa = at + <usize>k * rowT;
        let pg = gp + <usize>((j - j0) >> 3) * (rowT << 3);
        for (let s = 0; s < R; s++) {
          const g0 = v128.load(pg);
          const g1 = v128.load(pg, 16);
          const x0 = v128.load32_splat(pa);
          const x1 = v128.load32_splat(pa + rowT);
          const x2 = v128.load32_splat(pa + 2 * rowT);
          const x3 = v128.load32_splat(pa + 3 * rowT);
          c00 = madd(x0, g0, c00);
          c01 = madd(x0, g1, c01);
          c10 = madd(x1, g0, c10);
          c11 = madd(x1, g1, c11);
          c20 = madd(x2, g0, c20);
          c21 = madd(x2, g1, c21);
          c30 = madd(x3, g0, c30);
          c31 = madd(x3, g1, c31);
          pa += 4;
          pg += 32;
        }
        const pw = w + <usize>k * rowW + ((<usize>j) << 2);
        v128.store(pw, f32x4.sub(v128.load(pw), f32x4.mul(sc, c00)));
        v128.store(pw, f32x4.sub(v128.load(pw, 16), f32x4.mul(sc, c01)), 16);
        v128.store(pw + rowW, f32x4.sub(v128.load(pw + rowW), f32x4.mul(sc, c10)));
        v128.store(pw + rowW, f32x4.sub(v128.load(pw + rowW, 16), f32x4.mul(sc, c11)), 16);
        v128.store(pw + 2 * rowW, f32x4.sub(v128.load(pw + 2 * rowW), f32x4.mul(sc, c20)));
        v128.store(pw + 2 * rowW, f32x4.sub(v128.load(pw + 2 * rowW, 16), f32x4.mul(sc, c21)), 16);
        v128.store(pw + 3 * rowW, f32x4.sub(v128.load(pw + 3 * rowW), f32x4.mul(sc, c30)));
        v128.store(pw + 3 * rowW, f32x4.sub(v128.load(pw + 3 * rowW, 16), f32x4.mul(sc, c31)), 16);
      }
    for (; k < K; k++)
      for (let j = j0; j < j1; j += 8) {
        let c0 = f32x4.splat(0);
        let c1 = f32x4.splat(0);
        let pa = at + <usize>k * rowT;
        let pg = gp + <usize>((j - j0) >> 3) * (rowT << 3);
        for (let s = 0; s < R; s++) {
          const x0 = v128.load32_splat(pa);
          c0 = madd(x0, v128.load(pg), c0);
          c1 = madd(x0, v128.load(pg, 16), c1);
          pa += 4;
          pg += 32;
        }
        const pw = w + <usize>k * rowW + ((<usize>j) << 2);
        v128.store(pw, f32x4.sub(v128.load(pw), f32x4.mul(sc, c0)));
        v128.store(pw, f32x4.sub(v128.load(pw, 16), f32x4.mul(sc, c1)), 16);
      }
  }
  for (let j = M8; j < M; j++)
    for (let k = 0; k < K; k++) {
      let acc: f32 = 0;
      for (let s = 0; s < R; s++)
        acc +=
          load<f32>(a + <usize>s * rowA + ((<usize>k) << 2)) *
          load<f32>(g + <usize>s * rowG + ((<usize>j) << 2));
      const pw = w + <usize>k * rowW + ((<usize>j) << 2);
      store<f32>(pw, load<f32>(pw) - scale * acc);
    }
}

// ---- passes ----

/** forward pass of the net at `net` over R rows of x (R×d): fills A_l, D_l and F in ws */
export function forward(net: usize, x: usize, R: i32, ws: usize): void {
  let input = x;
  const bm = bMul();
  for (let i = 0; i <= gL; i++) {
    const K = nIn(i);
    const M = nOut(i);
    const out = i < gL ? aPtr(ws, R, i + 1) : fPtr(ws, R);
    gemmNN(input, net + wOff(i), out, R, K, M);
    // h = wMul·(x W) + bMul·b, rounded like tfjs (two float32 products, one float32 sum)
    const wm = wMul(i);
    const b = net + bOff(i);
    for (let s = 0; s < R; s++) {
      const row = out + ((<usize>(s * M)) << 2);
      for (let j = 0; j < M; j++) {
        const p = row + ((<usize>j) << 2);
        let h: f32 = wm * load<f32>(p);
        if (gBias) h += bm * load<f32>(b + ((<usize>j) << 2));
        store<f32>(p, h);
      }
    }
    if (i < gL) activate(out, dPtr(ws, R, i + 1), R * M);
    input = out;
  }
}

/**
 * Backward pass from G_L (already in ws) down to G_0: G_{i-1} = wMul_i·(G_i W_iᵀ) ⊙ D_i.
 * With lr > 0 each layer is updated right after its G_{i-1} is formed from the old weights:
 * W_i −= lr·wMul_i·A_iᵀG_i, b_i −= lr·bMul·Σ_s G_i.
 */
function backward(net: usize, x: usize, R: i32, ws: usize, lr: f32): void {
  const bm = bMul();
  for (let i = gL; i >= 0; i--) {
    const K = nIn(i);
    const M = nOut(i);
    const w = net + wOff(i);
    const g = gPtr(ws, R, i);
    const wm = wMul(i);
    if (i > 0) {
      const gp = gPtr(ws, R, i - 1);
      gemmNT(g, w, gp, R, K, M);
      const d = dPtr(ws, R, i);
      const count = R * K;
      for (let k = 0; k < count; k++) {
        const p = (<usize>k) << 2;
        store<f32>(gp + p, wm * load<f32>(gp + p) * load<f32>(d + p));
      }
    }
    if (lr > 0) {
      const input = i == 0 ? x : aPtr(ws, R, i);
      updateW(input, g, w, R, K, M, lr * wm, scratchPtr(ws, R));
      if (gBias) {
        const b = net + bOff(i);
        const sc: f32 = lr * bm;
        for (let j = 0; j < M; j++) {
          let acc: f32 = 0;
          for (let s = 0; s < R; s++) acc += load<f32>(g + ((<usize>(s * M + j)) << 2));
          const p = b + ((<usize>j) << 2);
          store<f32>(p, load<f32>(p) - sc * acc);
        }
      }
    }
  }
}

/**
 * `steps` full-batch GD steps on `count` nets stored back to back from `params`, on R training
 * rows x (R×d) with targets y (R). The nets are independent, so each net takes all its steps in
 * turn (its weights stay in cache). Returns the mean over nets of the loss before the last step.
 */
export function train(
  params: usize,
  count: i32,
  x: usize,
  y: usize,
  R: i32,
  steps: i32,
  lr: f32,
  ws: usize,
): f64 {
  const stride = (<usize>netFloats()) << 2;
  const f = fPtr(ws, R);
  const g = gPtr(ws, R, gL);
  const invR: f32 = <f32>1 / <f32>R;
  let lossSum: f64 = 0;
  for (let e = 0; e < count; e++) {
    const net = params + <usize>e * stride;
    let loss: f64 = 0;
    for (let t = 0; t < steps; t++) {
      forward(net, x, R, ws);
      loss = 0;
      for (let s = 0; s < R; s++) {
        const p = (<usize>s) << 2;
        const r: f32 = load<f32>(f + p) - load<f32>(y + p);
        loss += <f64>r * <f64>r;
        // ∂L/∂f = (f − y)/R for L = ½·mean((f − y)²)
        store<f32>(g + p, r * invR);
      }
      loss = (0.5 * loss) / <f64>R;
      backward(net, x, R, ws, lr);
    }
    lossSum += loss;
  }
  return lossSum / <f64>count;
}

/** f of `count` nets on R rows of x: out[e·R + s] */
export function predict(params: usize, count: i32, x: usize, R: i32, ws: usize, out: usize): void {
  const stride = (<usize>netFloats()) << 2;
  const f = fPtr(ws, R);
  for (let e = 0; e < count; e++) {
    forward(params + <usize>e * stride, x, R, ws);
    memory.copy(out + ((<usize>(e * R)) << 2), f, (<usize>R) << 2);
  }
}

/** layer inputs and δ^l = ∂f/∂h^l of one net for R rows (G_L = 1, no update) */
export function passes(net: usize, x: usize, R: i32, ws: usize): void {
  forward(net, x, R, ws);
  const g = gPtr(ws, R, gL);
  for (let s = 0; s < R; s++) store<f32>(g + ((<usize>s) << 2), 1);
  backward(net, x, R, ws, 0);
}

/**
 * Empirical NTK and NNGP (docs/science.md#empirical-ntk) of one net between xa (Ra rows) and xb (Rb rows), whose
 * passes() are already in wsA and wsB: ntk and nngp (Ra×Rb, float64) are overwritten.
 *   Θ̂ = Σ_l ⟨δ^l,δ^l'⟩ (c_w^l ⟨x^{l-1},x^{l-1}'⟩ + c_b),  K̂ = (σ_w²/n_L)⟨x^L,x^L'⟩ + σ_b²
 */
export function kernels(
  xa: usize,
  Ra: i32,
  wsA: usize,
  xb: usize,
  Rb: i32,
  wsB: usize,
  ntk: usize,
  nngp: usize,
): void {
  const cb: f64 = gBias ? (gNtk ? gBStd * gBStd : 1.0) : 0.0;
  for (let s = 0; s < Ra; s++)
    for (let t = 0; t < Rb; t++) {
      let sum: f64 = 0;
      for (let i = 0; i <= gL; i++) {
        const K = nIn(i);
        const M = nOut(i);
        const ia = i == 0 ? xa : aPtr(wsA, Ra, i);
        const ib = i == 0 ? xb : aPtr(wsB, Rb, i);
        const xx = <f64>dot(ia + ((<usize>(s * K)) << 2), ib + ((<usize>(t * K)) << 2), K);
        const dd = <f64>(
          dot(
            gPtr(wsA, Ra, i) + ((<usize>(s * M)) << 2),
            gPtr(wsB, Rb, i) + ((<usize>(t * M)) << 2),
            M,
          )
        );
        const cw: f64 = gNtk ? (gWStd * gWStd) / <f64>K : 1.0;
        sum += dd * (cw * xx + cb);
      }
      const o = (<usize>(s * Rb + t)) << 3;
      store<f64>(ntk + o, sum);
      const n = gN;
      const xl = <f64>(
        dot(
          aPtr(wsA, Ra, gL) + ((<usize>(s * n)) << 2),
          aPtr(wsB, Rb, gL) + ((<usize>(t * n)) << 2),
          n,
        )
      );
      const b2: f64 = gBias ? gBStd * gBStd : 0.0;
      store<f64>(nngp + o, ((gWStd * gWStd) / <f64>n) * xl + b2);
    }
}
