// Drives the finite ensemble from the store, as theoryController does the theory (see
// docs/architecture.md#store-controllers). A parameter change re-plans the nets as the schema's
// `affects.nets` says (ensembleClassify.ts): new initial nets, the same nets restarted for a new
// η, a new horizon K (training continues, or the frames beyond it are dropped), a re-checked
// memory budget, or nothing. Training is pulled chunk by chunk (ensemblePump.ts) while the time
// cursor follows the newest recorded step (ensembleFollow.ts). The commands (train / pause /
// advance / reset) reach the controller through the store's `ensembleCommand`.

import type { EnsembleFrame } from '../../workers/ensembleApi';
import { errorMessage } from '../core/errorMessage';
import type { EngineSpeed } from '../core/ensembleSpeed';
import { estimatedMsToK, offReason, planEnsemble, tooSlowToStart } from '../params/ensemblePlan';
import { stepGrid } from '../params/experiment';
import type { BackendId, Params } from '../params/schema';
import type { EnsembleClient } from '../workerClient/ensembleClient';
import { isSuperseded } from '../workerClient/superseded';
import type { AppStore } from './appState';
import { debounce } from './debounce';
import { REPLAN_ORDER, classify, type Replan } from './ensembleClassify';
import { followCursor } from './ensembleFollow';
import { chunkPump } from './ensemblePump';
import type { EnsembleCommand, EnsembleState } from './ensembleSlice';

export type EnsembleControllerClient = Pick<
  EnsembleClient,
  | 'initWith'
  | 'restart'
  | 'nextChunk'
  | 'nextSteps'
  | 'ntkDrift'
  | 'empiricalNtk'
  | 'cancel'
  | 'busy'
  | 'generation'
>;

export interface EnsembleControllerOptions {
  /** start training at once (the page was opened with a link) */
  autoStart?: boolean;
  /**
   * This machine's speed on a backend choice (a short probe), for the time estimate; without it
   * the plan assumes a typical speed.
   */
  probeSpeed?: (backend: BackendId) => Promise<EngineSpeed>;
  /** a run the user did not start themselves starts only if its estimate to K is within this */
  autoStartMaxMs?: number;
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

export function connectEnsemble(
  store: AppStore,
  client: EnsembleControllerClient,
  {
    autoStart = false,
    probeSpeed,
    autoStartMaxMs = 60_000,
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
  /** the user pressed Train: runs start whatever their estimate */
  let userArmed = false;
  let pending: Replan | null = null;
  /** probed speeds per backend choice (null: the probe failed, the assumed speed stays) */
  const speeds = new Map<BackendId, EngineSpeed | null>();
  const probing = new Set<BackendId>();

  const actions = () => store.getState();
  const state = (): EnsembleState => store.getState().ensemble;
  const params = (): Params => store.getState().params;
  const follow = followCursor(store, followMs, now);

  const record = (g: number, frame: EnsembleFrame, drift: number): void => {
    if (g !== gen) return;
    const last = frame.step >= params().maxSteps || frame.step === pump.stopAt || !pump.running;
    const move = follow.moveWith(frame.step, last);
    actions().ensembleRecord(g, { ...frame, drift }, move);
  };

  const fail = (g: number, error: unknown): void => {
    if (isSuperseded(error) || g !== gen) return;
    pump.reset();
    actions().ensembleFailed(errorMessage(error));
  };

  // a control change shows its theory band first: training yields the cores until it arrived
  const hold = (): boolean => store.getState().theory.status === 'computing';
  const pump = chunkPump(store, client, { chunkMs, now, gen: () => gen, record, fail, hold });

  /** train on from the newest step (to K, or to an advance target) */
  const run = (stopAt: number | null = null): void => {
    if (gen === 0) return;
    if (stopAt === null && state().latestStep >= params().maxSteps) {
      pump.stop('done');
      return;
    }
    follow.resume();
    pump.run(stopAt);
  };

  /** the initial frame of a new generation arrived */
  const started = (g: number, frame: EnsembleFrame, go: boolean): void => {
    record(g, frame, 0);
    if (go) run();
  };

  const speedOf = (backend: BackendId): EngineSpeed | null => speeds.get(backend) ?? null;
  /** whether the speed of `backend` is settled (probed, failed, or no probe), probing it if not */
  const speedSettled = (backend: BackendId): boolean => {
    if (!probeSpeed || speeds.has(backend)) return true;
    if (!probing.has(backend)) {
      probing.add(backend);
      const settle = (speed: EngineSpeed | null): void => {
        probing.delete(backend);
        speeds.set(backend, speed);
        if (stopped || params().backend !== backend) return;
        // nothing runs: decide again with the measured speed; otherwise only the estimate moves
        if (gen === 0) schedule('reinit');
        else if (!offReason(params()))
          actions().ensemblePlanned(planEnsemble(params(), speed).plan);
      };
      probeSpeed(backend).then(settle, () => settle(null));
    }
    return false;
  };

  const init = (go: boolean): void => {
    const p = params();
    const { plan, spec } = planEnsemble(p, speedOf(p.backend));
    pump.reset();
    const reply = client.initWith(spec, p.backend);
    const g = client.generation;
    gen = g;
    actions().ensembleStarting({ gen: g, plan, lr: p.lr, seed: p.seed, target: p.maxSteps });
    reply.then(
      ({ value }) => {
        if (g !== gen) return;
        actions().ensembleStarted(g, { step: value.frame.step, backend: value.backend });
        client.empiricalNtk(g, 'init').then(
          ({ value: ntk }) => actions().ensembleNtkInit(g, ntk),
          (error: unknown) => fail(g, error),
        );
        started(g, value.frame, go);
      },
      (error: unknown) => fail(g, error),
    );
  };

  const restart = (go: boolean): void => {
    // a busy worker is terminated by a new generation and loses its nets: build them again
    if (gen === 0 || client.busy) {
      init(go);
      return;
    }
    const p = params();
    pump.reset();
    const reply = client.restart(p.lr);
    const g = client.generation;
    gen = g;
    actions().ensembleRestarting({ gen: g, lr: p.lr, target: p.maxSteps });
    // the same initial nets: their NTK at init is unchanged
    const ntkInit = state().ntkInit;
    reply.then(
      ({ value }) => {
        if (g !== gen) return;
        actions().ensembleStarted(g, { step: value.step, ntkInit });
        started(g, value, go);
      },
      (error: unknown) => {
        if (isSuperseded(error) || g !== gen) return;
        init(go);
      },
    );
  };

  const replan = (kind: Replan): void => {
    const p = params();
    const off = offReason(p);
    const settled = speedSettled(p.backend);
    const plan = off ? null : planEnsemble(p, speedOf(p.backend)).plan;
    if (!plan || !plan.fits || !armed) {
      // nothing trains: no nets, and say why
      if (gen !== 0) client.cancel();
      gen = 0;
      pump.reset();
      actions().ensembleHalted(!plan ? 'off' : !plan.fits ? 'refused' : 'idle', plan, off);
      return;
    }
    const s = state().status;
    if (kind === 'budget' && gen !== 0 && s !== 'refused' && s !== 'error') {
      actions().ensemblePlanned(plan);
      return;
    }
    if (!userArmed) {
      // a run the user did not ask for starts only once its estimate is known to be short
      const slow = settled
        ? tooSlowToStart(estimatedMsToK(plan, p.maxSteps), autoStartMaxMs)
        : null;
      if (!settled || slow) {
        if (gen !== 0) client.cancel();
        gen = 0;
        pump.reset();
        actions().ensembleHalted('idle', plan, slow);
        return;
      }
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
    if (pending === null || REPLAN_ORDER.indexOf(kind) < REPLAN_ORDER.indexOf(pending)) {
      pending = kind;
    }
    scheduled();
  };

  const horizon = (): void => {
    const K = params().maxSteps;
    const s = state();
    actions().ensembleHorizon(K);
    if (gen === 0) return;
    if (s.latestStep >= K) {
      if (pump.running || s.status === 'training' || s.status === 'done') pump.stop('done');
    } else if (s.status === 'done' && armed) run();
  };

  const command = (kind: EnsembleCommand): void => {
    const s = state();
    switch (kind) {
      case 'train':
        armed = true;
        userArmed = true;
        if (s.status === 'idle' || s.status === 'error' || gen === 0) replan('reinit');
        else if (s.status === 'paused') run();
        return;
      case 'pause':
        if (pump.running || s.status === 'training') pump.stop('paused');
        return;
      case 'advance': {
        if (gen === 0 || s.status !== 'paused') return;
        const stopAt = stepGrid(params().maxSteps).find((k) => k > s.latestStep);
        if (stopAt !== undefined) run(stopAt);
        return;
      }
      case 'reset':
        if (gen !== 0) restart(false);
        return;
    }
  };

  const release = actions().ensembleConnect(command);
  const unsubscribe = store.subscribe((next, prev) => {
    if (next.params === prev.params) return;
    const change = classify(prev.params, next.params);
    if (change.cursorMoved) follow.cursorChanged(next.params.cursor);
    if (change.nets) schedule(change.nets);
    if (change.horizon) horizon();
  });

  let stopped = false;
  replan('reinit');

  return {
    stop: () => {
      stopped = true;
      follow.stop();
      scheduled.cancel();
      release();
      unsubscribe();
      pump.reset();
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
