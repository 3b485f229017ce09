// The only place the page creates the speed-probe worker (workers/probe.worker.ts): one probe per
// backend choice and page load, cached, each in a worker of its own that ends after answering.
import { wrap } from 'comlink';
import type { EngineSpeed } from '../core/ensembleSpeed';
import type { BackendId } from '../params/schema';
import type { ProbeWorkerApi } from '../../workers/probe.worker';

async function probeOnce(choice: BackendId): Promise<EngineSpeed> {
  const worker = new Worker(new URL('../../workers/probe.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-speed-probe',
  });
  try {
    return await wrap<ProbeWorkerApi>(worker).probe(choice);
  } finally {
    worker.terminate();
  }
}

/** this machine's training speed on `choice`, probed once per page load */
export function createSpeedProbe(): (choice: BackendId) => Promise<EngineSpeed> {
  const cache = new Map<BackendId, Promise<EngineSpeed>>();
  return (choice) => {
    let speed = cache.get(choice);
    if (!speed) {
      speed = probeOnce(choice);
      cache.set(choice, speed);
    }
    return speed;
  };
}
