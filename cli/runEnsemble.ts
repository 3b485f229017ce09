// `--case <file> --ensemble E --seed S`: train E finite nets on the case with the trainer the page
// uses (workers/ensembleApi.ts) and report them beside the theory (docs/architecture.md#cli-and-bench):
//   ensemble = {width, size, seed, t, mean [T][M], var [T][M], ntkInit [N][N], ntkDrift [T]}
// t: the case's finite step counts in the case's order (t = ∞ skipped); mean/var over the nets
// on x_test (variance divisor E − 1); ntkInit the mean empirical NTK at init on x_train;
// ntkDrift the mean over nets of ‖Θ̂_k − Θ̂_0‖_F/‖Θ̂_0‖_F.
// Loss and learning rate: a case's loss is (c/2)·Σ(f − y)² with step lr, whose gradient step
// θ ← θ − lr·c·Σ(f − y)∇f is exactly the trainer's ½·mean step (1/N)·Σ(f − y)∇f with
// η = lr·c·N. The nets train every layer (the case's "nngp" mode, readout only, is not a
// finite-net option) and without the case's diag_reg (finite GD here has no regulariser).

import type { ReferenceCaseInput } from '../src/formats/referenceCases';
import type { EnsembleExport } from '../src/formats/exportJson';
import { toRows } from '../src/formats/exportJson';
import type { EngineKind } from '../workers/engines/engine';
import { createEnsembleApi, largestFitting, memoryEstimate } from '../workers/ensembleApi';

export interface EnsembleOptions {
  size: number;
  seed: number;
  memoryMb: number;
  engine?: EngineKind;
}

/** the trainer's ½·mean step size equivalent to a case's (c/2)Σ(f − y)² at step lr */
export function halfMeanRate(lr: number, lossScale: number, n: number): number {
  return lr * lossScale * n;
}

const flat = (rows: number[][]) => Float64Array.from(rows.flat());
const mbText = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)} MB`;

/** The one-line refusal when the ensemble does not fit the budget, or null when it does. */
export function overBudget(
  input: ReferenceCaseInput,
  size: number,
  memoryMb: number,
): string | null {
  const shape = { arch: input.arch, size, dim: input.x_train[0]!.length, xTrain: input.x_train };
  const budget = memoryMb * 2 ** 20;
  const need = memoryEstimate(shape);
  if (need <= budget) return null;
  const fit = largestFitting(shape, budget);
  const w = input.arch.width;
  const options =
    fit.size >= 2
      ? `at width ${w} at most ${fit.size} nets fit`
      : `at width ${w} not even 2 nets fit`;
  const wider = fit.width >= 1 ? `, or ${size} nets up to width ${fit.width}` : '';
  return `${size} nets at width ${w} need ${mbText(need)}, over the ${memoryMb} MB budget (--memory-mb): ${options}${wider}`;
}

export function runEnsemble(input: ReferenceCaseInput, opts: EnsembleOptions): EnsembleExport {
  const refusal = overBudget(input, opts.size, opts.memoryMb);
  if (refusal) throw new Error(refusal);
  const dim = input.x_train[0]!.length;
  const n = input.x_train.length;
  const t = input.dynamics.t.filter((k): k is number => k !== 'inf');
  const api = createEnsembleApi();
  try {
    api.init({
      arch: input.arch,
      size: opts.size,
      seed: opts.seed,
      xTrain: flat(input.x_train),
      yTrain: input.y_train,
      xTest: flat(input.x_test),
      dim,
      lr: halfMeanRate(input.dynamics.lr, input.dynamics.loss_scale, n),
      // the page's engine on a machine without a GPU: the fused WASM SIMD kernel
      engine: opts.engine ?? 'simd',
    });
    const ntkInit = api.empiricalNtk('init');
    // train forward through the distinct steps in ascending order, then report in case order
    const at = new Map<number, { mean: number[]; var: number[]; drift: number }>();
    let k = 0;
    for (const target of [...new Set(t)].sort((a, b) => a - b)) {
      const frame = api.step(target - k);
      k = target;
      at.set(target, {
        mean: Array.from(frame.mean),
        var: Array.from(frame.var),
        drift: target === 0 ? 0 : api.ntkDrift(),
      });
    }
    const rows = t.map((s) => at.get(s)!);
    return {
      width: input.arch.width,
      size: opts.size,
      seed: opts.seed,
      t,
      mean: rows.map((r) => r.mean),
      var: rows.map((r) => r.var),
      ntkInit: toRows(ntkInit, n),
      ntkDrift: rows.map((r) => r.drift),
    };
  } finally {
    api.dispose();
  }
}
