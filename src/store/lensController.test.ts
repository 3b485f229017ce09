import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakePayload } from '../workerClient/testing/fakePayload';
import type { LensSource, LensWhich } from '../workerClient/lensSource';
import { SupersededError } from '../workerClient/superseded';
import { createAppStore, type AppStore } from './appState';
import { connectLens, lensInput, type LensEnsemble } from './lensController';

interface Pending<T> {
  args: unknown[];
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

/** records every request; the test settles them */
class FakeSource implements LensSource {
  heat: Pending<Float64Array>[] = [];
  cross: Pending<Float64Array>[] = [];
  rows: Pending<{ ntk: Float64Array; nngp: Float64Array }>[] = [];
  empiricalNtk(gen: number, which: LensWhich): Promise<Float64Array> {
    return new Promise((resolve, reject) =>
      this.heat.push({ args: [gen, which], resolve, reject }),
    );
  }
  ntkCross(gen: number, x0: Float64Array, xTest: Float64Array, which: LensWhich) {
    return new Promise<Float64Array>((resolve, reject) =>
      this.cross.push({ args: [gen, Array.from(x0), xTest.length, which], resolve, reject }),
    );
  }
  analyticRow(gen: number, x0: Float64Array) {
    return new Promise<{ ntk: Float64Array; nngp: Float64Array }>((resolve, reject) =>
      this.rows.push({ args: [gen, Array.from(x0)], resolve, reject }),
    );
  }
}

const flush = async () => {
  for (let i = 0; i < 6; i++) await Promise.resolve();
};
const row = (v: number) => ({ ntk: Float64Array.of(v, v, v), nngp: Float64Array.of(v, v, v) });

let store: AppStore;
let source: FakeSource;
let ensemble: LensEnsemble | null;
let clock: number;
let stop: () => void;

function setEnsemble(e: LensEnsemble | null): void {
  ensemble = e;
  store.setState({}); // the real selector reads the store; a change of it notifies
}

beforeEach(() => {
  vi.useFakeTimers();
  store = createAppStore();
  source = new FakeSource();
  ensemble = null;
  clock = 0;
  stop = connectLens(store, source, {
    selectEnsemble: () => ensemble,
    throttleMs: 300,
    now: () => clock,
  });
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

function theory(gen: number): void {
  store.setState({ theory: { ...store.getState().theory, gen, payload: fakePayload(gen) } });
}

describe('lens controller', () => {
  it('without an ensemble asks only for the analytic row, and follows x₀ and the theory', async () => {
    expect(source.rows).toHaveLength(0);
    theory(1);
    expect(source.rows.map((r) => r.args)).toEqual([[1, [0]]]);
    source.rows[0]!.resolve(row(2));
    await flush();
    expect(store.getState().lens.analytic).toMatchObject({ theoryGen: 1, x0: 0 });
    store.getState().setParam('lensX0', 1.5);
    theory(2);
    expect(source.rows.slice(1).map((r) => r.args)).toEqual([
      [1, [1.5]],
      [2, [1.5]],
    ]);
    expect(source.heat).toHaveLength(0);
    expect(source.cross).toHaveLength(0);
  });

  it('drops a stale analytic row: an older x₀ answering after a newer one', async () => {
    theory(1);
    store.getState().setParam('lensX0', 2);
    const [old, fresh] = source.rows;
    fresh!.resolve(row(7));
    await flush();
    old!.resolve(row(3));
    await flush();
    expect(store.getState().lens.analytic).toMatchObject({ x0: 2 });
    expect(store.getState().lens.analytic!.ntk[0]).toBe(7);
  });

  it('asks for all four empirical parts once an ensemble exists, and clears them when it goes', async () => {
    theory(1);
    setEnsemble({ gen: 4, step: 0 });
    expect(source.heat.map((h) => h.args)).toEqual([
      [4, 'init'],
      [4, 'current'],
    ]);
    expect(source.cross.map((c) => c.args)).toEqual([
      [4, [0], 3, 'init'],
      [4, [0], 3, 'current'],
    ]);
    for (const p of [...source.heat, ...source.cross]) p.resolve(Float64Array.of(1, 2, 3, 4));
    await flush();
    const lens = store.getState().lens;
    expect(lens.heatInit).toMatchObject({ ensembleGen: 4, step: 0 });
    expect(lens.rowCurrent).toMatchObject({ ensembleGen: 4, step: 0, x0: 0 });
    expect(lens.ensemble).toEqual({ gen: 4, step: 0 });
    setEnsemble(null);
    const cleared = store.getState().lens;
    expect(cleared.ensemble).toBeNull();
    expect([cleared.heatInit, cleared.heatCurrent, cleared.rowInit, cleared.rowCurrent]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('throttles the current-step requests while training: one in flight, at most one per 300 ms', async () => {
    theory(1);
    setEnsemble({ gen: 1, step: 0 });
    const current = () => source.heat.filter((h) => h.args[1] === 'current');
    expect(current()).toHaveLength(1);
    // 20 frames arrive in 100 ms while the first request is in flight: nothing new is sent
    for (let k = 1; k <= 20; k++) {
      clock += 5;
      setEnsemble({ gen: 1, step: k });
    }
    expect(current()).toHaveLength(1);
    current()[0]!.resolve(Float64Array.of(0));
    await flush();
    // the reply (step 0) is kept: same ensemble, an older step is still the newest there is
    expect(store.getState().lens.heatCurrent).toMatchObject({ step: 0 });
    // settled at t = 100 ms, a round trip of 100 ms: the next request waits until
    // max(300 ms, DUTY_FACTOR × 100 ms) = 400 ms after the first was sent
    expect(current()).toHaveLength(1);
    clock = 350;
    vi.advanceTimersByTime(250);
    expect(current()).toHaveLength(1);
    clock = 400;
    vi.advanceTimersByTime(50);
    expect(current()).toHaveLength(2);
    expect(current()[1]!.args).toEqual([1, 'current']);
    current()[1]!.resolve(Float64Array.of(20));
    await flush();
    expect(store.getState().lens.heatCurrent).toMatchObject({ step: 20 });
    // init parts are not asked again for a new step
    expect(source.heat.filter((h) => h.args[1] === 'init')).toHaveLength(1);
    expect(source.cross.filter((c) => c.args[3] === 'init')).toHaveLength(1);
  });

  it('waits DUTY_FACTOR times a slow round trip before asking again, so training keeps the worker', async () => {
    theory(1);
    setEnsemble({ gen: 1, step: 0 });
    const rows = () => source.cross.filter((c) => c.args[3] === 'current');
    clock = 1000; // the row took 1 s (a slow CPU backend)
    rows()[0]!.resolve(Float64Array.of(1, 2, 3));
    await flush();
    setEnsemble({ gen: 1, step: 10 });
    vi.advanceTimersByTime(2000);
    clock = 3000;
    expect(rows()).toHaveLength(1);
    clock = 4000;
    vi.advanceTimersByTime(1000);
    expect(rows()).toHaveLength(2);
  });

  it('a slow part does not hold up a fast one: the shared timer follows the earliest wait', async () => {
    theory(1);
    setEnsemble({ gen: 1, step: 0 });
    const rows = () => source.cross.filter((c) => c.args[3] === 'current');
    const heats = () => source.heat.filter((h) => h.args[1] === 'current');
    clock = 5; // the heatmap takes 5 ms
    heats()[0]!.resolve(Float64Array.of(1, 2, 3, 4));
    await flush();
    clock = 1000; // the row takes 1 s: its next request waits until 4 s
    rows()[0]!.resolve(Float64Array.of(1, 2, 3));
    await flush();
    setEnsemble({ gen: 1, step: 10 });
    expect(heats()).toHaveLength(2);
    clock = 1005;
    heats()[1]!.resolve(Float64Array.of(1, 2, 3, 4));
    await flush();
    setEnsemble({ gen: 1, step: 20 });
    // the heatmap may go again 300 ms after its last request (t = 1.3 s), long before the row
    clock = 1300;
    vi.advanceTimersByTime(295);
    expect(heats()).toHaveLength(3);
    expect(rows()).toHaveLength(1);
    clock = 4000;
    vi.advanceTimersByTime(2700);
    expect(rows()).toHaveLength(2);
  });

  it('drops an empirical reply of a superseded ensemble generation or x₀', async () => {
    theory(1);
    setEnsemble({ gen: 1, step: 5 });
    const oldInit = source.cross.find((c) => c.args[3] === 'init')!;
    clock = 1000;
    setEnsemble({ gen: 2, step: 0 });
    oldInit.resolve(Float64Array.of(9, 9, 9));
    await flush();
    expect(store.getState().lens.rowInit).toBeNull();
    // after the stale reply settled, the new generation's row is requested
    const next = source.cross.filter((c) => c.args[3] === 'init');
    expect(next.at(-1)!.args).toEqual([2, [0], 3, 'init']);
    clock = 2000;
    store.getState().setParam('lensX0', -1);
    next.at(-1)!.resolve(Float64Array.of(1, 1, 1));
    await flush();
    expect(store.getState().lens.rowInit).toBeNull();
    const latest = source.cross.filter((c) => c.args[3] === 'init').at(-1)!;
    expect(latest.args).toEqual([2, [-1], 3, 'init']);
    latest.resolve(Float64Array.of(5, 5, 5));
    await flush();
    expect(store.getState().lens.rowInit).toMatchObject({ ensembleGen: 2, x0: -1 });
  });

  it('reports a failure in plain words, and ignores superseded rejections', async () => {
    theory(1);
    source.rows[0]!.reject(new SupersededError());
    await flush();
    expect(store.getState().lens.error).toBeNull();
    store.getState().setParam('lensX0', 1);
    source.rows[1]!.reject(new Error('x₀ must be 1 finite number'));
    await flush();
    expect(store.getState().lens.error).toBe('x₀ must be 1 finite number');
  });
});

describe('lensInput', () => {
  it('is x₀ itself in 1-D and the point at angle x₀ on the circle', () => {
    expect(Array.from(lensInput(0.5, 1))).toEqual([0.5]);
    const p = lensInput(Math.PI / 3, 2);
    expect(p[0]).toBeCloseTo(0.5, 15);
    expect(p[1]).toBeCloseTo(Math.sqrt(3) / 2, 15);
    expect(() => lensInput(0, 3)).toThrow(/1-D inputs or the circle/);
  });
});
