// The ensemble worker: exposes the plain ensemble API (ensembleApi.ts, unit-testable in Node) over
// Comlink, plus `initWith`, which picks the training backend (ensembleBackends.ts) before
// building the ensemble and falls back, saying so, when the chosen one fails to start. After
// initWith, an engine that fails mid-run hands the nets to the next backend of the plan
// (engineFallback.ts); frame replies carry the new backend report when that happened. Every
// reply is built fresh per call (frames, mean NTKs), so its buffers are transferred, not copied.
import { expose, transfer } from 'comlink';
import type { BackendId } from '../src/params/schema';
import { activateBackend, startOnBackend } from './backendLoader';
import { createEnsembleApi, type EnsembleApi, type EnsembleFrame } from './ensembleApi';
import type { EnsembleSpec } from './ensembleApi';
import type { InitReply } from './ensembleBackends';
import { createFallbackRunner, type FrameReply } from './engineFallback';
import { transferables } from './transferables';

const api = createEnsembleApi();
const fallback = createFallbackRunner(api, activateBackend);

/** a reply with its buffers transferred; a number (the drift) goes as it is: Comlink keys
 * transfer lists by object, so a primitive cannot carry one */
const send = <R>(reply: R): R =>
  typeof reply === 'object' && reply !== null ? transfer(reply, transferables(reply)) : reply;

const transferred =
  <A extends unknown[], R>(method: (...args: A) => R) =>
  (...args: A): R =>
    send(method(...args));

/** guarded by the mid-run fallback */
const guarded =
  <A extends unknown[], R>(method: (...args: A) => R) =>
  async (...args: A): Promise<R> =>
    send(await fallback.guard(() => method(...args)));

/** a frame call guarded by the mid-run fallback, with the backend report when it changed */
const framed =
  <A extends unknown[]>(method: (...args: A) => EnsembleFrame) =>
  async (...args: A): Promise<FrameReply> =>
    send(await fallback.frame(() => method(...args)));

/** Build the ensemble on the best backend of `choice` that starts; see ensembleBackends.ts. */
async function initWith(spec: EnsembleSpec, choice: BackendId): Promise<InitReply> {
  fallback.begin(null);
  // tensors of the previous ensemble live on the previous backend: each attempt frees them first
  const {
    value: frame,
    backend,
    rest,
  } = await startOnBackend(
    choice,
    (engine) => api.init({ ...spec, engine }),
    () => api.dispose(),
  );
  fallback.begin({ report: { ...backend, notes: [...backend.notes] }, rest });
  return send({ frame, backend });
}

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;

/**
 * What the worker exposes: the plain API plus `initWith`; the page wraps it as Remote<…>.
 * Calls that train or measure the nets are guarded by the mid-run fallback (so asynchronous);
 * `step`, `frame` and `restart` reply with a FrameReply.
 */
export type EnsembleWorkerApi = Omit<
  EnsembleApi,
  'step' | 'frame' | 'restart' | 'empiricalNtk' | 'ntkDrift' | 'ntkCross'
> & {
  initWith: typeof initWith;
  step: (k: number) => Promise<FrameReply>;
  frame: () => Promise<FrameReply>;
  restart: (lr: number) => Promise<FrameReply>;
  empiricalNtk: Async<EnsembleApi['empiricalNtk']>;
  ntkDrift: Async<EnsembleApi['ntkDrift']>;
  ntkCross: Async<EnsembleApi['ntkCross']>;
};

const exposed: EnsembleWorkerApi = {
  init: (spec) => {
    fallback.begin(null);
    return send(api.init(spec));
  },
  initWith,
  step: framed(api.step),
  frame: framed(api.frame),
  restart: framed(api.restart),
  empiricalNtk: guarded(api.empiricalNtk),
  ntkDrift: guarded(api.ntkDrift),
  dispose: () => {
    fallback.begin(null);
    api.dispose();
  },
  ntkCross: guarded(api.ntkCross),
  steps: api.steps,
  parameters: transferred(api.parameters),
  resume: transferred(api.resume),
};

expose(exposed);
