// THE one table of experiment parameters. Types, defaults, controls, URL keys, validation and
// what each change touches (the theory, the finite nets, the drift sweep, only the view) all
// derive from SCHEMA: adding a parameter is one entry here (plus using it). Table order is the
// URL's key order and the controls' default order.

import { ACTIVATIONS } from '../core/activations';
import { MAX_ENSEMBLE } from '../core/ensembleCost';
import { ACTIVATION_IDS, DEFAULT_ARCH, PARAMETERIZATIONS } from '../core/arch';
import {
  affects,
  bool,
  choice,
  float,
  int,
  labelsOf,
  pointList,
  THEORY_LEVELS,
  type Affects,
  type BoolDef,
  type EnumDef,
  type NumberDef,
  type ParamDef,
  type PointsDef,
  type TheoryLevel,
} from './paramDef';
import {
  CUSTOM_POINT_BOUND,
  DATASET_IDS,
  DATASETS,
  MAX_CUSTOM_POINTS,
  type Point,
} from '../core/datasets';

/** the app's version (kept equal to package.json; a test checks) */
export const APP_VERSION = '0.1.0';
/** the version of the link format, written first as `v=1` */
export const URL_VERSION = 1;

export {
  NETS_ACTIONS,
  THEORY_LEVELS,
  type Affects,
  type BoolDef,
  type EnumDef,
  type NetsAction,
  type NumberDef,
  type ParamDef,
  type ParamGroup,
  type ParamKind,
  type PointsDef,
  type TheoryLevel,
} from './paramDef';
export type { Point };

const DATA = {
  group: 'data',
  affects: affects({ theory: { level: 'data' }, nets: 'reinit', drift: true }),
} as const;
const ARCH = {
  group: 'architecture',
  affects: affects({ theory: { level: 'kernel' }, nets: 'reinit', drift: true }),
} as const;
const VIEW = { group: 'view', affects: affects({ view: true }) } as const;
const NETS = { group: 'networks', affects: affects({ nets: 'reinit' }) } as const;
/** the widest finite net (the width control and the drift sweep) */
const MAX_WIDTH = 8192;
/** the drift sweep runs on demand: its settings recompute nothing until the user starts it */
const DRIFT = { group: 'drift', affects: affects({ drift: true }) } as const;
/** the backends the ensemble trainer can run on; `simd` is the app's fused WASM SIMD kernel */
export const BACKEND_IDS = ['auto', 'simd', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendId = (typeof BACKEND_IDS)[number];

export const SCHEMA = {
  dataset: choice({
    ...DATA,
    url: 'data',
    values: DATASET_IDS,
    labels: labelsOf(DATASETS),
    default: 'sin',
    label: 'Dataset',
    help: 'The function the network learns, or your own points.',
  }),
  nTrain: int({
    ...DATA,
    relevant: (p: Params): boolean => p.dataset !== 'custom',
    url: 'n',
    default: 14,
    range: [1, 256],
    label: 'Training points',
    help: 'How many training points are drawn (custom data uses your points instead).',
  }),
  xMax: float({
    ...DATA,
    relevant: (p: Params): boolean => p.dataset !== 'circle',
    url: 'xmax',
    default: 3,
    range: [0.25, 10],
    resolution: 0.25,
    label: 'Data half-width',
    help: 'Training inputs are spread over [−a, a] and the plot reaches 1.5 times as far.',
  }),
  noise: float({
    ...DATA,
    relevant: (p: Params): boolean => p.dataset !== 'custom',
    url: 'noise',
    default: 0,
    range: [0, 2],
    resolution: 0.01,
    label: 'Label noise σ',
    help: 'Standard deviation of the random noise added to each training target.',
  }),
  nTest: int({
    ...DATA,
    // the drift sweep measures on the training inputs
    affects: affects({ theory: { level: 'data' }, nets: 'reinit' }),
    url: 'grid',
    default: 200,
    range: [16, 512],
    label: 'Plot points',
    help: 'How many evenly spaced test inputs the predictions are computed and drawn at.',
  }),
  points: pointList({
    ...DATA,
    relevant: (p: Params): boolean => p.dataset === 'custom',
    url: 'pts',
    default: [],
    maxCount: MAX_CUSTOM_POINTS,
    bound: CUSTOM_POINT_BOUND,
    label: 'Custom points',
    help: 'Your own training points (x, y), used when the dataset is Custom points.',
  }),
  seed: int({
    ...DATA,
    url: 'seed',
    default: 1,
    range: [0, 2 ** 31 - 1],
    label: 'Random seed',
    help: 'Fixes every random draw (data, noise, prior samples, network starts): same seed, same run.',
  }),
  depth: int({
    ...ARCH,
    url: 'depth',
    default: DEFAULT_ARCH.depth,
    range: [1, 8],
    label: 'Hidden layers',
    help: 'Number of hidden layers between the input and the output.',
  }),
  width: int({
    ...ARCH,
    affects: affects({
      // the NTK parameterization's kernels do not depend on the width (Θ_std ∝ n)
      theory: { level: 'kernel', when: (p: Params): boolean => p.parameterization === 'standard' },
      nets: 'reinit',
      // the drift sweep trains its own ladder of widths
      drift: false,
    }),
    url: 'width',
    default: DEFAULT_ARCH.width,
    range: [1, MAX_WIDTH],
    log: true,
    infinite: true,
    label: 'Width',
    unit: 'units',
    help: 'Units per hidden layer of the finite networks; ∞ (NTK parameterization only) draws the theory alone.',
  }),
  activation: choice({
    ...ARCH,
    url: 'act',
    values: ACTIVATION_IDS,
    labels: labelsOf(ACTIVATIONS),
    default: DEFAULT_ARCH.activation,
    label: 'Activation',
    help: 'The nonlinearity applied by every hidden unit.',
  }),
  alpha: float({
    ...ARCH,
    relevant: (p: Params): boolean => p.activation === 'leaky_relu',
    url: 'alpha',
    default: DEFAULT_ARCH.alpha,
    range: [0, 1],
    resolution: 0.01,
    label: 'Leaky slope α',
    help: 'Slope of Leaky ReLU for negative inputs.',
  }),
  abA: float({
    ...ARCH,
    relevant: (p: Params): boolean => p.activation === 'abrelu',
    url: 'a',
    default: DEFAULT_ARCH.a,
    range: [-2, 2],
    resolution: 0.05,
    label: 'Negative slope a',
    help: 'Slope of ABReLU for negative inputs.',
  }),
  abB: float({
    ...ARCH,
    relevant: (p: Params): boolean => p.activation === 'abrelu',
    url: 'b',
    default: DEFAULT_ARCH.b,
    range: [-2, 2],
    resolution: 0.05,
    label: 'Positive slope b',
    help: 'Slope of ABReLU for positive inputs.',
  }),
  wStd: float({
    ...ARCH,
    url: 'sw',
    default: DEFAULT_ARCH.wStd,
    range: [0, 4],
    resolution: 0.05,
    label: 'Weight scale σ_w',
    help: 'Spread of the random weights; larger values give steeper, wigglier functions.',
  }),
  bStd: float({
    ...ARCH,
    relevant: (p: Params): boolean => p.bias,
    url: 'sb',
    default: DEFAULT_ARCH.bStd,
    range: [0, 4],
    resolution: 0.01,
    label: 'Bias scale σ_b',
    help: 'Spread of the random biases; sets how far functions shift up and down.',
  }),
  bias: bool({
    ...ARCH,
    url: 'bias',
    default: DEFAULT_ARCH.bias,
    label: 'Biases',
    help: 'Whether the layers have bias parameters at all.',
  }),
  parameterization: choice({
    ...ARCH,
    url: 'param',
    values: PARAMETERIZATIONS,
    labels: { ntk: 'NTK', standard: 'Standard' },
    default: DEFAULT_ARCH.parameterization,
    label: 'Parameterization',
    help: 'Where the 1/√fan-in scale sits: in the layer (NTK) or in the initial weights (standard).',
  }),
  lr: float({
    group: 'training',
    affects: affects({ theory: { level: 'dynamics' }, nets: 'restart', drift: true }),
    url: 'lr',
    default: 0.2,
    range: [1e-4, 1e3],
    log: true,
    label: 'Learning rate η',
    help: 'Size of each gradient-descent step; above the critical rate training blows up.',
  }),
  maxSteps: int({
    group: 'training',
    affects: affects({ theory: { level: 'dynamics' }, nets: 'horizon' }),
    url: 'steps',
    default: 1000,
    range: [1, 1e6],
    log: true,
    label: 'Training steps K',
    unit: 'steps',
    help: 'How many full-batch gradient steps are run; the time axis ends at t = η·K.',
  }),
  diagReg: float({
    group: 'training',
    // the theory's ridge only: the nets train on the plain loss
    affects: affects({ theory: { level: 'spectrum' } }),
    url: 'reg',
    default: 0,
    range: [0, 10],
    resolution: 0.001,
    label: 'Regularizer λ',
    help: 'Added to the kernel diagonal: ridge regularization, or noise variance in readout-only mode.',
  }),
  mode: choice({
    group: 'training',
    // the nets train every layer: in readout-only mode none train (ensemblePlan.ts offReason)
    affects: affects({ theory: { level: 'spectrum' }, nets: 'reinit' }),
    url: 'mode',
    values: ['ntk', 'nngp'],
    labels: { ntk: 'All layers (NTK)', nngp: 'Readout only (NNGP)' },
    default: 'ntk',
    label: 'Trained layers',
    help: 'Train every layer (the NTK rules) or only the last (the NNGP kernel rules; t = ∞ is the Bayesian posterior).',
  }),
  nets: int({
    ...NETS,
    url: 'nets',
    default: 16,
    range: [1, MAX_ENSEMBLE],
    label: 'Networks E',
    unit: 'nets',
    help: 'How many finite networks are trained side by side from independent random starts.',
  }),
  backend: choice({
    ...NETS,
    affects: affects({ nets: 'reinit', drift: true }),
    url: 'backend',
    values: BACKEND_IDS,
    labels: {
      auto: 'Automatic (fastest)',
      simd: 'WASM SIMD (fused)',
      webgpu: 'WebGPU',
      webgl: 'WebGL',
      wasm: 'tfjs WASM',
      cpu: 'tfjs CPU (plain JS)',
    },
    default: 'auto',
    label: 'Backend',
    help: 'Where the networks are trained; Automatic picks the fastest this device offers.',
  }),
  memoryMb: int({
    ...NETS,
    affects: affects({ nets: 'budget', drift: true }),
    url: 'mem',
    default: 1024,
    range: [16, 65536],
    log: true,
    label: 'Memory budget',
    unit: 'MB',
    help: 'Training that would need more memory than this is not started; you are told what fits.',
  }),
  driftFrom: int({
    ...DRIFT,
    url: 'dfrom',
    default: 32,
    range: [1, MAX_WIDTH],
    log: true,
    label: 'Sweep from width',
    unit: 'units',
    help: 'The narrowest width of the NTK drift sweep; widths double from here.',
  }),
  driftTo: int({
    ...DRIFT,
    url: 'dto',
    default: 2048,
    range: [1, MAX_WIDTH],
    log: true,
    label: 'Sweep to width',
    unit: 'units',
    help: 'The widest width of the NTK drift sweep.',
  }),
  driftNets: int({
    ...DRIFT,
    url: 'dnets',
    default: 8,
    range: [2, MAX_ENSEMBLE],
    label: 'Nets per width',
    unit: 'nets',
    help: 'How many networks are trained at each width of the sweep (fewer where memory is short).',
  }),
  driftSteps: int({
    ...DRIFT,
    url: 'dsteps',
    default: 100,
    range: [1, 100000],
    log: true,
    label: 'Sweep steps',
    unit: 'steps',
    help: 'Gradient steps each network of the sweep takes before its kernel change is measured.',
  }),
  cursor: int({
    ...VIEW,
    url: 'k',
    default: 1000,
    range: [0, 1e6],
    label: 'Time cursor k',
    unit: 'steps',
    help: 'The training step shown, at most K; the time axis reads t = η·k.',
  }),
  samples: int({
    ...VIEW,
    url: 'samples',
    default: 3,
    range: [0, 10],
    label: 'Prior samples',
    help: 'How many random untrained functions to draw from the infinite-width prior.',
  }),
  showBand: bool({
    ...VIEW,
    url: 'band',
    default: true,
    label: 'Spread band',
    help: 'Shade two standard deviations of the trained ensemble around its mean.',
  }),
  lensX0: float({
    ...VIEW,
    url: 'x0',
    default: 0,
    range: [-15, 15],
    resolution: 0.05,
    label: 'Kernel lens x₀',
    help: 'The input x₀ whose kernel row Θ(x₀, ·) the kernel lens draws.',
  }),
  showInf: bool({
    ...VIEW,
    url: 'inf',
    default: true,
    label: 't = ∞ curve',
    help: 'Draw what training converges to after infinitely many steps.',
  }),
} satisfies Record<string, ParamDef>;

export type Schema = typeof SCHEMA;
export type ParamKey = keyof Schema;
type ValueOf<D> =
  D extends EnumDef<infer V>
    ? V
    : D extends NumberDef
      ? number
      : D extends BoolDef
        ? boolean
        : D extends PointsDef
          ? readonly Point[]
          : never;
export type ParamValue<K extends ParamKey> = ValueOf<Schema[K]>;
export type Params = { [K in ParamKey]: ParamValue<K> };

/** every key, in table (and link) order */
export const PARAM_KEYS = Object.keys(SCHEMA) as ParamKey[];

export const DEFAULT_PARAMS: Readonly<Params> = Object.freeze(
  Object.fromEntries(PARAM_KEYS.map((k) => [k, SCHEMA[k].default])) as Params,
);

export function isParamKey(key: string): key is ParamKey {
  return Object.hasOwn(SCHEMA, key);
}

/** what a parameter touches (its table entry's `affects`) */
export function affectsOf(key: ParamKey): Affects {
  const def: ParamDef = SCHEMA[key];
  return def.affects;
}

/** whether the theory depends on a parameter, given the others */
export function theoryDependsOn(key: ParamKey, p: Params): boolean {
  const theory = affectsOf(key).theory;
  return theory !== false && (theory.when?.(p) ?? true);
}

/**
 * How much of the theory a change from `prev` to `next` recomputes (the most among the changed
 * keys the theory depends on, before or after), or null when the theory is untouched.
 */
export function theoryChangeOf(prev: Params, next: Params): TheoryLevel | null {
  let best: number | null = null;
  for (const k of changedKeys(prev, next)) {
    const theory = affectsOf(k).theory;
    if (theory === false || !(theoryDependsOn(k, prev) || theoryDependsOn(k, next))) continue;
    const level = THEORY_LEVELS.indexOf(theory.level);
    best = best === null ? level : Math.min(best, level);
  }
  return best === null ? null : THEORY_LEVELS[best]!;
}

/** the drift sweep's inputs: a change of any makes a finished sweep stale */
export const DRIFT_INPUT_KEYS: readonly ParamKey[] = PARAM_KEYS.filter((k) => affectsOf(k).drift);

/** keys whose values differ between two parameter sets */
export function changedKeys(a: Params, b: Params): ParamKey[] {
  return PARAM_KEYS.filter((k) => !sameValue(a[k], b[k]));
}

/** value equality for parameter values (points compared element-wise) */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((p, i) => sameValue(p, b[i]));
  }
  return Object.is(a, b);
}

/** the width stands for the infinite-width limit (only the theory is drawn, no nets train) */
export function isInfiniteWidth(p: Pick<Params, 'width'>): boolean {
  return p.width === Infinity;
}

/**
 * Whether a value may be +∞ with the other parameters: the infinite-width limit exists where
 * the theory does not depend on the value (the width in the NTK parameterization).
 */
export function infinityAllowed(key: ParamKey, p: Params): boolean {
  const def: ParamDef = SCHEMA[key];
  const number = def.kind === 'int' || def.kind === 'float';
  return number && def.infinite === true && !theoryDependsOn(key, p);
}

/** whether a parameter has any effect with the other choices (hidden from the controls if not) */
export function isRelevant(key: ParamKey, params: Params): boolean {
  const def: ParamDef = SCHEMA[key];
  return def.relevant?.(params) ?? true;
}

export {
  coerceParam,
  display,
  formatNumber,
  repair,
  validateParams,
  type Repair,
  type RepairReason,
  type Validated,
} from './validate';
