// A short-lived worker that measures this machine's training speed on a backend choice
// (ensembleProbe.ts) on the engine the ensemble worker would pick for it, so the page's time
// estimate is calibrated without occupying the ensemble worker; the page ends it after one answer.
import { expose } from 'comlink';
import type { EngineSpeed } from '../src/core/ensembleSpeed';
import type { BackendId } from '../src/params/schema';
import { startOnBackend } from './backendLoader';
import { probeSpeed } from './ensembleProbe';

async function probe(choice: BackendId): Promise<EngineSpeed> {
  return (await startOnBackend(choice, (engine) => probeSpeed(engine))).value;
}

export type ProbeWorkerApi = { probe: typeof probe };

expose({ probe } satisfies ProbeWorkerApi);
