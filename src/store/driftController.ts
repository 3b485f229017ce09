// Runs the drift sweep the store is asked for: on Run, the sweep of the current parameters
// (src/workerClient/driftSpec.ts) is started in the drift worker and pulled chunk by chunk
// (about `chunkMs` of work each), every reply going to the store; on Cancel the client
// drops the sweep at once (terminating a busy worker) and the points so far stay. A new Run
// supersedes a running sweep.

import { errorMessage } from '../core/errorMessage';
import { isSuperseded } from '../workerClient/superseded';
import type { DriftClient } from '../workerClient/driftClient';
import { driftSpecOf } from '../workerClient/driftSpec';
import type { AppStore } from './appState';

export type DriftSweepClient = Pick<DriftClient, 'start' | 'advance' | 'cancel' | 'generation'>;

export function connectDrift(
  store: AppStore,
  client: DriftSweepClient,
  { chunkMs = 80, now = () => performance.now() }: { chunkMs?: number; now?: () => number } = {},
): () => void {
  const run = async (): Promise<void> => {
    const params = store.getState().params;
    store.getState().driftStarted(params, now());
    try {
      let reply = await client.start(driftSpecOf(params));
      const gen = reply.gen;
      store.getState().driftProgressed(reply.value, now());
      while (!reply.value.done) {
        reply = await client.advance(gen, chunkMs);
        store.getState().driftProgressed(reply.value, now());
      }
    } catch (error) {
      if (isSuperseded(error)) return;
      store.getState().driftFailed(errorMessage(error), now());
    }
  };

  const release = store.getState().driftConnect((command) => {
    if (command === 'run') void run();
    else if (store.getState().drift.status === 'running') {
      client.cancel();
      store.getState().driftCancelled(now());
    }
  });
  return () => {
    release();
    client.cancel();
  };
}
