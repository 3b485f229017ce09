// The app's one store and its React hook; startApp wires it to the kernel worker and the URL.
import { useStore } from 'zustand';
import { createDriftClient } from '../workerClient/spawnDriftWorker';
import { createEnsembleClient } from '../workerClient/spawnEnsembleWorker';
import { createSpeedProbe } from '../workerClient/spawnProbeWorker';
import { createLensSource } from '../workerClient/lensSource';
import { createKernelClient } from '../workerClient/spawnKernelWorker';
import { createAppStore } from './appState';
import type { AppState } from './appState';
import { connectDrift } from './driftController';
import { connectEnsemble } from './ensembleController';
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
  const ensemble = connectEnsemble(appStore, ensembleClient, {
    autoStart,
    probeSpeed: createSpeedProbe(),
  });
  // the kernel lens reads the nets on screen (their generation and newest step)
  const stopLens = connectLens(appStore, createLensSource(client, ensembleClient), {
    selectEnsemble: (s) =>
      s.ensemble.gen !== 0 && s.ensemble.frames.length > 0
        ? { gen: s.ensemble.gen, step: s.ensemble.latestStep }
        : null,
  });
  const driftClient = createDriftClient();
  const stopDrift = connectDrift(appStore, driftClient);
  return () => {
    stopDrift();
    driftClient.dispose();
    stopLens();
    ensemble.stop();
    ensembleClient.dispose();
    stopTheory();
    stopUrl();
    client.dispose();
  };
}
