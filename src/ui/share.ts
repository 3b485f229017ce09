// Copy link and Export JSON: browser glue around the pure link and export builders.
import { buildExport, exportFileName } from '../formats/exportJson';
import type { EnsembleExport } from '../formats/exportJson';
import type { Params } from '../params/schema';
import { encode } from '../params/url';
import { appStore, driftExportOf } from '../store';
import type { SeriesPayload, TheoryPayload } from '../../workers/kernelApi';

/** The full link to `params` on this page. */
export function currentLink(params: Params): string {
  const base = window.location.href.split(/[?#]/)[0] ?? '';
  const query = encode(params);
  return query ? `${base}?${query}` : base;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // insecure context or no permission: the old way
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** Download the experiment, its theory and the trained nets as ntk-playground-<timestamp>.json. */
export function downloadExport(
  params: Params,
  payload: TheoryPayload,
  series: SeriesPayload,
  ensemble: EnsembleExport | null = null,
): string {
  // a finished drift sweep of these parameters adds its `drift` object
  const drift = driftExportOf(appStore.getState().drift, params);
  const extras = { ...(ensemble ? { ensemble } : {}), ...(drift ? { drift } : {}) };
  const doc = buildExport(params, payload, series, currentLink(params), extras);
  const blob = new Blob([JSON.stringify(doc)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const name = exportFileName(new Date());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}
