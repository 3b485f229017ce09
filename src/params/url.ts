// Parameters <-> the link's query string. encode writes `v=1` then every non-default parameter
// in table order with its short key; decode reads any string (a query, '?query', '#query' or a
// whole URL) into valid Params plus the visible repairs it made, in linear time, and never throws.

import {
  SCHEMA,
  PARAM_KEYS,
  URL_VERSION,
  formatNumber,
  display,
  repair,
  sameValue,
  validateParams,
  type ParamDef,
  type ParamKey,
  type Params,
  type Repair,
  type Validated,
} from './schema';

/** longer queries are cut here (256 custom points at full precision fit in about 13 kB) */
export const MAX_QUERY_LENGTH = 16384;
/** at most this many repairs are listed; the rest are summed up in one 'more-repairs' */
export const MAX_REPAIRS = 12;
/** numbers longer than this are not read (no real number needs it) */
const MAX_NUMBER_LENGTH = 64;

const BY_URL_KEY: ReadonlyMap<string, ParamKey> = new Map(
  PARAM_KEYS.map((k) => [SCHEMA[k].url, k]),
);

function encodeValue(def: ParamDef, value: unknown): string {
  switch (def.kind) {
    case 'int':
    case 'float':
      return value === Infinity ? 'inf' : formatNumber(value as number);
    case 'enum':
      return encodeURIComponent(value as string);
    case 'bool':
      return value ? '1' : '0';
    case 'points':
      return (value as readonly (readonly [number, number])[])
        .map(([x, y]) => `${formatNumber(x)}:${formatNumber(y)}`)
        .join(',');
  }
}

/** The query string (no leading '?'): `v=1` first, then non-default parameters in table order. */
export function encode(params: Params): string {
  const parts = [`v=${URL_VERSION}`];
  for (const key of PARAM_KEYS) {
    const def: ParamDef = SCHEMA[key];
    const value: unknown = params[key];
    if (!sameValue(value, def.default)) parts.push(`${def.url}=${encodeValue(def, value)}`);
  }
  return parts.join('&');
}

/** a plain decimal number, or the text itself so that validation reports what was given */
function parseNumber(text: string): number | string {
  if (text.length === 0 || text.length > MAX_NUMBER_LENGTH) return text;
  let i = 0;
  const digits = (): number => {
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    return i - start;
  };
  if (text[i] === '-' || text[i] === '+') i++;
  let mantissa = digits();
  if (text[i] === '.') {
    i++;
    mantissa += digits();
  }
  if (mantissa === 0) return text;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '-' || text[i] === '+') i++;
    if (digits() === 0) return text;
  }
  return i === text.length ? Number(text) : text;
}

/** how a link may write the width ∞ (`inf` is what encode writes) */
const INFINITY_WORDS = new Set(['inf', '∞']);
const TRUE_WORDS = new Set(['1', 'true', 'on', 'yes']);
const FALSE_WORDS = new Set(['0', 'false', 'off', 'no']);

/** the raw value of one parameter, typed as far as the text allows (validation does the rest) */
function parseValue(def: ParamDef, text: string): unknown {
  switch (def.kind) {
    case 'int':
    case 'float':
      return def.infinite && INFINITY_WORDS.has(text.toLowerCase()) ? Infinity : parseNumber(text);
    case 'enum':
      return text;
    case 'bool': {
      const word = text.toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : text;
    }
    case 'points':
      // empty items (a trailing comma) are skipped; anything else malformed is kept as text
      return text
        .split(',')
        .filter((item) => item.length > 0)
        .map((item) => {
          const parts = item.split(':');
          if (parts.length !== 2) return item;
          const x = parseNumber(parts[0]!);
          const y = parseNumber(parts[1]!);
          return typeof x === 'number' && typeof y === 'number' ? [x, y] : item;
        });
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** the query part of a query, '?query', '#query' or a whole URL ('…/?query#hash' or '…/#query') */
function queryPart(input: string): string {
  const q = input.indexOf('?');
  const hash = input.indexOf('#', Math.max(q, 0));
  if (q >= 0) return input.slice(q + 1, hash >= 0 ? hash : undefined);
  if (hash >= 0) return input.slice(hash + 1);
  return input.includes('://') ? '' : input;
}

function versionRepair(text: string): Repair | null {
  const v = parseNumber(text);
  if (v === URL_VERSION) return null;
  const used = String(URL_VERSION);
  const reason = typeof v === 'number' && Number.isInteger(v) && v > URL_VERSION;
  return repair('v', 'Link version', display(text), used, reason ? 'newer-version' : 'bad-version');
}

/**
 * Valid Params from any string, with every repair made: unknown keys ignored, out-of-range
 * values clamped, wrong types and unknown choices replaced by defaults, malformed custom points
 * dropped one by one. A missing `v` is read as the current version. Never throws.
 */
export function decode(query: string): Validated {
  const repairs: Repair[] = [];
  let text = typeof query === 'string' ? query : '';
  // bound the work before searching for '?' in an absurd input
  text = queryPart(text.slice(0, 4 * MAX_QUERY_LENGTH));
  if (text.length > MAX_QUERY_LENGTH) {
    repairs.push(
      repair('', 'Link', `${text.length} characters`, String(MAX_QUERY_LENGTH), 'too-long'),
    );
    text = text.slice(0, MAX_QUERY_LENGTH);
  }
  const raw: Partial<Record<ParamKey, unknown>> = {};
  const seen = new Set<string>();
  for (const part of text.split('&')) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq >= 0 ? part.slice(0, eq) : part);
    const value = safeDecode(eq >= 0 ? part.slice(eq + 1) : '');
    const param = BY_URL_KEY.get(key);
    if (seen.has(key)) {
      const label = param ? SCHEMA[param].label : display(key);
      repairs.push(repair(key, label, display(value), '', 'duplicate-key'));
      continue;
    }
    seen.add(key);
    if (key === 'v') {
      const r = versionRepair(value);
      if (r) repairs.push(r);
    } else if (param) {
      raw[param] = parseValue(SCHEMA[param], value);
    } else {
      repairs.push(repair(key, display(key), display(value), '', 'unknown-key'));
    }
  }
  const validated = validateParams(raw);
  return { params: validated.params, repairs: capRepairs([...repairs, ...validated.repairs]) };
}

function capRepairs(repairs: Repair[]): Repair[] {
  if (repairs.length <= MAX_REPAIRS) return repairs;
  const rest = String(repairs.length - (MAX_REPAIRS - 1));
  return [...repairs.slice(0, MAX_REPAIRS - 1), repair('', '', rest, '', 'more-repairs')];
}

function quoted(text: string): string {
  return `“${text}”`;
}

function pointCount(n: string): string {
  return n === '1' ? '1 point' : `${n} points`;
}

/** One plain sentence for a repair, e.g. "Width 99999 is above the maximum 8192; using 8192." */
export function formatRepair(r: Repair): string {
  const { label, given, used } = r;
  switch (r.reason) {
    case 'above-max':
      return `${label} ${given} is above the maximum ${used}; using ${used}.`;
    case 'below-min':
      return `${label} ${given} is below the minimum ${used}; using ${used}.`;
    case 'not-an-integer':
      return `${label} ${given} is not a whole number; using ${used}.`;
    case 'not-a-number':
      return `${label} ${quoted(given)} is not a number; using the default ${used}.`;
    case 'not-allowed':
      return `${label} ${quoted(given)} is not one of the choices; using the default ${used}.`;
    case 'not-a-bool':
      return `${label} ${quoted(given)} is not on or off; using the default ${used}.`;
    case 'not-a-list':
      return `${label} ${quoted(given)} is not a list of points; using the default ${used}.`;
    case 'bad-points':
      return `${label}: ignored malformed ${quoted(given)}; kept ${pointCount(used)}.`;
    case 'clamped-points':
      return `${label}: ${pointCount(given)} beyond ±${used} moved to the edge.`;
    case 'too-many-points':
      return `${label}: ${pointCount(given)} is more than the maximum ${used}; keeping the first ${used}.`;
    case 'no-infinite-width':
      return `${label} ∞ exists only in the NTK parameterization (in the standard one the kernel grows with the width, so there is no infinite-width limit); using ${used}.`;
    case 'beyond-horizon':
      return `${label} ${given} is beyond the last step K = ${used}; using ${used}.`;
    case 'unknown-key':
      return `Ignored unknown parameter ${quoted(r.key)}.`;
    case 'duplicate-key':
      return `${label} was given more than once; using the first value.`;
    case 'newer-version':
      return `This link is from a newer version (v=${given}); read as version ${used}, some settings may be lost.`;
    case 'bad-version':
      return `Link version ${quoted(given)} is not understood; read as version ${used}.`;
    case 'too-long':
      return `The link is too long (${given}); only the first ${used} were read.`;
    case 'not-an-object':
      return `The parameters could not be read; using the defaults.`;
    case 'more-repairs':
      return `…and ${given} more problems were fixed.`;
  }
}
