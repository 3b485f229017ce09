import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  DRIFT_INPUT_KEYS,
  PARAM_KEYS,
  affectsOf,
  infinityAllowed,
  theoryChangeOf,
  theoryDependsOn,
  type NetsAction,
  type ParamKey,
  type Params,
  type TheoryLevel,
} from './schema';

type Row = [theory: TheoryLevel | false, nets: NetsAction, drift: boolean, view: boolean];

/** what each parameter touches, written out once more to read at a glance */
const TABLE: Record<ParamKey, Row> = {
  dataset: ['data', 'reinit', true, false],
  nTrain: ['data', 'reinit', true, false],
  xMax: ['data', 'reinit', true, false],
  noise: ['data', 'reinit', true, false],
  nTest: ['data', 'reinit', false, false],
  points: ['data', 'reinit', true, false],
  seed: ['data', 'reinit', true, false],
  depth: ['kernel', 'reinit', true, false],
  width: ['kernel', 'reinit', false, false],
  activation: ['kernel', 'reinit', true, false],
  alpha: ['kernel', 'reinit', true, false],
  abA: ['kernel', 'reinit', true, false],
  abB: ['kernel', 'reinit', true, false],
  wStd: ['kernel', 'reinit', true, false],
  bStd: ['kernel', 'reinit', true, false],
  bias: ['kernel', 'reinit', true, false],
  parameterization: ['kernel', 'reinit', true, false],
  lr: ['dynamics', 'restart', true, false],
  maxSteps: ['dynamics', 'horizon', false, false],
  diagReg: ['spectrum', 'none', false, false],
  mode: ['spectrum', 'reinit', false, false],
  nets: [false, 'reinit', false, false],
  backend: [false, 'reinit', true, false],
  memoryMb: [false, 'budget', true, false],
  driftFrom: [false, 'none', true, false],
  driftTo: [false, 'none', true, false],
  driftNets: [false, 'none', true, false],
  driftSteps: [false, 'none', true, false],
  cursor: [false, 'none', false, true],
  samples: [false, 'none', false, true],
  showBand: [false, 'none', false, true],
  lensX0: [false, 'none', false, true],
  showInf: [false, 'none', false, true],
};

const standard: Params = { ...DEFAULT_PARAMS, parameterization: 'standard' };
const ntk: Params = { ...DEFAULT_PARAMS, parameterization: 'ntk' };

describe("the schema's affects, per consumer", () => {
  it.each(PARAM_KEYS.map((k) => [k, TABLE[k]] as const))('%s touches %j', (key, row) => {
    const [theory, nets, drift, view] = row;
    const a = affectsOf(key);
    expect(a.theory === false ? false : a.theory.level).toBe(theory);
    expect(a.nets).toBe(nets);
    expect(a.drift).toBe(drift);
    expect(a.view).toBe(view);
  });

  it('has a row for every parameter and no other', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...PARAM_KEYS].sort());
  });

  it('a view-only change touches nothing else', () => {
    for (const key of PARAM_KEYS.filter((k) => affectsOf(k).view)) {
      expect(affectsOf(key), key).toMatchObject({ theory: false, nets: 'none', drift: false });
    }
  });

  it('the theory depends on the width only in the standard parameterization', () => {
    expect(theoryDependsOn('width', ntk)).toBe(false);
    expect(theoryDependsOn('width', standard)).toBe(true);
    // every other parameter with a theory level counts whatever the others are
    for (const key of PARAM_KEYS.filter((k) => k !== 'width')) {
      const expected = affectsOf(key).theory !== false;
      expect(theoryDependsOn(key, ntk), key).toBe(expected);
      expect(theoryDependsOn(key, standard), key).toBe(expected);
    }
  });

  it('allows ∞ only where the theory ignores the value', () => {
    expect(infinityAllowed('width', ntk)).toBe(true);
    expect(infinityAllowed('width', standard)).toBe(false);
    for (const key of PARAM_KEYS.filter((k) => k !== 'width')) {
      expect(infinityAllowed(key, ntk), key).toBe(false);
    }
  });

  it('lists the drift inputs in table order', () => {
    expect(DRIFT_INPUT_KEYS).toEqual(PARAM_KEYS.filter((k) => TABLE[k][2]));
  });
});

describe('theoryChangeOf', () => {
  const a: Params = { ...DEFAULT_PARAMS };
  it.each<[string, Params, Params, TheoryLevel | null]>([
    ['nothing', a, a, null],
    ['a view change', a, { ...a, cursor: 3, showBand: false }, null],
    ['a drift setting', a, { ...a, driftTo: 64 }, null],
    ['the nets only', a, { ...a, nets: 3, memoryMb: 64, backend: 'cpu' }, null],
    ['η and the cursor', a, { ...a, cursor: 3, lr: 0.1 }, 'dynamics'],
    ['K', a, { ...a, maxSteps: 10 }, 'dynamics'],
    ['λ and η', a, { ...a, diagReg: 0.1, lr: 0.1 }, 'spectrum'],
    ['the mode', a, { ...a, mode: 'nngp' }, 'spectrum'],
    ['the depth and η', a, { ...a, depth: 3, lr: 0.1 }, 'kernel'],
    ['the seed and the depth', a, { ...a, seed: 9, depth: 3 }, 'data'],
    ['the width, NTK parameterization', ntk, { ...ntk, width: 64 }, null],
    ['the width to ∞, NTK parameterization', ntk, { ...ntk, width: Infinity }, null],
    ['the width, standard parameterization', standard, { ...standard, width: 64 }, 'kernel'],
    ['the width as the parameterization changes', ntk, { ...standard, width: 64 }, 'kernel'],
  ])('%s', (_, prev, next, level) => {
    expect(theoryChangeOf(prev, next)).toBe(level);
  });
});
