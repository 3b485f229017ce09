import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCH } from '../core/arch';
import { fromRows } from '../core/linalg/matrix';
import {
  computeDynamicsOutputs,
  parseCase,
  parseKernels,
  type KernelsLike,
} from './referenceCases';

type Json = Record<string, unknown>;

function validCase(): Json {
  return {
    name: 'tiny',
    config: { depth: 2, activation: 'erf', sigma_w: 1.5, sigma_b: 0.05 },
    x_train: [
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    y_train: [0.5, -0.5, 1],
    x_test: [
      [0, 0],
      [2, 1],
    ],
    dynamics: { lr: 0.5, loss: 'half_mse', t: [0, 10, 'inf'] },
  };
}

/** A valid case with one field replaced (path like 'config.depth' or 'x_train'); undefined deletes */
function mutated(path: string, value: unknown): Json {
  const c = validCase();
  const keys = path.split('.');
  let target = c;
  for (const key of keys.slice(0, -1)) target = target[key] as Json;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return c;
}

function messageOf(json: unknown): string {
  try {
    parseCase(json);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('parseCase: malformed input gives one line naming the field', () => {
  const cases: [string, unknown, string][] = [
    ['(root)', 'not a case', '(root)'],
    ['config', undefined, 'config'],
    ['config.depth', 0, 'config.depth'],
    ['config.depth', 1.5, 'config.depth'],
    ['config.depth', 65, 'config.depth'],
    ['config.depth', '2', 'config.depth'],
    ['config.activation', 'elu', 'config.activation'],
    ['config.activation', undefined, 'config.activation'],
    ['config.sigma_w', 'big', 'config.sigma_w'],
    ['config.sigma_w', -1, 'config.sigma_w'],
    ['config.sigma_b', Number.NaN, 'config.sigma_b'],
    ['config.width', 0, 'config.width'],
    ['config.width', 10.5, 'config.width'],
    ['config.bias', 'yes', 'config.bias'],
    ['config.parameterization', 'mup', 'config.parameterization'],
    ['config.alpha', null, 'config.alpha'],
    ['config.sigmaW', 1, 'config.sigmaW'],
    ['x_train', undefined, 'x_train'],
    ['x_train', [], 'x_train'],
    ['x_train', [[]], 'x_train[0]'],
    ['x_train', [[0, 1], [1]], 'x_train[1]'],
    ['x_train', [[0, 1], 'x'], 'x_train[1]'],
    [
      'x_train',
      [
        [0, 1],
        [1, 'a'],
      ],
      'x_train[1][1]',
    ],
    ['y_train', [1, 2], 'y_train'],
    ['y_train', 'none', 'y_train'],
    ['y_train', [1, null, 3], 'y_train[1]'],
    ['x_test', [[0, 0], [1]], 'x_test[1]'],
    ['x_test', [[0, 0, 0]], 'x_test[0]'],
    ['x_test', [], 'x_test'],
    ['dynamics', undefined, 'dynamics'],
    ['dynamics', [1], 'dynamics'],
    ['dynamics.lr', 0, 'dynamics.lr'],
    ['dynamics.lr', -0.1, 'dynamics.lr'],
    ['dynamics.lr', '0.1', 'dynamics.lr'],
    ['dynamics.loss', 'l1', 'dynamics.loss'],
    ['dynamics.loss', undefined, 'dynamics.loss'],
    ['dynamics.loss_scale', -2, 'dynamics.loss_scale'],
    ['dynamics.t', 5, 'dynamics.t'],
    ['dynamics.t', [], 'dynamics.t'],
    ['dynamics.t', [0, 1.5], 'dynamics.t[1]'],
    ['dynamics.t', [0, -1], 'dynamics.t[1]'],
    ['dynamics.t', ['Infinity'], 'dynamics.t[0]'],
    ['dynamics.diag_reg', -0.01, 'dynamics.diag_reg'],
    ['dynamics.modes', ['ntk', 'gp'], 'dynamics.modes[1]'],
    ['dynamics.modes', ['ntk', 'ntk'], 'dynamics.modes'],
    ['dynamics.modes', [], 'dynamics.modes'],
    ['name', 5, 'name'],
  ];
  for (const [path, value, field] of cases) {
    it(`${path} = ${JSON.stringify(value) ?? 'missing'}`, () => {
      const message = messageOf(path === '(root)' ? value : mutated(path, value));
      expect(message.startsWith(`${field}: expected `), message).toBe(true);
      expect(message).not.toMatch(/[\r\n]/);
    });
  }

  it('abrelu needs both slopes', () => {
    const c = mutated('config.activation', 'abrelu');
    expect(messageOf(c)).toMatch(/^config\.a: /);
    (c.config as Json).a = -0.3;
    expect(messageOf(c)).toMatch(/^config\.b: /);
    (c.config as Json).b = 1.7;
    expect(parseCase(c).arch).toMatchObject({ activation: 'abrelu', a: -0.3, b: 1.7 });
  });
});

describe('parseCase: defaults and mapping', () => {
  it('fills defaults and maps config to ArchSpec', () => {
    const parsed = parseCase(validCase());
    // the format's defaults (width 1024, bias, 'ntk', alpha 0.1, a 0, b 1) are the app's
    expect(parsed.arch).toEqual({
      ...DEFAULT_ARCH,
      depth: 2,
      activation: 'erf',
      wStd: 1.5,
      bStd: 0.05,
    });
    expect(parsed.config).toEqual(validCase().config);
    expect(parsed.dynamics).toEqual({
      lr: 0.5,
      loss: 'half_mse',
      loss_scale: 1 / 3,
      t: [0, 10, 'inf'],
      diag_reg: 0,
      modes: ['ntk'],
    });
    expect(parsed.name).toBe('tiny');
  });

  it('derives c from the loss name; loss_scale wins', () => {
    const c = (loss: string) => parseCase(mutated('dynamics.loss', loss)).dynamics.loss_scale;
    expect([c('half_mse'), c('half_sse'), c('mse'), c('sse')]).toEqual([1 / 3, 1, 2 / 3, 2]);
    const both = mutated('dynamics.loss_scale', 0.7);
    expect(parseCase(both).dynamics.loss_scale).toBe(0.7);
    const only = mutated('dynamics.loss', undefined);
    (only.dynamics as Json).loss_scale = 0.25;
    expect(parseCase(only).dynamics).toMatchObject({ loss_scale: 0.25 });
    expect(parseCase(only).dynamics.loss).toBeUndefined();
  });

  it('without `modes`, takes the mode output blocks already present', () => {
    const c = validCase();
    (c.dynamics as Json).ntk = {};
    (c.dynamics as Json).nngp = {};
    expect(parseCase(c).dynamics.modes).toEqual(['ntk', 'nngp']);
    (c.dynamics as Json).modes = ['nngp'];
    expect(parseCase(c).dynamics.modes).toEqual(['nngp']);
  });
});

/** Simple PSD kernels on the valid case: K = xxᵀ/2 + 0.1, Θ = 2K + 0.05 */
function kernelsOf(xa: number[][], xb: number[][]): { nngp: number[][]; ntk: number[][] } {
  const nngp = xa.map((a) =>
    xb.map((b) => a.reduce((s, v, i) => s + v * (b[i] as number), 0) / 2 + 0.1),
  );
  return { nngp, ntk: nngp.map((row) => row.map((v) => 2 * v + 0.05)) };
}

function caseKernels(json: Json): KernelsLike {
  const xt = json.x_train as number[][];
  const xs = json.x_test as number[][];
  return {
    train_train: kernelsOf(xt, xt),
    test_train: kernelsOf(xs, xt),
    test_test: kernelsOf(xs, xs),
  };
}

describe('parseKernels and computeDynamicsOutputs', () => {
  it('names the offending kernel entry', () => {
    const k = caseKernels(validCase()) as unknown as Record<string, Record<string, number[][]>>;
    const bad = structuredClone(k);
    (bad.test_train as Record<string, number[][]>).ntk = [
      [1, 2, 3],
      [1, 2],
    ];
    expect(() => parseKernels(bad, 3, 2)).toThrow(
      /^kernels\.test_train\.ntk\[1\]: expected an array of 3 numbers/,
    );
    const missing = structuredClone(k);
    delete missing.test_test;
    expect(() => parseKernels(missing, 3, 2)).toThrow(/^kernels\.test_test: expected an object/);
    expect(() => parseKernels(k, 3, 3)).toThrow(
      /^kernels\.test_train\.nngp: expected a 3x3 matrix/,
    );
  });

  it('emits the reference layout, t in the given order, inf equal in both forms', () => {
    const json = mutated('dynamics.t', [10, 'inf', 0]);
    (json.dynamics as Json).modes = ['nngp', 'ntk'];
    const input = parseCase(json);
    const out = computeDynamicsOutputs(input, caseKernels(json));
    expect(Object.keys(out)).toEqual([
      'lr',
      'loss',
      'loss_scale',
      'rate',
      't',
      'diag_reg',
      'lr_max',
      'stable',
      'train_kernel_eigs',
      'train_kernel_cond',
      'nngp',
      'ntk',
    ]);
    expect(out.t).toEqual([10, 'inf', 0]);
    const ntk = out.ntk as NonNullable<typeof out.ntk>;
    expect(ntk.discrete.mean[1]).toEqual(ntk.continuous.mean[1]);
    expect(ntk.discrete.cov[2]).toEqual(kernelsOf(input.x_test, input.x_test).nngp);
    expect(ntk.discrete.mean[2]).toEqual([0, 0]);
    // the first mode (nngp here) sets lr_max and the eigenvalues
    const lmax = Math.max(...out.train_kernel_eigs);
    expect(lmax).toBeCloseTo(2 / (input.dynamics.loss_scale * out.lr_max), 12);
    const fromMatrices = computeDynamicsOutputs(input, {
      train_train: {
        nngp: fromRows(kernelsOf(input.x_train, input.x_train).nngp),
        ntk: fromRows(kernelsOf(input.x_train, input.x_train).ntk),
      },
      test_train: {
        nngp: fromRows(kernelsOf(input.x_test, input.x_train).nngp),
        ntk: fromRows(kernelsOf(input.x_test, input.x_train).ntk),
      },
      test_test: {
        nngp: fromRows(kernelsOf(input.x_test, input.x_test).nngp),
        ntk: fromRows(kernelsOf(input.x_test, input.x_test).ntk),
      },
    });
    expect(fromMatrices).toEqual(out);
  });

  it('clamps overflowing divergent values to ±MAX_VALUE and omits loss when only c was given', () => {
    const json = mutated('dynamics.t', [3, 20000]);
    (json.dynamics as Json).lr = 50;
    delete (json.dynamics as Json).loss;
    (json.dynamics as Json).loss_scale = 1;
    const out = computeDynamicsOutputs(parseCase(json), caseKernels(json));
    expect(out.loss).toBeUndefined();
    expect(out.stable).toBe(false);
    const series = (out.ntk as NonNullable<typeof out.ntk>).discrete;
    const all = [
      ...(series.mean[1] ?? []),
      ...(series.var[1] ?? []),
      ...(series.cov[1] ?? []).flat(),
    ];
    expect(all.every((x) => Number.isFinite(x))).toBe(true);
    expect(all.some((x) => Math.abs(x) === Number.MAX_VALUE)).toBe(true);
    expect(Math.abs(series.mean[0]?.[0] ?? 0)).toBeLessThan(Number.MAX_VALUE);
  });
});
