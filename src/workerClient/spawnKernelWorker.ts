// The only place the page creates the kernel worker (Vite bundles it as a module worker).
import { wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { KernelApi } from '../../workers/kernelApi';
import { KernelClient } from './kernelClient';
import type { KernelEndpoint } from './kernelClient';

export function spawnKernelWorker(): KernelEndpoint {
  const worker = new Worker(new URL('../../workers/kernel.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ntk-kernel',
  });
  const remote: Remote<KernelApi> = wrap<KernelApi>(worker);
  const listeners: ((message: string) => void)[] = [];
  const report = (message: string): void => {
    for (const listener of listeners) listener(message);
  };
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    report(event.message || 'the worker script could not be loaded');
  });
  worker.addEventListener('messageerror', () => report('a reply could not be deserialised'));
  const api: KernelApi = {
    theory: (gen, params) => remote.theory(gen, params),
    series: (gen) => remote.series(gen),
    prior: (gen) => remote.prior(gen),
    at: (gen, step) => remote.at(gen, step),
  };
  return {
    api,
    terminate: () => worker.terminate(),
    onCrash: (listener) => listeners.push(listener),
  };
}

export function createKernelClient(): KernelClient {
  return new KernelClient(spawnKernelWorker);
}
