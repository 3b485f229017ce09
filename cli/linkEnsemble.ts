// `'<link>' --train`: train the link's finite nets exactly as the page does — the same plan
// (src/params/ensemblePlan.ts), the same trainer and engine (nodeEngineOf there), the same recorded steps (the theory's step grid up to K) and the same drift — and
// give the `ensemble` object the page's Export JSON holds once training has reached K.
// GD is deterministic and chunking does not change it, so on the same engine the numbers are
// the page's to the last bit.

import {
  ensembleExportOf,
  type EnsembleExport,
  type EnsembleRecord,
} from '../src/formats/exportJson';
import { stepGrid } from '../src/params/experiment';
import type { Params } from '../src/params/schema';
import { nodeEngineOf, offReason, planEnsemble } from '../src/params/ensemblePlan';
import { createEnsembleApi } from '../workers/ensembleApi';

/** The link's ensemble, or why the page trains none for it (width ∞, readout-only, memory). */
export function linkEnsemble(
  params: Params,
  onStep?: (step: number, of: number) => void,
): { ensemble: EnsembleExport } | { note: string } {
  const off = offReason(params);
  if (off) return { note: off };
  const { plan, spec } = planEnsemble(params);
  if (!plan.fits)
    return {
      note: `${plan.size} nets of width ${plan.width} need ${Math.ceil(plan.memoryBytes / 2 ** 20)} MB, over the link's ${params.memoryMb} MB budget: none train`,
    };
  const engine = nodeEngineOf(params.backend);
  const api = createEnsembleApi();
  try {
    let frame = api.init({ ...spec, engine });
    const ntkInit = api.empiricalNtk('init');
    const records: EnsembleRecord[] = [];
    const grid = stepGrid(params.maxSteps);
    for (const target of grid) {
      if (target > frame.step) frame = api.step(target - frame.step);
      records.push({
        step: frame.step,
        mean: frame.mean,
        var: frame.var,
        lossTrain: frame.lossTrain,
        lossTest: frame.lossTest,
        drift: frame.step === 0 ? 0 : api.ntkDrift(),
      });
      onStep?.(frame.step, params.maxSteps);
    }
    const head = { width: plan.width, size: plan.size, seed: params.seed };
    return { ensemble: ensembleExportOf(head, records, ntkInit) };
  } finally {
    api.dispose();
  }
}
