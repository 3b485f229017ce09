// The page's handle on the kernel worker. Every request carries a generation id; replies for an
// older generation are dropped (the promise rejects with SupersededError). A theory request that
// arrives while the worker is still busy with an older one terminates the worker and starts a
// fresh one, because a synchronous computation cannot be interrupted any other way. Calls that
// were pending on a terminated worker never settle in Comlink, so they are rejected here.
// The theory comes in two phases: `theory` (the band at the cursor, fast) and then `series` and
// `prior` for that generation. The worker pauses those two between short slices and drops them
// when a newer theory arrives, so they never make a newer request wait and never need a restart.
// Cursor requests (`at`) are coalesced: at most one in flight, and only the latest waits.

import type { Remote } from 'comlink';
import type {
  CursorPayload,
  KernelApi,
  KernelRowPayload,
  PriorPayload,
  SeriesPayload,
  TheoryPayload,
} from '../../workers/kernelApi';
import type { Params } from '../params/schema';
import { SupersededError } from './superseded';
import {
  WorkerSlot,
  toError as slotError,
  type ApiEndpoint,
  type Live as SlotLive,
  type SlotStats,
} from './workerSlot';

export { SupersededError, isSuperseded } from './superseded';

/** The kernel API as seen across the worker boundary. */
export type KernelRemote = Remote<KernelApi>;

/** A running worker: its API and a way to stop it. `onCrash` reports load/runtime failures. */
export type KernelEndpoint = ApiEndpoint<KernelApi>;

export type SpawnKernelEndpoint = () => KernelEndpoint;

type Live = SlotLive<KernelEndpoint>;

interface QueuedCursor {
  gen: number;
  step: number;
  resolve: (value: CursorPayload) => void;
  reject: (error: Error) => void;
}

export class KernelClient {
  private readonly slot: WorkerSlot<KernelEndpoint>;
  private gen = 0;
  private theoryInFlight = false;
  /** token of the cursor call in flight (null: none) */
  private cursorInFlight: object | null = null;
  private queuedCursor: QueuedCursor | null = null;

  constructor(spawn: SpawnKernelEndpoint) {
    this.slot = new WorkerSlot(spawn, 'kernel', (wasCurrent) => {
      if (!wasCurrent) return;
      this.theoryInFlight = false;
      this.cursorInFlight = null;
    });
  }

  private get live(): Live | null {
    return this.slot.live;
  }

  /** workers started, and busy ones terminated because a newer theory request superseded them */
  get stats(): SlotStats {
    return this.slot.stats;
  }

  /** The generation of the newest theory request (0 before the first). */
  get generation(): number {
    return this.gen;
  }

  /** Start a new generation: kernels, eigendecomposition and the band at the params' cursor. */
  theory(params: Params): Promise<TheoryPayload> {
    const gen = ++this.gen;
    if (this.theoryInFlight && this.live) this.slot.supersede(this.live);
    this.dropQueuedCursor();
    const live = this.slot.ensure();
    this.theoryInFlight = true;
    const reply = this.slot.call(live, () => live.endpoint.api.theory(gen, params));
    return reply.then(
      (payload) => {
        if (gen === this.gen) this.theoryInFlight = false;
        return this.fresh(gen, payload);
      },
      (error: unknown) => {
        if (gen === this.gen) this.theoryInFlight = false;
        throw gen === this.gen ? toError(error) : new SupersededError();
      },
    );
  }

  /** The time series on the step grid of generation `gen` (rejects SupersededError if stale). */
  series(gen: number): Promise<SeriesPayload> {
    return this.forGeneration(gen, (api) => api.series(gen));
  }

  /** GP prior sample functions for generation `gen` (rejects SupersededError if stale). */
  prior(gen: number): Promise<PriorPayload> {
    return this.forGeneration(gen, (api) => api.prior(gen));
  }

  /** The band at whole step k for generation `gen`; the newest request wins. */
  at(gen: number, step: number): Promise<CursorPayload> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    return new Promise<CursorPayload>((resolve, reject) => {
      this.dropQueuedCursor();
      this.queuedCursor = { gen, step, resolve, reject };
      this.pumpCursor();
    });
  }

  /** The analytic kernel row Θ(x₀, x_test), K(x₀, x_test) for generation `gen`. */
  kernelRow(gen: number, x0: Float64Array): Promise<KernelRowPayload> {
    return this.forGeneration(gen, (api) => api.kernelRow(gen, x0));
  }

  /** Stop the worker and reject everything pending. */
  dispose(): void {
    this.gen++;
    this.dropQueuedCursor();
    if (this.live) this.slot.kill(this.live);
  }

  /** One call for generation `gen`: stale before sending, or by the time it replies, rejects. */
  private forGeneration<T extends { gen: number }>(
    gen: number,
    send: (api: KernelRemote) => Promise<T>,
  ): Promise<T> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    const live = this.slot.ensure();
    return this.slot
      .call(live, () => send(live.endpoint.api))
      .then(
        (reply) => this.fresh(gen, reply),
        (error: unknown) => {
          throw gen === this.gen ? toError(error) : new SupersededError();
        },
      );
  }

  private pumpCursor(): void {
    if (this.cursorInFlight) return;
    const job = this.queuedCursor;
    if (!job) return;
    this.queuedCursor = null;
    if (job.gen !== this.gen) {
      job.reject(new SupersededError());
      return;
    }
    const live = this.slot.ensure();
    const token = {};
    this.cursorInFlight = token;
    const settle = (): void => {
      if (this.cursorInFlight !== token) return;
      this.cursorInFlight = null;
      this.pumpCursor();
    };
    this.slot
      .call(live, () => live.endpoint.api.at(job.gen, job.step))
      .then(
        (reply) => {
          // a newer cursor request makes this reply stale even within the same generation
          if (this.queuedCursor || reply.gen !== this.gen || job.gen !== this.gen)
            job.reject(new SupersededError());
          else job.resolve(reply);
          settle();
        },
        (error: unknown) => {
          job.reject(job.gen === this.gen ? toError(error) : new SupersededError());
          settle();
        },
      );
  }

  private dropQueuedCursor(): void {
    const job = this.queuedCursor;
    this.queuedCursor = null;
    job?.reject(new SupersededError());
  }

  private fresh<T extends { gen: number }>(gen: number, reply: T): T {
    if (gen !== this.gen || reply.gen !== gen) throw new SupersededError();
    return reply;
  }
}

function toError(error: unknown): Error {
  return slotError(error, 'kernel');
}
