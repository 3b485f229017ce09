// The ensemble worker: exposes the plain ensemble API (ensembleApi.ts, unit-testable in Node) over
// Comlink, plus `initWith`, which picks the training backend (ensembleBackends.ts) before
// building the ensemble and falls back, saying so, when the chosen one fails to start. Every
// reply is built fresh per call (frames, mean NTKs), so its buffers are transferred, not copied.
import { expose, transfer } from 'comlink';
import type { BackendId } from '../src/params/schema';
import { startOnBackend } from './backendLoader';
import { createEnsembleApi, type EnsembleApi, type EnsembleSpec } from './ensembleApi';
import type { InitReply } from './ensembleBackends';
import { transferables } from './transferables';

const api = createEnsembleApi();

const transferred =
  <A extends unknown[], R>(method: (...args: A) => R) =>
  (...args: A): R => {
    const reply = method(...args);
    return transfer(reply, transferables(reply));
  };

/** Build the ensemble on the best backend of `choice` that starts; see ensembleBackends.ts. */
async function initWith(spec: EnsembleSpec, choice: BackendId): Promise<InitReply> {
  // tensors of the previous ensemble live on the previous backend: each attempt frees them first
  const { value: frame, backend } = await startOnBackend(
    choice,
    (engine) => api.init({ ...spec, engine }),
    () => api.dispose(),
  );
  const reply: InitReply = { frame, backend };
  return transfer(reply, transferables(reply));
}

/** What the worker exposes: the plain API plus `initWith`; the page wraps it as Remote<…>. */
export type EnsembleWorkerApi = EnsembleApi & { initWith: typeof initWith };

const exposed: EnsembleWorkerApi = {
  init: transferred(api.init),
  initWith,
  step: transferred(api.step),
  train: transferred(api.train),
  frame: transferred(api.frame),
  restart: transferred(api.restart),
  empiricalNtk: transferred(api.empiricalNtk),
  ntkDrift: api.ntkDrift,
  dispose: api.dispose,
  ntkCross: transferred(api.ntkCross),
  empiricalNtkNets: transferred(api.empiricalNtkNets),
  ntkDriftNets: transferred(api.ntkDriftNets),
  ntkCrossNets: transferred(api.ntkCrossNets),
};

expose(exposed);
