import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, PARAM_KEYS, SCHEMA, isRelevant, type ParamDef } from './schema';
import * as validate from './validate';
import * as schema from './schema';

describe('relevance in the parameter table', () => {
  const p = { ...DEFAULT_PARAMS };

  it('hides what has no effect with the current choices', () => {
    expect(isRelevant('alpha', p)).toBe(false);
    expect(isRelevant('alpha', { ...p, activation: 'leaky_relu' })).toBe(true);
    expect(isRelevant('abA', { ...p, activation: 'abrelu' })).toBe(true);
    // the finite nets use the width in both parameterizations
    expect(isRelevant('width', p)).toBe(true);
    expect(isRelevant('width', { ...p, parameterization: 'standard' })).toBe(true);
    expect(isRelevant('bStd', { ...p, bias: false })).toBe(false);
    expect(isRelevant('points', p)).toBe(false);
    expect(isRelevant('points', { ...p, dataset: 'custom' })).toBe(true);
    expect(isRelevant('nTrain', { ...p, dataset: 'custom' })).toBe(false);
    expect(isRelevant('xMax', { ...p, dataset: 'circle' })).toBe(false);
  });

  it('shows a parameter without a rule always, and the defaults show the default controls', () => {
    expect((SCHEMA.depth as ParamDef).relevant).toBeUndefined();
    expect(isRelevant('depth', p)).toBe(true);
    const hidden = PARAM_KEYS.filter((k) => !isRelevant(k, p));
    expect(hidden).toEqual(['points', 'alpha', 'abA', 'abB']);
  });

  it('keeps validation importable from schema.ts', () => {
    expect(schema.validateParams).toBe(validate.validateParams);
    expect(schema.coerceParam).toBe(validate.coerceParam);
    expect(schema.formatNumber(1e21)).toBe('1e21');
  });
});
