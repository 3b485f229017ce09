import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, PARAM_KEYS, type ParamKey, type Params } from '../params/schema';
import { classify, type EnsembleChange } from './ensembleClassify';

const base: Params = { ...DEFAULT_PARAMS };

const reinit: EnsembleChange = { nets: 'reinit', horizon: false, cursorMoved: false };
const none: EnsembleChange = { nets: null, horizon: false, cursorMoved: false };

/** every parameter, one representative change, and what it does to the nets */
const SINGLE: Record<ParamKey, [Partial<Params>, EnsembleChange]> = {
  dataset: [{ dataset: 'step' }, reinit],
  nTrain: [{ nTrain: 20 }, reinit],
  xMax: [{ xMax: 2 }, reinit],
  noise: [{ noise: 0.1 }, reinit],
  nTest: [{ nTest: 50 }, reinit],
  points: [{ points: [[0, 1]] }, reinit],
  seed: [{ seed: 7 }, reinit],
  depth: [{ depth: 3 }, reinit],
  width: [{ width: 64 }, reinit],
  activation: [{ activation: 'relu' }, reinit],
  alpha: [{ alpha: 0.2 }, reinit],
  abA: [{ abA: 0.5 }, reinit],
  abB: [{ abB: 0.5 }, reinit],
  wStd: [{ wStd: 2 }, reinit],
  bStd: [{ bStd: 0.3 }, reinit],
  bias: [{ bias: false }, reinit],
  parameterization: [{ parameterization: 'standard' }, reinit],
  lr: [{ lr: 0.1 }, { nets: 'restart', horizon: false, cursorMoved: false }],
  maxSteps: [{ maxSteps: 50 }, { nets: null, horizon: true, cursorMoved: false }],
  diagReg: [{ diagReg: 0.1 }, none],
  mode: [{ mode: 'nngp' }, reinit],
  nets: [{ nets: 4 }, reinit],
  backend: [{ backend: 'cpu' }, reinit],
  memoryMb: [{ memoryMb: 64 }, { nets: 'budget', horizon: false, cursorMoved: false }],
  driftFrom: [{ driftFrom: 16 }, none],
  driftTo: [{ driftTo: 64 }, none],
  driftNets: [{ driftNets: 4 }, none],
  driftSteps: [{ driftSteps: 10 }, none],
  cursor: [{ cursor: 10 }, { nets: null, horizon: false, cursorMoved: true }],
  samples: [{ samples: 1 }, none],
  showBand: [{ showBand: false }, none],
  lensX0: [{ lensX0: 1 }, none],
  showInf: [{ showInf: false }, none],
};

describe('classify: what a parameter change does to the nets', () => {
  it.each(PARAM_KEYS)('%s', (key) => {
    const [change, expected] = SINGLE[key];
    expect(Object.keys(change)).toEqual([key]);
    expect(classify(base, { ...base, ...change })).toEqual(expected);
  });

  it.each<[string, Partial<Params>, EnsembleChange]>([
    ['nothing', {}, none],
    [
      'η and K: the restart trains to the new K',
      { lr: 0.1, maxSteps: 50 },
      { ...none, nets: 'restart' },
    ],
    ['the depth and η: new nets', { depth: 3, lr: 0.1 }, reinit],
    ['the depth and K: new nets', { depth: 3, maxSteps: 50 }, reinit],
    [
      'the budget and K: both',
      { memoryMb: 64, maxSteps: 50 },
      { nets: 'budget', horizon: true, cursorMoved: false },
    ],
    ['η and the budget: a restart', { lr: 0.1, memoryMb: 64 }, { ...none, nets: 'restart' }],
    [
      'K and the cursor',
      { maxSteps: 50, cursor: 50 },
      { nets: null, horizon: true, cursorMoved: true },
    ],
    ['λ and a view change', { diagReg: 1, showBand: false }, none],
  ])('%s', (_, change, expected) => {
    expect(classify(base, { ...base, ...change })).toEqual(expected);
  });
});
