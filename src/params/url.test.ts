import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  PARAM_KEYS,
  SCHEMA,
  validateParams,
  type ParamDef,
  type Params,
  type Repair,
} from './schema';
import { MAX_QUERY_LENGTH, MAX_REPAIRS, decode, encode, formatRepair } from './url';

/** an arbitrary value for one definition, covering exactly its valid set */
function arbValue(def: ParamDef): fc.Arbitrary<unknown> {
  switch (def.kind) {
    case 'int':
      return def.infinite
        ? fc.oneof(fc.integer({ min: def.range[0], max: def.range[1] }), fc.constant(Infinity))
        : fc.integer({ min: def.range[0], max: def.range[1] });
    case 'float': {
      const [min, max] = def.range;
      return fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(min, max, def.default));
    }
    case 'enum':
      return fc.constantFrom(...def.values);
    case 'bool':
      return fc.boolean();
    case 'points': {
      const coord = fc.double({ min: -def.bound, max: def.bound, noNaN: true });
      return fc.array(fc.tuple(coord, coord), { maxLength: def.maxCount });
    }
  }
}

/** valid Params built from the schema itself, so a new parameter is covered automatically */
const arbParams: fc.Arbitrary<Params> = fc
  .record(Object.fromEntries(PARAM_KEYS.map((k) => [k, arbValue(SCHEMA[k])])))
  .map((raw) => validateParams(raw).params);

/** query-like strings made of real keys, junk keys and junk values */
const arbQueryish = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('v', ...PARAM_KEYS.map((k) => SCHEMA[k].url)), fc.string()),
      fc.oneof(
        fc.string(),
        fc.double().map(String),
        fc.constantFrom('1', '0', 'relu', 'custom', '1e999', '-0', '%', '%E0%A4%A', '1:2,3:'),
      ),
    ),
    { maxLength: 30 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

function isValid(params: Params): boolean {
  return validateParams(params).repairs.length === 0;
}

describe('encode', () => {
  it('writes only the version for the defaults', () => {
    expect(encode(DEFAULT_PARAMS)).toBe('v=1');
  });

  it('writes non-defaults in table order with short keys', () => {
    const p: Params = { ...DEFAULT_PARAMS, lr: 0.05, width: 64, dataset: 'custom', bias: false };
    expect(encode(p)).toBe('v=1&data=custom&width=64&bias=0&lr=0.05');
    const pts: Params = {
      ...DEFAULT_PARAMS,
      points: [
        [0.5, 1.2],
        [-1, 0.3],
      ],
    };
    expect(encode(pts)).toBe('v=1&pts=0.5:1.2,-1:0.3');
  });

  it('round-trips every valid parameter set exactly', () => {
    fc.assert(
      fc.property(arbParams, (p) => {
        expect(isValid(p)).toBe(true);
        const q = encode(p);
        expect(q.startsWith('v=1')).toBe(true);
        expect(decode(q)).toEqual({ params: p, repairs: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the largest custom point list at full precision', () => {
    const points = Array.from(
      { length: SCHEMA.points.maxCount },
      (_, i) => [-999.1234567890123 + i * 1e-13, -1.2345678901234567e-100 * (i + 1)] as const,
    );
    const p: Params = { ...DEFAULT_PARAMS, dataset: 'custom', points };
    const q = encode(p);
    expect(q.length).toBeLessThan(MAX_QUERY_LENGTH);
    expect(decode(q)).toEqual({ params: p, repairs: [] });
  });
});

describe('decode', () => {
  it('accepts a bare query, a leading ? or #, and a whole URL', () => {
    const want = { ...DEFAULT_PARAMS, width: 64 };
    for (const s of [
      'v=1&width=64',
      '?v=1&width=64',
      '#v=1&width=64',
      'width=64',
      'https://example.org/ntk/?v=1&width=64#section',
      'http://localhost:5173/#v=1&width=64',
    ]) {
      expect(decode(s), s).toEqual({ params: want, repairs: [] });
    }
    expect(decode('')).toEqual({ params: DEFAULT_PARAMS, repairs: [] });
    expect(decode('https://example.org/ntk/')).toEqual({ params: DEFAULT_PARAMS, repairs: [] });
  });

  it('never throws and always returns valid parameters', () => {
    const check = (s: string) => {
      const r = decode(s);
      expect(isValid(r.params)).toBe(true);
      expect(r.repairs.length).toBeLessThanOrEqual(MAX_REPAIRS);
      for (const repair of r.repairs) expect(formatRepair(repair).length).toBeGreaterThan(0);
    };
    const arbText = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
    );
    fc.assert(fc.property(arbText, check), { numRuns: 300 });
    check('v=1&act=\uD800&pts=\uDC00:1&\uD83D=%F0%9F%98%80');
    fc.assert(fc.property(arbQueryish, check), { numRuns: 500 });
  });

  it('reads numbers in any plain decimal form', () => {
    const p = decode('lr=1e-1&sw=.5&sb=2.&k=1E2&steps=%2B200&noise=0.10').params;
    expect(p).toMatchObject({
      lr: 0.1,
      wStd: 0.5,
      bStd: 2,
      cursor: 100,
      maxSteps: 200,
      noise: 0.1,
    });
    expect(decode('lr=1e+2').params.lr).toBe(100);
    for (const bad of ['0x10', '1_0', '', ' ', 'Infinity', '1e', '.', '-', '1.2.3', '1e5x']) {
      const r = decode(`width=${bad}`);
      expect(r.params.width, bad).toBe(DEFAULT_PARAMS.width);
      expect(
        r.repairs.map((x) => x.reason),
        bad,
      ).toEqual(['not-a-number']);
    }
  });

  it('reads booleans as 1/0, true/false, on/off, yes/no', () => {
    expect(decode('bias=0').params.bias).toBe(false);
    expect(decode('bias=OFF').params.bias).toBe(false);
    expect(decode('bias=no').params.bias).toBe(false);
    expect(decode('band=0&bias=yes').params).toMatchObject({ bias: true, showBand: false });
  });

  it('repairs and explains bad values in plain sentences', () => {
    const sentences = (q: string) => decode(q).repairs.map(formatRepair);
    expect(sentences('width=99999')).toEqual([
      'Width 99999 is above the maximum 8192; using 8192.',
    ]);
    expect(sentences('noise=-3')).toEqual(['Label noise σ -3 is below the minimum 0; using 0.']);
    expect(sentences('depth=2.5')).toEqual(['Hidden layers 2.5 is not a whole number; using 3.']);
    expect(sentences('n=many')).toEqual([
      'Training points “many” is not a number; using the default 14.',
    ]);
    expect(sentences('act=softmax')).toEqual([
      'Activation “softmax” is not one of the choices; using the default erf.',
    ]);
    expect(sentences('bias=maybe')).toEqual([
      'Biases “maybe” is not on or off; using the default on.',
    ]);
    expect(sentences('foo=1')).toEqual(['Ignored unknown parameter “foo”.']);
    expect(sentences('v=2')).toEqual([
      'This link is from a newer version (v=2); read as version 1, some settings may be lost.',
    ]);
    expect(sentences('v=beta')).toEqual([
      'Link version “beta” is not understood; read as version 1.',
    ]);
    expect(sentences('steps=100&k=500')).toEqual([
      'Time cursor k 500 is beyond the last step K = 100; using 100.',
    ]);
    expect(sentences('width=64&width=128')).toEqual([
      'Width was given more than once; using the first value.',
    ]);
  });

  it('drops malformed custom points one by one and truncates long lists', () => {
    const r = decode('data=custom&pts=0.5:1.2,,a:b,-1:0.3,1:2:3,4:,5000:1,');
    expect(r.params.points).toEqual([
      [0.5, 1.2],
      [-1, 0.3],
      [1000, 1],
    ]);
    expect(r.repairs.map(formatRepair)).toEqual([
      'Custom points: ignored malformed “a:b, 1:2:3, 4:”; kept 3 points.',
      'Custom points: 1 point beyond ±1000 moved to the edge.',
    ]);
    const many = Array.from({ length: 300 }, (_, i) => `${i}:1`).join(',');
    const long = decode(`pts=${many}`);
    expect(long.params.points).toHaveLength(256);
    expect(long.params.points[255]).toEqual([255, 1]);
    expect(long.repairs.map(formatRepair)).toEqual([
      'Custom points: 300 points is more than the maximum 256; keeping the first 256.',
    ]);
  });

  it('survives malformed percent-encoding and odd separators', () => {
    expect(decode('width=%E0%A4%A&&&=&==&act=%72elu').params).toMatchObject({
      width: DEFAULT_PARAMS.width,
      activation: 'relu',
    });
    expect(decode('__proto__=1&constructor=2').params).toEqual(DEFAULT_PARAMS);
  });

  it('caps the number of listed repairs', () => {
    const junk = Array.from({ length: 100 }, (_, i) => `junk${i}=1`).join('&');
    const r = decode(junk);
    expect(r.repairs).toHaveLength(MAX_REPAIRS);
    const last: Repair = r.repairs[MAX_REPAIRS - 1]!;
    expect(formatRepair(last)).toBe(`…and ${100 - MAX_REPAIRS + 1} more problems were fixed.`);
  });

  it('handles huge and hostile inputs in linear time', () => {
    const inputs = [
      'a'.repeat(5_000_000),
      `pts=${'1:'.repeat(2_000_000)}`,
      `pts=${'1'.repeat(3_000_000)}:1`,
      '&='.repeat(2_000_000),
      `width=${'9'.repeat(1_000_000)}`,
      `?${'%'.repeat(1_000_000)}`,
      `lr=${'1e'.repeat(1_000_000)}`,
    ];
    for (const s of inputs) {
      const start = performance.now();
      const r = decode(s);
      expect(performance.now() - start, s.slice(0, 20)).toBeLessThan(1000);
      expect(isValid(r.params)).toBe(true);
    }
    const tooLong = decode(`width=64&${'x=1&'.repeat(10_000)}`);
    expect(tooLong.params.width).toBe(64);
    expect(formatRepair(tooLong.repairs[0]!)).toMatch(/^The link is too long/);
  });

  it('tolerates a non-string at runtime', () => {
    expect(decode(undefined as unknown as string).params).toEqual(DEFAULT_PARAMS);
  });
});
