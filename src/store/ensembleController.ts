// Drives the finite ensemble from the store (issue 4 §2), like theoryController does the theory.
// Re-plan by invalidation: data / kernel / width / nets / backend / seed changes re-initialise
// the nets; an η change restarts the same initial nets (`restart(lr)`); a new K only moves the
// horizon (training continues, or the frames beyond it are dropped); view changes retrain
// nothing. Training is pulled chunk by chunk with an adaptive size (ensembleTiming.ts), each
// chunk ending exactly on the next step of the theory's grid stepGrid(K), where the frame is
// recorded with the NTK drift. While training the time cursor follows the newest recorded step
// until the user moves it. Commands (train / pause / step / reset) come through the store.

import { changedKeys, invalidationOf, type ParamKey, type Params } from '../params/schema';
import { stepGrid } from '../params/experiment';
import type { EnsembleFrame } from '../../workers/ensembleApi';
import type { EnsembleClient } from '../workerClient/ensembleClient';
import { isSuperseded } from '../workerClient/superseded';
import type { AppStore } from './appState';
import { debounce } from './debounce';
import { offReason, planEnsemble } from './ensemblePlan';
import type { EnsembleCommand, EnsembleState } from './ensembleSlice';
import { ChunkTimer } from './ensembleTiming';

export type EnsembleControllerClient = Pick<
  EnsembleClient,
  | 'initWith'
  | 'restart'
  | 'nextChunk'
  | 'ntkDrift'
  | 'empiricalNtk'
  | 'cancel'
  | 'busy'
  | 'generation'
>;

export interface EnsembleControllerOptions {
  /** start training at once (the page was opened with a link) */
  autoStart?: boolean;
  /** aim of one chunk's wall time */
  chunkMs?: number;
  /** the following cursor moves at most this often (each move redraws every panel) */
  followMs?: number;
  debounceMs?: number;
  maxWaitMs?: number;
  now?: () => number;
}

export interface EnsembleHandle {
  stop(): void;
  /**
   * Mean empirical NTK over the nets on screen (N x N on xTrain, row-major), at init or at their
   * newest step; rejects when no nets are trained.
   */
  kernel(which: 'init' | 'current'): Promise<{ gen: number; step: number; ntk: Float64Array }>;
}

type Replan = 'init' | 'restart' | 'budget';
const RANK: Record<Replan, number> = { init: 0, restart: 1, budget: 2 };
/** keys whose change re-initialises the nets (the 'data', 'kernel' and 'ensemble' levels) */
const REINIT_LEVELS = new Set(['data', 'kernel', 'ensemble']);

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function connectEnsemble(
  store: AppStore,
  client: EnsembleControllerClient,
  {
    autoStart = false,
    chunkMs = 40,
    followMs = 200,
    debounceMs = 60,
    maxWaitMs = 300,
    now = () => performance.now(),
  }: EnsembleControllerOptions = {},
): EnsembleHandle {
  /** generation of the nets on screen (0: none) */
  let gen = 0;
  /** the user (or the link) asked for training; re-plans start training again */
  let armed = autoStart;
  /** chunks are being pulled */
  let running = false;
  /** Step: stop at this step */
  let stopAt: number | null = null;
  /** the cursor follows the newest recorded step */
  let follow = true;
  let lastSetStep: number | null = null;
  let pending: Replan | null = null;
  const timer = new ChunkTimer(chunkMs);

  const state = (): EnsembleState => store.getState().ensemble;
  const params = (): Params => store.getState().params;
  const patch = (p: Partial<EnsembleState>): void => store.getState().ensemblePatch(p);

  let lastMove = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | null = null;
  const clearTrailing = (): void => {
    if (trailing !== null) clearTimeout(trailing);
    trailing = null;
  };
  /** move the cursor to the newest recorded step (the trailing end of a throttled follow) */
  const catchUp = (): void => {
    trailing = null;
    const newest = state().frames.at(-1);
    if (!follow || !newest || newest.step > params().maxSteps) return;
    lastMove = now();
    lastSetStep = newest.step;
    store.getState().setParam('step', newest.step);
  };

  const record = (g: number, frame: EnsembleFrame, drift: number): void => {
    if (g !== gen) return;
    // the cursor follows at most every followMs; the last step of a run is never skipped
    const last = frame.step >= params().maxSteps || frame.step === stopAt || !running;
    const move = follow && (last || now() - lastMove >= followMs);
    if (move) {
      clearTrailing();
      lastMove = now();
      lastSetStep = frame.step;
    } else if (follow && trailing === null) {
      trailing = setTimeout(catchUp, followMs);
    }
    store.getState().ensembleRecord(g, { ...frame, drift }, move);
  };

  const fail = (g: number, error: unknown): void => {
    if (isSuperseded(error) || g !== gen) return;
    running = false;
    patch({ status: 'error', message: message(error) });
  };

  const stopRunning = (status: EnsembleState['status']): void => {
    running = false;
    stopAt = null;
    patch({ status });
  };

  /** after a chunk: stop at a Step target or at K, else pull the next */
  const afterChunk = (step: number): void => {
    if (step >= params().maxSteps) {
      stopRunning('done');
      return;
    }
    if (stopAt !== null && step >= stopAt) {
      stopRunning('paused');
      return;
    }
    if (running) pump();
  };

  const pump = (): void => {
    if (!running || gen === 0 || client.busy) return;
    const K = params().maxSteps;
    const latest = state().latestStep;
    if (latest >= K) {
      stopRunning('done');
      return;
    }
    const grid = stepGrid(K);
    const next = grid.find((s) => s > latest) ?? K;
    const limit = stopAt !== null ? Math.min(next, stopAt) : next;
    const k = Math.max(1, Math.min(timer.nextK(), limit - latest));
    const g = gen;
    const t0 = now();
    client.nextChunk(g, k).then(
      ({ value: frame }) => {
        if (g !== gen) return;
        timer.add(k, now() - t0);
        const timing = {
          msPerStep: timer.model()?.msPerStep ?? null,
          stepsPerSec: timer.stepsPerSec(),
        };
        if (!stepGrid(params().maxSteps).includes(frame.step)) {
          patch({ latestStep: frame.step, ...timing });
          afterChunk(frame.step);
          return;
        }
        // a recorded step: the status follows with the frame (one update, see ensembleRecord)
        patch(timing);
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

  const startRunning = (): void => {
    if (gen === 0) return;
    if (state().latestStep >= params().maxSteps) {
      stopRunning('done');
      return;
    }
    running = true;
    follow = true;
    patch({ status: 'training' });
    pump();
  };

  /** the initial frame of a new generation arrived */
  const started = (g: number, frame: EnsembleFrame, run: boolean): void => {
    patch({ latestStep: frame.step, status: 'paused' });
    record(g, frame, 0);
    if (run) startRunning();
  };

  const requestNtkInit = (g: number): void => {
    client.empiricalNtk(g, 'init').then(
      ({ value }) => {
        if (g === gen) patch({ ntkInit: value });
      },
      (error: unknown) => fail(g, error),
    );
  };

  const init = (run: boolean): void => {
    const p = params();
    const { plan, spec } = planEnsemble(p);
    timer.reset();
    running = false;
    stopAt = null;
    const reply = client.initWith(spec, p.backend);
    const g = client.generation;
    gen = g;
    patch({
      status: 'starting',
      gen: g,
      plan,
      lr: p.lr,
      seed: p.seed,
      frames: [],
      latestStep: 0,
      target: p.maxSteps,
      msPerStep: null,
      stepsPerSec: null,
      ntkInit: null,
      message: null,
    });
    reply.then(
      ({ value }) => {
        if (g !== gen) return;
        patch({ backend: value.backend });
        requestNtkInit(g);
        started(g, value.frame, run);
      },
      (error: unknown) => fail(g, error),
    );
  };

  const restart = (run: boolean): void => {
    // a busy worker is terminated by a new generation and loses its nets: build them again
    if (gen === 0 || client.busy) {
      init(run);
      return;
    }
    const p = params();
    timer.reset();
    running = false;
    stopAt = null;
    const reply = client.restart(p.lr);
    const g = client.generation;
    gen = g;
    patch({
      status: 'starting',
      gen: g,
      lr: p.lr,
      frames: [],
      latestStep: 0,
      target: p.maxSteps,
      message: null,
    });
    const ntkInit = state().ntkInit;
    reply.then(
      ({ value }) => {
        if (g !== gen) return;
        // the same initial nets: their NTK at init is unchanged
        patch({ ntkInit });
        started(g, value, run);
      },
      (error: unknown) => {
        if (isSuperseded(error) || g !== gen) return;
        init(run);
      },
    );
  };

  /** nothing trains: no nets, and say why */
  const halt = (status: EnsembleState['status'], msg: string | null): void => {
    if (gen !== 0) client.cancel();
    gen = 0;
    running = false;
    stopAt = null;
    patch({ status, gen: 0, frames: [], latestStep: 0, ntkInit: null, message: msg });
  };

  const replan = (kind: Replan): void => {
    const p = params();
    const off = offReason(p);
    if (off) {
      halt('off', off);
      patch({ plan: null, backend: null });
      return;
    }
    const { plan } = planEnsemble(p);
    if (!plan.fits) {
      halt('refused', null);
      patch({ plan });
      return;
    }
    if (!armed) {
      halt('idle', null);
      patch({ plan });
      return;
    }
    const s = state().status;
    if (kind === 'budget' && gen !== 0 && s !== 'refused' && s !== 'error') {
      patch({ plan: { ...plan } });
      return;
    }
    // keep training after a re-plan unless the user paused a run they had
    if (kind === 'restart') restart(true);
    else init(true);
  };

  const flush = (): void => {
    const kind = pending;
    pending = null;
    if (kind) replan(kind);
  };
  const scheduled = debounce(flush, debounceMs, maxWaitMs);
  const schedule = (kind: Replan): void => {
    if (pending === null || RANK[kind] < RANK[pending]) pending = kind;
    scheduled();
  };

  const horizon = (): void => {
    const K = params().maxSteps;
    const s = state();
    patch({ target: K, frames: s.frames.filter((f) => f.step <= K) });
    if (gen === 0) return;
    if (s.latestStep >= K) {
      if (running || s.status === 'training' || s.status === 'done') stopRunning('done');
    } else if (s.status === 'done' && armed) startRunning();
  };

  const command = (kind: EnsembleCommand): void => {
    const s = state();
    switch (kind) {
      case 'train':
        armed = true;
        if (s.status === 'idle' || s.status === 'error' || gen === 0) replan('init');
        else if (s.status === 'paused') startRunning();
        return;
      case 'pause':
        if (running || s.status === 'training') stopRunning('paused');
        return;
      case 'step': {
        if (gen === 0 || s.status !== 'paused') return;
        const K = params().maxSteps;
        stopAt = stepGrid(K).find((k) => k > s.latestStep) ?? null;
        if (stopAt === null) return;
        running = true;
        follow = true;
        patch({ status: 'training' });
        pump();
        return;
      }
      case 'reset':
        if (gen === 0) return;
        restart(false);
        return;
    }
  };

  const unsubscribe = store.subscribe((next, prev) => {
    const cmd = next.ensemble.command;
    if (cmd && cmd !== prev.ensemble.command) command(cmd.kind);
    if (next.params === prev.params) return;
    const keys = changedKeys(prev.params, next.params);
    if (keys.includes('step') && next.params.step !== lastSetStep) follow = false;
    const reinit = keys.some(
      (k: ParamKey) => k !== 'memoryMb' && REINIT_LEVELS.has(invalidationOf([k]) ?? 'view'),
    );
    if (reinit) schedule('init');
    else if (keys.includes('lr')) schedule('restart');
    else if (keys.includes('memoryMb')) schedule('budget');
    if (keys.includes('maxSteps') && !reinit && !keys.includes('lr')) horizon();
  });

  replan('init');

  return {
    stop: () => {
      clearTrailing();
      scheduled.cancel();
      unsubscribe();
      running = false;
    },
    kernel: (which) => {
      if (gen === 0) return Promise.reject(new Error('no finite networks are trained'));
      return client.empiricalNtk(gen, which).then(({ gen: g, value }) => ({
        gen: g,
        step: state().latestStep,
        ntk: value,
      }));
    },
  };
}
