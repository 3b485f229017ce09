// The page's Export JSON for a link, computed in Node by the same kernel API the worker runs:
// the theory's summary, then its time series, exactly as the page requests them.

import { createKernelApi } from '../workers/kernelApi';
import { buildExport, type ExportDocument } from '../src/params/exportJson';
import { decode, formatRepair } from '../src/params/url';

export async function runLink(link: string): Promise<{ json: ExportDocument; repairs: string[] }> {
  const { params, repairs } = decode(link);
  const api = createKernelApi();
  const payload = await api.theory(1, params);
  const series = await api.series(1);
  return { json: buildExport(params, payload, series, link), repairs: repairs.map(formatRepair) };
}
