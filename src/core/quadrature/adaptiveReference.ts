// Slow, independent reference for S = E[φ(u)φ(v)], Ṡ = E[φ'(u)φ'(v)] of any scalar φ (tests and
// cli/benchQuadrature.ts only): nested globally adaptive Gauss–Kronrod G7/K15 quadrature
// (QUADPACK QAG: Piessens et al., "QUADPACK" (1983), §2.2), with u = √a(ρy + ρ'w), v = √b·y,
// y, w ~ N(0, 1), both integrals on [−10, 10] split where u or v = 0 and started from panels
// graded geometrically toward the split (down to 1e-12 of the length) so that narrow features at
// large variance are seen; each integral is refined until its error estimate |K15 − G7| is below
// 1e-12 of the scale √(E[φ(u)²]E[φ(v)²]) (1e-14 for the inner one). ~3·10⁶ φ-evaluations/entry.

import type { ScalarActivation } from '../activations';
import type { KernelMap } from '../kernelMap';

const XK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945,
  0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0,
];
const WK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592,
  0.1690047266392679, 0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** G7/K15 estimate and error estimate |K15 − G7| of ∫_lo^hi f */
function kronrod(f: (x: number) => number, lo: number, hi: number): [number, number] {
  const mid = 0.5 * (lo + hi);
  const half = 0.5 * (hi - lo);
  let k = 0;
  let g = 0;
  for (let i = 0; i < 8; i++) {
    const x = XK[i] as number;
    const fx = i === 7 ? f(mid) : f(mid - half * x) + f(mid + half * x);
    k += (WK[i] as number) * fx;
    if (i % 2 === 1) g += (WG[(i - 1) / 2] as number) * fx;
  }
  return [k * half, Math.abs(k - g) * half];
}

/**
 * globally adaptive G7/K15 (QUADPACK QAG) on [from, to], starting from panels graded
 * geometrically toward `from` (down to 1e-12 of the length, so that no narrow feature at the
 * split point escapes the first samples); bisects the worst panel until Σ err ≤ tol
 */
function adaptive(f: (x: number) => number, from: number, to: number, tol: number): number {
  const panels: [number, number, number, number][] = [];
  let far = to;
  for (let k = 1; k <= 40 && far !== from; k++) {
    const near = k === 40 ? from : from + (to - from) * 2 ** -k;
    const lo = Math.min(near, far);
    const hi = Math.max(near, far);
    panels.push([lo, hi, ...kronrod(f, lo, hi)]);
    far = near;
  }
  for (let iter = 0; iter < 500; iter++) {
    let err = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      const e = (panels[i] as [number, number, number, number])[3];
      err += e;
      if (e > (panels[worst] as [number, number, number, number])[3]) worst = i;
    }
    if (err <= tol) break;
    const [a, b] = panels[worst] as [number, number, number, number];
    const m = 0.5 * (a + b);
    panels[worst] = [a, m, ...kronrod(f, a, m)];
    panels.push([m, b, ...kronrod(f, m, b)]);
  }
  return panels.reduce((sum, p) => sum + p[2], 0);
}

const CUT = 10;
const pdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** ∫ N(x) f(x) dx over [−10, 10] split at `at` */
function gaussianIntegral(f: (x: number) => number, at: number, tol: number): number {
  const g = (x: number): number => pdf(x) * f(x);
  const s = Math.max(-CUT, Math.min(CUT, at));
  return adaptive(g, s, -CUT, tol) + adaptive(g, s, CUT, tol);
}

/** slow reference KernelMap: S and Ṡ integrated separately, each to ~1e-12 of its scale */
export function adaptiveReferenceMap(phi: ScalarActivation): KernelMap {
  const oneD = (q: number, out: Float64Array): void => {
    const sq = Math.sqrt(q);
    for (const k of [0, 1]) {
      const fn = k === 0 ? phi.phi : phi.dphi;
      const f = (y: number): number => fn(sq * y) ** 2;
      // positive integrand: a crude pass sets the tolerance of the accurate one
      const crude = gaussianIntegral(f, 0, 1e-6);
      out[k] = gaussianIntegral(f, 0, 1e-14 * crude);
    }
  };
  const da = new Float64Array(2);
  const db = new Float64Array(2);
  return {
    diag: oneD,
    pair(a, b, c, out) {
      oneD(a, da);
      oneD(b, db);
      const sa = Math.sqrt(a);
      const sb = Math.sqrt(b);
      const rho = Math.max(-1, Math.min(1, c / Math.sqrt(a * b)));
      const rp = Math.sqrt((1 - rho) * (1 + rho));
      for (const k of [0, 1]) {
        const fn = k === 0 ? phi.phi : phi.dphi;
        // |E[φ(u) | y]| is of the size √E[φ(u)²]: inner error 1e-14 of that, outer 1e-12 of the scale
        const innerTol = 1e-14 * Math.sqrt(da[k] as number);
        const smoothed = (y: number): number =>
          rp === 0
            ? fn(sa * rho * y)
            : gaussianIntegral((w) => fn(sa * (rho * y + rp * w)), (-rho * y) / rp, innerTol);
        const scale = Math.sqrt((da[k] as number) * (db[k] as number));
        out[k] = gaussianIntegral((y) => fn(sb * y) * smoothed(y), 0, 1e-12 * scale);
      }
    },
  };
}
