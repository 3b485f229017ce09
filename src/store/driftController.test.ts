// The drift controller and slice: Run pulls the sweep to the end into the store, Cancel stops at
// once and keeps the points, a changed experiment marks them stale and keeps them out of the
// export, and a failure is a plain message.

import { describe, expect, it } from 'vitest';
import type { DriftProgress, DriftSweepSpec } from '../../workers/driftSweep';
import { DEFAULT_PARAMS } from '../params/schema';
import { SupersededError } from '../workerClient/superseded';
import {
  FAKE_DRIFT_EXPORT as EXPORT,
  fakeDriftProgress as progress,
} from '../workerClient/testing/fakeDrift';
import { createAppStore } from './appState';
import { connectDrift, type DriftSweepClient } from './driftController';
import { driftExportOf, driftStaleKeys } from './driftSlice';

/** a client whose replies the test releases one by one */
function fakeClient() {
  const queue: { resolve: (p: DriftProgress) => void; reject: (e: unknown) => void }[] = [];
  const specs: DriftSweepSpec[] = [];
  let gen = 0;
  let cancels = 0;
  const pending = () =>
    new Promise<DriftProgress>((resolve, reject) => queue.push({ resolve, reject }));
  const client: DriftSweepClient = {
    get generation() {
      return gen;
    },
    start: (spec) => {
      specs.push(spec);
      const g = ++gen;
      return pending().then((value) => ({ gen: g, value }));
    },
    advance: (g) => pending().then((value) => ({ gen: g, value })),
    cancel: () => {
      cancels++;
      gen++;
      for (const q of queue.splice(0)) q.reject(new SupersededError());
    },
  };
  const release = async (p: DriftProgress) => {
    for (let i = 0; i < 10 && queue.length === 0; i++) await Promise.resolve();
    queue.shift()!.resolve(p);
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const fail = async (error: Error) => {
    for (let i = 0; i < 10 && queue.length === 0; i++) await Promise.resolve();
    queue.shift()!.reject(error);
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { client, release, fail, specs, cancels: () => cancels };
}

describe('connectDrift', () => {
  it('runs the sweep of the current parameters to the end', async () => {
    const store = createAppStore();
    const fake = fakeClient();
    const stop = connectDrift(store, fake.client, { now: () => 0 });
    store.getState().setParam('driftFrom', 16);
    store.getState().setParam('driftTo', 64);
    store.getState().runDrift();
    expect(store.getState().drift.status).toBe('running');
    expect(fake.specs[0]!.widths).toEqual([16, 32, 64]);
    expect(fake.specs[0]!.nets).toBe(DEFAULT_PARAMS.driftNets);
    expect(fake.specs[0]!.memoryBytes).toBe(DEFAULT_PARAMS.memoryMb * 2 ** 20);
    await fake.release(progress(0));
    await fake.release(progress(0.5));
    expect(store.getState().drift.progress!.fraction).toBe(0.5);
    await fake.release(progress(1));
    const drift = store.getState().drift;
    expect(drift.status).toBe('done');
    expect(driftExportOf(drift, store.getState().params)).toEqual(EXPORT);
    stop();
  });

  it('cancel stops at once and keeps the points; a changed experiment is stale', async () => {
    const store = createAppStore();
    const fake = fakeClient();
    connectDrift(store, fake.client, { now: () => 0 });
    store.getState().runDrift();
    await fake.release(progress(0));
    await fake.release(progress(0.3));
    store.getState().cancelDrift();
    expect(fake.cancels()).toBe(1);
    await Promise.resolve();
    const drift = store.getState().drift;
    expect(drift.status).toBe('cancelled');
    expect(drift.progress!.fraction).toBe(0.3);
    expect(driftExportOf(drift, store.getState().params)).toBeNull();
    // view changes are not stale; the activation and η are
    store.getState().setParam('samples', 5);
    expect(driftStaleKeys(drift, store.getState().params)).toEqual([]);
    store.getState().setParam('activation', 'relu');
    store.getState().setParam('lr', 0.05);
    expect(driftStaleKeys(drift, store.getState().params)).toEqual(['activation', 'lr']);
  });

  it('a failure is shown as its message', async () => {
    const store = createAppStore();
    const fake = fakeClient();
    connectDrift(store, fake.client, { now: () => 0 });
    store.getState().runDrift();
    await fake.fail(new Error('engine simd is not available'));
    const drift = store.getState().drift;
    expect(drift.status).toBe('error');
    expect(drift.error).toBe('engine simd is not available');
  });
});
