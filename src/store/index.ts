// The app's one store and its React hook; startApp wires it to the kernel worker and the URL.
import { useStore } from 'zustand';
import { createEnsembleClient } from '../workerClient/spawnEnsembleWorker';
import { createKernelClient } from '../workerClient/spawnKernelWorker';
import { createAppStore } from './appState';
import type { AppState } from './appState';
import { connectEnsemble } from './ensembleController';
import type { EnsembleHandle } from './ensembleController';
import { connectTheory } from './theoryController';
import { startUrlSync } from './urlSync';

export type { AppState, AppStore } from './appState';
export type { SeriesStatus, TheoryStatus, TheoryState } from './theorySlice';
export { canExport, seriesStatus } from './theorySlice';
export { resolveCursor, lastStep, payloadRate, seriesOf } from './cursor';
export type { CursorBand } from './cursor';
export { shareLink } from './urlSync';
export type {
  EnsembleCommand,
  EnsembleState,
  EnsembleStatus,
  EnsemblePlan,
  RecordedFrame,
} from './ensembleSlice';
export { ensembleExport, frameAtOrBefore, meanLoss } from './ensembleSlice';

export const appStore = createAppStore();

/** Select a slice of the store in a component (re-renders when the selection changes). */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

let ensemble: EnsembleHandle | null = null;

/**
 * The mean empirical NTK (N x N on xTrain, row-major) of the finite nets on screen, at init or
 * at their newest step (`step`), for the kernel lens; rejects when no nets are trained. A reply
 * for nets that were replaced meanwhile rejects with a SupersededError.
 */
export function ensembleKernel(
  which: 'init' | 'current',
): Promise<{ gen: number; step: number; ntk: Float64Array }> {
  if (!ensemble) return Promise.reject(new Error('the app is not started'));
  return ensemble.kernel(which);
}

/** the page was opened with an experiment in its link (then the nets train at once) */
function openedWithLink(location: Location): boolean {
  return `${location.search}${location.hash}`.includes('=');
}

/** Decode the link, then start computing; returns a function that stops everything. */
export function startApp(): () => void {
  const autoStart = openedWithLink(window.location);
  const stopUrl = startUrlSync(appStore, window);
  const client = createKernelClient();
  const stopTheory = connectTheory(appStore, client);
  const ensembleClient = createEnsembleClient();
  ensemble = connectEnsemble(appStore, ensembleClient, { autoStart });
  return () => {
    ensemble?.stop();
    ensemble = null;
    ensembleClient.dispose();
    stopTheory();
    stopUrl();
    client.dispose();
  };
}
