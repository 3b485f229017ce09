// The only place the page creates the ensemble worker (Vite bundles it as a module worker).
import { wrap } from 'comlink';
import { watchWorker } from './workerSlot';
import type { EnsembleWorkerApi } from '../../workers/ensemble.worker';
import { EnsembleClient } from './ensembleClient';
import type { EnsembleEndpoint } from './ensembleClient';

export function spawnEnsembleWorker(): EnsembleEndpoint {
  const worker = new Worker(new URL('../../workers/ensemble.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-ensemble',
  });
  return { api: wrap<EnsembleWorkerApi>(worker), ...watchWorker(worker) };
}

export function createEnsembleClient(): EnsembleClient {
  return new EnsembleClient(spawnEnsembleWorker);
}
