// The only place the page creates the kernel worker (Vite bundles it as a module worker).
import { wrap } from 'comlink';
import type { Remote } from 'comlink';
import { watchWorker } from './workerSlot';
import type { KernelApi } from '../../workers/kernelApi';
import { KernelClient } from './kernelClient';
import type { KernelEndpoint } from './kernelClient';

export function spawnKernelWorker(): KernelEndpoint {
  const worker = new Worker(new URL('../../workers/kernel.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-kernel',
  });
  const remote: Remote<KernelApi> = wrap<KernelApi>(worker);
  const api: KernelApi = {
    theory: (gen, params) => remote.theory(gen, params),
    series: (gen) => remote.series(gen),
    prior: (gen) => remote.prior(gen),
    at: (gen, step) => remote.at(gen, step),
    kernelRow: (gen, x0) => remote.kernelRow(gen, x0),
  };
  return { api, ...watchWorker(worker) };
}

export function createKernelClient(): KernelClient {
  return new KernelClient(spawnKernelWorker);
}
