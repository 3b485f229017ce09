// What the kernel lens asks the workers for, behind one small interface, so the lens can be
// built and tested without the page's ensemble: the analytic row comes from the kernel client,
// the empirical kernels from the ensemble client (none when no finite ensemble exists).
// Replies of a superseded generation reject with SupersededError, as in the clients.

import type { KernelRowPayload } from '../../workers/kernelApi';
import type { EnsembleClient } from './ensembleClient';
import type { KernelClient } from './kernelClient';

export type LensWhich = 'init' | 'current';

export interface LensSource {
  /** mean empirical NTK over the nets on x_train of ensemble generation `ensembleGen` (N x N) */
  empiricalNtk(ensembleGen: number, which: LensWhich): Promise<Float64Array>;
  /** mean empirical Θ̂(x₀, x_test) over the nets (x₀: d numbers, xTest: M x d) → M values */
  ntkCross(
    ensembleGen: number,
    x0: Float64Array,
    xTest: Float64Array,
    which: LensWhich,
  ): Promise<Float64Array>;
  /** the analytic Θ(x₀, x_test) and K(x₀, x_test) of theory generation `theoryGen` */
  analyticRow(theoryGen: number, x0: Float64Array): Promise<Pick<KernelRowPayload, 'ntk' | 'nngp'>>;
}

export type LensKernelClient = Pick<KernelClient, 'kernelRow'>;
export type LensEnsembleClient = Pick<EnsembleClient, 'empiricalNtk' | 'ntkCross'>;

const NO_ENSEMBLE = 'no finite ensemble has been trained';

/** The lens's source over the page's clients; `ensemble` null: analytic parts only. */
export function createLensSource(
  kernel: LensKernelClient,
  ensemble: LensEnsembleClient | null,
): LensSource {
  return {
    empiricalNtk: (gen, which) =>
      ensemble
        ? ensemble.empiricalNtk(gen, which).then((r) => r.value)
        : Promise.reject(new Error(NO_ENSEMBLE)),
    ntkCross: (gen, x0, xTest, which) =>
      ensemble
        ? ensemble.ntkCross(gen, x0, xTest, which).then((r) => r.value)
        : Promise.reject(new Error(NO_ENSEMBLE)),
    analyticRow: (gen, x0) => kernel.kernelRow(gen, x0).then(({ ntk, nngp }) => ({ ntk, nngp })),
  };
}
