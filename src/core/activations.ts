// The scalar half of every activation φ: value, derivative and, for the piecewise-linear
// ABReLU family φ(x) = a₋·min(x,0) + b₊·max(x,0), its two slopes. Kernel maps (the Gaussian
// expectations E[φ(u)φ(v)], E[φ'(u)φ'(v)]) are built from these in kernelMaps.ts.
// φ'(0) follows TF/tfjs autodiff: a₋ for the ABReLU family (docs/science.md#zero-variance-rule).

import type { ActivationId, ArchSpec } from './arch';
import { erf, normalCdf, normalPdf } from './special';

export interface ScalarActivation {
  phi: (x: number) => number;
  dphi: (x: number) => number;
}

export interface ActivationInfo {
  label: string;
  /** how the infinite-width kernel map is computed */
  kernel: 'closed' | 'quadrature';
  /** a one-line formula for the UI */
  formula: string;
}

export const ACTIVATIONS = {
  relu: { label: 'ReLU', kernel: 'closed', formula: 'max(x, 0)' },
  leaky_relu: { label: 'Leaky ReLU', kernel: 'closed', formula: 'max(x, αx)' },
  abs: { label: 'Abs', kernel: 'closed', formula: '|x|' },
  linear: { label: 'Linear', kernel: 'closed', formula: 'x' },
  abrelu: { label: 'ABReLU (two slopes)', kernel: 'closed', formula: 'a·min(x,0) + b·max(x,0)' },
  erf: { label: 'erf', kernel: 'closed', formula: 'erf(x)' },
  gelu: { label: 'GELU', kernel: 'closed', formula: 'x·Φ(x)' },
  sin: { label: 'sin', kernel: 'closed', formula: 'sin(x)' },
  tanh: { label: 'tanh', kernel: 'quadrature', formula: 'tanh(x)' },
  sigmoid: { label: 'Sigmoid', kernel: 'quadrature', formula: '1/(1+e^{−x})' },
  softplus: { label: 'Softplus', kernel: 'quadrature', formula: 'log(1+eˣ)' },
  swish: { label: 'Swish', kernel: 'quadrature', formula: 'x·sigmoid(x)' },
} as const satisfies Record<ActivationId, ActivationInfo>;

/** [a₋, b₊] for the ABReLU family, null for other activations */
export function abreluSlopes(
  arch: Pick<ArchSpec, 'activation' | 'alpha' | 'a' | 'b'>,
): [number, number] | null {
  switch (arch.activation) {
    case 'relu':
      return [0, 1];
    case 'leaky_relu':
      return [arch.alpha, 1];
    case 'abs':
      return [-1, 1];
    case 'linear':
      return [1, 1];
    case 'abrelu':
      return [arch.a, arch.b];
    default:
      return null;
  }
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

const SMOOTH: Record<
  Exclude<ActivationId, 'relu' | 'leaky_relu' | 'abs' | 'linear' | 'abrelu'>,
  ScalarActivation
> = {
  erf: { phi: erf, dphi: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x) },
  gelu: { phi: (x) => x * normalCdf(x), dphi: (x) => normalCdf(x) + x * normalPdf(x) },
  sin: { phi: Math.sin, dphi: Math.cos },
  tanh: {
    phi: Math.tanh,
    dphi: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
  },
  sigmoid: {
    phi: sigmoid,
    dphi: (x) => {
      const s = sigmoid(x);
      return s * (1 - s);
    },
  },
  softplus: { phi: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), dphi: sigmoid },
  swish: {
    phi: (x) => x * sigmoid(x),
    dphi: (x) => {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    },
  },
};

/** φ and φ' for an architecture's activation (slopes taken from the spec) */
export function scalarActivation(
  arch: Pick<ArchSpec, 'activation' | 'alpha' | 'a' | 'b'>,
): ScalarActivation {
  const slopes = abreluSlopes(arch);
  if (slopes) {
    const [am, bp] = slopes;
    return { phi: (x) => (x > 0 ? bp * x : am * x), dphi: (x) => (x > 0 ? bp : am) };
  }
  return SMOOTH[arch.activation as keyof typeof SMOOTH];
}
