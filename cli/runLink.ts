// The page's Export JSON for a link, computed in Node by the same kernel API the worker runs:
// the theory's summary, then its time series, exactly as the page requests them. With `drift`,
// also the NTK drift sweep of the link's sweep settings (the sweep the page's "Run sweep" runs),
// added as the document's `drift` object as the page's export adds it after a sweep.

import { createKernelApi } from '../workers/kernelApi';
import type { DriftProgress } from '../workers/driftSweep';
import { buildExport, type ExportDocument } from '../src/formats/exportJson';
import { decode, formatRepair } from '../src/params/url';
import { driftSpecOf } from '../src/workerClient/driftSpec';

export interface LinkOptions {
  /** train the link's finite nets to K as the page does and add `ensemble` */
  train?: { onStep?: (step: number, of: number) => void };
  /** run the sweep; memoryMb overrides the link's budget (`mem`) */
  drift?: { memoryMb: number | null; onProgress?: (p: DriftProgress) => void };
}

export async function runLink(
  link: string,
  options: LinkOptions = {},
): Promise<{ json: ExportDocument; repairs: string[]; notes: string[] }> {
  const { params, repairs } = decode(link);
  const api = createKernelApi();
  const payload = await api.theory(1, params);
  const series = await api.series(1);
  const notes: string[] = [];
  let ensemble: ExportDocument['ensemble'];
  if (options.train) {
    // tfjs and the trainer load only when nets train
    const { linkEnsemble } = await import('./linkEnsemble');
    const trained = linkEnsemble(params, options.train.onStep);
    if ('note' in trained) notes.push(trained.note);
    else ensemble = trained.ensemble;
  }
  let drift: ExportDocument['drift'];
  if (options.drift) {
    const spec = driftSpecOf(params, options.drift.memoryMb ?? params.memoryMb);
    // tfjs loads only for a sweep
    const { runDriftSweep } = await import('../workers/driftSweep');
    const result = runDriftSweep(spec, options.drift.onProgress);
    for (const p of result.plan) {
      if (p.skipped) notes.push(p.skipped);
      else if (p.reduced) notes.push(`width ${p.width}: ${p.nets} nets (memory budget)`);
    }
    if (!result.export) throw new Error('the sweep gave no slope: it needs two widths that fit');
    drift = result.export;
  }
  return {
    json: buildExport(params, payload, series, link, {
      ...(ensemble ? { ensemble } : {}),
      ...(drift ? { drift } : {}),
    }),
    repairs: repairs.map(formatRepair),
    notes,
  };
}
