// Spectral functions of gradient descent on a quadratic (docs/science.md#spectral-form; Lee et al., NeurIPS
// 2019): for an eigenvalue λ of the dynamics kernel, rate r and step count k,
//   discrete   E = (1 − rλ)^k      g = (1 − E)/λ          (g = r·k for λ ≤ 1e-300)
//   continuous E = exp(−rλk)       g = −expm1(−rλk)/λ     (g = r·k for λ ≤ 1e-300)
//   k = ∞      E = 0, g = 1/λ for λ > max(1e-12·λ_max, 1e-300); else E = 1, g = 0
// 1 − E = −expm1(k·log1p(−rλ)) for rλ < 1 avoids cancellation as λ → 0; rλ ≥ 1 uses the
// direct power. Diverging GD (rλ_max > 2) overflows only through (1 − rλ)^k, so both E and g are
// returned divided by s = max(1, max_λ |E|), with ln s reported: callers multiply the final
// (bounded) sums by s, and nothing overflows before the true value does.

export type Form = 'discrete' | 'continuous';
/** a whole step count k ≥ 0 (any k ≥ 0 for the continuous form), or 'inf' */
export type StepCount = number | 'inf';

export interface SpectralWeights {
  /** E(λ_a)/s */
  e: Float64Array;
  /** g(λ_a)/s */
  g: Float64Array;
  /** ln s ≥ 0; 0 unless discrete GD diverges (rλ_max > 2, k ≥ 1) */
  logScale: number;
}

const TINY = 1e-300;

/** E and g at every eigenvalue (ascending or not, all ≥ 0), scaled by 1/s (see file comment) */
export function spectralWeights(
  eigs: Float64Array,
  rate: number,
  k: StepCount,
  form: Form,
  lambdaMax: number,
): SpectralWeights {
  const n = eigs.length;
  const e = new Float64Array(n);
  const g = new Float64Array(n);
  if (k === 'inf') {
    const cut = Math.max(1e-12 * lambdaMax, TINY);
    for (let a = 0; a < n; a++) {
      const l = eigs[a] as number;
      if (l > cut) g[a] = 1 / l;
      else e[a] = 1;
    }
    return { e, g, logScale: 0 };
  }
  if (!(k >= 0 && Number.isFinite(k))) throw new Error(`step count: expected k ≥ 0, got ${k}`);
  if (form === 'continuous') {
    for (let a = 0; a < n; a++) {
      const l = eigs[a] as number;
      const x = -rate * l * k;
      e[a] = Math.exp(x);
      g[a] = l > TINY ? -Math.expm1(x) / l : rate * k;
    }
    return { e, g, logScale: 0 };
  }
  if (!Number.isInteger(k))
    throw new Error(`step count: the discrete form needs a whole k, got ${k}`);
  const top = rate * lambdaMax;
  const logScale = top > 2 && k > 0 ? k * Math.log(top - 1) : 0;
  const invS = Math.exp(-logScale);
  for (let a = 0; a < n; a++) {
    const l = eigs[a] as number;
    const x = rate * l;
    if (x < 1) {
      const lg = k * Math.log1p(-x);
      e[a] = Math.exp(lg - logScale);
      g[a] = (l > TINY ? -Math.expm1(lg) / l : rate * k) * invS;
    } else {
      if (logScale === 0) e[a] = (1 - x) ** k;
      else e[a] = (1 - x < 0 && k % 2 === 1 ? -1 : 1) * Math.exp(k * Math.log(x - 1) - logScale);
      g[a] = (invS - (e[a] as number)) / l;
    }
  }
  return { e, g, logScale };
}

/** x·e^logScale without intermediate overflow: ±Infinity only when the product overflows */
export function timesScale(x: number, logScale: number): number {
  if (logScale === 0 || x === 0) return x;
  if (logScale < 700) return x * Math.exp(logScale);
  return Math.sign(x) * Math.exp(Math.log(Math.abs(x)) + logScale);
}
