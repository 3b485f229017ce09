// The drift client's generations and cancel: pending calls on a cancelled or terminated worker
// reject, a busy worker is terminated at once, and a stale reply never reaches the caller.

import { describe, expect, it } from 'vitest';
import { DriftClient, type DriftRemote } from './driftClient';
import { SupersededError } from './superseded';
import { fakeDriftProgress } from './testing/fakeDrift';
import { FakeWorker } from './testing/fakeWorker';

/** the client passes progress through untouched: no export needed */
const progress = (fraction: number) => fakeDriftProgress(fraction, null);

type FakeDriftWorker = FakeWorker<DriftRemote>;

function setup() {
  const workers: FakeDriftWorker[] = [];
  const client = new DriftClient(() => {
    const w = new FakeWorker<DriftRemote>();
    workers.push(w);
    return w.endpoint();
  });
  return { client, workers };
}

const spec = {} as Parameters<DriftClient['start']>[0];

describe('DriftClient', () => {
  it('tags replies with their generation and pulls chunk after chunk', async () => {
    const { client, workers } = setup();
    const started = client.start(spec);
    workers[0]!.calls[0]!.resolve(progress(0));
    const { gen } = await started;
    expect(gen).toBe(1);
    const chunk = client.advance(gen, 80);
    workers[0]!.calls[1]!.resolve(progress(0.5));
    expect((await chunk).value.fraction).toBe(0.5);
    expect(workers).toHaveLength(1);
  });

  it('cancel with a chunk in flight terminates the worker and rejects the chunk at once', async () => {
    const { client, workers } = setup();
    const started = client.start(spec);
    workers[0]!.calls[0]!.resolve(progress(0));
    const { gen } = await started;
    const chunk = client.advance(gen, 80);
    client.cancel();
    await expect(chunk).rejects.toBeInstanceOf(SupersededError);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.stats).toEqual({ spawned: 1, terminated: 1 });
    // a reply that arrives from the dead worker changes nothing; the old generation is refused
    workers[0]!.calls[1]!.resolve(progress(1));
    await expect(client.advance(gen, 80)).rejects.toBeInstanceOf(SupersededError);
    // the next sweep runs on a fresh worker
    const again = client.start(spec);
    expect(workers).toHaveLength(2);
    workers[1]!.calls[0]!.resolve(progress(0));
    expect((await again).gen).toBe(gen + 2);
  });

  it('cancel while idle keeps the worker; a stale reply is dropped', async () => {
    const { client, workers } = setup();
    const first = client.start(spec);
    workers[0]!.calls[0]!.resolve(progress(0));
    await first;
    client.cancel();
    expect(workers[0]!.terminated).toBe(false);
    const second = client.start(spec);
    const third = client.start(spec);
    await expect(second).rejects.toBeInstanceOf(SupersededError);
    expect(workers[0]!.terminated).toBe(true);
    workers[1]!.calls[0]!.resolve(progress(0));
    expect((await third).gen).toBe(4);
  });

  it('a crash rejects what is pending with the message', async () => {
    const { client, workers } = setup();
    const started = client.start(spec);
    workers[0]!.crash!('out of memory');
    await expect(started).rejects.toThrow('drift worker failed: out of memory');
  });
});
