import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from './activations';
import { ACTIVATION_IDS, DEFAULT_ARCH, type ActivationId, type ArchSpec } from './arch';
import { KERNEL_HALVES, hasClosedForm, kernelMapFor } from './kernelMaps';
import { evalDiag, evalPair } from './testing/kernelMapEval';

const spec = (activation: ActivationId): ArchSpec => ({
  ...DEFAULT_ARCH,
  activation,
  alpha: 0.2,
  a: -0.3,
  b: 1.7,
});

const CLOSED = ACTIVATION_IDS.filter((id) => ACTIVATIONS[id].kernel === 'closed');

describe('kernelMapFor', () => {
  it.each(ACTIVATION_IDS)('%s: closed form exists exactly when ACTIVATIONS says so', (id) => {
    expect(hasClosedForm(id)).toBe(ACTIVATIONS[id].kernel === 'closed');
    expect(KERNEL_HALVES[id]).toBeDefined();
  });

  it.each(CLOSED)("%s: 'auto' is the closed form", (id) => {
    const auto = kernelMapFor(spec(id));
    const closed = kernelMapFor(spec(id), 'closed');
    for (const [a, b, c] of [
      [1, 2, 0.4],
      [30, 0.5, -3],
    ] as const)
      expect(evalPair(auto, a, b, c)).toEqual(evalPair(closed, a, b, c));
  });

  it("'closed' throws for quadrature-only activations", () => {
    for (const id of ACTIVATION_IDS.filter((i) => !hasClosedForm(i)))
      expect(() => kernelMapFor(spec(id), 'closed')).toThrow(/closed-form/);
  });

  it.each(ACTIVATION_IDS)("%s: 'quadrature' works and diag agrees with pair", (id) => {
    const map = kernelMapFor(spec(id), 'quadrature');
    for (const q of [0.01, 0.5, 2]) {
      const d = evalDiag(map, q);
      const p = evalPair(map, q, q, q);
      expect(d.every(Number.isFinite)).toBe(true);
      expect(Math.abs(d[0] - p[0])).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(d[0])));
      expect(Math.abs(d[1] - p[1])).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(d[1])));
    }
  });
});

// Every closed form against 2-D quadrature over variances 1e-3 … 1e4 and ρ including ±1.
// sin is oscillatory: quadrature is only reliable for small variances (docs/science.md#generic-quadrature).
// The generic rule costs 10–200 ms per entry, hence the long timeouts.
const VARIANCES = [1e-3, 0.1, 1, 10, 100, 1e4];
const RHOS = [-1, -0.95, -0.3, 0, 0.5, 0.999, 1];
const CROSS_TOL = 1e-10;
const SLOW = { timeout: 240_000 };

describe.each(CLOSED)('%s: closed form vs quadrature', (id) => {
  const closed = kernelMapFor(spec(id), 'closed');
  const quad = kernelMapFor(spec(id), 'quadrature');
  const vars = id === 'sin' ? VARIANCES.filter((q) => q <= 10) : VARIANCES;

  it('diag', SLOW, () => {
    for (const q of vars) {
      const c = evalDiag(closed, q);
      const n = evalDiag(quad, q);
      expect(Math.abs(c[0] - n[0]), `S q=${q}`).toBeLessThanOrEqual(
        CROSS_TOL * Math.max(1, Math.abs(c[0])),
      );
      expect(Math.abs(c[1] - n[1]), `Ṡ q=${q}`).toBeLessThanOrEqual(
        CROSS_TOL * Math.max(1, Math.abs(c[1])),
      );
    }
  });

  it('pair', SLOW, () => {
    const pairs: [number, number][] = [];
    vars.forEach((a, i) => vars.forEach((b, j) => j >= i && j <= i + 2 && pairs.push([a, b])));
    for (const [a, b] of pairs)
      for (const rho of RHOS) {
        const cov = rho * Math.sqrt(a * b);
        const c = evalPair(closed, a, b, cov);
        const n = evalPair(quad, a, b, cov);
        const where = `(${a}, ${b}, ρ=${rho})`;
        expect(Math.abs(c[0] - n[0]), `S ${where}`).toBeLessThanOrEqual(
          CROSS_TOL * Math.max(1, Math.abs(c[0])),
        );
        expect(Math.abs(c[1] - n[1]), `Ṡ ${where}`).toBeLessThanOrEqual(
          CROSS_TOL * Math.max(1, Math.abs(c[1])),
        );
      }
  });
});
