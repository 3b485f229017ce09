// The reference-case interchange format (reference/README.md): a typed validator of a case's
// inputs, and the `dynamics` output block computed from a case's kernels with the infinite-
// ensemble GD predictor of dynamics.ts (docs/science.md#dynamics). Losses (c/2)Σ(f − y)²: half_mse
// c = 1/N, half_sse c = 1, mse c = 2/N, sse c = 2; rate r = lr·c; t are whole step counts k.

import { ACTIVATION_IDS, DEFAULT_ARCH, PARAMETERIZATIONS, type ArchSpec } from '../core/arch';
import { createPredictor, type DynamicsMode, type Form, type StepCount } from '../core/dynamics';
import { toRows, type Matrix } from '../core/linalg/matrix';

export const LOSS_NAMES = ['half_mse', 'half_sse', 'mse', 'sse'] as const;
export type LossName = (typeof LOSS_NAMES)[number];
export const DYNAMICS_MODES = ['ntk', 'nngp'] as const;

/** c of the named loss for N training points */
export function lossScaleOf(loss: LossName, n: number): number {
  return { half_mse: 1 / n, half_sse: 1, mse: 2 / n, sse: 2 }[loss];
}

/** `config` exactly as given (validated); defaults are applied in ReferenceCaseInput.arch */
export interface ReferenceConfig {
  depth: number;
  width?: number;
  activation: ArchSpec['activation'];
  sigma_w: number;
  sigma_b: number;
  bias?: boolean;
  parameterization?: ArchSpec['parameterization'];
  alpha?: number;
  a?: number;
  b?: number;
}

export interface ReferenceDynamicsInput {
  lr: number;
  /** as given, if given */
  loss?: LossName;
  /** c: loss_scale if given, else from loss */
  loss_scale: number;
  /** step counts (whole, ≥ 0) and "inf", in the case's order */
  t: StepCount[];
  diag_reg: number;
  /** `modes` if given; else the mode output blocks (ntk, nngp) present in `dynamics`; else ['ntk'] */
  modes: DynamicsMode[];
}

export interface ReferenceCaseInput {
  name?: string;
  description?: string;
  config: ReferenceConfig;
  /** config with defaults applied (width 1024, bias, 'ntk', alpha 0.1; a, b unused unless abrelu) */
  arch: ArchSpec;
  /** N x d */
  x_train: number[][];
  y_train: number[];
  /** M x d */
  x_test: number[][];
  dynamics: ReferenceDynamicsInput;
}

export interface KernelPair<T = Matrix> {
  nngp: T;
  ntk: T;
}
export interface CaseKernels<T = Matrix> {
  /** N x N */
  train_train: KernelPair<T>;
  /** M x N */
  test_train: KernelPair<T>;
  /** M x M */
  test_test: KernelPair<T>;
}
export type KernelsLike = CaseKernels<Matrix | readonly (readonly number[])[]>;

export interface DynamicsSeries {
  /** [T][M] */
  mean: number[][];
  /** [T][M], clipped at 0 */
  var: number[][];
  /** [T][M][M], raw symmetric */
  cov: number[][][];
}
export interface ModeOutput {
  discrete: DynamicsSeries;
  continuous: DynamicsSeries;
}
export interface ReferenceDynamicsOutput {
  lr: number;
  loss?: LossName;
  loss_scale: number;
  rate: number;
  t: StepCount[];
  diag_reg: number;
  lr_max: number;
  stable: boolean;
  train_kernel_eigs: number[];
  train_kernel_cond: number;
  ntk?: ModeOutput;
  nngp?: ModeOutput;
}

/** A one-line description of a value for error messages */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  let text: string = typeof value;
  try {
    if (typeof value === 'number' || typeof value === 'bigint') text = String(value);
    else text = JSON.stringify(value) ?? text;
  } catch {
    // circular structures keep their type name
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new Error(`${path}: expected ${expected}, got ${show(value)}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) fail(path, 'an object', v);
  return v;
}

function finite(v: unknown, path: string, min = -Infinity, what = 'a finite number'): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) fail(path, what, v);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v))
    fail(path, `one of ${options.join(', ')}`, v);
  return v as T;
}

/** a non-empty rows x d array of finite numbers; d from the first row unless given */
function points(v: unknown, path: string, d?: number): number[][] {
  if (!Array.isArray(v) || v.length === 0) fail(path, 'a non-empty array of points', v);
  const first: unknown = v[0];
  const dim = d ?? (Array.isArray(first) && first.length > 0 ? first.length : 0);
  if (dim === 0) fail(`${path}[0]`, 'an array of d ≥ 1 numbers', first);
  return v.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== dim)
      fail(`${path}[${i}]`, `an array of ${dim} numbers`, row);
    return row.map((x: unknown, j) => finite(x, `${path}[${i}][${j}]`));
  });
}

const CONFIG_KEYS = new Set([
  'depth',
  'width',
  'activation',
  'sigma_w',
  'sigma_b',
  'bias',
  'parameterization',
  'alpha',
  'a',
  'b',
]);

function parseConfig(v: unknown): { config: ReferenceConfig; arch: ArchSpec } {
  const c = record(v, 'config');
  for (const key of Object.keys(c))
    if (!CONFIG_KEYS.has(key))
      fail(`config.${key}`, `one of the keys ${[...CONFIG_KEYS].join(', ')}`, key);
  const depth = c.depth;
  if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1 || depth > 64)
    fail('config.depth', 'an integer in 1..64', depth);
  const config: ReferenceConfig = {
    depth,
    activation: oneOf(c.activation, 'config.activation', ACTIVATION_IDS),
    sigma_w: finite(c.sigma_w, 'config.sigma_w', 0, 'a finite number ≥ 0'),
    sigma_b: finite(c.sigma_b, 'config.sigma_b', 0, 'a finite number ≥ 0'),
  };
  if (c.width !== undefined) {
    if (typeof c.width !== 'number' || !Number.isSafeInteger(c.width) || c.width < 1)
      fail('config.width', 'a whole number ≥ 1', c.width);
    config.width = c.width;
  }
  if (c.bias !== undefined) {
    if (typeof c.bias !== 'boolean') fail('config.bias', 'true or false', c.bias);
    config.bias = c.bias;
  }
  if (c.parameterization !== undefined)
    config.parameterization = oneOf(
      c.parameterization,
      'config.parameterization',
      PARAMETERIZATIONS,
    );
  if (c.alpha !== undefined) config.alpha = finite(c.alpha, 'config.alpha');
  for (const key of ['a', 'b'] as const) {
    if (c[key] !== undefined) config[key] = finite(c[key], `config.${key}`);
    else if (config.activation === 'abrelu')
      fail(`config.${key}`, 'a finite number (abrelu slope)', c[key]);
  }
  const arch: ArchSpec = {
    depth,
    width: config.width ?? 1024,
    activation: config.activation,
    alpha: config.alpha ?? 0.1,
    a: config.a ?? DEFAULT_ARCH.a,
    b: config.b ?? DEFAULT_ARCH.b,
    wStd: config.sigma_w,
    bStd: config.sigma_b,
    bias: config.bias ?? true,
    parameterization: config.parameterization ?? 'ntk',
  };
  return { config, arch };
}

function parseDynamics(v: unknown, n: number): ReferenceDynamicsInput {
  const d = record(v, 'dynamics');
  const lr = finite(d.lr, 'dynamics.lr', 0, 'a finite number > 0');
  if (lr === 0) fail('dynamics.lr', 'a finite number > 0', lr);
  const loss = d.loss === undefined ? undefined : oneOf(d.loss, 'dynamics.loss', LOSS_NAMES);
  let lossScale: number;
  if (d.loss_scale !== undefined) {
    lossScale = finite(d.loss_scale, 'dynamics.loss_scale', 0, 'a finite number > 0');
    if (lossScale === 0) fail('dynamics.loss_scale', 'a finite number > 0', lossScale);
  } else if (loss !== undefined) lossScale = lossScaleOf(loss, n);
  else fail('dynamics.loss', `one of ${LOSS_NAMES.join(', ')} (or a dynamics.loss_scale)`, d.loss);
  if (!Array.isArray(d.t) || d.t.length === 0) fail('dynamics.t', 'a non-empty array', d.t);
  const t = d.t.map((k: unknown, i): StepCount => {
    if (k === 'inf') return k;
    if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0)
      fail(`dynamics.t[${i}]`, 'a whole step count ≥ 0 or "inf"', k);
    return k;
  });
  const diagReg =
    d.diag_reg === undefined
      ? 0
      : finite(d.diag_reg, 'dynamics.diag_reg', 0, 'a finite number ≥ 0');
  // Without `modes`, the mode blocks already present (reference files keep no `modes`) decide
  let modes: DynamicsMode[] = Object.keys(d).filter((key): key is DynamicsMode =>
    (DYNAMICS_MODES as readonly string[]).includes(key),
  );
  if (modes.length === 0) modes = ['ntk'];
  if (d.modes !== undefined) {
    if (!Array.isArray(d.modes) || d.modes.length === 0)
      fail('dynamics.modes', 'a non-empty array of "ntk", "nngp"', d.modes);
    modes = d.modes.map((x: unknown, i) => oneOf(x, `dynamics.modes[${i}]`, DYNAMICS_MODES));
    if (new Set(modes).size !== modes.length) fail('dynamics.modes', 'no repeated mode', d.modes);
  }
  const out: ReferenceDynamicsInput = { lr, loss_scale: lossScale, t, diag_reg: diagReg, modes };
  if (loss !== undefined) out.loss = loss;
  return out;
}

/**
 * Validate a parsed JSON case and return its inputs; output fields (kernels, dynamics results)
 * are ignored. Throws an Error whose one-line message starts with the offending field path.
 */
export function parseCase(json: unknown): ReferenceCaseInput {
  const root = record(json, '(root)');
  const { config, arch } = parseConfig(root.config);
  const xTrain = points(root.x_train, 'x_train');
  const d = (xTrain[0] as number[]).length;
  const n = xTrain.length;
  if (!Array.isArray(root.y_train) || root.y_train.length !== n)
    fail('y_train', `an array of ${n} numbers (one per x_train row)`, root.y_train);
  const yTrain = root.y_train.map((y: unknown, i) => finite(y, `y_train[${i}]`));
  const xTest = points(root.x_test, 'x_test', d);
  const out: ReferenceCaseInput = {
    config,
    arch,
    x_train: xTrain,
    y_train: yTrain,
    x_test: xTest,
    dynamics: parseDynamics(root.dynamics, n),
  };
  for (const key of ['name', 'description'] as const) {
    const v = root[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') fail(key, 'a string', v);
    out[key] = v;
  }
  return out;
}

/** A kernel block as a validated rows x cols Matrix (nested arrays or a Matrix accepted) */
function kernelMatrix(v: unknown, path: string, rows: number, cols: number): Matrix {
  const what = `a ${rows}x${cols} matrix of finite numbers`;
  let data: Float64Array;
  if (isRecord(v) && v.data instanceof Float64Array) {
    if (v.rows !== rows || v.cols !== cols || v.data.length !== rows * cols) fail(path, what, v);
    data = v.data;
  } else {
    if (!Array.isArray(v) || v.length !== rows) fail(path, what, v);
    data = new Float64Array(rows * cols);
    v.forEach((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== cols)
        fail(`${path}[${i}]`, `an array of ${cols} numbers`, row);
      row.forEach((x: unknown, j) => (data[i * cols + j] = finite(x, `${path}[${i}][${j}]`)));
    });
  }
  const bad = data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0)
    fail(`${path}[${Math.floor(bad / cols)}][${bad % cols}]`, 'a finite number', data[bad]);
  return { rows, cols, data };
}

/** Validate the `kernels` block of a case with N training and M test points. */
export function parseKernels(json: unknown, n: number, m: number, path = 'kernels'): CaseKernels {
  const k = record(json, path);
  const shapes = { train_train: [n, n], test_train: [m, n], test_test: [m, m] } as const;
  const block = (name: keyof typeof shapes): KernelPair => {
    const pair = record(k[name], `${path}.${name}`);
    const [rows, cols] = shapes[name];
    return {
      nngp: kernelMatrix(pair.nngp, `${path}.${name}.nngp`, rows, cols),
      ntk: kernelMatrix(pair.ntk, `${path}.${name}.ntk`, rows, cols),
    };
  };
  return {
    train_train: block('train_train'),
    test_train: block('test_train'),
    test_test: block('test_test'),
  };
}

/** JSON has no NaN/Infinity: ±Infinity (diverging GD overflowed) becomes ±Number.MAX_VALUE */
function jsonNumber(x: number, path: string): number {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) throw new Error(`${path}: NaN in the dynamics output`);
  return x > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

function jsonArray(a: ArrayLike<number>, path: string): number[] {
  return Array.from(a, (x) => jsonNumber(x, path));
}

/**
 * The `dynamics` block of a case exactly as the reference files hold it: the inputs (lr, loss,
 * loss_scale, rate, t, diag_reg; `modes` is input only and not repeated), lr_max, stable,
 * train_kernel_eigs (raw, ascending) and train_kernel_cond of the FIRST mode's dynamics kernel,
 * and per mode the discrete and continuous {mean, var, cov} at every t in the case's order
 * (t = "inf" is kernel regression, the same for both forms). Diverging values that overflow
 * float64 are emitted as ±Number.MAX_VALUE; a NaN (never expected) throws.
 */
export function computeDynamicsOutputs(
  input: ReferenceCaseInput,
  kernels: KernelsLike | CaseKernels,
): ReferenceDynamicsOutput {
  const dyn = input.dynamics;
  const k = parseKernels(kernels, input.x_train.length, input.x_test.length);
  const predictors = dyn.modes.map((mode) =>
    createPredictor({
      ntkTrain: k.train_train.ntk,
      nngpTrain: k.train_train.nngp,
      ntkTestTrain: k.test_train.ntk,
      nngpTestTrain: k.test_train.nngp,
      nngpTestTest: k.test_test.nngp,
      yTrain: input.y_train,
      lr: dyn.lr,
      lossScale: dyn.loss_scale,
      diagReg: dyn.diag_reg,
      mode,
    }),
  );
  const first = predictors[0];
  if (first === undefined) throw new Error('dynamics.modes: expected at least one mode');
  const out: ReferenceDynamicsOutput = {
    lr: dyn.lr,
    ...(dyn.loss !== undefined ? { loss: dyn.loss } : {}),
    loss_scale: dyn.loss_scale,
    rate: dyn.lr * dyn.loss_scale,
    t: [...dyn.t],
    diag_reg: dyn.diag_reg,
    lr_max: jsonNumber(first.lrMax, 'dynamics.lr_max'),
    stable: first.stable,
    train_kernel_eigs: Array.from(first.eigenvaluesRaw),
    train_kernel_cond: jsonNumber(first.conditionNumber, 'dynamics.train_kernel_cond'),
  };
  predictors.forEach((p) => {
    const series = (form: Form): DynamicsSeries => {
      const s: DynamicsSeries = { mean: [], var: [], cov: [] };
      for (const t of dyn.t) {
        const path = `dynamics.${p.mode}.${form}[t=${t}]`;
        const r = p.test(t, { form, cov: true });
        s.mean.push(jsonArray(r.mean, `${path}.mean`));
        s.var.push(jsonArray(r.variance, `${path}.var`));
        s.cov.push(toRows(r.cov as Matrix).map((row) => jsonArray(row, `${path}.cov`)));
      }
      return s;
    };
    out[p.mode] = { discrete: series('discrete'), continuous: series('continuous') };
  });
  return out;
}
