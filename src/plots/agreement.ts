// Does the trained ensemble match the infinite-width theory at step k (docs/science.md#agreement-z-score)?
// Per test point: d(x) = ensemble mean − μ_k(x), its standard error σ_k(x)/√E from the theory's
// own spread (what E independent draws of the infinite ensemble would scatter by), the
// empirical standard error √(var(x)/E) for comparison, and z(x) = |d(x)| / (σ_k(x)/√E).
// Points where σ_k is below `floorFraction` of its largest value are left out of z: there the
// theory is nearly certain (training points at late times) and float32 round-off and
// finite-width effects, not sampling noise, set the residual.

export interface AgreementStats {
  diff: Float64Array;
  /** σ_k/√E */
  se: Float64Array;
  /** √(var/E), var with divisor E − 1 */
  seEmpirical: Float64Array;
  /** |diff|/se, NaN where left out */
  z: Float64Array;
  /** the largest z (NaN when no point counts) and where */
  zMax: number;
  zMaxIndex: number;
  /** how many points counted */
  counted: number;
}

export function agreementStats(
  mean: ArrayLike<number>,
  theoryMean: ArrayLike<number>,
  theoryStd: ArrayLike<number>,
  variance: ArrayLike<number>,
  nets: number,
  floorFraction = 0.01,
): AgreementStats {
  const m = mean.length;
  const diff = new Float64Array(m);
  const se = new Float64Array(m);
  const seEmpirical = new Float64Array(m);
  const z = new Float64Array(m).fill(NaN);
  const root = Math.sqrt(Math.max(1, nets));
  let stdMax = 0;
  for (let i = 0; i < m; i++) {
    const s = theoryStd[i] ?? NaN;
    if (Number.isFinite(s) && s > stdMax) stdMax = s;
  }
  let zMax = NaN;
  let zMaxIndex = -1;
  let counted = 0;
  for (let i = 0; i < m; i++) {
    const s = theoryStd[i] ?? NaN;
    diff[i] = (mean[i] ?? NaN) - (theoryMean[i] ?? NaN);
    se[i] = s / root;
    seEmpirical[i] = Math.sqrt(Math.max(0, variance[i] ?? NaN) / Math.max(1, nets));
    if (!(s > floorFraction * stdMax) || !Number.isFinite(diff[i]!)) continue;
    const zi = Math.abs(diff[i]!) / se[i]!;
    z[i] = zi;
    counted++;
    if (!(zi <= zMax)) {
      zMax = zi;
      zMaxIndex = i;
    }
  }
  return { diff, se, seEmpirical, z, zMax, zMaxIndex, counted };
}

export type AgreementVerdict = 'within' | 'edge' | 'differs' | 'unknown';

/** below 3: within sampling noise; 3–4.5 (the bound of docs/science.md#finite-nets-vs-theory): at its edge; above: differs */
export function verdict(zMax: number): AgreementVerdict {
  if (!Number.isFinite(zMax)) return 'unknown';
  if (zMax < 3) return 'within';
  if (zMax <= 4.5) return 'edge';
  return 'differs';
}

/** one plain line for a student */
export function reading(zMax: number, nets: number): string {
  switch (verdict(zMax)) {
    case 'within':
      return 'The ensemble matches the infinite-width theory within sampling noise.';
    case 'edge':
      return `At the edge of sampling noise: the largest z of the ${nets} nets is a little high, which happens by chance across many points, or is an early sign of finite-width effects.`;
    case 'differs':
      return 'The ensemble differs from the theory by more than sampling noise: finite-width effects (the nets are not infinitely wide) or too few nets are the likely reasons.';
    case 'unknown':
      return 'No comparison yet.';
  }
}
