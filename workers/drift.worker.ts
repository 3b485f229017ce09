// The drift-sweep worker: exposes the plain sweep API (driftSweep.ts, unit-testable in Node) over
// Comlink. Replies are small plain objects (per-width numbers), so they are copied.
// `start` picks the engine as the ensemble worker does (backendLoader.ts): the spec's backend
// choice, falling back along the same chain, so a sweep trains like the page's nets.
import { expose } from 'comlink';
import { startOnBackend } from './backendLoader';
import { createDriftApi, type DriftSweepSpec } from './driftSweep';

const api = createDriftApi();

const exposed = {
  ...api,
  start: async (spec: DriftSweepSpec) =>
    spec.backend
      ? (await startOnBackend(spec.backend, (engine) => api.start({ ...spec, engine }))).value
      : api.start(spec),
};

/** What the worker exposes; the page wraps it as Remote<…>. */
export type DriftWorkerApi = typeof exposed;

expose(exposed);
