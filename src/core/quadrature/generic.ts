// Generic kernel map for ANY scalar activation φ by nested 1-D Gauss–Legendre quadrature on
// graded panels. With u = √a(ρy + ρ'w), v = √b·y, y, w ~ N(0, 1) independent, ρ' = √(1 − ρ²):
//   S = E_y[φ(√b y) · E_w φ(√a(ρy + ρ'w))],  Ṡ = the same with φ'   (docs/science.md#generic-quadrature).
// Both integrals are cut at ±9 (tail mass 2e-19) and split at every point where u or v crosses
// a kink of φ (default 0), so piecewise-polynomial φ is integrated exactly panel by panel; panels
// are refined geometrically (ratio 2) toward each split point down to 1/8 of the feature width
// there (1/√b, 1/(√a|ρ|), ρ'/|ρ| for the outer variable; 1/(√a ρ') for the inner one), then
// grow to width 1 (hp-graded mesh: Schwab, "p- and hp-FEM" (1998), §4.5). 12 nodes per panel.
// Cost ~10⁵ φ-evaluations per entry: this is the cross-check path, not the fast path.
// Oscillating φ (sin) is resolved only while √q·(panel width 1) stays a few periods (q ≲ 100).

import type { ScalarActivation } from '../activations';
import type { KernelMap } from '../kernelMap';
import { gaussLegendre } from './rules';

const CUT = 9;
const MAX_PANEL = 1;
const NODES = 12;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** finest panel at a split point, given the narrowest feature width there */
function finest(width: number): number {
  return Math.min(MAX_PANEL / 2, Math.max(width / 8, 1e-10));
}

/** panel boundaries of [−CUT, CUT] graded toward each split point (sorted, deduplicated) */
function panels(splits: number[], hMin: number, out: number[]): void {
  out.length = 0;
  const pts = splits.filter((p) => p > -CUT && p < CUT).sort((p, q) => p - q);
  const ends = [-CUT, ...pts, CUT];
  out.push(-CUT);
  for (let k = 0; k + 1 < ends.length; k++) {
    const lo = ends[k] as number;
    const hi = ends[k + 1] as number;
    if (hi - lo <= 0) continue;
    const gradeLo = k > 0;
    const gradeHi = k + 2 < ends.length;
    if (gradeLo && gradeHi) {
      const mid = 0.5 * (lo + hi);
      graded(lo, mid, 1, hMin, out);
      graded(hi, mid, -1, hMin, out);
    } else if (gradeLo) graded(lo, hi, 1, hMin, out);
    else if (gradeHi) graded(hi, lo, -1, hMin, out);
    else uniform(lo, hi, out);
  }
}

/** boundaries from `from` (graded end, already pushed unless dir < 0) toward `to` */
function graded(from: number, to: number, dir: 1 | -1, hMin: number, out: number[]): void {
  const len = Math.abs(to - from);
  const marks: number[] = [];
  let pos = Math.min(hMin, len);
  while (pos < len) {
    marks.push(pos);
    const step = Math.min(pos, MAX_PANEL);
    if (pos + step >= len - 0.25 * step) break;
    pos += step;
  }
  if (dir > 0) {
    for (const m of marks) out.push(from + m);
    out.push(to);
  } else {
    for (let k = marks.length - 1; k >= 0; k--) out.push(from - (marks[k] as number));
    out.push(from);
  }
}

function uniform(lo: number, hi: number, out: number[]): void {
  const n = Math.max(1, Math.ceil((hi - lo) / MAX_PANEL));
  for (let k = 1; k <= n; k++) out.push(k === n ? hi : lo + ((hi - lo) * k) / n);
}

const RULE = gaussLegendre(NODES);

/**
 * Visits every Gauss node of the panels between consecutive `bounds`, with its weight times the
 * standard normal density there: Σ visit(y, wt) ≈ E_y[·] over the panels' range.
 */
function gaussNodes(bounds: readonly number[], visit: (y: number, wt: number) => void): void {
  const { x: gx, w: gw } = RULE;
  for (let p = 0; p + 1 < bounds.length; p++) {
    const lo = bounds[p] as number;
    const half = 0.5 * ((bounds[p + 1] as number) - lo);
    const mid = lo + half;
    for (let k = 0; k < NODES; k++) {
      const y = mid + half * (gx[k] as number);
      visit(y, half * (gw[k] as number) * Math.exp(-0.5 * y * y) * INV_SQRT_2PI);
    }
  }
}

/** the generic map; `kinks` are the points where φ or φ' may be non-smooth */
export function genericQuadratureMap(
  act: ScalarActivation,
  kinks: readonly number[] = [0],
): KernelMap {
  const outer: number[] = [];
  const inner: number[] = [];
  const splits: number[] = [];
  const { phi, dphi } = act;

  /** E_w[φ(sa(m + rp·w))], E_w[φ'(…)] into acc[0], acc[1] */
  const acc = new Float64Array(2);
  const smoothed = (sa: number, m: number, rp: number): void => {
    splits.length = 0;
    for (const k of kinks) splits.push((k / sa - m) / rp);
    panels(splits, finest(Math.min(1, 1 / (sa * rp))), inner);
    let s0 = 0;
    let s1 = 0;
    gaussNodes(inner, (z, wt) => {
      const u = sa * (m + rp * z);
      s0 += wt * phi(u);
      s1 += wt * dphi(u);
    });
    acc[0] = s0;
    acc[1] = s1;
  };

  return {
    pair(q11, q22, q12, out) {
      const sa = Math.sqrt(Math.max(q11, 0));
      const sb = Math.sqrt(Math.max(q22, 0));
      const s = Math.sqrt(Math.max(q11, 0) * Math.max(q22, 0));
      const rho = s > 0 ? Math.max(-1, Math.min(1, q12 / s)) : 0;
      const rp = Math.sqrt((1 - rho) * (1 + rho));
      const slope = sa * Math.abs(rho);
      splits.length = 0;
      let width = 1;
      if (sb > 0) {
        for (const k of kinks) splits.push(k / sb);
        width = Math.min(width, 1 / sb);
      }
      if (slope > 0) {
        for (const k of kinks) splits.push(k / (sa * rho));
        width = Math.min(width, 1 / slope);
        if (rp > 0) width = Math.min(width, rp / Math.abs(rho));
      }
      panels(splits, finest(width), outer);
      const smooth = rp > 0 && sa > 0;
      let s0 = 0;
      let s1 = 0;
      gaussNodes(outer, (y, wt) => {
        let g0: number;
        let g1: number;
        if (smooth) {
          smoothed(sa, rho * y, rp);
          g0 = acc[0] as number;
          g1 = acc[1] as number;
        } else {
          const u = sa * rho * y;
          g0 = phi(u);
          g1 = dphi(u);
        }
        const v = sb * y;
        s0 += wt * phi(v) * g0;
        s1 += wt * dphi(v) * g1;
      });
      out[0] = s0;
      out[1] = s1;
    },
    diag(q, out) {
      const sq = Math.sqrt(Math.max(q, 0));
      splits.length = 0;
      if (sq > 0) for (const k of kinks) splits.push(k / sq);
      panels(splits, finest(sq > 0 ? Math.min(1, 1 / sq) : 1), outer);
      let s0 = 0;
      let s1 = 0;
      gaussNodes(outer, (y, wt) => {
        const u = sq * y;
        s0 += wt * phi(u) ** 2;
        s1 += wt * dphi(u) ** 2;
      });
      out[0] = s0;
      out[1] = s1;
    },
  };
}
