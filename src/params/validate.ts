// Validation against the parameter table: any value becomes a valid parameter (clamped,
// rounded, defaulted) and every change made is reported as a visible repair. Never throws.
// Re-exported from schema.ts, so `import { validateParams } from './schema'` keeps working.

import { sanitizePoints } from '../core/datasets';
import {
  DEFAULT_PARAMS,
  PARAM_KEYS,
  SCHEMA,
  isParamKey,
  infinityAllowed,
  type ParamDef,
  type ParamKey,
  type Params,
  type Point,
} from './schema';

/** Why a given value was not used as is; see formatRepair in url.ts for the sentence. */
export type RepairReason =
  | 'not-an-object'
  | 'unknown-key'
  | 'duplicate-key'
  | 'not-a-number'
  | 'not-an-integer'
  | 'below-min'
  | 'above-max'
  | 'not-allowed'
  | 'not-a-bool'
  | 'not-a-list'
  | 'bad-points'
  | 'clamped-points'
  | 'too-many-points'
  | 'beyond-horizon'
  | 'no-infinite-width'
  | 'newer-version'
  | 'bad-version'
  | 'too-long'
  | 'more-repairs';

/** one visible repair: `given` and `used` are display strings (numbers in shortest form) */
export interface Repair {
  key: string;
  label: string;
  given: string;
  used: string;
  reason: RepairReason;
}

export function repair(
  key: string,
  label: string,
  given: string,
  used: string,
  reason: RepairReason,
): Repair {
  return { key, label, given, used, reason };
}

export interface Validated {
  params: Params;
  repairs: Repair[];
}

/** shortest round-trip decimal (String(n)), without '+' (it means a space in links), −0 as 0 */
export function formatNumber(n: number): string {
  return String(n).replace('e+', 'e');
}

const MAX_SHOWN = 40;

/** a short display string of any given value */
export function display(value: unknown): string {
  let text: string;
  if (typeof value === 'number') text = formatNumber(value);
  else if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) text = value.map(display).join(':');
  else text = value === null || value === undefined ? String(value) : typeof value;
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

function show(def: ParamDef, value: unknown): string {
  if (def.kind === 'bool') return value ? 'on' : 'off';
  if (def.kind === 'points') return `${(value as readonly Point[]).length} points`;
  return display(value);
}

type Coerced = { value: unknown; reasons: [RepairReason, string?, string?][] };

function coerce(def: ParamDef, v: unknown): Coerced {
  const fallback = (reason: RepairReason): Coerced => ({ value: def.default, reasons: [[reason]] });
  switch (def.kind) {
    case 'int':
    case 'float': {
      if (typeof v !== 'number' || Number.isNaN(v)) return fallback('not-a-number');
      if (v === Infinity && def.infinite) return { value: v, reasons: [] };
      const [min, max] = def.range;
      let x = def.kind === 'int' && Number.isFinite(v) ? Math.round(v) : v;
      const rounded = x !== v;
      const reason = x > max ? 'above-max' : x < min ? 'below-min' : null;
      x = Math.min(max, Math.max(min, x)) + 0;
      if (reason) return { value: x, reasons: [[reason]] };
      return { value: x, reasons: rounded ? [['not-an-integer']] : [] };
    }
    case 'enum':
      return typeof v === 'string' && def.values.includes(v)
        ? { value: v, reasons: [] }
        : fallback('not-allowed');
    case 'bool':
      return typeof v === 'boolean' ? { value: v, reasons: [] } : fallback('not-a-bool');
    case 'points': {
      if (!Array.isArray(v)) return fallback('not-a-list');
      const r = sanitizePoints(v);
      const reasons: Coerced['reasons'] = [];
      if (r.malformed.length > 0) {
        const shown = r.malformed.slice(0, 3).map(display).join(', ');
        const more = r.malformed.length > 3 ? ` and ${r.malformed.length - 3} more` : '';
        reasons.push(['bad-points', shown + more, String(r.points.length)]);
      }
      if (r.clamped > 0) reasons.push(['clamped-points', String(r.clamped), String(def.bound)]);
      const count = r.points.length + r.truncated;
      if (r.truncated > 0) reasons.push(['too-many-points', String(count), String(def.maxCount)]);
      return { value: r.points, reasons };
    }
  }
}

/**
 * One parameter's value made valid: clamped into range, rounded if an integer, the default if
 * of the wrong type or not an allowed choice. Never throws.
 */
export function coerceParam<K extends ParamKey>(
  key: K,
  value: unknown,
): { value: Params[K]; repairs: Repair[] } {
  const def: ParamDef = SCHEMA[key];
  const { value: used, reasons } = coerce(def, value);
  const repairs = reasons.map(([reason, given, usedText]) =>
    repair(key, def.label, given ?? display(value), usedText ?? show(def, used), reason),
  );
  return { value: used as Params[K], repairs };
}

function assign<K extends ParamKey>(params: Params, key: K, value: Params[K]): void {
  params[key] = value;
}

/**
 * Any object (partial or not) to valid Params: missing keys take their defaults silently,
 * invalid values are repaired and listed, unknown keys are listed and ignored.
 * Cross-parameter rules: the time cursor k is at most K (silently when k was not given); the
 * width ∞ exists only in the NTK parameterization (in the standard one it becomes the largest
 * finite width, with a repair saying why).
 */
export function validateParams(input: unknown): Validated {
  const params: Params = { ...DEFAULT_PARAMS };
  const repairs: Repair[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    if (input !== undefined) {
      repairs.push(repair('', 'Parameters', display(input), 'defaults', 'not-an-object'));
    }
    return { params, repairs };
  }
  const given = input as Record<string, unknown>;
  for (const key of PARAM_KEYS) {
    if (!Object.hasOwn(given, key)) continue;
    const r = coerceParam(key, given[key]);
    assign(params, key, r.value);
    repairs.push(...r.repairs);
  }
  for (const key of Object.keys(given)) {
    if (!isParamKey(key)) {
      repairs.push(repair(key, display(key), display(given[key]), '', 'unknown-key'));
    }
  }
  if (params.width === Infinity && !infinityAllowed('width', params)) {
    const max = formatNumber(SCHEMA.width.range[1]);
    repairs.push(repair('width', SCHEMA.width.label, '∞', max, 'no-infinite-width'));
    params.width = SCHEMA.width.range[1];
  }
  if (params.cursor > params.maxSteps) {
    if (Object.hasOwn(given, 'cursor')) {
      const [k, kMax] = [formatNumber(params.cursor), formatNumber(params.maxSteps)];
      repairs.push(repair('cursor', SCHEMA.cursor.label, k, kMax, 'beyond-horizon'));
    }
    params.cursor = params.maxSteps;
  }
  return { params, repairs };
}
