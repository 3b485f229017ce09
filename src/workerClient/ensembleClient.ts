// The page's handle on the ensemble workers. The nets are split over up to `workers` workers in
// firstNet shards (ensembleShards.ts), stepped in lockstep, and their replies merged into the
// single worker's numbers. Every request carries a generation id: `init`, `restart` and `cancel`
// start a new generation, and a reply for an older one rejects with SupersededError (shared with
// the kernel client). Training is pull-based: the caller asks for the next chunk after handling
// the last, so at most one chunk is in flight; a chunk off the recorded grid (`nextSteps`)
// returns only the step and the training loss, which saves a forward pass over the test points.
// A chunk is a synchronous computation in the workers that cannot be interrupted, so cancelling
// (or re-initialising) while one is in flight terminates the workers and starts fresh ones; a
// fresh worker has no ensemble until the next `init`. Calls pending on a terminated worker never
// settle in Comlink, so they are rejected here.

import type { Remote } from 'comlink';
import type { EnsembleWorkerApi } from '../../workers/ensemble.worker';
import type { EnsembleFrame, EnsembleProgress, EnsembleSpec } from '../../workers/ensembleApi';
import type { InitReply } from '../../workers/ensembleBackends';
import type { FrameReply } from '../../workers/engineFallback';
import type { BackendId } from '../params/schema';
import {
  mergeDrifts,
  mergeFrames,
  mergeKernels,
  mergeProgress,
  shardSpecs,
} from './ensembleShards';
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

/** the page's machine has few cores to spare: two workers, as the bench's best */
export const DEFAULT_WORKERS = 2;

export class EnsembleClient {
  private readonly slots: WorkerSlot<EnsembleEndpoint>[];
  private gen = 0;
  private chunkInFlight = false;
  /** the workers that hold the ensemble's shards, in net order (init succeeded on each) */
  private ready: Live[] | null = null;

  constructor(spawn: SpawnEnsembleEndpoint, workers = DEFAULT_WORKERS) {
    const onKilled = (wasCurrent: boolean): void => {
      if (wasCurrent) this.chunkInFlight = false;
    };
    const count = Math.max(1, Math.floor(workers));
    this.slots = Array.from({ length: count }, () => new WorkerSlot(spawn, 'ensemble', onKilled));
  }

  /** workers started, and busy ones terminated with a chunk in flight, over all shards */
  get stats(): SlotStats {
    const all = this.slots.map((s) => s.stats);
    return {
      spawned: all.reduce((n, s) => n + s.spawned, 0),
      terminated: all.reduce((n, s) => n + s.terminated, 0),
    };
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
    // the shards may change: nothing goes to the workers until every shard holds its nets
    this.ready = null;
    const specs = shardSpecs(spec, this.slots.length);
    const lives = specs.map((_, i) => this.slots[i]!.ensure());
    return this.requestAll(gen, lives, (api, i) => api.init(specs[i]!)).then((parts) => {
      this.ready = lives;
      return { gen, value: mergeFrames(parts) };
    });
  }

  /**
   * Start a new generation on the backend `choice` asks for (see workers/ensembleBackends.ts):
   * the initial frame and what actually runs, with the reasons for any fallback. Every shard
   * must run on the first shard's backend (the same nets to the bit), so a shard that started
   * elsewhere is built again there.
   */
  initWith(spec: EnsembleSpec, choice: BackendId): Promise<Tagged<InitReply>> {
    const gen = this.newGeneration();
    // the shards may change: nothing goes to the workers until every shard holds its nets
    this.ready = null;
    const specs = shardSpecs(spec, this.slots.length);
    const lives = specs.map((_, i) => this.slots[i]!.ensure());
    const send = (api: EnsembleRemote, i: number) => api.initWith(specs[i]!, choice);
    return this.requestAll(gen, lives, send)
      .then((parts) => {
        const backend = parts[0]!.backend;
        return Promise.all(
          parts.map((part, i) =>
            part.backend.backend === backend.backend
              ? part
              : this.request(gen, i, lives[i]!, () =>
                  lives[i]!.endpoint.api.initWith(specs[i]!, backend.backend),
                ).then((r) => r.value),
          ),
        ).then((all) => ({ backend, frame: mergeFrames(all.map((p) => p.frame)) }));
      })
      .then((value) => {
        this.ready = lives;
        return { gen, value };
      });
  }

  /** Start a new generation from the same initial nets with step size `lr`. */
  restart(lr: number): Promise<Tagged<EnsembleFrame>> {
    const gen = this.newGeneration();
    return this.onShards(gen, (api) => api.restart(lr)).then(({ value }) => ({
      gen,
      value: mergeFrames(value),
    }));
  }

  /**
   * The next k steps of generation `gen` and the frame; ask again only after the last settled.
   * The frame carries a backend report when a shard's worker moved its nets to another backend
   * mid-run.
   */
  nextChunk(gen: number, k: number): Promise<Tagged<FrameReply>> {
    return this.chunk(gen, (api) => api.step(k), withBackend);
  }

  /** The next k steps of generation `gen`, returning only the step and the training loss. */
  nextSteps(gen: number, k: number): Promise<Tagged<EnsembleProgress>> {
    return this.chunk(gen, (api) => api.train(k), mergeProgress);
  }

  /** The current frame of generation `gen`. */
  frame(gen: number): Promise<Tagged<EnsembleFrame>> {
    return this.merged(gen, (api) => api.frame(), mergeFrames);
  }

  /** Mean empirical NTK on xTrain (N x N, row-major) for generation `gen`. */
  empiricalNtk(gen: number, which: 'init' | 'current'): Promise<Tagged<Float64Array>> {
    return this.meanOverNets(
      gen,
      (api) => api.empiricalNtk(which),
      (api) => api.empiricalNtkNets(which),
      mergeKernels,
    );
  }

  /** Mean empirical NTK Θ̂(xa, xb) (rowsA x rowsB, row-major) for generation `gen`. */
  ntkCross(
    gen: number,
    xa: Float64Array,
    xb: Float64Array,
    which: 'init' | 'current',
  ): Promise<Tagged<Float64Array>> {
    return this.meanOverNets(
      gen,
      (api) => api.ntkCross(xa, xb, which),
      (api) => api.ntkCrossNets(xa, xb, which),
      mergeKernels,
    );
  }

  /** Mean relative NTK drift for generation `gen`. */
  ntkDrift(gen: number): Promise<Tagged<number>> {
    return this.meanOverNets(
      gen,
      (api) => api.ntkDrift(),
      (api) => api.ntkDriftNets(),
      mergeDrifts,
    );
  }

  /**
   * Drop the current generation: everything pending rejects with SupersededError, and workers
   * busy with a chunk are terminated and replaced by fresh ones.
   */
  cancel(): void {
    const had = this.slots.map((s) => s.live !== null);
    this.newGeneration();
    this.slots.forEach((s, i) => {
      if (had[i] && !s.live) s.ensure();
    });
  }

  /** Stop the workers and reject everything pending. */
  dispose(): void {
    this.gen++;
    this.ready = null;
    for (const s of this.slots) if (s.live) s.kill(s.live);
  }

  private newGeneration(): number {
    const gen = ++this.gen;
    const busy = this.chunkInFlight;
    for (const s of this.slots) {
      const live = s.live;
      if (!live) continue;
      if (busy) s.supersede(live);
      else s.rejectPending(live, new SupersededError());
    }
    return gen;
  }

  private chunk<P, T>(
    gen: number,
    send: (api: EnsembleRemote) => Promise<P>,
    merge: (parts: P[]) => T,
  ): Promise<Tagged<T>> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    if (this.chunkInFlight) return Promise.reject(new Error('a chunk is already in flight'));
    this.chunkInFlight = true;
    const done = (): void => {
      if (gen === this.gen) this.chunkInFlight = false;
    };
    return this.onShards(gen, send).then(
      ({ value }) => {
        done();
        return { gen, value: merge(value) };
      },
      (error: unknown) => {
        done();
        throw toError(error);
      },
    );
  }

  private merged<P, T>(
    gen: number,
    send: (api: EnsembleRemote) => Promise<P>,
    merge: (parts: P[]) => T,
  ): Promise<Tagged<T>> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    return this.onShards(gen, send).then(({ value }) => ({ gen, value: merge(value) }));
  }

  /** one shard: its own mean; several: the per-net values of each, averaged in net order */
  private meanOverNets<T, P>(
    gen: number,
    single: (api: EnsembleRemote) => Promise<T>,
    perNet: (api: EnsembleRemote) => Promise<P>,
    merge: (parts: P[]) => T,
  ): Promise<Tagged<T>> {
    if (gen !== this.gen) return Promise.reject(new SupersededError());
    if (this.ready && this.ready.length > 1) return this.merged(gen, perNet, merge);
    return this.onShards(gen, single).then(({ value }) => ({ gen, value: value[0]! }));
  }

  /** Send to every shard's worker, which must each hold their shard. */
  private onShards<T>(
    gen: number,
    send: (api: EnsembleRemote) => Promise<T>,
  ): Promise<Tagged<T[]>> {
    const ready = this.ready;
    const intact =
      ready !== null && ready.every((live, i) => !live.dead && this.slots[i]!.live === live);
    if (!intact) return Promise.reject(new Error('ensemble not initialised'));
    return this.requestAll(gen, ready, (api) => send(api)).then((value) => ({ gen, value }));
  }

  /** one call per worker, all settled before this settles (a failed shard fails the whole) */
  private requestAll<T>(
    gen: number,
    lives: Live[],
    send: (api: EnsembleRemote, i: number) => Promise<T>,
  ): Promise<T[]> {
    const calls = lives.map((live, i) =>
      this.request(gen, i, live, () => send(live.endpoint.api, i)).then((r) => r.value),
    );
    // Promise.all also handles the rejections of the shards after the first that fails
    return Promise.all(calls);
  }

  /** one call on `live`, the worker of shard `i` */
  private request<T>(
    gen: number,
    i: number,
    live: Live,
    send: () => Promise<T>,
  ): Promise<Tagged<T>> {
    return this.slots[i]!.call(live, send).then(
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

/** the shards' frames merged, with the first backend report a shard sent (a mid-run fallback) */
function withBackend(parts: readonly FrameReply[]): FrameReply {
  const backend = parts.find((p) => p.backend)?.backend;
  const frame: FrameReply = mergeFrames(parts);
  return backend ? { ...frame, backend } : frame;
}
