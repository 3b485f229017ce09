// Turns parameter changes into kernel-worker requests by the schema's `affects.theory`: a change
// the theory depends on → a new theory generation (debounced, the last value wins); otherwise
// nothing is recomputed, and a time cursor the theory does not hold yet asks the worker for
// that one step. A generation has two phases: `theory` brings the band at the cursor (drawn at
// once), then its prior samples and time series are requested (prior first: it is cached in
// the worker across learning-rate changes, so the samples come back at once).
// Generation ids are the client's, so the page's data-gen equals the worker's.

import { errorMessage } from '../core/errorMessage';
import { changedKeys, theoryChangeOf } from '../params/schema';
import { isSuperseded } from '../workerClient/kernelClient';
import type { KernelClient } from '../workerClient/kernelClient';
import type { AppStore } from './appState';
import { clampStep, resolveCursor } from './cursor';
import { debounce } from './debounce';

export interface TheoryControllerOptions {
  /** quiet time after the last change before a request is sent */
  debounceMs?: number;
  /** while changes keep coming (a dragged slider), send at least this often */
  maxWaitMs?: number;
  now?: () => number;
}

export type TheoryClient = Pick<KernelClient, 'theory' | 'series' | 'prior' | 'at' | 'generation'>;

/** Start reacting to the store (and send the first request); returns a function that stops it. */
export function connectTheory(
  store: AppStore,
  client: TheoryClient,
  { debounceMs = 40, maxWaitMs = 250, now = () => performance.now() }: TheoryControllerOptions = {},
): () => void {
  let latest = 0;

  const requestTheory = (): void => {
    const params = store.getState().params;
    const reply = client.theory(params);
    const gen = client.generation;
    latest = gen;
    store.getState().theoryRequested(gen, now());
    reply.then(
      (payload) => {
        if (gen !== latest) return;
        store.getState().theoryReceived(payload, now());
        requestPrior(gen);
        requestSeries(gen);
        updateCursor();
      },
      (error: unknown) => {
        if (isSuperseded(error) || gen !== latest) return;
        store.getState().theoryFailed(gen, errorMessage(error));
      },
    );
  };

  const requestPrior = (gen: number): void => {
    client.prior(gen).then(
      (reply) => store.getState().priorReceived(reply.gen, reply.samples),
      (error: unknown) => {
        if (!isSuperseded(error) && gen === latest) {
          console.warn('prior samples failed:', errorMessage(error));
        }
      },
    );
  };

  const requestSeries = (gen: number): void => {
    client.series(gen).then(
      (reply) => store.getState().seriesReceived(reply, now()),
      (error: unknown) => {
        if (!isSuperseded(error) && gen === latest) {
          store.getState().seriesFailed(gen, errorMessage(error));
        }
      },
    );
  };

  const updateCursor = (): void => {
    const { theory, params } = store.getState();
    const payload = theory.payload;
    if (!payload || payload.gen !== latest) return;
    const step = clampStep(payload, params.cursor);
    if (resolveCursor(payload, theory.series, theory.cursor, step).exact) return;
    const gen = payload.gen;
    client.at(gen, step).then(
      (reply) => store.getState().cursorReceived(reply),
      (error: unknown) => {
        if (!isSuperseded(error) && gen === latest) {
          store.getState().theoryFailed(gen, errorMessage(error));
        }
      },
    );
  };

  const scheduleTheory = debounce(requestTheory, debounceMs, maxWaitMs);

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.params === prev.params) return;
    if (theoryChangeOf(prev.params, state.params) !== null) {
      if (!state.theory.scheduled) state.theoryScheduled();
      scheduleTheory();
      return;
    }
    if (changedKeys(prev.params, state.params).includes('cursor')) updateCursor();
  });

  requestTheory();

  return () => {
    scheduleTheory.cancel();
    unsubscribe();
  };
}
