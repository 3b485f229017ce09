import { describe, expect, it } from 'vitest';
import type { CursorPayload, SeriesPayload, TheoryPayload } from '../../workers/kernelApi';
import type { Params } from '../params/schema';
import { KernelClient, SupersededError, isSuperseded, type KernelRemote } from './kernelClient';
import { FakeWorker, type FakeCall } from './testing/fakeWorker';

type FakeKernelWorker = FakeWorker<KernelRemote>;

/** a reply of the call's own generation (args[0]); a cursor reply also echoes its step */
function fakeReply(call: FakeCall): unknown {
  const [gen, arg] = call.args;
  if (call.method === 'theory') return { gen } as unknown as TheoryPayload;
  if (call.method === 'prior') return { gen, samples: [] };
  if (call.method === 'series') return { gen } as unknown as SeriesPayload;
  return { gen, step: arg } as unknown as CursorPayload;
}

function setup() {
  const workers: FakeKernelWorker[] = [];
  const client = new KernelClient(() => {
    const w = new FakeWorker<KernelRemote>(fakeReply);
    workers.push(w);
    return w.endpoint();
  });
  return { client, workers };
}

const params = (n: number) => ({ n }) as unknown as Params;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('KernelClient generations', () => {
  it('sends increasing generation ids and resolves a fresh reply', async () => {
    const { client, workers } = setup();
    const p = client.theory(params(1));
    expect(client.generation).toBe(1);
    workers[0]!.reply('theory');
    await expect(p).resolves.toMatchObject({ gen: 1 });
    const q = client.theory(params(2));
    expect(workers[0]!.pending()[0]).toMatchObject({ method: 'theory', args: [2, params(2)] });
    workers[0]!.reply('theory');
    await expect(q).resolves.toMatchObject({ gen: 2 });
    expect(workers).toHaveLength(1);
  });

  it('terminates a busy worker when a newer theory request arrives and rejects the old call', async () => {
    const { client, workers } = setup();
    const old = client.theory(params(1));
    const cursor = client.at(1, 5);
    const fresh = client.theory(params(2));
    await expect(old).rejects.toBeInstanceOf(SupersededError);
    await expect(cursor).rejects.toBeInstanceOf(SupersededError);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.pending().map((c) => [c.method, c.args[0]])).toEqual([['theory', 2]]);
    workers[1]!.reply('theory');
    await expect(fresh).resolves.toMatchObject({ gen: 2 });
    expect(client.stats).toEqual({ spawned: 2, terminated: 1 });
  });

  it('keeps the worker (and its cache) when the previous theory request already finished', async () => {
    const { client, workers } = setup();
    const first = client.theory(params(1));
    workers[0]!.reply('theory');
    await first;
    void client.theory(params(2));
    expect(workers[0]!.terminated).toBe(false);
    expect(workers).toHaveLength(1);
  });

  it('drops a stale reply whose generation is no longer current', async () => {
    const { client, workers } = setup();
    const p = client.theory(params(1));
    workers[0]!.reply('theory');
    await p;
    const prior = client.prior(1);
    const next = client.theory(params(2));
    workers[0]!.reply('prior');
    await expect(prior).rejects.toBeInstanceOf(SupersededError);
    workers[0]!.reply('theory');
    await expect(next).resolves.toMatchObject({ gen: 2 });
  });

  it('rejects requests for an old generation without contacting the worker', async () => {
    const { client, workers } = setup();
    const p = client.theory(params(1));
    workers[0]!.reply('theory');
    await p;
    void client.theory(params(2)).catch(() => undefined);
    await expect(client.at(1, 3)).rejects.toSatisfy(isSuperseded);
    await expect(client.prior(1)).rejects.toSatisfy(isSuperseded);
    expect(workers[0]!.pending().map((c) => c.method)).toEqual(['theory']);
  });
});

describe('KernelClient series (the second phase)', () => {
  async function ready(gen = 1) {
    const s = setup();
    const t = s.client.theory(params(gen));
    s.workers[0]!.reply('theory');
    await t;
    return s;
  }

  it('resolves the series of the current generation', async () => {
    const { client, workers } = await ready();
    const p = client.series(1);
    expect(workers[0]!.pending().map((c) => [c.method, c.args[0]])).toEqual([['series', 1]]);
    workers[0]!.reply('series');
    await expect(p).resolves.toMatchObject({ gen: 1 });
  });

  it('keeps the worker (and its cache) when a newer theory arrives during a series', async () => {
    const { client, workers } = await ready();
    const s = client.series(1);
    const t = client.theory(params(2));
    expect(workers[0]!.terminated).toBe(false);
    expect(workers).toHaveLength(1);
    // the worker drops the stale series at its next pause, with an error
    workers[0]!
      .pending()
      .find((c) => c.method === 'series')!
      .reject(new Error('no theory for 1'));
    await expect(s).rejects.toBeInstanceOf(SupersededError);
    workers[0]!.reply('theory');
    await expect(t).resolves.toMatchObject({ gen: 2 });
  });

  it('drops a series reply that arrives after a newer theory request', async () => {
    const { client, workers } = await ready();
    const s = client.series(1);
    void client.theory(params(2)).catch(() => undefined);
    workers[0]!.reply('series');
    await expect(s).rejects.toBeInstanceOf(SupersededError);
  });

  it('rejects a series pending on a terminated worker', async () => {
    const { client, workers } = await ready();
    const s = client.series(1);
    void client.theory(params(2)).catch(() => undefined);
    // generation 2 is still computing: generation 3 terminates the worker
    const t3 = client.theory(params(3));
    expect(workers[0]!.terminated).toBe(true);
    await expect(s).rejects.toBeInstanceOf(SupersededError);
    workers[1]!.reply('theory');
    await expect(t3).resolves.toMatchObject({ gen: 3 });
    const s3 = client.series(3);
    expect(workers[1]!.pending().map((c) => [c.method, c.args[0]])).toEqual([['series', 3]]);
    workers[1]!.reply('series');
    await expect(s3).resolves.toMatchObject({ gen: 3 });
  });

  it('rejects a series of an old generation without contacting the worker', async () => {
    const { client, workers } = await ready();
    void client.theory(params(2)).catch(() => undefined);
    await expect(client.series(1)).rejects.toSatisfy(isSuperseded);
    expect(workers[0]!.pending().map((c) => c.method)).toEqual(['theory']);
  });

  it('passes a worker-side series error of the current generation through', async () => {
    const { client, workers } = await ready();
    const s = client.series(1);
    workers[0]!.pending()[0]!.reject(new Error('eigenvalues not finite'));
    await expect(s).rejects.toThrow('eigenvalues not finite');
  });

  it('dispose and a crash reject a pending series', async () => {
    const first = await ready();
    const s = first.client.series(1);
    first.client.dispose();
    await expect(s).rejects.toBeInstanceOf(SupersededError);
    const second = await ready();
    const c = second.client.series(1);
    second.workers[0]!.crash?.('out of memory');
    await expect(c).rejects.toThrow(/kernel worker failed: out of memory/);
  });
});

describe('KernelClient cursor coalescing', () => {
  it('keeps one cursor call in flight and only the latest queued request survives', async () => {
    const { client, workers } = setup();
    const t = client.theory(params(1));
    workers[0]!.reply('theory');
    await t;
    const a = client.at(1, 1);
    const b = client.at(1, 2);
    const c = client.at(1, 3);
    expect(workers[0]!.pending().map((x) => x.args[1])).toEqual([1]);
    await expect(b).rejects.toBeInstanceOf(SupersededError);
    workers[0]!.reply('at');
    await expect(a).rejects.toBeInstanceOf(SupersededError);
    await tick();
    expect(workers[0]!.pending().map((x) => x.args[1])).toEqual([3]);
    workers[0]!.reply('at');
    await expect(c).resolves.toMatchObject({ step: 3 });
  });

  it('restarted worker is not confused by the cursor call that died with the old one', async () => {
    const { client, workers } = setup();
    void client.theory(params(1)).catch(() => undefined);
    const a = client.at(1, 1);
    const t2 = client.theory(params(2));
    const b = client.at(2, 7);
    await expect(a).rejects.toBeInstanceOf(SupersededError);
    await tick();
    const c = client.at(2, 8);
    await tick();
    // b is in flight on the new worker, c waits: never two cursor calls at once
    expect(workers[1]!.pending().map((x) => [x.method, x.args[1]])).toEqual([
      ['theory', params(2)],
      ['at', 7],
    ]);
    workers[1]!.reply('theory');
    await t2;
    workers[1]!.reply('at');
    await expect(b).rejects.toBeInstanceOf(SupersededError);
    await tick();
    workers[1]!.reply('at');
    await expect(c).resolves.toMatchObject({ gen: 2, step: 8 });
  });
});

describe('KernelClient failures', () => {
  it('passes a worker-side error of the current generation through', async () => {
    const { client, workers } = setup();
    const p = client.theory(params(1));
    workers[0]!.pending()[0]!.reject(new Error('bad params'));
    await expect(p).rejects.toThrow('bad params');
  });

  it('rejects pending calls when the worker crashes, and restarts on the next request', async () => {
    const { client, workers } = setup();
    const p = client.theory(params(1));
    workers[0]!.crash?.('SyntaxError in worker');
    await expect(p).rejects.toThrow(/kernel worker failed: SyntaxError/);
    expect(workers[0]!.terminated).toBe(true);
    const q = client.theory(params(2));
    expect(workers).toHaveLength(2);
    workers[1]!.reply('theory');
    await expect(q).resolves.toMatchObject({ gen: 2 });
  });

  it('dispose rejects everything pending', async () => {
    const { client, workers } = setup();
    const p = client.theory(params(1));
    client.dispose();
    await expect(p).rejects.toBeInstanceOf(SupersededError);
    expect(workers[0]!.terminated).toBe(true);
  });
});

describe('KernelClient kernel row (the kernel lens)', () => {
  it('forwards x₀ for the current generation and drops a row that arrives after a newer theory', async () => {
    const { client, workers } = setup();
    const t1 = client.theory(params(1));
    workers[0]!.reply('theory');
    await t1;
    const x0 = Float64Array.of(0.5);
    const row = client.kernelRow(1, x0);
    expect(workers[0]!.last()).toMatchObject({ method: 'kernelRow', args: [1, x0] });
    workers[0]!.reply('kernelRow');
    await expect(row).resolves.toMatchObject({ gen: 1 });
    const stale = client.kernelRow(1, x0);
    const t2 = client.theory(params(2));
    workers[0]!.reply('kernelRow');
    await expect(stale).rejects.toSatisfy(isSuperseded);
    await expect(client.kernelRow(1, x0)).rejects.toSatisfy(isSuperseded);
    workers[0]!.reply('theory');
    await t2;
  });
});
