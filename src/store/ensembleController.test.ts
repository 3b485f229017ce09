import { describe, expect, it, vi } from 'vitest';
import type { EnsembleFrame, EnsembleProgress, EnsembleSpec } from '../../workers/ensembleApi';
import type { BackendReport, InitReply } from '../../workers/ensembleBackends';
import type { FrameReply } from '../../workers/engineFallback';
import { stepGrid } from '../params/experiment';
import type { BackendId } from '../params/schema';
import type { Tagged } from '../workerClient/ensembleClient';
import { SupersededError } from '../workerClient/superseded';
import { createAppStore } from './appState';
import { connectEnsemble } from './ensembleController';
import type { EnsembleControllerClient, EnsembleControllerOptions } from './ensembleController';
import type { EngineSpeed } from '../core/ensembleSpeed';
import { estimatedMsToK, planEnsemble } from '../params/ensemblePlan';

const M = 3;

/** a frame whose numbers say which nets (seed), which η and which step they come from */
function fakeFrame(spec: EnsembleSpec, lr: number, step: number): EnsembleFrame {
  const E = spec.size;
  const value = spec.seed + lr * step;
  return {
    step,
    outputs: new Float32Array(E * M).fill(value),
    lossTrain: new Float32Array(E).fill(1 / (1 + step)),
    lossTest: new Float32Array(E).fill(2 / (1 + step)),
    mean: new Float64Array(M).fill(value),
    var: new Float64Array(M).fill(0.5),
  };
}

/** The client's contract with a worker that answers at once, or holds chunks when `hold`. */
class FakeClient implements EnsembleControllerClient {
  generation = 0;
  busy = false;
  hold = false;
  calls: string[] = [];
  chunks: number[] = [];
  /** the step each chunk ended on, and whether it asked for the test-point outputs */
  ends: { step: number; outputs: boolean }[] = [];
  held: (() => void)[] = [];
  spec: EnsembleSpec | null = null;
  lr = 0;
  step = 0;
  backends: BackendId[] = [];
  /** the worker moves the nets to another backend in the chunk that reaches this step */
  switchAt: { step: number; backend: BackendReport } | null = null;

  initWith(spec: EnsembleSpec, choice: BackendId): Promise<Tagged<InitReply>> {
    const gen = ++this.generation;
    this.calls.push('init');
    this.backends.push(choice);
    this.spec = spec;
    this.lr = spec.lr;
    this.step = 0;
    const backend = { choice, backend: 'cpu' as const, engine: 'tfjs' as const, notes: [] };
    return Promise.resolve({ gen, value: { frame: fakeFrame(spec, spec.lr, 0), backend } });
  }
  restart(lr: number): Promise<Tagged<EnsembleFrame>> {
    const gen = ++this.generation;
    this.calls.push(`restart ${lr}`);
    this.lr = lr;
    this.step = 0;
    return Promise.resolve({ gen, value: fakeFrame(this.spec!, lr, 0) });
  }
  private chunk<T>(gen: number, k: number, outputs: boolean, reply: () => T): Promise<Tagged<T>> {
    if (gen !== this.generation) return Promise.reject(new SupersededError());
    this.busy = true;
    this.chunks.push(k);
    const answer = (): Tagged<T> => {
      this.busy = false;
      this.step += k;
      this.ends.push({ step: this.step, outputs });
      return { gen, value: reply() };
    };
    if (!this.hold) return Promise.resolve().then(answer);
    return new Promise((resolve) => this.held.push(() => resolve(answer())));
  }
  /** like the worker: the first frame after a mid-run fallback carries the new backend */
  nextChunk(gen: number, k: number): Promise<Tagged<FrameReply>> {
    return this.chunk(gen, k, true, () => {
      const frame: FrameReply = fakeFrame(this.spec!, this.lr, this.step);
      const moved = this.switchAt;
      if (moved && this.step >= moved.step) {
        frame.backend = moved.backend;
        this.switchAt = null;
      }
      return frame;
    });
  }
  nextSteps(gen: number, k: number): Promise<Tagged<EnsembleProgress>> {
    return this.chunk(gen, k, false, () => ({
      step: this.step,
      lossTrain: new Float32Array(this.spec!.size).fill(1 / (1 + this.step)),
    }));
  }
  ntkDrift(gen: number): Promise<Tagged<number>> {
    return Promise.resolve({ gen, value: this.step / 1000 });
  }
  empiricalNtk(gen: number): Promise<Tagged<Float64Array>> {
    return Promise.resolve({ gen, value: new Float64Array([2, 1, 1, 2]) });
  }
  cancel(): void {
    this.generation++;
    this.busy = false;
    this.calls.push('cancel');
  }
  release(): void {
    const next = this.held.shift();
    next?.();
  }
}

const SMALL = { width: 64, nets: 4, maxSteps: 200, cursor: 200 } as const;

function setup(
  autoStart = true,
  params: Record<string, unknown> = SMALL,
  options: Pick<EnsembleControllerOptions, 'probeSpeed'> = {},
) {
  const store = createAppStore();
  store.setState({ params: { ...store.getState().params, ...params } });
  const client = new FakeClient();
  let clock = 0;
  const handle = connectEnsemble(store, client, {
    ...options,
    autoStart,
    debounceMs: 0,
    maxWaitMs: 0,
    followMs: 0,
    // every chunk "takes" 4 ms per step: the adaptive size then aims at 10 steps
    now: () => (clock += client.chunks.length > 0 ? 2 * (client.chunks.at(-1) ?? 0) : 0),
  });
  const e = () => store.getState().ensemble;
  return { store, client, handle, e };
}

const settle = async (until: () => boolean): Promise<void> => {
  await vi.waitFor(() => expect(until()).toBe(true), { timeout: 2000, interval: 1 });
};

describe('connectEnsemble', () => {
  it('trains from a link at once and records a frame exactly at every grid step up to K', async () => {
    const { client, e, store } = setup();
    await settle(() => e().status === 'done');
    expect(client.calls[0]).toBe('init');
    expect(client.spec).toMatchObject({ size: 4, lr: 0.2 });
    expect(client.spec?.arch.width).toBe(64);
    expect(e().frames.map((f) => f.step)).toEqual(stepGrid(200));
    // the drift is measured at each recorded step (the fake reports step/1000)
    expect(e().frames.at(-1)?.drift).toBeCloseTo(0.2, 12);
    expect(e().frames[0]?.drift).toBe(0);
    // the cursor followed the newest step to K
    expect(store.getState().params.cursor).toBe(200);
    expect(e().ntkInit).toEqual(new Float64Array([2, 1, 1, 2]));
    expect(e().backend?.backend).toBe('cpu');
    // no chunk crosses a grid step; chunks grew beyond 1 step once timed
    expect(Math.max(...client.chunks)).toBeGreaterThan(1);
    // only the chunks ending on the grid asked for the test-point outputs
    const grid = stepGrid(200);
    expect(client.ends.filter((c) => c.outputs).map((c) => c.step)).toEqual(grid.slice(1));
    expect(client.ends.filter((c) => !c.outputs).length).toBeGreaterThan(0);
    expect(client.ends.some((c) => !c.outputs && grid.includes(c.step))).toBe(false);
  });

  it('measures the step time when every chunk ends on the grid (a short run)', async () => {
    const { client, e } = setup(true, { ...SMALL, maxSteps: 20, cursor: 20 });
    await settle(() => e().status === 'done');
    expect(stepGrid(20)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(client.ends.every((c) => c.outputs)).toBe(true);
    // the fake clock charges 2 ms per step of the last chunk on each reading
    expect(e().msPerStep).toBeCloseTo(2, 9);
  });

  it('holds the next chunk while the theory computes, and trains on once its band arrived', async () => {
    const { client, e, store } = setup(false);
    const theory = (status: 'computing' | 'ready') =>
      store.setState({ theory: { ...store.getState().theory, status } });
    theory('computing');
    store.getState().ensembleCommand('train');
    await settle(() => e().status === 'training');
    await new Promise((r) => setTimeout(r, 20));
    // the nets were built and frame 0 recorded, but no chunk was asked for
    expect(client.calls).toEqual(['init']);
    expect(client.chunks).toEqual([]);
    theory('ready');
    await settle(() => e().status === 'done');
    expect(e().frames.map((f) => f.step)).toEqual(stepGrid(200));
  });

  it('shows the backend the worker moved the nets to mid-run, with its note', async () => {
    const { client, e, store } = setup(false);
    const note = 'WebGPU failed after step 3 (lost); training continued from step 3 on tfjs CPU.';
    const moved: BackendReport = { choice: 'auto', backend: 'cpu', engine: 'tfjs', notes: [note] };
    client.switchAt = { step: 5, backend: moved };
    client.initWith = (spec, choice) => {
      const gen = ++client.generation;
      client.spec = spec;
      client.lr = spec.lr;
      const backend: BackendReport = { choice, backend: 'webgpu', engine: 'tfjs', notes: [] };
      return Promise.resolve({ gen, value: { frame: fakeFrame(spec, spec.lr, 0), backend } });
    };
    store.getState().ensembleCommand('train');
    await settle(() => e().status === 'done');
    expect(e().backend).toEqual(moved);
    // the report is not kept in the recorded frames
    expect(e().frames.some((f) => 'backend' in f)).toBe(false);
    expect(e().frames.map((f) => f.step)).toEqual(stepGrid(200));
  });

  it('waits for Train when the page opened without a link, with the plan shown', async () => {
    const { client, e, store } = setup(false);
    await Promise.resolve();
    expect(e().status).toBe('idle');
    expect(e().plan?.fits).toBe(true);
    expect(e().plan?.memoryBytes).toBeGreaterThan(0);
    expect(client.calls).toEqual([]);
    store.getState().ensembleCommand('train');
    await settle(() => e().status === 'done');
    expect(client.calls).toEqual(['init']);
  });

  it('restarts the same nets for a new η, re-initialises for width, nets, backend, seed', async () => {
    const { client, e, store } = setup();
    await settle(() => e().status === 'done');
    const step0 = e().frames[0]!.mean.slice();
    store.getState().setParam('lr', 0.1);
    await settle(() => e().status === 'done' && e().lr === 0.1);
    expect(client.calls.at(-1)).toBe('restart 0.1');
    // the recorded step-0 frame is the same initial ensemble
    expect(e().frames[0]!.mean).toEqual(step0);
    for (const [key, value] of [
      ['width', 128],
      ['nets', 8],
      ['backend', 'wasm'],
      ['seed', 7],
    ] as const) {
      const before = client.calls.length;
      store.getState().setParam(key, value);
      await settle(() => e().status === 'done' && client.calls.length > before);
      expect(client.calls.at(-1), key).toBe('init');
    }
    expect(client.backends.at(-1)).toBe('wasm');
    expect(client.spec).toMatchObject({ size: 8, seed: 7 });
    expect(client.spec?.arch.width).toBe(128);
  });

  it('leaves the nets alone for a regularizer change (the theory uses it, the nets do not)', async () => {
    const { client, e, store } = setup();
    await settle(() => e().status === 'done');
    const calls = client.calls.length;
    const chunks = client.chunks.length;
    const frames = e().frames;
    store.getState().setParam('diagReg', 0.5);
    await new Promise((r) => setTimeout(r, 20));
    expect(client.calls.length).toBe(calls);
    expect(client.chunks.length).toBe(chunks);
    expect(e().frames).toBe(frames);
    expect(e().status).toBe('done');
  });

  it('never retrains for a view change', async () => {
    const { client, e, store } = setup();
    await settle(() => e().status === 'done');
    const calls = client.calls.length;
    const chunks = client.chunks.length;
    store.getState().setParam('showBand', false);
    store.getState().setParam('samples', 1);
    store.getState().setParam('cursor', 10);
    await new Promise((r) => setTimeout(r, 20));
    expect(client.calls.length).toBe(calls);
    expect(client.chunks.length).toBe(chunks);
  });

  it('moves only the horizon for a new K: continues past it, or drops frames beyond it', async () => {
    const { client, e, store } = setup();
    await settle(() => e().status === 'done');
    store.getState().setParam('maxSteps', 400);
    await settle(() => e().status === 'done' && e().latestStep === 400);
    expect(client.calls).toEqual(['init']);
    const steps = e().frames.map((f) => f.step);
    // the new grid's steps beyond 200 were recorded, the old ones kept
    for (const k of stepGrid(400).filter((s) => s > 200)) expect(steps).toContain(k);
    expect(steps.filter((s) => s <= 200)).toEqual(stepGrid(200));
    store.getState().setParam('maxSteps', 50);
    await Promise.resolve();
    expect(e().frames.every((f) => f.step <= 50)).toBe(true);
    expect(e().status).toBe('done');
    expect(client.calls).toEqual(['init']);
  });

  it('pauses, resumes, advances one grid step and resets to the initial nets', async () => {
    const { client, e, store } = setup();
    client.hold = true;
    await settle(() => client.held.length === 1);
    client.release();
    await settle(() => client.held.length === 1);
    store.getState().ensembleCommand('pause');
    expect(e().status).toBe('paused');
    client.release();
    await new Promise((r) => setTimeout(r, 10));
    // the chunk in flight was recorded; no new one was asked for
    expect(client.held).toHaveLength(0);
    const stepped = e().latestStep;
    expect(e().frames.at(-1)?.step).toBe(stepped);
    store.getState().ensembleCommand('advance');
    await settle(() => client.held.length === 1);
    client.release();
    const next = stepGrid(200).find((s) => s > stepped)!;
    await settle(() => e().status === 'paused' && e().latestStep === next);
    expect(e().frames.at(-1)?.step).toBe(next);
    client.hold = false;
    store.getState().ensembleCommand('train');
    await settle(() => e().status === 'done');
    store.getState().ensembleCommand('reset');
    await settle(() => e().status === 'paused');
    expect(client.calls.at(-1)).toBe('restart 0.2');
    expect(e().frames.map((f) => f.step)).toEqual([0]);
    expect(store.getState().params.cursor).toBe(0);
  });

  it('stops following the newest step once the user moves the cursor', async () => {
    const { client, e, store } = setup();
    client.hold = true;
    await settle(() => client.held.length === 1);
    client.release();
    await settle(() => client.held.length === 1);
    expect(store.getState().params.cursor).toBe(e().frames.at(-1)?.step);
    store.getState().setParam('cursor', 0);
    client.hold = false;
    client.release();
    await settle(() => e().status === 'done');
    expect(store.getState().params.cursor).toBe(0);
  });

  it('does not start over the memory budget and names what fits', async () => {
    const { client, e } = setup(true, { width: 8192, depth: 8, nets: 64, memoryMb: 1024 });
    await Promise.resolve();
    expect(e().status).toBe('refused');
    expect(client.calls).toEqual([]);
    const plan = e().plan!;
    expect(plan.fits).toBe(false);
    expect(plan.memoryBytes).toBeGreaterThan(plan.budgetBytes);
    // one net at width 8192, depth 8 needs ~3.8 GB: none fits; width 1024 at 64 nets is ~3.9 GB
    expect(plan.largest.size).toBe(0);
    expect(plan.largest.width).toBeGreaterThan(0);
    expect(plan.largest.width).toBeLessThan(1024);
  });

  describe('a link starts by itself only when its estimate to K is at most 60 s', () => {
    /** 1e-7 ms per flop at every width, 0.01 ms per call: about a core of a laptop */
    const SPEED: EngineSpeed = {
      msPerCall: 0.01,
      rates: [{ width: 32, msPerFlop: 1e-7 }],
      msPerInitParam: 4e-4,
    };
    // depth 999 in a link is repaired to 8: 16 nets of width 256 at K = 1000
    const DEEP = { ...SMALL, width: 256, nets: 16, depth: 8, maxSteps: 1000, cursor: 1000 };

    it('shows the estimate and waits for Train when the run is longer', async () => {
      const { client, e, store } = setup(true, DEEP, { probeSpeed: () => Promise.resolve(SPEED) });
      await settle(() => e().message !== null);
      expect(e().status).toBe('idle');
      expect(client.calls).toEqual([]);
      const toK = estimatedMsToK(e().plan!, 1000);
      // E(L + 1) = 144 calls, 6·16·14·P flops with P = 256 + 7·256² + 256 + 8·256 + 1 = 461,313:
      // 1.44 + 62.0 ms per step, so about 63 s of steps alone
      expect(e().plan!.estimatedMsPerStep).toBeCloseTo(1.44 + 1e-7 * 6 * 16 * 14 * 461_313, 9);
      expect(e().plan!.calibrated).toBe(true);
      expect(toK).toBeGreaterThan(60_000);
      expect(e().message).toBe(
        `This run would take about ${(toK / 60_000).toFixed(0)} min here, so it did not start by itself: press Train to start it anyway.`,
      );
      store.getState().ensembleCommand('train');
      await settle(() => e().status === 'done');
      expect(client.calls[0]).toBe('init');
    });

    it('starts a short run once the probe has answered, and not before', async () => {
      let answer: (s: EngineSpeed) => void = () => {};
      const probe = new Promise<EngineSpeed>((r) => (answer = r));
      const { client, e } = setup(true, SMALL, { probeSpeed: () => probe });
      await new Promise((r) => setTimeout(r, 5));
      expect(e().status).toBe('idle');
      expect(e().plan!.calibrated).toBe(false);
      expect(client.calls).toEqual([]);
      answer(SPEED);
      await settle(() => e().status === 'done');
      expect(e().plan!.calibrated).toBe(true);
    });

    it('decides on the assumed speed when the probe fails', async () => {
      const { e, store } = setup(true, DEEP, { probeSpeed: () => Promise.reject(new Error('x')) });
      await settle(() => e().message !== null);
      expect(e().status).toBe('idle');
      const assumed = estimatedMsToK(planEnsemble(store.getState().params).plan, 1000);
      expect(assumed).toBeGreaterThan(60_000);
      expect(e().plan!.calibrated).toBe(false);
    });
  });

  it('trains nothing at width ∞ and says why', async () => {
    const { client, e, store } = setup(true, { ...SMALL, width: Infinity });
    await Promise.resolve();
    expect(e().status).toBe('off');
    expect(e().message).toContain('Width ∞');
    expect(client.calls).toEqual([]);
    store.getState().setParam('width', 32);
    await settle(() => e().status === 'done');
    expect(client.spec?.arch.width).toBe(32);
  });

  it('takes no more commands once stopped', async () => {
    const { client, e, handle, store } = setup(false);
    await Promise.resolve();
    handle.stop();
    store.getState().ensembleCommand('train');
    await new Promise((r) => setTimeout(r, 10));
    expect(client.calls).toEqual([]);
    expect(e().status).toBe('idle');
  });

  it('hands the kernel lens the mean empirical NTK of the nets on screen', async () => {
    const { e, handle } = setup();
    await settle(() => e().status === 'done');
    const k = await handle.kernel('current');
    expect(k.ntk).toEqual(new Float64Array([2, 1, 1, 2]));
    expect(k.step).toBe(200);
  });
});
