// The page's handle on the drift-sweep worker. A sweep is pulled in chunks: `start(spec)` opens a
// generation, then `advance(gen, ms)` asks for about ms of work at a time, one request in flight.
// `cancel()` (or a new `start`) drops the generation: everything pending rejects with
// SupersededError, and a worker busy with a chunk is terminated (a chunk cannot be interrupted,
// and one training step at a large width can take longer than a chunk), so a cancel is never
// kept waiting. Calls pending on a terminated worker never settle in Comlink; the slot rejects
// them.

import type { Remote } from 'comlink';
import type { DriftWorkerApi } from '../../workers/drift.worker';
import type { DriftProgress, DriftSweepSpec } from '../../workers/driftSweep';
import { SupersededError } from './superseded';
import { WorkerSlot, toError, type ApiEndpoint, type Live, type SlotStats } from './workerSlot';

/** The sweep API across the worker boundary. */
export type DriftRemote = Remote<DriftWorkerApi>;

export type DriftEndpoint = ApiEndpoint<DriftWorkerApi>;

export interface DriftReply {
  gen: number;
  value: DriftProgress;
}

export class DriftClient {
  private readonly slot: WorkerSlot<DriftEndpoint>;
  private gen = 0;
  private inFlight = 0;

  constructor(spawn: () => DriftEndpoint) {
    this.slot = new WorkerSlot(spawn, 'drift', () => {
      this.inFlight = 0;
    });
  }

  get generation(): number {
    return this.gen;
  }

  /** workers started, and busy ones terminated by a cancel or a restart */
  get stats(): SlotStats {
    return this.slot.stats;
  }

  /** Start a sweep in a new generation; the reply is its progress before any work. */
  start(spec: DriftSweepSpec): Promise<DriftReply> {
    const gen = this.drop();
    return this.request(gen, (api) => api.start(spec));
  }

  /** About `budgetMs` of work on generation `gen`'s sweep. */
  advance(gen: number, budgetMs: number): Promise<DriftReply> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    return this.request(gen, (api) => api.advance(budgetMs));
  }

  /** Drop the current sweep at once (terminating a busy worker). */
  cancel(): void {
    this.drop();
  }

  dispose(): void {
    this.gen++;
    if (this.slot.live) this.slot.kill(this.slot.live);
  }

  private drop(): number {
    const gen = ++this.gen;
    const live = this.slot.live;
    if (live && this.inFlight > 0) this.slot.supersede(live);
    return gen;
  }

  private request(
    gen: number,
    send: (api: DriftRemote) => Promise<DriftProgress>,
  ): Promise<DriftReply> {
    const live: Live<DriftEndpoint> = this.slot.ensure();
    this.inFlight++;
    const settle = (): void => {
      if (!live.dead) this.inFlight = Math.max(0, this.inFlight - 1);
    };
    return this.slot
      .call(live, () => send(live.endpoint.api))
      .then(
        (value) => {
          settle();
          if (gen !== this.gen) throw new SupersededError();
          return { gen, value };
        },
        (error: unknown) => {
          settle();
          throw gen === this.gen ? toError(error, 'drift') : new SupersededError();
        },
      );
  }
}
