import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCH } from '../core/arch';
import {
  STEP_GRID_SIZE,
  archFromParams,
  buildExperiment,
  cursorStep,
  cursorTime,
  stepGrid,
} from './experiment';
import { DEFAULT_PARAMS, PARAM_KEYS, SCHEMA, type ParamDef, type Params } from './schema';
import { otherValue } from './testing/variants';

describe('stepGrid', () => {
  it('is 0 then distinct ascending integers ending at K', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (k) => {
        const grid = stepGrid(k);
        expect(grid[0]).toBe(0);
        expect(grid[grid.length - 1]).toBe(k);
        expect(grid).toHaveLength(Math.min(k, STEP_GRID_SIZE) + 1);
        const ascending = grid.every(
          (g, i) => Number.isInteger(g) && (i === 0 || g > grid[i - 1]!),
        );
        expect(ascending).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is every step for small K and roughly log-spaced for large K', () => {
    expect(stepGrid(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stepGrid(1)).toEqual([0, 1]);
    const grid = stepGrid(1e6);
    expect(grid.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    // late ratios approach the geometric ratio 1e6^(1/79) ≈ 1.19
    const ratios = grid.slice(-20).map((k, i, a) => (i > 0 ? k / a[i - 1]! : 1.19));
    for (const r of ratios) expect(Math.abs(r - 1.19)).toBeLessThan(0.05);
  });

  it('survives odd arguments', () => {
    expect(stepGrid(Number.NaN)).toEqual([0, 1]);
    expect(stepGrid(0)).toEqual([0, 1]);
    expect(stepGrid(10.7, 3)).toEqual([0, 1, 3, 10]);
  });
});

describe('buildExperiment', () => {
  it('maps the default parameters to the default architecture', () => {
    expect(archFromParams(DEFAULT_PARAMS)).toEqual(DEFAULT_ARCH);
  });

  it('builds the default experiment: 1-D sin, 14 training points, 200 test points', () => {
    const { arch, data, theoryInput: t } = buildExperiment(DEFAULT_PARAMS);
    expect(data.dim).toBe(1);
    expect(data.xTrain).toHaveLength(14);
    expect(data.xTest).toHaveLength(200);
    expect(t.arch).toEqual(arch);
    expect(t.dim).toBe(1);
    expect(Array.from(t.xTrain)).toEqual(Array.from(data.xTrain));
    expect(Array.from(t.yTrain)).toEqual(Array.from(data.yTrain));
    expect(Array.from(t.xTest)).toEqual(Array.from(data.xTest));
    expect(t.xTrain.buffer).not.toBe(data.xTrain.buffer);
    expect(t).toMatchObject({ lr: 0.2, diagReg: 0, mode: 'ntk', seed: 1 });
    expect(t.priorSamples).toBe(SCHEMA.samples.range[1]);
    expect(t.steps).toEqual(stepGrid(1000));
    data.plotXTest.forEach((x, j) => expect(data.yTest[j]).toBeCloseTo(Math.sin(x), 14));
  });

  it('passes the circle as 2-D inputs with angles as plot coordinates', () => {
    const { data, theoryInput } = buildExperiment({ ...DEFAULT_PARAMS, dataset: 'circle' });
    expect(theoryInput.dim).toBe(2);
    expect(theoryInput.xTrain).toHaveLength(28);
    expect(data.plotXTest).toHaveLength(200);
    expect(data.plotXTest[0]).toBeCloseTo(-Math.PI, 14);
  });

  it('uses custom points when the dataset is custom', () => {
    const p: Params = {
      ...DEFAULT_PARAMS,
      dataset: 'custom',
      points: [
        [0.5, 1.2],
        [-1, 0.3],
      ],
    };
    const { theoryInput } = buildExperiment(p);
    expect(Array.from(theoryInput.xTrain)).toEqual([0.5, -1]);
    expect(Array.from(theoryInput.yTrain)).toEqual([1.2, 0.3]);
  });

  it('is deterministic in the parameters', () => {
    const p: Params = { ...DEFAULT_PARAMS, noise: 0.3, seed: 77 };
    expect(buildExperiment(p)).toEqual(buildExperiment(p));
  });

  it('agrees with the theory levels: cheaper changes leave earlier outputs alone', () => {
    const base = buildExperiment(DEFAULT_PARAMS);
    for (const key of PARAM_KEYS) {
      const def: ParamDef = SCHEMA[key];
      const theory = def.affects.theory;
      if (theory !== false && theory.level === 'data') continue;
      const e = buildExperiment({ ...DEFAULT_PARAMS, [key]: otherValue(def) });
      expect(e.data, key).toEqual(base.data);
      if (theory === false) expect(e.theoryInput, key).toEqual(base.theoryInput);
      else if (theory.level !== 'kernel') expect(e.theoryInput.arch, key).toEqual(base.arch);
    }
  });
});

describe('cursor', () => {
  it('reads time as t = η·k with k at most K', () => {
    expect(cursorStep({ cursor: 50, maxSteps: 20 })).toBe(20);
    expect(cursorTime({ cursor: 50, maxSteps: 100, lr: 0.2 })).toBeCloseTo(10, 14);
  });
});
