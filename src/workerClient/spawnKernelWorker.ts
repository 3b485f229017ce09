// The only place the page creates the kernel worker (Vite bundles it as a module worker).
import { wrap } from 'comlink';
import { watchWorker } from './workerSlot';
import type { KernelApi } from '../../workers/kernelApi';
import { KernelClient } from './kernelClient';
import type { KernelEndpoint } from './kernelClient';

export function spawnKernelWorker(): KernelEndpoint {
  const worker = new Worker(new URL('../../workers/kernel.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-kernel',
  });
  return { api: wrap<KernelApi>(worker), ...watchWorker(worker) };
}

export function createKernelClient(): KernelClient {
  return new KernelClient(spawnKernelWorker);
}
