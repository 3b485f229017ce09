import { describe, expect, expectTypeOf, it } from 'vitest';
import pkg from '../../package.json';
import { DEFAULT_ARCH, type ActivationId } from '../core/arch';
import { MAX_CUSTOM_POINTS, type DatasetId } from '../core/datasets';
import {
  APP_VERSION,
  DEFAULT_PARAMS,
  PARAM_KEYS,
  SCHEMA,
  URL_VERSION,
  changedKeys,
  coerceParam,
  formatNumber,
  isParamKey,
  validateParams,
  type ParamDef,
  type Params,
} from './schema';

const defs = PARAM_KEYS.map((key) => [key, SCHEMA[key] as ParamDef] as const);

describe('SCHEMA', () => {
  it('has unique, short, link-safe keys', () => {
    const urls = defs.map(([, d]) => d.url);
    expect(new Set(urls).size).toBe(urls.length);
    for (const url of urls) {
      expect(url).toMatch(/^[a-z][a-z0-9]{0,7}$/);
      expect(url).not.toBe('v');
    }
  });

  it('keeps the link keys of renamed schema keys, so old links still work', () => {
    expect(SCHEMA.cursor.url).toBe('k');
    expect(SCHEMA.parameterization.url).toBe('param');
  });

  it('describes every parameter for a student', () => {
    for (const [, d] of defs) {
      expect(d.label.length).toBeGreaterThan(0);
      expect(d.help).toMatch(/^[A-Z].*\.$/);
      expect(d.help.length).toBeLessThan(140);
    }
  });

  it('has defaults inside ranges and sensible numeric settings', () => {
    for (const [key, d] of defs) {
      if (d.kind === 'int' || d.kind === 'float') {
        const [min, max] = d.range;
        expect(min, key).toBeLessThan(max);
        expect(d.default, key).toBeGreaterThanOrEqual(min);
        expect(d.default, key).toBeLessThanOrEqual(max);
        if (d.log) expect(min, key).toBeGreaterThan(0);
        if (d.kind === 'int') {
          expect(
            Number.isInteger(d.default) && Number.isInteger(min) && Number.isInteger(max),
          ).toBe(true);
        }
      } else if (d.kind === 'enum') {
        expect(d.values).toContain(d.default);
        for (const v of d.values) expect(d.labels[v], `${key}.${v}`).toBeTruthy();
      } else if (d.kind === 'points') {
        expect(d.maxCount).toBe(MAX_CUSTOM_POINTS);
      }
    }
  });

  it('derives DEFAULT_PARAMS from the table, consistent with DEFAULT_ARCH', () => {
    expect(Object.keys(DEFAULT_PARAMS)).toEqual(PARAM_KEYS);
    for (const [key, d] of defs) expect(DEFAULT_PARAMS[key]).toEqual(d.default);
    expect(validateParams(DEFAULT_PARAMS)).toEqual({ params: DEFAULT_PARAMS, repairs: [] });
    expect(DEFAULT_PARAMS).toMatchObject({
      depth: DEFAULT_ARCH.depth,
      width: DEFAULT_ARCH.width,
      activation: DEFAULT_ARCH.activation,
      wStd: DEFAULT_ARCH.wStd,
      bStd: DEFAULT_ARCH.bStd,
      parameterization: DEFAULT_ARCH.parameterization,
    });
    expect(DEFAULT_PARAMS.cursor).toBeLessThanOrEqual(DEFAULT_PARAMS.maxSteps);
  });

  it('infers the Params type from the table', () => {
    expectTypeOf(DEFAULT_PARAMS.activation).toEqualTypeOf<ActivationId>();
    expectTypeOf(DEFAULT_PARAMS.dataset).toEqualTypeOf<DatasetId>();
    expectTypeOf(DEFAULT_PARAMS.mode).toEqualTypeOf<'ntk' | 'nngp'>();
    expectTypeOf(DEFAULT_PARAMS.width).toEqualTypeOf<number>();
    expectTypeOf(DEFAULT_PARAMS.bias).toEqualTypeOf<boolean>();
    expectTypeOf(DEFAULT_PARAMS.points).toEqualTypeOf<readonly (readonly [number, number])[]>();
  });

  it('states the versions', () => {
    expect(APP_VERSION).toBe(pkg.version);
    expect(URL_VERSION).toBe(1);
  });

  it('knows its keys', () => {
    expect(isParamKey('width')).toBe(true);
    expect(isParamKey('toString')).toBe(false);
    expect(isParamKey('__proto__')).toBe(false);
  });
});

describe('validateParams', () => {
  it('fills missing keys with defaults silently', () => {
    expect(validateParams({})).toEqual({ params: DEFAULT_PARAMS, repairs: [] });
    expect(validateParams(undefined)).toEqual({ params: DEFAULT_PARAMS, repairs: [] });
    const { params, repairs } = validateParams({ width: 64, activation: 'relu' });
    expect(repairs).toEqual([]);
    expect(params).toEqual({ ...DEFAULT_PARAMS, width: 64, activation: 'relu' });
  });

  it('rejects non-objects with one repair', () => {
    for (const bad of [null, 3, 'width=3', [1, 2]]) {
      const r = validateParams(bad);
      expect(r.params).toEqual(DEFAULT_PARAMS);
      expect(r.repairs.map((x) => x.reason)).toEqual(['not-an-object']);
    }
  });

  it('clamps, rounds and replaces, listing each repair', () => {
    const { params, repairs } = validateParams({
      width: 99999,
      depth: 2.6,
      noise: -1,
      lr: Number.POSITIVE_INFINITY,
      seed: Number.NaN,
      nTrain: '12',
      activation: 'softmax',
      bias: 1,
      extra: 5,
    });
    expect(params).toMatchObject({ width: 8192, depth: 3, noise: 0, lr: 1000, seed: 1 });
    expect(params).toMatchObject({ nTrain: 14, activation: 'erf', bias: true });
    expect(repairs.map((r) => [r.key, r.reason, r.given, r.used])).toEqual([
      ['nTrain', 'not-a-number', '12', '14'],
      ['noise', 'below-min', '-1', '0'],
      ['seed', 'not-a-number', 'NaN', '1'],
      ['depth', 'not-an-integer', '2.6', '3'],
      ['width', 'above-max', '99999', '8192'],
      ['activation', 'not-allowed', 'softmax', 'erf'],
      ['bias', 'not-a-bool', '1', 'on'],
      ['lr', 'above-max', 'Infinity', '1000'],
      ['extra', 'unknown-key', '5', ''],
    ]);
  });

  it('normalises −0 to 0', () => {
    const { params, repairs } = validateParams({ abA: -0, points: [[-0, -0]] });
    expect(repairs).toEqual([]);
    expect(Object.is(params.abA, 0)).toBe(true);
    expect(Object.is(params.points[0]![0], 0)).toBe(true);
  });

  it('keeps the time cursor within the horizon', () => {
    const silent = validateParams({ maxSteps: 100 });
    expect(silent.params.cursor).toBe(100);
    expect(silent.repairs).toEqual([]);
    const loud = validateParams({ maxSteps: 100, cursor: 500 });
    expect(loud.params.cursor).toBe(100);
    expect(loud.repairs.map((r) => r.reason)).toEqual(['beyond-horizon']);
  });

  it('validates custom points item by item', () => {
    const many = Array.from({ length: 300 }, (_, i) => [i / 10, 0]);
    const { params, repairs } = validateParams({
      points: [[1, 2], 'x', [3], [Number.NaN, 1], [5000, 1], ...many],
    });
    expect(params.points).toHaveLength(MAX_CUSTOM_POINTS);
    expect(params.points[0]).toEqual([1, 2]);
    expect(params.points[1]).toEqual([1000, 1]);
    expect(repairs.map((r) => r.reason)).toEqual([
      'bad-points',
      'clamped-points',
      'too-many-points',
    ]);
    expect(repairs[2]!.given).toBe('302');
    expect(validateParams({ points: 'nope' }).repairs[0]!.reason).toBe('not-a-list');
  });

  it('bounds the text of what was given', () => {
    const r = validateParams({ activation: 'x'.repeat(10000) });
    expect(r.repairs[0]!.given.length).toBeLessThanOrEqual(40);
  });
});

describe('coerceParam', () => {
  it('repairs one value', () => {
    expect(coerceParam('width', 20000)).toMatchObject({ value: 8192 });
    expect(coerceParam('mode', 'nngp')).toEqual({ value: 'nngp', repairs: [] });
    expect(coerceParam('samples', 3.2).repairs[0]!.reason).toBe('not-an-integer');
  });
});

describe('changedKeys', () => {
  it('lists the keys whose values differ, points compared element-wise', () => {
    const a: Params = { ...DEFAULT_PARAMS };
    expect(changedKeys(a, a)).toEqual([]);
    expect(changedKeys(a, { ...a, cursor: 3, lr: 0.1 })).toEqual(['lr', 'cursor']);
    expect(changedKeys(a, { ...a, points: [[0, 1]] })).toEqual(['points']);
    expect(changedKeys({ ...a, points: [[0, 1]] }, { ...a, points: [[0, 1]] })).toEqual([]);
  });
});

describe('formatNumber', () => {
  it('writes the shortest round-trip form without "+"', () => {
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(1e21)).toBe('1e21');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(-0)).toBe('0');
    expect(Number(formatNumber(1 / 3))).toBe(1 / 3);
  });
});
