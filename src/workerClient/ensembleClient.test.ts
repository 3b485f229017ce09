import { describe, expect, it, vi } from 'vitest';
import type { EnsembleFrame, EnsembleSpec } from '../../workers/ensembleApi';
import { EnsembleClient } from './ensembleClient';
import type { EnsembleRemote } from './ensembleClient';
import { SupersededError } from './kernelClient';
import { FakeWorker } from './testing/fakeWorker';

type FakeEnsembleWorker = FakeWorker<EnsembleRemote>;

function harness() {
  const workers: FakeEnsembleWorker[] = [];
  const client = new EnsembleClient(() => {
    const w = new FakeWorker<EnsembleRemote>();
    workers.push(w);
    return w.endpoint();
  });
  const worker = (i: number): FakeEnsembleWorker => {
    const w = workers[i];
    if (!w) throw new Error(`no worker ${i}`);
    return w;
  };
  return { client, workers, worker };
}

const frameAt = (step: number): EnsembleFrame => ({
  step,
  outputs: new Float32Array(2),
  lossTrain: new Float32Array(1),
  lossTest: null,
  mean: new Float64Array(2),
  var: new Float64Array(2),
});

const spec = { size: 1, lr: 0.1 } as unknown as EnsembleSpec;

/** init and let the worker reply; returns the generation */
async function ready(h: ReturnType<typeof harness>): Promise<number> {
  const p = h.client.init(spec);
  h.worker(h.workers.length - 1)
    .last()
    .resolve(frameAt(0));
  const reply = await p;
  return reply.gen;
}

describe('EnsembleClient', () => {
  it('tags replies with their generation and pulls chunks one at a time', async () => {
    const h = harness();
    const gen = await ready(h);
    expect(gen).toBe(1);
    const chunk = h.client.nextChunk(gen, 5);
    expect(h.client.busy).toBe(true);
    await expect(h.client.nextChunk(gen, 5)).rejects.toThrow('already in flight');
    const call = h.worker(0).last();
    expect(call).toMatchObject({ method: 'step', args: [5] });
    call.resolve(frameAt(5));
    await expect(chunk).resolves.toMatchObject({ gen: 1, value: { step: 5 } });
    expect(h.client.busy).toBe(false);
    const next = h.client.nextChunk(gen, 3);
    h.worker(0).last().resolve(frameAt(8));
    await expect(next).resolves.toMatchObject({ value: { step: 8 } });
    expect(h.client.stats).toEqual({ spawned: 1, terminated: 0 });
  });

  it('rejects requests for an older generation before sending them', async () => {
    const h = harness();
    const gen = await ready(h);
    const restarted = h.client.restart(0.5);
    h.worker(0).last().resolve(frameAt(0));
    await expect(restarted).resolves.toMatchObject({ gen: gen + 1 });
    const sent = h.worker(0).calls.length;
    await expect(h.client.nextChunk(gen, 1)).rejects.toBeInstanceOf(SupersededError);
    await expect(h.client.frame(gen)).rejects.toBeInstanceOf(SupersededError);
    await expect(h.client.ntkDrift(gen)).rejects.toBeInstanceOf(SupersededError);
    expect(h.worker(0).calls.length).toBe(sent);
  });

  it('drops a stale reply: a request superseded while pending rejects', async () => {
    const h = harness();
    const gen = await ready(h);
    const ntk = h.client.empiricalNtk(gen, 'init');
    const ntkCall = h.worker(0).last();
    const restarted = h.client.restart(0.2);
    await expect(ntk).rejects.toBeInstanceOf(SupersededError);
    ntkCall.resolve(new Float64Array(4));
    h.worker(0).last().resolve(frameAt(0));
    await expect(restarted).resolves.toMatchObject({ gen: gen + 1 });
    expect(h.workers.length).toBe(1);
  });

  it('cancel with a chunk in flight terminates, restarts the worker and rejects everything', async () => {
    const h = harness();
    const gen = await ready(h);
    const chunk = h.client.nextChunk(gen, 100);
    const drift = h.client.ntkDrift(gen);
    h.client.cancel();
    await expect(chunk).rejects.toBeInstanceOf(SupersededError);
    await expect(drift).rejects.toBeInstanceOf(SupersededError);
    expect(h.worker(0).terminated).toBe(true);
    expect(h.workers.length).toBe(2);
    expect(h.client.stats).toEqual({ spawned: 2, terminated: 1 });
    expect(h.client.busy).toBe(false);
    // a late reply from the terminated worker changes nothing
    h.worker(0).calls[1]?.resolve(frameAt(100));
    // the fresh worker has no ensemble until the next init
    await expect(h.client.nextChunk(h.client.generation, 1)).rejects.toThrow('not initialised');
    const again = await ready(h);
    expect(again).toBe(gen + 2);
    const next = h.client.nextChunk(again, 1);
    expect(h.worker(1).last()).toMatchObject({ method: 'step', args: [1] });
    h.worker(1).last().resolve(frameAt(1));
    await expect(next).resolves.toMatchObject({ gen: again, value: { step: 1 } });
  });

  it('cancel with no chunk in flight keeps the worker and its ensemble', async () => {
    const h = harness();
    const gen = await ready(h);
    const frame = h.client.frame(gen);
    h.client.cancel();
    await expect(frame).rejects.toBeInstanceOf(SupersededError);
    expect(h.worker(0).terminated).toBe(false);
    expect(h.workers.length).toBe(1);
    const chunk = h.client.nextChunk(h.client.generation, 2);
    h.worker(0).last().resolve(frameAt(2));
    await expect(chunk).resolves.toMatchObject({ gen: gen + 1 });
  });

  it('init during a chunk replaces the busy worker', async () => {
    const h = harness();
    const gen = await ready(h);
    const chunk = h.client.nextChunk(gen, 100);
    const init = h.client.init(spec);
    await expect(chunk).rejects.toBeInstanceOf(SupersededError);
    expect(h.worker(0).terminated).toBe(true);
    expect(h.worker(1).last()).toMatchObject({ method: 'init' });
    h.worker(1).last().resolve(frameAt(0));
    await expect(init).resolves.toMatchObject({ gen: gen + 1 });
  });

  it('passes worker errors through and rejects pending calls when the worker crashes', async () => {
    const h = harness();
    const bad = h.client.init(spec);
    h.worker(0).last().reject(new Error('size must be an integer'));
    await expect(bad).rejects.toThrow('size must be an integer');
    await expect(h.client.nextChunk(1, 1)).rejects.toThrow('not initialised');
    const gen = await ready(h);
    const chunk = h.client.nextChunk(gen, 1);
    h.worker(0).crash?.('out of memory');
    await expect(chunk).rejects.toThrow('ensemble worker failed: out of memory');
    expect(h.worker(0).terminated).toBe(true);
    expect(h.client.busy).toBe(false);
  });

  it('dispose terminates the worker and rejects everything pending', async () => {
    const h = harness();
    const gen = await ready(h);
    const chunk = h.client.nextChunk(gen, 1);
    h.client.dispose();
    await expect(chunk).rejects.toBeInstanceOf(SupersededError);
    expect(h.worker(0).terminated).toBe(true);
    await expect(h.client.frame(gen)).rejects.toBeInstanceOf(SupersededError);
  });
});

describe('EnsembleClient ntkCross (the kernel lens)', () => {
  it('forwards both point sets and `which`, and drops a reply of a superseded generation', async () => {
    const h = harness();
    const gen = await ready(h);
    const xa = Float64Array.of(0.5);
    const xb = Float64Array.of(-1, 0, 1);
    const row = h.client.ntkCross(gen, xa, xb, 'init');
    expect(h.worker(0).last()).toMatchObject({ method: 'ntkCross', args: [xa, xb, 'init'] });
    h.worker(0)
      .last()
      .resolve(Float64Array.of(1, 2, 3));
    await expect(row).resolves.toEqual({ gen, value: Float64Array.of(1, 2, 3) });
    const stale = h.client.ntkCross(gen, xa, xb, 'current');
    h.client.cancel();
    await expect(stale).rejects.toBeInstanceOf(SupersededError);
  });
});

describe('EnsembleClient with the nets split over two workers', () => {
  const shardFrame = (step: number, outputs: number[]): EnsembleFrame => ({
    step,
    outputs: Float32Array.from(outputs),
    lossTrain: Float32Array.from(outputs, (v) => v / 10),
    lossTest: null,
    mean: new Float64Array(1),
    var: new Float64Array(1),
  });
  const three = { size: 3, lr: 0.1 } as unknown as EnsembleSpec;

  async function split(h: ReturnType<typeof harness>): Promise<number> {
    const p = h.client.init(three);
    expect(h.workers.length).toBe(2);
    expect(h.worker(0).last()).toMatchObject({ args: [{ size: 2, firstNet: 0 }] });
    expect(h.worker(1).last()).toMatchObject({ args: [{ size: 1, firstNet: 2 }] });
    h.worker(1)
      .last()
      .resolve(shardFrame(0, [3]));
    h.worker(0)
      .last()
      .resolve(shardFrame(0, [1, 2]));
    const { gen, value } = await p;
    // one test point, outputs 1, 2, 3 over the three nets
    expect(value.mean).toEqual(Float64Array.of(2));
    expect(value.var).toEqual(Float64Array.of(1));
    expect(value.lossTrain).toEqual(Float32Array.of(0.1, 0.2, 0.3));
    return gen;
  }

  it('steps both shards in lockstep and merges their replies in net order', async () => {
    const h = harness();
    const gen = await split(h);
    const steps = h.client.nextSteps(gen, 4);
    expect(h.client.busy).toBe(true);
    expect(h.worker(0).last()).toMatchObject({ method: 'train', args: [4] });
    expect(h.worker(1).last()).toMatchObject({ method: 'train', args: [4] });
    h.worker(0)
      .last()
      .resolve({ step: 4, lossTrain: Float32Array.of(1, 2) });
    expect(h.client.busy).toBe(true);
    h.worker(1)
      .last()
      .resolve({ step: 4, lossTrain: Float32Array.of(3) });
    await expect(steps).resolves.toEqual({
      gen,
      value: { step: 4, lossTrain: Float32Array.of(1, 2, 3) },
    });
    expect(h.client.busy).toBe(false);
    const drift = h.client.ntkDrift(gen);
    h.worker(0).reply('ntkDriftNets', Float64Array.of(0.1, 0.2));
    h.worker(1).reply('ntkDriftNets', Float64Array.of(0.6));
    await expect(drift).resolves.toEqual({ gen, value: (0.1 + 0.2 + 0.6) / 3 });
    const ntk = h.client.empiricalNtk(gen, 'init');
    h.worker(0).reply('empiricalNtkNets', [Float64Array.of(3, 0), Float64Array.of(0, 3)]);
    h.worker(1).reply('empiricalNtkNets', [Float64Array.of(3, 3)]);
    await expect(ntk).resolves.toEqual({ gen, value: Float64Array.of(2, 2) });
  });

  it('cancel during a chunk terminates both workers and rejects the chunk', async () => {
    const h = harness();
    const gen = await split(h);
    const chunk = h.client.nextChunk(gen, 10);
    h.worker(0)
      .last()
      .resolve(shardFrame(10, [1, 2]));
    h.client.cancel();
    await expect(chunk).rejects.toBeInstanceOf(SupersededError);
    expect([h.worker(0).terminated, h.worker(1).terminated]).toEqual([true, true]);
    expect(h.client.stats).toEqual({ spawned: 4, terminated: 2 });
    expect(h.client.busy).toBe(false);
    await expect(h.client.nextSteps(h.client.generation, 1)).rejects.toThrow('not initialised');
  });

  it('a crashed shard fails the chunk and leaves no ensemble until the next init', async () => {
    const h = harness();
    const gen = await split(h);
    const chunk = h.client.nextChunk(gen, 1);
    h.worker(1).crash?.('out of memory');
    await expect(chunk).rejects.toThrow('ensemble worker failed: out of memory');
    expect(h.client.busy).toBe(false);
    await expect(h.client.frame(gen)).rejects.toThrow('not initialised');
    // the next init spawns a fresh worker for the crashed shard only
    const again = h.client.init(three);
    expect(h.workers.length).toBe(3);
    h.worker(0)
      .last()
      .resolve(shardFrame(0, [1, 2]));
    h.worker(2)
      .last()
      .resolve(shardFrame(0, [3]));
    await expect(again).resolves.toMatchObject({ gen: gen + 1, value: { step: 0 } });
  });

  it('builds a shard that started on another backend again on the first shard’s', async () => {
    const h = harness();
    const p = h.client.initWith(three, 'auto');
    const report = (backend: string) => ({ choice: 'auto', backend, engine: 'x', notes: [] });
    h.worker(0)
      .last()
      .resolve({ frame: shardFrame(0, [1, 2]), backend: report('simd') });
    h.worker(1)
      .last()
      .resolve({ frame: shardFrame(0, [3]), backend: report('wasm') });
    await vi.waitFor(() =>
      expect(h.worker(1).last()).toMatchObject({ method: 'initWith', args: [{ size: 1 }, 'simd'] }),
    );
    h.worker(1)
      .last()
      .resolve({ frame: shardFrame(0, [3]), backend: report('simd') });
    await expect(p).resolves.toMatchObject({ value: { backend: { backend: 'simd' } } });
  });
});
