import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  PARAM_KEYS,
  SCHEMA,
  affectsOf,
  type ParamDef,
  type ParamKey,
  type Params,
} from '../src/params/schema';
import { stepGrid } from '../src/params/experiment';
import { otherValue, WHERE_RELEVANT } from '../src/params/testing/variants';
import { createKernelApi, type KernelApi, type TheoryPayload } from './kernelApi';
import { transferables } from './transferables';

/** small and quick: 10 training points, 24 test points, 200 steps */
const base: Params = {
  ...DEFAULT_PARAMS,
  activation: 'relu',
  nTrain: 10,
  nTest: 24,
  maxSteps: 200,
  cursor: 200,
  depth: 3,
};

const gridOf = (p: Params) => stepGrid(p.maxSteps);

/** the same reply with every buffer handed over, as the worker posts it */
function transferAway<T>(reply: T): T {
  return structuredClone(reply, { transfer: transferables(reply) });
}

/** everything but the timings and the cache flags */
const numbers = ({ data, theory }: TheoryPayload) => ({ data, theory });

/** a reply without its generation id and timing, to compare across API objects */
const values = (reply: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(reply).filter(([k]) => k !== 'gen' && k !== 'ms'));

describe('kernel API: theory, then series', () => {
  it("answers the band at the params' own cursor, equal to the series at that step", async () => {
    const api = createKernelApi();
    const grid = gridOf(base);
    const onGrid = grid[40] as number;
    const t = await api.theory(1, { ...base, cursor: onGrid });
    expect(t.theory.cursor.step).toBe(onGrid);
    expect(t.theory).toMatchObject({ lr: base.lr, lastStep: 200 });
    const s = await api.series(1);
    expect(s.gen).toBe(1);
    expect(s.steps).toEqual(grid);
    expect(s.times).toEqual(grid.map((k) => base.lr * k));
    const i = grid.indexOf(onGrid);
    expect(t.theory.cursor.mean).toEqual(s.mean[i]);
    expect(t.theory.cursor.std).toEqual(s.std[i]);
    expect(t.theory.cursor.lossTrain).toBe(s.lossTrain[i]);
    expect(t.theory.cursor.lossTest).toBe(s.lossTest[i]);
    expect(s.ms).toBeGreaterThan(0);
  });

  it('an off-grid cursor is evaluated exactly, as `at` would', async () => {
    const api = createKernelApi();
    const step = 137;
    expect(gridOf(base)).not.toContain(step);
    const t = await api.theory(1, { ...base, cursor: step });
    expect(t.theory.cursor).toEqual(values(await api.at(1, step)));
  });

  it('the series equals `at` at grid steps', async () => {
    const api = createKernelApi();
    await api.theory(1, base);
    const s = await api.series(1);
    for (const i of [0, 1, 7, 50, s.steps.length - 1]) {
      const at = await api.at(1, s.steps[i] as number);
      expect(at.mean).toEqual(s.mean[i]);
      expect(at.std).toEqual(s.std[i]);
      expect(at.lossTrain).toBe(s.lossTrain[i]);
      expect(at.lossTest).toBe(s.lossTest[i]);
    }
  });

  it('a learning-rate change reuses kernels and eigendecomposition, with a fresh API’s numbers', async () => {
    const api = createKernelApi();
    const first = await api.theory(1, base);
    expect(first.reused).toEqual({ kernels: false, decomposition: false });
    const slower = { ...base, lr: base.lr / 3, maxSteps: 500, cursor: 321 };
    const t = await api.theory(2, slower);
    expect(t.reused).toEqual({ kernels: true, decomposition: true });
    expect(t.timings.kernelsMs).toBeLessThan(1);
    const fresh = createKernelApi();
    const f = await fresh.theory(1, slower);
    expect(numbers(t)).toEqual(numbers(f));
    expect(values(await api.series(2))).toEqual(values(await fresh.series(1)));
  });

  it('a regularizer change reuses the kernels only; an architecture change nothing', async () => {
    const api = createKernelApi();
    await api.theory(1, base);
    const reg = await api.theory(2, { ...base, diagReg: 0.01 });
    expect(reg.reused).toEqual({ kernels: true, decomposition: false });
    const deeper = await api.theory(3, { ...base, diagReg: 0.01, depth: 4 });
    expect(deeper.reused).toEqual({ kernels: false, decomposition: false });
    expect(numbers(deeper)).toEqual(
      numbers(await createKernelApi().theory(1, { ...base, diagReg: 0.01, depth: 4 })),
    );
  });

  it('rejects a stale generation for series, prior and at', async () => {
    const api = createKernelApi();
    await api.theory(1, base);
    await api.theory(2, { ...base, lr: 0.1 });
    await expect(api.series(1)).rejects.toThrow(/generation 1/);
    await expect(api.prior(1)).rejects.toThrow(/generation 1/);
    await expect(api.at(1, 3)).rejects.toThrow(/generation 1/);
    await expect(api.series(3)).rejects.toThrow(/generation 3/);
    await expect(api.series(2)).resolves.toMatchObject({ gen: 2 });
  });
});

describe('kernel API: background work pauses for newer requests', () => {
  /** an API whose background work pauses after every step; `onPause` runs at each pause */
  function pausing(onPause: (api: KernelApi, count: number) => Promise<void> | void) {
    let count = 0;
    const api: KernelApi = createKernelApi({
      sliceMs: 0,
      pause: async () => {
        await new Promise((r) => setTimeout(r, 0));
        await onPause(api, ++count);
      },
    });
    return api;
  }

  it('a series stops at its next pause when a newer theory arrives; the new one is intact', async () => {
    let newer: Promise<TheoryPayload> | null = null;
    const api = pausing((a, count) => {
      if (count === 3) newer = a.theory(2, { ...base, lr: 0.1 });
    });
    await api.theory(1, base);
    await expect(api.series(1)).rejects.toThrow(/no theory for generation 1/);
    expect(newer).not.toBeNull();
    const t = await newer!;
    expect(t.reused.decomposition).toBe(true);
    const s = await api.series(2);
    const fresh = createKernelApi();
    await fresh.theory(1, { ...base, lr: 0.1 });
    expect(s.mean).toEqual((await fresh.series(1)).mean);
  });

  it('answers `at` between the slices of a series', async () => {
    const order: string[] = [];
    const api = pausing((a, count) => {
      if (count === 2) void a.at(1, 137).then(() => order.push('at'));
    });
    await api.theory(1, base);
    await api.series(1).then(() => order.push('series'));
    expect(order).toEqual(['at', 'series']);
  });

  it('runs series and prior one after the other, both complete', async () => {
    const api = pausing(() => undefined);
    await api.theory(1, base);
    const order: string[] = [];
    await Promise.all([
      api.prior(1).then(() => order.push('prior')),
      api.series(1).then(() => order.push('series')),
    ]);
    expect(order).toEqual(['prior', 'series']);
  });
});

describe('kernel API: replies can be transferred', () => {
  it('keeps its cache intact when every buffer of every reply is handed over', async () => {
    const api = createKernelApi();
    const fresh = createKernelApi();
    const t1 = await api.theory(1, base);
    const copy = structuredClone(t1);
    transferAway(t1);
    expect(t1.theory.nngpTrain.length).toBe(0); // detached: the buffer really moved
    expect(copy.theory.nngpTrain.length).toBe(100);
    transferAway(await api.series(1));
    transferAway(await api.prior(1));
    transferAway(await api.at(1, 137));
    // the cached kernels, decomposition and prior samples are still whole
    const next = { ...base, lr: 0.05 };
    const t2 = await api.theory(2, next);
    expect(t2.reused.decomposition).toBe(true);
    expect(numbers(t2)).toEqual(numbers(await fresh.theory(1, next)));
    expect((await api.series(2)).lossTest).toEqual((await fresh.series(1)).lossTest);
    expect((await api.prior(2)).samples).toEqual((await fresh.prior(1)).samples);
    expect(await api.at(2, 99)).toEqual(await fresh.at(1, 99).then((r) => ({ ...r, gen: 2 })));
  });

  it('lists each buffer once', () => {
    const a = new Float64Array(4);
    const view = new Float64Array(a.buffer, 8, 2);
    const found = transferables({ a, nested: [view, { b: new Float64Array(1) }], n: 3 });
    expect(found).toHaveLength(2);
    expect(found).toContain(a.buffer);
  });
});

describe('kernel API: prior samples', () => {
  it('are seeded, and reused across a learning-rate change', async () => {
    const api = createKernelApi();
    await api.theory(1, base);
    const p1 = await api.prior(1);
    expect(p1.samples).toHaveLength(10);
    expect(p1.samples[0]).toHaveLength(24);
    await api.theory(2, { ...base, lr: 0.05 });
    expect((await api.prior(2)).samples).toEqual(p1.samples);
    await api.theory(3, { ...base, seed: 2 });
    expect((await api.prior(3)).samples).not.toEqual(p1.samples);
  });
});

/** where each parameter has an effect; the theory depends on the width only in the standard one */
const WHERE_EFFECTIVE: Partial<Record<ParamKey, Partial<Params>>> = {
  ...WHERE_RELEVANT,
  width: { parameterization: 'standard' },
};

describe("kernel API: the cache follows the schema's theory levels", () => {
  it('a width change reuses everything in the NTK parameterization, nothing in the standard one', async () => {
    const api = createKernelApi();
    const ntk: Params = { ...base, parameterization: 'ntk', width: 64 };
    await api.theory(1, ntk);
    const wider = await api.theory(2, { ...ntk, width: 512 });
    expect(wider.reused).toEqual({ kernels: true, decomposition: true });
    const limit = await api.theory(3, { ...ntk, width: Infinity });
    expect(limit.reused).toEqual({ kernels: true, decomposition: true });
    expect(numbers(limit)).toEqual(numbers(await createKernelApi().theory(1, ntk)));
    const standard: Params = { ...base, parameterization: 'standard', width: 64 };
    await api.theory(4, standard);
    const std = await api.theory(5, { ...standard, width: 512 });
    expect(std.reused).toEqual({ kernels: false, decomposition: false });
  });

  const keys = PARAM_KEYS.filter((k) => {
    const theory = affectsOf(k).theory;
    return theory === false || theory.level !== 'data';
  });
  it.each(keys)('a change of %s recomputes no more than its level', async (key) => {
    const api = createKernelApi();
    const before: Params = { ...base, ...WHERE_EFFECTIVE[key] };
    const def: ParamDef = SCHEMA[key];
    const after = { ...before, [key]: otherValue(def, before[key]) } as Params;
    await api.theory(1, before);
    const { reused } = await api.theory(2, after);
    const theory = affectsOf(key).theory;
    const level = theory === false ? null : theory.level;
    expect(reused.kernels).toBe(level !== 'kernel');
    expect(reused.decomposition).toBe(level === null || level === 'dynamics');
  });
});
