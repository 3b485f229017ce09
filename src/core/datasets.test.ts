import { describe, expect, it } from 'vitest';
import {
  DATASET_IDS,
  DATASETS,
  JITTER,
  MAX_CUSTOM_POINTS,
  linspace,
  makeDataset,
  sanitizePoints,
  targetFunction,
  type DatasetSpec,
} from './datasets';

const BASE: DatasetSpec = {
  id: 'sin',
  nTrain: 14,
  noise: 0,
  xMax: 3,
  nTest: 200,
  seed: 1,
  points: [],
};

function spec(over: Partial<DatasetSpec>): DatasetSpec {
  return { ...BASE, ...over };
}

describe('makeDataset', () => {
  it('is deterministic in (seed, spec) and changes with the seed', () => {
    for (const id of DATASET_IDS) {
      const a = makeDataset(spec({ id, noise: 0.3, points: [[0, 1]] }));
      const b = makeDataset(spec({ id, noise: 0.3, points: [[0, 1]] }));
      expect(a).toEqual(b);
    }
    const a = makeDataset(spec({ noise: 0.3 }));
    const c = makeDataset(spec({ noise: 0.3, seed: 2 }));
    expect(c.xTrain).not.toEqual(a.xTrain);
    expect(c.yTrain).not.toEqual(a.yTrain);
  });

  it('has consistent shapes for every dataset', () => {
    for (const id of DATASET_IDS) {
      const points = [
        [0, 1],
        [1, 2],
      ] as const;
      const d = makeDataset(spec({ id, nTrain: 9, nTest: 33, points }));
      const n = id === 'custom' ? 2 : 9;
      const dim = id === 'circle' ? 2 : 1;
      expect(d.dim).toBe(dim);
      expect(d.xTrain.length).toBe(n * dim);
      expect(d.yTrain.length).toBe(n);
      expect(d.yTrainClean.length).toBe(n);
      expect(d.plotXTrain.length).toBe(n);
      expect(d.xTest.length).toBe(33 * dim);
      expect(d.yTest.length).toBe(33);
      expect(d.plotXTest.length).toBe(33);
      expect(DATASETS[id].label.length).toBeGreaterThan(0);
    }
  });

  it('puts 1-D training inputs ascending, distinct and inside the interval, one per cell', () => {
    const d = makeDataset(spec({ nTrain: 50, xMax: 2 }));
    const h = 4 / 50;
    d.plotXTrain.forEach((x, i) => {
      expect(Math.abs(x - (-2 + h * (i + 0.5)))).toBeLessThanOrEqual(JITTER * h + 1e-12);
      if (i > 0) expect(x).toBeGreaterThan(d.plotXTrain[i - 1]!);
    });
    expect(d.trainRange).toEqual([-2, 2]);
    expect(Array.from(d.xTrain)).toEqual(Array.from(d.plotXTrain));
  });

  it('covers the view interval (data interval × 1.5) with an even test grid and the clean target', () => {
    const d = makeDataset(spec({ id: 'cubic', nTest: 101 }));
    expect(d.viewRange).toEqual([-4.5, 4.5]);
    expect(d.plotXTest[0]).toBe(-4.5);
    expect(d.plotXTest[100]).toBe(4.5);
    expect(d.plotXTest[50]).toBeCloseTo(0, 12);
    d.plotXTest.forEach((u, j) => expect(d.yTest[j]).toBeCloseTo((u / 3) ** 3, 12));
  });

  it('uses the clean functions documented in DATASETS', () => {
    const f = (id: DatasetSpec['id']) => targetFunction({ id, points: [] });
    expect(f('sin')(1)).toBe(Math.sin(1));
    expect([f('step')(-2), f('step')(0.1)]).toEqual([-1, 1]);
    expect(f('sinc')(0)).toBe(1);
    expect(f('sinc')(1.5)).toBeCloseTo(0, 12);
    expect(f('cubic')(3)).toBe(1);
    expect(f('abs')(-3)).toBe(1.5);
    expect(f('circle')(Math.PI / 4)).toBeCloseTo(1, 12);
    for (const id of ['sin', 'step', 'sinc', 'cubic', 'abs'] as const) {
      const d = makeDataset(spec({ id }));
      for (const y of d.yTrainClean) expect(Math.abs(y)).toBeLessThanOrEqual(1.5);
    }
  });

  it('places circle inputs on the unit circle at their plot angle', () => {
    const d = makeDataset(spec({ id: 'circle', nTrain: 20, nTest: 64 }));
    expect(d.trainRange).toEqual([-Math.PI, Math.PI]);
    expect(d.plotXTest[0]).toBe(-Math.PI);
    expect(d.plotXTest[63]).toBe(Math.PI);
    const check = (x: Float64Array, g: Float64Array) =>
      g.forEach((gamma, i) => {
        expect(x[2 * i]).toBeCloseTo(Math.cos(gamma), 14);
        expect(x[2 * i + 1]).toBeCloseTo(Math.sin(gamma), 14);
      });
    check(d.xTrain, d.plotXTrain);
    check(d.xTest, d.plotXTest);
    d.plotXTrain.forEach((g, i) => expect(d.yTrain[i]).toBeCloseTo(Math.sin(2 * g), 14));
  });

  it('adds Gaussian label noise with the requested σ, same draws whatever σ is', () => {
    const sigma = 0.5;
    const d = makeDataset(spec({ nTrain: 256, noise: sigma }));
    const eps = Array.from(d.yTrain, (y, i) => y - d.yTrainClean[i]!);
    const mean = eps.reduce((s, e) => s + e, 0) / eps.length;
    const variance = eps.reduce((s, e) => s + (e - mean) ** 2, 0) / (eps.length - 1);
    // 256 draws: sd of the mean is σ/16 ≈ 0.031, sd of the variance ≈ σ²·√(2/255) ≈ 0.022
    expect(Math.abs(mean)).toBeLessThan(0.13);
    expect(Math.abs(variance - sigma * sigma)).toBeLessThan(0.09);
    const d2 = makeDataset(spec({ nTrain: 256, noise: 2 * sigma }));
    expect(Array.from(d2.plotXTrain)).toEqual(Array.from(d.plotXTrain));
    d2.yTrain.forEach((y, i) => expect(y - d2.yTrainClean[i]!).toBeCloseTo(2 * eps[i]!, 12));
    const clean = makeDataset(spec({ nTrain: 256 }));
    expect(Array.from(clean.yTrain)).toEqual(Array.from(clean.yTrainClean));
  });

  it('takes custom points as given (duplicates kept) and widens the view to cover them', () => {
    const points = [
      [0.5, 1.2],
      [-1, 0.3],
      [-1, 0.3],
      [7, -2],
    ] as const;
    const d = makeDataset(spec({ id: 'custom', points, noise: 1 }));
    expect(Array.from(d.xTrain)).toEqual([0.5, -1, -1, 7]);
    expect(Array.from(d.yTrain)).toEqual([1.2, 0.3, 0.3, -2]);
    expect(d.trainRange).toEqual([-3, 7]);
    expect(d.viewRange).toEqual([-5.5, 9.5]);
    expect(d.targetKind).toBe('interpolated');
    const f = targetFunction({ id: 'custom', points });
    expect(f(-5)).toBeCloseTo(0.3, 14);
    expect(f(0.5)).toBeCloseTo(1.2, 14);
    expect(f(3.75)).toBeCloseTo((1.2 - 2) / 2, 14);
    expect(f(100)).toBe(-2);
    expect(makeDataset(spec({ id: 'custom', points: [] })).xTrain.length).toBe(0);
    expect(targetFunction({ id: 'custom', points: [] })(1)).toBe(0);
  });

  it('averages repeated x in the custom target curve', () => {
    const f = targetFunction({
      id: 'custom',
      points: [
        [0, 1],
        [0, 3],
        [1, 0],
      ],
    });
    expect(f(0)).toBe(2);
    expect(f(0.5)).toBe(1);
  });

  it('survives degenerate specs', () => {
    const d = makeDataset(spec({ nTrain: 0, nTest: 1, xMax: Number.NaN, noise: -1 }));
    expect(d.xTrain.length).toBe(0);
    expect(Array.from(d.plotXTest)).toEqual([0]);
    expect(d.trainRange).toEqual([-1, 1]);
  });
});

describe('sanitizePoints', () => {
  it('drops malformed items, clamps coordinates and caps the count', () => {
    const r = sanitizePoints([
      [1, Number.NaN],
      [Number.POSITIVE_INFINITY, 0],
      [1e9, -1e9],
      [-0, 2],
      [1, 2, 3],
      '1:2',
      [1, '2'],
    ]);
    expect(r.points).toEqual([
      [1000, -1000],
      [0, 2],
    ]);
    expect(Object.is(r.points[1]![0], 0)).toBe(true);
    expect(r.malformed).toHaveLength(5);
    expect(r.clamped).toBe(1);
    const many = Array.from({ length: 300 }, (_, i) => [i, i] as const);
    const capped = sanitizePoints(many);
    expect(capped.points).toHaveLength(MAX_CUSTOM_POINTS);
    expect(capped.truncated).toBe(300 - MAX_CUSTOM_POINTS);
    expect(capped.points[MAX_CUSTOM_POINTS - 1]).toEqual([255, 255]);
  });
});

describe('linspace', () => {
  it('includes both endpoints', () => {
    expect(Array.from(linspace(-1, 1, 5))).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(Array.from(linspace(2, 4, 1))).toEqual([3]);
    expect(linspace(0, 1, 0).length).toBe(0);
  });
});
