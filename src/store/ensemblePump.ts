// Pulls training from the ensemble workers chunk by chunk: each chunk's size adapts to its wall
// time (ChunkTimer) and ends exactly on the next step of the theory's grid stepGrid(K), where a
// frame is recorded with the NTK drift; the run stops at K, or at an advance target. Only a chunk
// that ends on the grid asks for the test-point outputs: a forward pass of every net over every
// test point costs several training steps, so the chunks between grid steps return just the
// step and the training loss.

import type { EnsembleFrame } from '../../workers/ensembleApi';
import { stepGrid } from '../params/experiment';
import type { EnsembleClient } from '../workerClient/ensembleClient';
import type { AppStore } from './appState';
import type { RunStatus } from './ensembleSlice';
import { ChunkTimer } from './ensembleTiming';

export type PumpClient = Pick<EnsembleClient, 'nextChunk' | 'nextSteps' | 'ntkDrift' | 'busy'>;

export interface PumpOptions {
  /** aim of one chunk's wall time */
  chunkMs: number;
  now: () => number;
  /** the generation of the nets on screen (0: none) */
  gen: () => number;
  /** a frame at a recorded step, with the NTK drift measured there */
  record: (gen: number, frame: EnsembleFrame, drift: number) => void;
  fail: (gen: number, error: unknown) => void;
  /**
   * The next chunk waits while this holds (the theory computes a control change's band): the
   * band comes first, and training resumes as soon as it arrived.
   */
  hold?: () => boolean;
}

export interface ChunkPump {
  /** chunks are being pulled */
  readonly running: boolean;
  /** the advance command's target: the run pauses there (null: runs to K) */
  readonly stopAt: number | null;
  /** pull chunks until K, or until `stopAt` */
  run(stopAt?: number | null): void;
  /** stop pulling and show `status` */
  stop(status: RunStatus): void;
  /** stop pulling without a status, for other nets (their timing starts over) */
  reset(): void;
}

export function chunkPump(
  store: AppStore,
  client: PumpClient,
  { chunkMs, now, gen, record, fail, hold = () => false }: PumpOptions,
): ChunkPump {
  let running = false;
  /** stops waiting for `hold` to end (null: not waiting) */
  let release: (() => void) | null = null;
  let stopAt: number | null = null;
  const timer = new ChunkTimer(chunkMs);
  // grid chunks also pay for the frame: timed apart, and shown only until steps alone are timed
  const gridTimer = new ChunkTimer(chunkMs);
  const maxSteps = (): number => store.getState().params.maxSteps;

  const unhold = (): void => {
    release?.();
    release = null;
  };

  /** while `hold` holds: wait for the store to say it ended, then pull */
  const held = (): boolean => {
    if (!hold()) return false;
    if (release) return true;
    release = store.subscribe(() => {
      if (hold()) return;
      unhold();
      pull();
    });
    return true;
  };

  const stop = (status: RunStatus): void => {
    unhold();
    running = false;
    stopAt = null;
    store.getState().ensembleStatus(status);
  };

  /** after a chunk: stop at an advance target or at K, else pull the next */
  const afterChunk = (step: number): void => {
    if (step >= maxSteps()) stop('done');
    else if (stopAt !== null && step >= stopAt) stop('paused');
    else if (running) pull();
  };

  const pull = (): void => {
    const g = gen();
    if (!running || g === 0 || client.busy || held()) return;
    const K = maxSteps();
    const latest = store.getState().ensemble.latestStep;
    if (latest >= K) {
      stop('done');
      return;
    }
    const grid = stepGrid(K);
    const next = grid.find((s) => s > latest) ?? K;
    const limit = stopAt !== null ? Math.min(next, stopAt) : next;
    const k = Math.max(1, Math.min(timer.nextK(), limit - latest));
    const t0 = now();
    const timing = () => {
      const t = timer.model() ? timer : gridTimer;
      return { msPerStep: t.model()?.msPerStep ?? null, stepsPerSec: t.stepsPerSec() };
    };
    if (!grid.includes(latest + k)) {
      client.nextSteps(g, k).then(
        ({ value: progress }) => {
          if (g !== gen()) return;
          // only these chunks time the steps: a grid chunk adds the frame and the drift
          timer.add(k, now() - t0);
          store.getState().ensembleProgress(timing(), progress.step);
          afterChunk(progress.step);
        },
        (error: unknown) => fail(g, error),
      );
      return;
    }
    client.nextChunk(g, k).then(
      ({ value: reply }) => {
        if (g !== gen()) return;
        const { backend, ...frame } = reply;
        // the worker moved the nets to another backend mid-run: show what runs now, and why
        if (backend) store.getState().ensembleBackend(g, backend);
        gridTimer.add(k, now() - t0);
        if (!stepGrid(maxSteps()).includes(frame.step)) {
          // K changed while the chunk ran: the step is no longer recorded
          store.getState().ensembleProgress(timing(), frame.step);
          afterChunk(frame.step);
          return;
        }
        // a recorded step: the new latest step comes with the frame (one update, ensembleRecord)
        store.getState().ensembleProgress(timing());
        client.ntkDrift(g).then(
          ({ value: drift }) => {
            record(g, frame, drift);
            afterChunk(frame.step);
          },
          (error: unknown) => fail(g, error),
        );
      },
      (error: unknown) => fail(g, error),
    );
  };

  return {
    get running() {
      return running;
    },
    get stopAt() {
      return stopAt;
    },
    run: (target = null) => {
      if (gen() === 0) return;
      running = true;
      stopAt = target;
      store.getState().ensembleStatus('training');
      pull();
    },
    stop,
    reset: () => {
      unhold();
      running = false;
      stopAt = null;
      timer.reset();
      gridTimer.reset();
    },
  };
}
