// The app's one store and its React hook; startApp wires it to the kernel worker and the URL.
import { useStore } from 'zustand';
import { createDriftClient } from '../workerClient/spawnDriftWorker';
import { createLensSource } from '../workerClient/lensSource';
import { createKernelClient } from '../workerClient/spawnKernelWorker';
import { createAppStore } from './appState';
import type { AppState } from './appState';
import { connectDrift } from './driftController';
import { connectLens } from './lensController';
import { connectTheory } from './theoryController';
import { startUrlSync } from './urlSync';

export type { AppState, AppStore } from './appState';
export type { SeriesStatus, TheoryStatus, TheoryState } from './theorySlice';
export { canExport, seriesStatus } from './theorySlice';
export { resolveCursor, lastStep, payloadRate, seriesOf } from './cursor';
export type { CursorBand } from './cursor';
export { shareLink } from './urlSync';
export type { DriftState, DriftStatus } from './driftSlice';
export { driftExportOf, driftStaleKeys } from './driftSlice';
export type { LensState, LensAnalytic, LensEmpirical, LensEmpiricalRow } from './lensSlice';

export const appStore = createAppStore();

/** Select a slice of the store in a component (re-renders when the selection changes). */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Decode the link, then start computing; returns a function that stops both. */
export function startApp(): () => void {
  const stopUrl = startUrlSync(appStore, window);
  const client = createKernelClient();
  const stopTheory = connectTheory(appStore, client);
  // the kernel lens: analytic parts now; the coordinator passes the ensemble client and its
  // state selector here once the page trains an ensemble
  const stopLens = connectLens(appStore, createLensSource(client, null), {
    selectEnsemble: () => null,
  });
  const driftClient = createDriftClient();
  const stopDrift = connectDrift(appStore, driftClient);
  return () => {
    stopDrift();
    driftClient.dispose();
    stopLens();
    stopTheory();
    stopUrl();
    client.dispose();
  };
}
