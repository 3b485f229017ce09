// The only place the page creates the ensemble worker (Vite bundles it as a module worker).
import { wrap } from 'comlink';
import type { Remote } from 'comlink';
import { watchWorker } from './workerSlot';
import type { EnsembleWorkerApi } from '../../workers/ensemble.worker';
import { EnsembleClient } from './ensembleClient';
import type { EnsembleEndpoint, EnsembleRemote } from './ensembleClient';

export function spawnEnsembleWorker(): EnsembleEndpoint {
  const worker = new Worker(new URL('../../workers/ensemble.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-ensemble',
  });
  const remote: Remote<EnsembleWorkerApi> = wrap<EnsembleWorkerApi>(worker);
  const api: EnsembleRemote = {
    init: (spec) => remote.init(spec),
    initWith: (spec, choice) => remote.initWith(spec, choice),
    step: (k) => remote.step(k),
    frame: () => remote.frame(),
    restart: (lr) => remote.restart(lr),
    empiricalNtk: (which) => remote.empiricalNtk(which),
    ntkDrift: () => remote.ntkDrift(),
    dispose: () => remote.dispose(),
    ntkCross: (xa, xb, which) => remote.ntkCross(xa, xb, which),
  };
  return { api, ...watchWorker(worker) };
}

export function createEnsembleClient(): EnsembleClient {
  return new EnsembleClient(spawnEnsembleWorker);
}
