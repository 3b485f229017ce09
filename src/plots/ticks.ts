// Axis ticks and their labels. D3 chooses linear ticks; log axes get decades (thinned when the
// range spans many of them) plus 2–9 minor ticks when only a few decades are visible.

import { tickStep, ticks as d3ticks } from 'd3-array';
import type { PositionedTick } from './frame';
import { format } from 'd3-format';

export interface Tick {
  value: number;
  label: string;
}

export interface AxisTicks {
  major: Tick[];
  /** unlabelled ticks between the major ones */
  minor: number[];
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

const plainExponent = (e: number): boolean => e >= -2 && e <= 3;

/** 10^e as a compact label: 0.01 … 1000 written out (unless `sci`), otherwise 10⁻⁵ style. */
export function powerOfTenLabel(exponent: number, sci = false): string {
  if (!sci && plainExponent(exponent)) return format(',')(Number(`1e${exponent}`));
  const digits = String(exponent)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `10${digits}`;
}

/** Ticks for a log axis over [lo, hi] (both > 0). At most ~maxMajor labelled decades. */
export function logTicks(lo: number, hi: number, maxMajor = 6): AxisTicks {
  if (!(lo > 0) || !(hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    return { major: [], minor: [] };
  }
  const a = Math.min(lo, hi);
  const b = Math.max(lo, hi);
  const eLo = Math.ceil(Math.log10(a) - 1e-9);
  const eHi = Math.floor(Math.log10(b) + 1e-9);
  const decades = eHi - eLo + 1;
  const stride = Math.max(1, Math.ceil(decades / maxMajor));
  const major: Tick[] = [];
  const first = Math.ceil(eLo / stride) * stride;
  const exponents: number[] = [];
  for (let e = first; e <= eHi; e += stride) exponents.push(e);
  // one axis, one notation
  const sci = !exponents.every(plainExponent);
  for (const e of exponents)
    major.push({ value: Number(`1e${e}`), label: powerOfTenLabel(e, sci) });
  const minor: number[] = [];
  if (stride === 1 && decades <= 4) {
    for (let e = eLo - 1; e <= eHi; e++) {
      for (let m = 2; m <= 9; m++) {
        const v = m * Number(`1e${e}`);
        if (v >= a && v <= b) minor.push(v);
      }
    }
  } else if (stride > 1) {
    for (let e = eLo; e <= eHi; e++) if (e % stride !== 0) minor.push(Number(`1e${e}`));
  }
  // a range inside one decade has no power of ten: label its ends instead
  if (major.length === 0) {
    const f = format('.2~g');
    major.push({ value: a, label: f(a) }, { value: b, label: f(b) });
  }
  return { major, minor };
}

/** Linear ticks with labels precise enough to tell neighbours apart. */
export function linearTicks(lo: number, hi: number, count = 6): AxisTicks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { major: [], minor: [] };
  const values = d3ticks(lo, hi, count);
  const step = Math.abs(tickStep(lo, hi, count));
  const decimals = step > 0 && step < 1 ? Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
  const f = format(`,.${decimals}f`);
  // "−0" looks like a bug on a slide
  const label = (v: number): string => f(Math.abs(v) < step * 1e-9 ? 0 : v).replace('-', '−');
  return { major: values.map((value) => ({ value, label: label(value) })), minor: [] };
}

/** A number for captions and readouts: 3 significant digits, exponent form when tiny or huge. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e-3 && a < 1e5 ? format('.3~r')(v) : format('.2~e')(v);
  return s.replace('-', '−');
}

/** about one tick every `spacingPx` along `lengthPx`, and at least 3 */
export function tickCount(lengthPx: number, spacingPx: number): number {
  return Math.max(3, Math.round(lengthPx / spacingPx));
}

/** ticks placed in pixels by `scale`, positions rounded to 0.1 px */
function placed(
  t: AxisTicks,
  scale: (v: number) => number,
): { major: PositionedTick[]; minor: number[] } {
  const at = (v: number) => Math.round(scale(v) * 10) / 10;
  return { major: t.major.map((m) => ({ ...m, pos: at(m.value) })), minor: t.minor.map(at) };
}

/**
 * A log axis's ticks placed in pixels: about `count` labelled decades and unlabelled minor
 * ticks.
 */
export function placedLogTicks(
  domain: readonly [number, number],
  scale: (v: number) => number,
  count: number,
): { major: PositionedTick[]; minor: number[] } {
  return placed(logTicks(domain[0], domain[1], count), scale);
}

/** A linear axis's labelled ticks placed in pixels, about `count` of them. */
export function placedLinearTicks(
  domain: readonly [number, number],
  scale: (v: number) => number,
  count: number,
): PositionedTick[] {
  return placed(linearTicks(domain[0], domain[1], count), scale).major;
}
