// The kernel half of every activation: which map computes S = E[φ(u)φ(v)], Ṡ = E[φ'(u)φ'(v)]
// for an architecture (docs/science.md#activation-kernel-maps): closed forms (closedForms.ts)
// where they exist; for tanh, sigmoid, softplus and swish the logistic scale-mixture rule
// (quadrature.ts, docs/science.md#logistic-scale-mixture); and, on request for every
// activation, the generic nested Gauss–Legendre path (quadrature/generic.ts), so each closed
// form can be cross-checked against quadrature (NT `stax.ElementwiseNumerical`).

import type { ActivationId, ArchSpec } from './arch';
import { abreluSlopes, scalarActivation } from './activations';
import { abreluMap, erfMap, geluMap, sinMap } from './closedForms';
import type { KernelMap } from './kernelMap';
import { quadratureMap, type QuadratureKind } from './quadrature';

export type KernelMethod = 'auto' | 'closed' | 'quadrature';

type ActivationParams = Pick<ArchSpec, 'activation' | 'alpha' | 'a' | 'b'>;

interface KernelHalf {
  /** the closed-form map, or null when only quadrature is available */
  closed: ((arch: ActivationParams) => KernelMap) | null;
  /** the quadrature rule tuned to this activation's shape */
  quadrature: QuadratureKind;
}

function abrelu(arch: ActivationParams): KernelMap {
  const slopes = abreluSlopes(arch);
  if (!slopes) throw new Error(`${arch.activation} is not in the ABReLU family`);
  return abreluMap(slopes[0], slopes[1]);
}

/** Adding an activation id without its kernel half fails to typecheck here. */
export const KERNEL_HALVES = {
  relu: { closed: abrelu, quadrature: 'generic' },
  leaky_relu: { closed: abrelu, quadrature: 'generic' },
  abs: { closed: abrelu, quadrature: 'generic' },
  linear: { closed: abrelu, quadrature: 'generic' },
  abrelu: { closed: abrelu, quadrature: 'generic' },
  erf: { closed: () => erfMap, quadrature: 'generic' },
  gelu: { closed: () => geluMap, quadrature: 'generic' },
  sin: { closed: () => sinMap, quadrature: 'generic' },
  tanh: { closed: null, quadrature: 'tanh' },
  sigmoid: { closed: null, quadrature: 'sigmoid' },
  softplus: { closed: null, quadrature: 'softplus' },
  swish: { closed: null, quadrature: 'swish' },
} satisfies Record<ActivationId, KernelHalf>;

/** true when the activation has a closed-form kernel map (tests check it agrees with ACTIVATIONS) */
export function hasClosedForm(id: ActivationId): boolean {
  return KERNEL_HALVES[id].closed !== null;
}

/**
 * The layer map of `arch.activation`. 'auto': closed form where one exists, else quadrature;
 * 'closed': closed form or throw; 'quadrature': numerical integration for every activation.
 */
export function kernelMapFor(arch: ActivationParams, method: KernelMethod = 'auto'): KernelMap {
  const half: KernelHalf = KERNEL_HALVES[arch.activation];
  if (method !== 'quadrature' && half.closed) return half.closed(arch);
  if (method === 'closed') throw new Error(`${arch.activation} has no closed-form kernel map`);
  return quadratureMap(scalarActivation(arch), { kind: half.quadrature });
}
