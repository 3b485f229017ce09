// The ensemble worker: exposes the plain ensemble API (ensembleApi.ts, unit-testable in Node) over
// Comlink, plus `initWith`, which picks the training backend (ensembleBackends.ts) before
// building the ensemble and falls back, saying so, when the chosen one fails to start. Every
// reply is built fresh per call (frames, mean NTKs), so its buffers are transferred, not copied.
import { expose, transfer } from 'comlink';
import type { BackendId } from '../src/params/schema';
import { activateBackend, probeDevice } from './backendLoader';
import { createEnsembleApi, type EnsembleApi, type EnsembleSpec } from './ensembleApi';
import { fallbackNote, planBackends, type InitReply } from './ensembleBackends';
import { transferables } from './transferables';

const api = createEnsembleApi();

const transferred =
  <A extends unknown[], R>(method: (...args: A) => R) =>
  (...args: A): R => {
    const reply = method(...args);
    return transfer(reply, transferables(reply));
  };

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Build the ensemble on the best backend of `choice` that starts; see ensembleBackends.ts. */
async function initWith(spec: EnsembleSpec, choice: BackendId): Promise<InitReply> {
  const { order, notes } = planBackends(choice, await probeDevice());
  for (let i = 0; i < order.length; i++) {
    const backend = order[i]!;
    const engine = backend === 'simd' ? 'simd' : 'tfjs';
    try {
      // tensors of the previous ensemble live on the previous backend: free them first
      api.dispose();
      await activateBackend(backend);
      const frame = api.init({ ...spec, engine });
      const reply: InitReply = { frame, backend: { choice, backend, engine, notes } };
      return transfer(reply, transferables(reply));
    } catch (error) {
      notes.push(fallbackNote(backend, reason(error), order[i + 1]));
    }
  }
  throw new Error(`no training backend could start. ${notes.join(' ')}`);
}

export type EnsembleWorkerApi = EnsembleApi & {
  initWith(spec: EnsembleSpec, choice: BackendId): Promise<InitReply>;
};

const exposed: EnsembleWorkerApi = {
  init: transferred(api.init),
  initWith,
  step: transferred(api.step),
  frame: transferred(api.frame),
  restart: transferred(api.restart),
  empiricalNtk: transferred(api.empiricalNtk),
  ntkDrift: api.ntkDrift,
  dispose: api.dispose,
};

expose(exposed);
