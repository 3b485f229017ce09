// The only place the page creates the drift-sweep worker (Vite bundles it as a module worker).
import { wrap } from 'comlink';
import type { DriftWorkerApi } from '../../workers/drift.worker';
import { DriftClient, type DriftEndpoint } from './driftClient';
import { watchWorker } from './workerSlot';

export function spawnDriftWorker(): DriftEndpoint {
  const worker = new Worker(new URL('../../workers/drift.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-drift',
  });
  return { api: wrap<DriftWorkerApi>(worker), ...watchWorker(worker) };
}

export function createDriftClient(): DriftClient {
  return new DriftClient(spawnDriftWorker);
}
