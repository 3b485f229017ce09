// Statistics of the NTK drift-vs-width sweep (docs/science.md#drift-slope-fit): per width the mean over nets and
// its standard error, and the log-log slope of the mean against width with its standard error.
//
// Slope estimator: weighted least squares of y_i = ln(mean_i) on x_i = ln(width_i), with the
// standard error of each mean carried to log space by the delta method, σ_i = se_i / mean_i, and
// weights w_i = 1/σ_i². Then
//   slope = Σw(x − x̄)(y − ȳ) / Σw(x − x̄)²   (x̄, ȳ the weighted means)
//   SE    = √(1 / Σw(x − x̄)²) · max(1, √(χ² / (k − 2)))   χ² = Σw(y − a − slope·x)²
// The first factor is the SE the per-width sampling noise alone implies; the second (the Birge
// ratio, applied only with k ≥ 3 widths and only when it exceeds 1) widens it when the points
// scatter about the line more than their error bars allow, i.e. when a power law does not fit
// the widths exactly. Where some width has no usable error bar (one net, or se = 0) the fit
// falls back to ordinary least squares with the SE from the residuals, s²/Σ(x − x̄)² with
// s² = RSS/(k − 2) (NaN with only two widths).

export interface MeanSe {
  mean: number;
  /** standard error of the mean: sample standard deviation (divisor n − 1) / √n; NaN if n < 2 */
  se: number;
}

/** Mean and standard error of the mean of `values` (NaN mean when empty). */
export function meanSe(values: readonly number[]): MeanSe {
  const n = values.length;
  if (n === 0) return { mean: NaN, se: NaN };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, se: NaN };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

export interface SlopeFit {
  /** d ln(mean) / d ln(width) */
  slope: number;
  /** standard error of the slope (NaN when it cannot be estimated) */
  slopeSe: number;
  /** ln(mean) at ln(width) = 0: the fitted line is mean = exp(intercept) · width^slope */
  intercept: number;
  method: 'wls' | 'ols';
  /** Σw·residual² (wls) or the residual sum of squares (ols), in log space */
  chi2: number;
}

/**
 * Log-log slope of `mean` against `width` (see the header for the estimator). Needs ≥ 2 points
 * with positive finite width and mean and at least two distinct widths; otherwise null.
 */
export function fitLogLogSlope(
  widths: readonly number[],
  means: readonly number[],
  ses: readonly number[],
): SlopeFit | null {
  const x: number[] = [];
  const y: number[] = [];
  const sigma: number[] = [];
  widths.forEach((w, i) => {
    const m = means[i] ?? NaN;
    if (!(w > 0 && m > 0 && Number.isFinite(w) && Number.isFinite(m))) return;
    x.push(Math.log(w));
    y.push(Math.log(m));
    sigma.push((ses[i] ?? NaN) / m);
  });
  const k = x.length;
  if (k < 2) return null;
  const weighted = sigma.every((s) => s > 0 && Number.isFinite(s));
  const w = weighted ? sigma.map((s) => 1 / (s * s)) : x.map(() => 1);
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < k; i++) {
    sw += w[i]!;
    sx += w[i]! * x[i]!;
    sy += w[i]! * y[i]!;
  }
  const xm = sx / sw;
  const ym = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    sxx += w[i]! * (x[i]! - xm) ** 2;
    sxy += w[i]! * (x[i]! - xm) * (y[i]! - ym);
  }
  // all widths equal (up to rounding in x̄): no slope
  if (!(sxx > 1e-12 * sw)) return null;
  const slope = sxy / sxx;
  const intercept = ym - slope * xm;
  let chi2 = 0;
  for (let i = 0; i < k; i++) chi2 += w[i]! * (y[i]! - intercept - slope * x[i]!) ** 2;
  let slopeSe: number;
  if (weighted) {
    const birge = k > 2 ? Math.max(1, Math.sqrt(chi2 / (k - 2))) : 1;
    slopeSe = Math.sqrt(1 / sxx) * birge;
  } else {
    slopeSe = k > 2 ? Math.sqrt(chi2 / (k - 2) / sxx) : NaN;
  }
  return { slope, slopeSe, intercept, method: weighted ? 'wls' : 'ols', chi2 };
}

/** Relative Frobenius distance ‖a − b‖_F / ‖b‖_F of two equally long arrays. */
export function relativeFrobenius(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += ((a[i] ?? NaN) - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

/** Widths of a sweep: `from`, doubling, while ≤ `to` (`to` need not be on the ladder). */
export function sweepWidths(from: number, to: number): number[] {
  const out: number[] = [];
  if (!(from >= 1) || !Number.isFinite(to)) return out;
  for (let w = Math.floor(from); w <= to; w *= 2) out.push(w);
  return out;
}
