// The page's handle on the ensemble worker. Every request carries a generation id: `init`,
// `restart` and `cancel` start a new generation, and a reply for an older one rejects with
// SupersededError (shared with the kernel client). Training is pull-based: the caller asks for
// `nextChunk(k)` after drawing the last frame, so at most one chunk is in flight.
// A chunk is a synchronous computation in the worker that cannot be interrupted, so cancelling
// (or re-initialising) while one is in flight terminates the worker and starts a fresh one; the
// fresh worker has no ensemble until the next `init`. Calls pending on a terminated worker never
// settle in Comlink, so they are rejected here.

import type { Remote } from 'comlink';
import type { EnsembleWorkerApi } from '../../workers/ensemble.worker';
import type { EnsembleFrame, EnsembleSpec } from '../../workers/ensembleApi';
import type { InitReply } from '../../workers/ensembleBackends';
import type { FrameReply } from '../../workers/engineFallback';
import type { BackendId } from '../params/schema';
import { SupersededError } from './superseded';
import {
  WorkerSlot,
  toError as slotError,
  type ApiEndpoint,
  type Live as SlotLive,
  type SlotStats,
} from './workerSlot';

/** The ensemble worker's API as seen across the worker boundary: every method is asynchronous. */
export type EnsembleRemote = Remote<EnsembleWorkerApi>;

/** A running worker: its API and a way to stop it. `onCrash` reports load/runtime failures. */
export type EnsembleEndpoint = ApiEndpoint<EnsembleWorkerApi>;

export type SpawnEnsembleEndpoint = () => EnsembleEndpoint;

/** A reply tagged with the generation it answers. */
export interface Tagged<T> {
  gen: number;
  value: T;
}

type Live = SlotLive<EnsembleEndpoint>;

export class EnsembleClient {
  private readonly slot: WorkerSlot<EnsembleEndpoint>;
  private gen = 0;
  private chunkInFlight = false;
  /** the worker that holds an ensemble (init succeeded on it) */
  private ready: Live | null = null;

  constructor(spawn: SpawnEnsembleEndpoint) {
    this.slot = new WorkerSlot(spawn, 'ensemble', (wasCurrent) => {
      if (wasCurrent) this.chunkInFlight = false;
    });
  }

  private get live(): Live | null {
    return this.slot.live;
  }

  /** workers started, and busy ones terminated with a chunk in flight */
  get stats(): SlotStats {
    return this.slot.stats;
  }

  /** The current generation (0 before the first init). */
  get generation(): number {
    return this.gen;
  }

  /** A chunk of training steps is being computed. */
  get busy(): boolean {
    return this.chunkInFlight;
  }

  /** Start a new generation: build the ensemble and return its initial frame. */
  init(spec: EnsembleSpec): Promise<Tagged<EnsembleFrame>> {
    const gen = this.newGeneration();
    const live = this.slot.ensure();
    return this.request(gen, live, () => live.endpoint.api.init(spec)).then((reply) => {
      this.ready = live;
      return reply;
    });
  }

  /**
   * Start a new generation on the backend `choice` asks for (see workers/ensembleBackends.ts):
   * the initial frame and what actually runs, with the reasons for any fallback.
   */
  initWith(spec: EnsembleSpec, choice: BackendId): Promise<Tagged<InitReply>> {
    const gen = this.newGeneration();
    const live = this.slot.ensure();
    return this.request(gen, live, () => live.endpoint.api.initWith(spec, choice)).then((reply) => {
      this.ready = live;
      return reply;
    });
  }

  /** Start a new generation from the same initial nets with step size `lr`. */
  restart(lr: number): Promise<Tagged<EnsembleFrame>> {
    const gen = this.newGeneration();
    return this.onReady(gen, (api) => api.restart(lr));
  }

  /**
   * The next k steps of generation `gen`; ask again only after the last chunk settled. The frame
   * carries the backend report when the worker moved the nets to another backend mid-run.
   */
  nextChunk(gen: number, k: number): Promise<Tagged<FrameReply>> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    if (this.chunkInFlight) return Promise.reject(new Error('a chunk is already in flight'));
    this.chunkInFlight = true;
    const done = (): void => {
      if (gen === this.gen) this.chunkInFlight = false;
    };
    return this.onReady(gen, (api) => api.step(k)).then(
      (reply) => {
        done();
        return reply;
      },
      (error: unknown) => {
        done();
        throw toError(error);
      },
    );
  }

  /** The current frame of generation `gen`. */
  frame(gen: number): Promise<Tagged<EnsembleFrame>> {
    return this.forGeneration(gen, (api) => api.frame());
  }

  /** Mean empirical NTK on xTrain (N x N, row-major) for generation `gen`. */
  empiricalNtk(gen: number, which: 'init' | 'current'): Promise<Tagged<Float64Array>> {
    return this.forGeneration(gen, (api) => api.empiricalNtk(which));
  }

  /** Mean empirical NTK Θ̂(xa, xb) (rowsA x rowsB, row-major) for generation `gen`. */
  ntkCross(
    gen: number,
    xa: Float64Array,
    xb: Float64Array,
    which: 'init' | 'current',
  ): Promise<Tagged<Float64Array>> {
    return this.forGeneration(gen, (api) => api.ntkCross(xa, xb, which));
  }

  /** Mean relative NTK drift for generation `gen`. */
  ntkDrift(gen: number): Promise<Tagged<number>> {
    return this.forGeneration(gen, (api) => api.ntkDrift());
  }

  /**
   * Drop the current generation: everything pending rejects with SupersededError, and a worker
   * busy with a chunk is terminated and replaced by a fresh one.
   */
  cancel(): void {
    const hadWorker = this.live !== null;
    this.newGeneration();
    if (hadWorker && !this.live) this.slot.ensure();
  }

  /** Stop the worker and reject everything pending. */
  dispose(): void {
    this.gen++;
    if (this.live) this.slot.kill(this.live);
  }

  private newGeneration(): number {
    const gen = ++this.gen;
    const live = this.live;
    if (!live) return gen;
    if (this.chunkInFlight) this.slot.supersede(live);
    else this.slot.rejectPending(live, new SupersededError());
    return gen;
  }

  private forGeneration<T>(
    gen: number,
    send: (api: EnsembleRemote) => Promise<T>,
  ): Promise<Tagged<T>> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    return this.onReady(gen, send);
  }

  /** Send on the live worker, which must hold an ensemble. */
  private onReady<T>(gen: number, send: (api: EnsembleRemote) => Promise<T>): Promise<Tagged<T>> {
    const live = this.slot.ensure();
    if (this.ready !== live) return Promise.reject(new Error('ensemble not initialised'));
    return this.request(gen, live, () => send(live.endpoint.api));
  }

  private request<T>(gen: number, live: Live, send: () => Promise<T>): Promise<Tagged<T>> {
    return this.slot.call(live, send).then(
      (value) => {
        if (gen !== this.gen) throw new SupersededError();
        return { gen, value };
      },
      (error: unknown) => {
        throw gen === this.gen ? toError(error) : new SupersededError();
      },
    );
  }
}

function toError(error: unknown): Error {
  return slotError(error, 'ensemble');
}
