import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CursorPayload, SeriesPayload, TheoryPayload } from '../../workers/kernelApi';
import type { Params } from '../params/schema';
import { SupersededError } from '../workerClient/kernelClient';
import { createAppStore } from './appState';
import { resolveCursor } from './cursor';
import { connectTheory } from './theoryController';
import type { TheoryClient } from './theoryController';
import { canExport, seriesStatus } from './theorySlice';
import { fakeCursor, fakePayload, fakeSeries } from '../workerClient/testing/fakePayload';

interface Deferred<T> {
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

/** records requests; the test settles them */
class FakeClient implements TheoryClient {
  generation = 0;
  theories: { gen: number; params: Params; d: Deferred<TheoryPayload> }[] = [];
  priors: number[] = [];
  seriesCalls: { gen: number; d: Deferred<SeriesPayload> }[] = [];
  cursors: { gen: number; step: number; d: Deferred<CursorPayload> }[] = [];
  theory(params: Params): Promise<TheoryPayload> {
    const gen = ++this.generation;
    for (const t of this.theories) t.d.reject(new SupersededError());
    return new Promise((resolve, reject) =>
      this.theories.push({ gen, params, d: { resolve, reject } }),
    );
  }
  series(gen: number): Promise<SeriesPayload> {
    return new Promise((resolve, reject) => this.seriesCalls.push({ gen, d: { resolve, reject } }));
  }
  prior(gen: number) {
    this.priors.push(gen);
    return Promise.resolve({ gen, samples: [new Float64Array([0, 0, 0])] });
  }
  at(gen: number, step: number): Promise<CursorPayload> {
    return new Promise((resolve, reject) =>
      this.cursors.push({ gen, step, d: { resolve, reject } }),
    );
  }
  /** the theory reply: the band at the requested params' cursor, on a run to K = last step */
  finish(steps = [0, 1, 10]): void {
    const t = this.theories.pop();
    if (!t) throw new Error('no theory request');
    const k = Math.min(t.params.cursor, steps[steps.length - 1] ?? 0);
    t.d.resolve(fakePayload(t.gen, steps, 0.5, k));
  }
  /** the series reply for the oldest waiting series request */
  finishSeries(steps = [0, 1, 10]): void {
    const s = this.seriesCalls.shift();
    if (!s) throw new Error('no series request');
    s.d.resolve(fakeSeries(s.gen, steps));
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('connectTheory', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const store = createAppStore();
    const client = new FakeClient();
    let clock = 0;
    const stop = connectTheory(store, client, { debounceMs: 40, maxWaitMs: 200, now: () => clock });
    const advance = (ms: number) => {
      clock += ms;
      vi.advanceTimersByTime(ms);
    };
    return { store, client, stop, advance };
  }

  it('requests the theory at start and becomes ready with the worker generation', async () => {
    const { store, client, advance } = setup();
    expect(store.getState().theory).toMatchObject({ status: 'computing', gen: 1 });
    advance(120);
    client.finish();
    await flush();
    expect(store.getState().theory).toMatchObject({ status: 'ready', gen: 1, elapsedMs: 120 });
    expect(client.priors).toEqual([1]);
    expect(store.getState().theory.priorSamples).toHaveLength(1);
  });

  it('recomputes for a width change only in the standard parameterization', async () => {
    const { store, client, advance } = setup();
    client.finish();
    await flush();
    store.getState().setParam('width', 64);
    advance(100);
    store.getState().setParam('width', Infinity);
    advance(100);
    expect(store.getState().params.width).toBe(Infinity);
    expect(client.generation).toBe(1);
    expect(store.getState().theory.status).toBe('ready');
    store.getState().setParam('parameterization', 'standard');
    advance(100);
    expect(client.generation).toBe(2);
    // ∞ does not exist there: the width became the largest finite one
    expect(client.theories[0]?.params.width).toBe(8192);
    client.finish();
    await flush();
    store.getState().setParam('width', 128);
    advance(100);
    expect(client.generation).toBe(3);
    expect(client.theories[0]?.params.width).toBe(128);
  });

  it('recomputes for a regularizer change and for nothing that only the nets use', async () => {
    const { store, client, advance } = setup();
    client.finish();
    await flush();
    store.getState().setParam('nets', 3);
    store.getState().setParam('memoryMb', 64);
    store.getState().setParam('driftTo', 64);
    advance(100);
    expect(client.generation).toBe(1);
    store.getState().setParam('diagReg', 0.1);
    advance(100);
    expect(client.generation).toBe(2);
    expect(client.theories[0]?.params.diagReg).toBe(0.1);
  });

  it('debounces a dragged slider: one request for a burst, the last value wins', async () => {
    const { store, client, advance } = setup();
    client.finish();
    await flush();
    for (const w of [1.1, 1.2, 1.3]) {
      store.getState().setParam('wStd', w);
      advance(10);
    }
    expect(store.getState().theory.status).toBe('computing');
    expect(client.theories).toHaveLength(0);
    advance(40);
    expect(client.theories).toHaveLength(1);
    expect(client.theories[0]?.params.wStd).toBe(1.3);
    expect(client.generation).toBe(2);
  });

  it('still sends during a long drag (max wait) and stays computing until the last one', async () => {
    const { store, client, advance } = setup();
    client.finish();
    await flush();
    for (let i = 0; i < 25; i++) {
      store.getState().setParam('wStd', 1 + i / 100);
      advance(10);
    }
    expect(client.generation).toBeGreaterThanOrEqual(2);
    client.finish();
    await flush();
    // a change is still waiting out the debounce
    expect(store.getState().theory.status).toBe('computing');
    advance(100);
    client.finish();
    await flush();
    expect(store.getState().theory.status).toBe('ready');
    expect(store.getState().theory.payload?.gen).toBe(client.generation);
  });

  it('draws the band from the theory reply, then asks for the series of that generation', async () => {
    const { store, client, advance } = setup();
    advance(30);
    client.finish([0, 1, 10]);
    await flush();
    const t = store.getState().theory;
    expect(t).toMatchObject({ status: 'ready', series: null });
    expect(seriesStatus(t)).toBe('computing');
    expect(canExport(t)).toBe(false);
    const band = resolveCursor(t.payload!, t.series, t.cursor, store.getState().params.cursor);
    expect(band).toMatchObject({ step: 10, exact: true });
    expect(client.seriesCalls.map((r) => r.gen)).toEqual([1]);
    expect(client.cursors).toHaveLength(0);
    advance(90);
    client.finishSeries();
    await flush();
    const u = store.getState().theory;
    expect(seriesStatus(u)).toBe('ready');
    expect(u.seriesElapsedMs).toBe(120);
    expect(canExport(u)).toBe(true);
    // a pending change makes the export wait for the new generation
    store.getState().setParam('lr', 0.3);
    expect(canExport(store.getState().theory)).toBe(false);
    expect(seriesStatus(store.getState().theory)).toBe('computing');
  });

  it('drops a series of an older generation and keeps the old one until the new one arrives', async () => {
    const { store, client, advance } = setup();
    client.finish();
    await flush();
    store.getState().setParam('lr', 0.3);
    advance(50);
    client.finish();
    await flush();
    expect(client.seriesCalls.map((r) => r.gen)).toEqual([1, 2]);
    client.finishSeries();
    await flush();
    // generation 1's series arrived after generation 2's band: not used
    expect(store.getState().theory.series).toBeNull();
    expect(seriesStatus(store.getState().theory)).toBe('computing');
    client.finishSeries();
    await flush();
    expect(store.getState().theory.series?.gen).toBe(2);
    expect(seriesStatus(store.getState().theory)).toBe('ready');
  });

  it('a failed series is an error of the curves only; the band stays ready', async () => {
    const { store, client } = setup();
    client.finish();
    await flush();
    client.seriesCalls[0]?.d.reject(new Error('out of memory'));
    await flush();
    const t = store.getState().theory;
    expect(t.status).toBe('ready');
    expect(seriesStatus(t)).toBe('error');
    expect(t.seriesError).toBe('out of memory');
    expect(canExport(t)).toBe(false);
  });

  it('ignores a superseded series', async () => {
    const { store, client } = setup();
    client.finish();
    await flush();
    client.seriesCalls[0]?.d.reject(new SupersededError());
    await flush();
    expect(seriesStatus(store.getState().theory)).toBe('computing');
  });

  it('before the series arrives any other step asks the worker', async () => {
    const { store, client } = setup();
    client.finish([0, 1, 10]);
    await flush();
    store.getState().setParam('cursor', 1);
    store.getState().setParam('cursor', 2);
    store.getState().setParam('cursor', 1);
    // 1 is on the grid, but the grid's values have not arrived: `at` for 1, then 2, then 1
    expect(client.cursors.map((c) => c.step)).toEqual([1, 2, 1]);
    client.cursors[2]?.d.resolve(fakeCursor(1, 1));
    await flush();
    expect(store.getState().theory.cursor?.step).toBe(1);
    // the same step again: answered, no new request
    store.getState().setParam('cursor', 1);
    expect(client.cursors).toHaveLength(3);
  });

  it('a view change recomputes nothing; an on-grid cursor needs no worker call', async () => {
    const { store, client, advance } = setup();
    client.finish([0, 1, 10]);
    await flush();
    client.finishSeries([0, 1, 10]);
    await flush();
    store.getState().setParam('showBand', false);
    store.getState().setParam('cursor', 1);
    advance(500);
    expect(client.generation).toBe(1);
    expect(client.cursors).toHaveLength(0);
    expect(store.getState().theory.status).toBe('ready');
  });

  it('an off-grid cursor asks the worker for exactly that step', async () => {
    const { store, client } = setup();
    client.finish([0, 1, 10]);
    await flush();
    client.finishSeries([0, 1, 10]);
    await flush();
    store.getState().setParam('cursor', 4);
    expect(client.cursors.map((c) => [c.gen, c.step])).toEqual([[client.generation, 4]]);
    const gen = client.generation;
    client.cursors[0]?.d.resolve({
      gen,
      step: 4,
      mean: new Float64Array(3),
      std: new Float64Array(3),
      lossTrain: 0.2,
      lossTest: 0.4,
    });
    await flush();
    expect(store.getState().theory.cursor?.step).toBe(4);
  });

  it('shows a worker failure as an error of that generation', async () => {
    const { store, client } = setup();
    client.theories[0]?.d.reject(new Error('eigendecomposition failed'));
    await flush();
    expect(store.getState().theory).toMatchObject({
      status: 'error',
      error: 'eigendecomposition failed',
    });
    expect(seriesStatus(store.getState().theory)).toBe('error');
  });

  it('ignores a superseded request', async () => {
    const { store, client, advance } = setup();
    store.getState().setParam('depth', 3);
    advance(50);
    await flush();
    expect(store.getState().theory.status).toBe('computing');
    expect(store.getState().theory.error).toBeNull();
    client.finish();
    await flush();
    expect(store.getState().theory).toMatchObject({ status: 'ready', gen: 2 });
  });
});
