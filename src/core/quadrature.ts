// Numerical kernel maps S = E[φ(u)φ(v)], Ṡ = E[φ'(u)φ'(v)] for (u, v) ~ N(0, [[q11, q12],
// [q12, q22]]) when φ has no closed form (docs/science.md#logistic-scale-mixture, docs/science.md#generic-quadrature).
// * tanh, sigmoid, softplus, swish (fast path, quadrature/mixtureMaps.ts): the logistic law is a
//   Gaussian scale mixture (Andrews & Mallows 1974), so each expectation is an average over two
//   independent scales of closed forms (orthant probability, arc-cosine and GELU kernels),
//   taken with an 8-point Gauss rule in log-scale: 64 closed-form terms per entry, error
//   ≤ 4e-10 (swish 7.1e-10) relative to √(S(q11)·S(q22)) (likewise Ṡ) at every variance
//   1e-6…1e5, variance ratio up to 1e6 and correlation incl. ρ = ±1 (measured; quadrature.test.ts
//   asserts 2e-9 against adaptive Gauss–Kronrod); 0.7–1.4 µs per entry (Node, one core).
// * any other φ (generic path, quadrature/generic.ts): nested Gauss–Legendre on panels graded
//   toward the kinks of φ (exact to rounding for piecewise-linear φ, ≤ 1e-10 for erf/gelu up to
//   q = 1e5, sin only for q ≲ 100); slow (~10⁵ φ-evaluations, 1–30 ms per entry), meant for
//   cross-checking the closed forms.
// The fast path is chosen from `kind`, or, when `kind` is omitted, by recognising φ and φ'.

import type { ScalarActivation } from './activations';
import type { KernelMap } from './kernelMap';
import { genericQuadratureMap } from './quadrature/generic';
import { logisticMixtureMap, type MixtureKind } from './quadrature/mixtureMaps';

export type QuadratureKind = MixtureKind | 'generic';

export interface QuadratureOptions {
  /**
   * Which structure to exploit. A logistic-family kind must match `act` (checked: throws
   * otherwise); 'generic' forces the generic path; omitted: recognised from φ, φ'.
   */
  kind?: QuadratureKind;
  /** fast path: mixture order n (n² terms per entry); default 8. n = 6 → ~3e-8, n = 10 → ~1e-11 */
  order?: number;
  /** generic path: points where φ or φ' is not smooth; default [0] */
  kinks?: readonly number[];
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** reference φ and φ' of the logistic family, used to recognise/check an activation */
const FAMILY: Record<MixtureKind, ScalarActivation> = {
  tanh: { phi: Math.tanh, dphi: (x) => 1 - Math.tanh(x) ** 2 },
  sigmoid: { phi: sigmoid, dphi: (x) => sigmoid(x) * sigmoid(-x) },
  softplus: { phi: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), dphi: sigmoid },
  swish: { phi: (x) => x * sigmoid(x), dphi: (x) => sigmoid(x) * (1 + x * sigmoid(-x)) },
};

const PROBES = [-40, -11.3, -3.7, -1, -0.31, -1e-3, 0, 2e-4, 0.27, 0.9, 2.2, 6.1, 17, 45];

/** true when act agrees with the family member to ~1e-12 at a set of probe points */
export function matchesKind(act: ScalarActivation, kind: MixtureKind): boolean {
  const ref = FAMILY[kind];
  return PROBES.every((x) => {
    const p = ref.phi(x);
    const d = ref.dphi(x);
    return (
      Math.abs(act.phi(x) - p) <= 1e-12 * (1 + Math.abs(p)) &&
      Math.abs(act.dphi(x) - d) <= 1e-12 * (1 + Math.abs(d))
    );
  });
}

/** the logistic-family kind `act` is, or null */
export function detectKind(act: ScalarActivation): MixtureKind | null {
  for (const kind of ['tanh', 'sigmoid', 'softplus', 'swish'] as const)
    if (matchesKind(act, kind)) return kind;
  return null;
}

/** A KernelMap computing S, Ṡ of `act` by quadrature (see the file comment for the methods). */
export function quadratureMap(act: ScalarActivation, options: QuadratureOptions = {}): KernelMap {
  const { kind, order = 8, kinks = [0] } = options;
  if (!Number.isInteger(order) || order < 2 || order > 24)
    throw new Error(`quadratureMap: order ${order} not in 2..24`);
  if (kind === 'generic') return genericQuadratureMap(act, kinks);
  if (kind !== undefined) {
    if (!matchesKind(act, kind)) throw new Error(`quadratureMap: the activation is not ${kind}`);
    return logisticMixtureMap(kind, order);
  }
  const found = detectKind(act);
  return found ? logisticMixtureMap(found, order) : genericQuadratureMap(act, kinks);
}
