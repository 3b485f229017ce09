// The ensemble worker: exposes the plain ensemble API (ensembleApi.ts, unit-testable in Node) over
// Comlink. Every reply is built fresh per call (frames, mean NTKs), so its buffers are transferred,
// not copied; the API keeps none of them.
// tfjs picks the best registered backend; only the CPU backend is registered here.
import '@tensorflow/tfjs-backend-cpu';
import { expose, transfer } from 'comlink';
import { createEnsembleApi, type EnsembleApi } from './ensembleApi';
import { transferables } from './transferables';

const api = createEnsembleApi();

const transferred =
  <A extends unknown[], R>(method: (...args: A) => R) =>
  (...args: A): R => {
    const reply = method(...args);
    return transfer(reply, transferables(reply));
  };

const exposed: EnsembleApi = {
  init: transferred(api.init),
  step: transferred(api.step),
  frame: transferred(api.frame),
  restart: transferred(api.restart),
  empiricalNtk: transferred(api.empiricalNtk),
  ntkDrift: api.ntkDrift,
  dispose: api.dispose,
  ntkCross: transferred(api.ntkCross),
};

expose(exposed);
