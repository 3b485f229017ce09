// A parameter's slider: positions 0…SLIDER_STEPS map onto [min, max] linearly or, for `log`
// parameters, geometrically; values are rounded so links stay short (integers, the schema's
// resolution, or 2 significant digits on a log scale).

import type { NumberDef } from '../../params/schema';

export const SLIDER_STEPS = 1000;

type Def = Pick<NumberDef, 'kind' | 'range' | 'log' | 'resolution'>;

function isLog(def: Def): boolean {
  return Boolean(def.log) && def.range[0] > 0;
}

/** round to `digits` significant digits */
export function roundSignificant(v: number, digits: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(digits));
}

/** a value as the slider would produce it */
export function roundForSlider(def: Def, v: number): number {
  const [min, max] = def.range;
  let r: number;
  if (def.kind === 'int') r = Math.round(v);
  else if (isLog(def)) r = roundSignificant(v, 2);
  else if (def.resolution) r = Math.round(v / def.resolution) * def.resolution;
  else r = roundSignificant(v, 3);
  // the resolution's grid can leave float dust (0.30000000000000004)
  if (def.kind !== 'int') r = Number(r.toPrecision(12));
  return Math.min(max, Math.max(min, r));
}

export function positionToValue(def: Def, position: number): number {
  const [min, max] = def.range;
  const u = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  const raw = isLog(def) ? min * (max / min) ** u : min + u * (max - min);
  if (u === 0) return min;
  if (u === 1) return max;
  return roundForSlider(def, raw);
}

export function valueToPosition(def: Def, value: number): number {
  const [min, max] = def.range;
  if (!(max > min)) return 0;
  const u = isLog(def)
    ? Math.log(Math.max(value, min) / min) / Math.log(max / min)
    : (value - min) / (max - min);
  return Math.round(Math.min(1, Math.max(0, u)) * SLIDER_STEPS);
}

/** the number input's step attribute (the schema's resolution) */
export function inputStep(def: Def): number | 'any' {
  if (def.kind === 'int') return 1;
  return def.resolution ?? 'any';
}
