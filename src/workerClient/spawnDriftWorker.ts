// The only place the page creates the drift-sweep worker (Vite bundles it as a module worker).
import { wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { DriftApi } from '../../workers/driftSweep';
import { DriftClient, type DriftEndpoint } from './driftClient';
import { watchWorker } from './workerSlot';

export function spawnDriftWorker(): DriftEndpoint {
  const worker = new Worker(new URL('../../workers/drift.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-drift',
  });
  const remote: Remote<DriftApi> = wrap<DriftApi>(worker);
  return {
    api: {
      start: (spec) => remote.start(spec),
      advance: (ms) => remote.advance(ms),
      dispose: () => remote.dispose(),
    },
    ...watchWorker(worker),
  };
}

export function createDriftClient(): DriftClient {
  return new DriftClient(spawnDriftWorker);
}
