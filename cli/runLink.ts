// The page's Export JSON for a link, computed in Node by the same kernel API the worker runs.

import { createKernelApi } from '../workers/kernelApi';
import { buildExport, type ExportDocument } from '../src/params/exportJson';
import { decode, formatRepair } from '../src/params/url';

export async function runLink(
  link: string,
): Promise<{ json: ExportDocument; repairs: string[] }> {
  const { params, repairs } = decode(link);
  const payload = await createKernelApi().theory(1, params);
  return { json: buildExport(params, payload, link), repairs: repairs.map(formatRepair) };
}
