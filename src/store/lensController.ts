// Keeps the kernel lens's data (lensSlice) in step with the experiment: the analytic row
// Θ(x₀, ·) follows the theory and x₀; the empirical kernels follow the ensemble's generation
// and step (read through `selectEnsemble`, so the page's ensemble state plugs in here) and x₀.
// Each empirical part has at most one request in flight and, while training runs, at most one
// request per `throttleMs` — or per DUTY_FACTOR × its last round trip when that is longer, so
// the lens takes at most about 1/DUTY_FACTOR of the ensemble worker's time from training (a
// row Θ̂(x₀, x_test) costs a forward and backward pass over the test grid: ~2.5 frames).
// The analytic row (cheap, in the kernel worker) goes at once.
// A reply is dropped when a newer request of its part was sent, or when what it was computed
// for (theory or ensemble generation, x₀) is no longer current; a reply for an older step of
// the same ensemble is kept (it is the newest there is), so a fast run is never starved.

import { errorMessage } from '../core/errorMessage';
import { isSuperseded } from '../workerClient/superseded';
import type { LensSource } from '../workerClient/lensSource';
import type { AppState, AppStore } from './appState';
import { EMPIRICAL_PARTS, type LensEnsemble, type LensPart, type LensState } from './lensSlice';

export type { LensEnsemble } from './lensSlice';

export type SelectLensEnsemble = (state: AppState) => LensEnsemble | null;

export interface LensControllerOptions {
  selectEnsemble: SelectLensEnsemble;
  /** least time between two requests of one empirical part (ms) */
  throttleMs?: number;
  now?: () => number;
}

/** x₀ as a network input: [x₀] for 1-D data, (cos x₀, sin x₀) on the circle (x₀ the angle) */
export function lensInput(x0: number, dim: number): Float64Array {
  if (dim === 2) return Float64Array.of(Math.cos(x0), Math.sin(x0));
  if (dim === 1) return Float64Array.of(x0);
  throw new Error(`the kernel lens needs 1-D inputs or the circle, got d = ${dim}`);
}

interface Wanted<K extends LensPart> {
  /** everything the request depends on */
  key: string;
  /** the same without the step: a reply is kept while this still holds */
  identity: string;
  send: () => Promise<LensState[K]>;
}

interface PartState {
  /** key and identity of the newest request sent */
  key: string | null;
  identity: string | null;
  /** id of the newest request sent; older replies are dropped */
  id: number;
  inFlight: boolean;
  sentAt: number;
  /** the last round trip (ms) */
  lastMs: number;
}

/** an empirical part waits at least this many times its last round trip between requests */
export const DUTY_FACTOR = 4;

/** Start following the store; returns a function that stops it. */
export function connectLens(
  store: AppStore,
  source: LensSource,
  { selectEnsemble, throttleMs = 300, now = () => performance.now() }: LensControllerOptions,
): () => void {
  const parts = new Map<LensPart, PartState>();
  const part = (p: LensPart): PartState => {
    let s = parts.get(p);
    if (!s) {
      s = { key: null, identity: null, id: 0, inFlight: false, sentAt: -Infinity, lastMs: 0 };
      parts.set(p, s);
    }
    return s;
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  /** what each part should hold now (null: nothing to ask for) */
  const wanted = (state: AppState): { [K in LensPart]: Wanted<K> | null } => {
    const payload = state.theory.payload;
    const none = {
      analytic: null,
      heatInit: null,
      heatCurrent: null,
      rowInit: null,
      rowCurrent: null,
    };
    if (!payload) return none;
    const { dim, xTest } = payload.data;
    const x0 = state.params.lensX0;
    const tg = payload.gen;
    const input = (): Float64Array => lensInput(x0, dim);
    const analytic: Wanted<'analytic'> = {
      key: `${tg}|${x0}`,
      identity: `${tg}|${x0}`,
      send: () => source.analyticRow(tg, input()).then((r) => ({ theoryGen: tg, x0, ...r })),
    };
    const ens = selectEnsemble(state);
    if (!ens) return { ...none, analytic };
    const { gen, step } = ens;
    const row = `${gen}|${tg}|${x0}`;
    return {
      analytic,
      heatInit: {
        key: `${gen}`,
        identity: `${gen}`,
        send: () =>
          source.empiricalNtk(gen, 'init').then((ntk) => ({ ensembleGen: gen, step: 0, ntk })),
      },
      heatCurrent: {
        key: `${gen}|${step}`,
        identity: `${gen}`,
        send: () =>
          source.empiricalNtk(gen, 'current').then((ntk) => ({ ensembleGen: gen, step, ntk })),
      },
      rowInit: {
        key: row,
        identity: row,
        send: () =>
          source
            .ntkCross(gen, input(), xTest, 'init')
            .then((ntk) => ({ ensembleGen: gen, step: 0, x0, ntk })),
      },
      rowCurrent: {
        key: `${row}|${step}`,
        identity: row,
        send: () =>
          source
            .ntkCross(gen, input(), xTest, 'current')
            .then((ntk) => ({ ensembleGen: gen, step, x0, ntk })),
      },
    };
  };

  /** one timer for every waiting part, set for the earliest of their times */
  let timerAt = Infinity;
  const schedule = (waitMs: number): void => {
    if (stopped) return;
    const at = now() + waitMs;
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      sync();
    }, waitMs);
  };

  const request = <K extends LensPart>(p: K, want: Wanted<K>): void => {
    const s = part(p);
    const throttled = p !== 'analytic';
    if (throttled) {
      if (s.inFlight) return; // sync runs again when it settles
      // only a new step waits; a new x₀ or ensemble is asked for as soon as nothing is in flight
      const wait = s.sentAt + Math.max(throttleMs, DUTY_FACTOR * s.lastMs) - now();
      if (wait > 0 && want.identity === s.identity) {
        schedule(wait);
        return;
      }
    }
    const id = ++s.id;
    s.key = want.key;
    s.identity = want.identity;
    s.inFlight = true;
    s.sentAt = now();
    const current = (): boolean =>
      !stopped && id === s.id && wanted(store.getState())[p]?.identity === want.identity;
    let reply: Promise<LensState[K]>;
    try {
      reply = want.send();
    } catch (error) {
      reply = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const settled = (): void => {
      if (id !== s.id) return;
      s.inFlight = false;
      s.lastMs = now() - s.sentAt;
    };
    reply.then(
      (value) => {
        settled();
        if (current()) store.getState().lensReceived(p, value);
        sync();
      },
      (error: unknown) => {
        settled();
        if (!isSuperseded(error) && current()) store.getState().lensFailed(errorMessage(error));
        sync();
      },
    );
  };

  const sync = (): void => {
    if (stopped) return;
    const state = store.getState();
    const want = wanted(state);
    const ensemble = selectEnsemble(state);
    if (!ensemble) {
      // forget the empirical parts: pending replies are dropped, the slice is cleared
      for (const p of EMPIRICAL_PARTS) {
        const s = part(p);
        if (s.key !== null) s.id++;
        s.key = null;
        s.identity = null;
        s.inFlight = false;
      }
    }
    state.lensEnsembleChanged(ensemble);
    for (const p of ['analytic', ...EMPIRICAL_PARTS] as const) {
      const w = want[p];
      if (w && w.key !== part(p).key) request(p, w as Wanted<typeof p>);
    }
  };

  const unsubscribe = store.subscribe(sync);
  sync();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    unsubscribe();
  };
}
