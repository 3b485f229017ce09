// One worker at a time, shared by the worker clients: spawn on demand, track the calls pending on
// it, and terminate it. Calls pending on a terminated worker never settle in Comlink, so `kill`
// rejects them here, and a reply arriving after that is ignored.

import type { Remote } from 'comlink';
import { SupersededError } from './superseded';

/** What a client needs from a running worker besides its API. */
export interface WorkerEndpoint {
  terminate(): void;
  onCrash(listener: (message: string) => void): void;
}

/**
 * The endpoint parts of a started worker: terminate, and crash reports (a script that fails to
 * load, an uncaught error, a reply that cannot be deserialised) passed to every listener.
 */
export function watchWorker(worker: Worker): WorkerEndpoint {
  const listeners: ((message: string) => void)[] = [];
  const report = (message: string): void => {
    for (const listener of listeners) listener(message);
  };
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    report(event.message || 'the worker script could not be loaded');
  });
  worker.addEventListener('messageerror', () => report('a reply could not be deserialised'));
  return {
    terminate: () => worker.terminate(),
    onCrash: (listener) => listeners.push(listener),
  };
}

/** A started worker with its API across the worker boundary (every method asynchronous). */
export interface ApiEndpoint<Api> extends WorkerEndpoint {
  api: Remote<Api>;
}

export interface SlotStats {
  /** how many workers were started (1 + restarts) */
  spawned: number;
  /** how many busy workers were terminated because newer work superseded theirs */
  terminated: number;
}

export interface Live<E extends WorkerEndpoint> {
  endpoint: E;
  /** rejecters of every call still pending on this endpoint */
  pending: Set<(error: Error) => void>;
  dead: boolean;
}

export class WorkerSlot<E extends WorkerEndpoint> {
  live: Live<E> | null = null;
  private readonly counts: SlotStats = { spawned: 0, terminated: 0 };

  /** `onKilled(wasCurrent)` runs after a worker was terminated and its pending calls rejected. */
  constructor(
    private readonly spawn: () => E,
    private readonly label: string,
    private readonly onKilled: (wasCurrent: boolean) => void,
  ) {}

  /** The live worker, spawning one if there is none. */
  ensure(): Live<E> {
    if (this.live && !this.live.dead) return this.live;
    const endpoint = this.spawn();
    const live: Live<E> = { endpoint, pending: new Set(), dead: false };
    this.counts.spawned++;
    endpoint.onCrash((message) => {
      if (!live.dead) this.kill(live, new Error(`${this.label} worker failed: ${message}`));
    });
    this.live = live;
    return live;
  }

  /** Run one call on `live`; it rejects by itself if the endpoint is terminated meanwhile. */
  call<T>(live: Live<E>, send: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (live.dead) {
        reject(new SupersededError());
        return;
      }
      const rejecter = (error: Error): void => reject(error);
      live.pending.add(rejecter);
      let sent: Promise<T>;
      try {
        sent = send();
      } catch (error) {
        live.pending.delete(rejecter);
        reject(toError(error, this.label));
        return;
      }
      sent.then(
        (value) => {
          if (live.pending.delete(rejecter)) resolve(value);
        },
        (error: unknown) => {
          if (live.pending.delete(rejecter)) reject(toError(error, this.label));
        },
      );
    });
  }

  /** Reject every call pending on `live` without stopping it (its late replies are ignored). */
  rejectPending(live: Live<E>, reason: Error): void {
    const rejecters = [...live.pending];
    live.pending.clear();
    for (const reject of rejecters) reject(reason);
  }

  get stats(): SlotStats {
    return { ...this.counts };
  }

  /** Terminate busy `live` because newer work supersedes its own (counted in `stats`). */
  supersede(live: Live<E>): void {
    if (live.dead) return;
    this.counts.terminated++;
    this.kill(live);
  }

  /** Terminate `live` and reject everything pending on it. */
  kill(live: Live<E>, error?: Error): void {
    if (live.dead) return;
    live.dead = true;
    live.endpoint.terminate();
    this.rejectPending(live, error ?? new SupersededError('worker terminated'));
    const wasCurrent = this.live === live;
    if (wasCurrent) this.live = null;
    this.onKilled(wasCurrent);
  }
}

export function toError(error: unknown, label: string): Error {
  if (error instanceof Error) return error;
  return new Error(typeof error === 'string' ? error : `${label} worker error`);
}
