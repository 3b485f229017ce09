// The vocabulary of the parameter table (schema.ts): the kinds of parameter, what a change
// touches per consumer, and the builders the table's entries are written with.

import type { Point } from '../core/datasets';
import type { Params } from './schema';

export type ParamGroup = 'data' | 'architecture' | 'training' | 'networks' | 'drift' | 'view';
/**
 * How much of the theory a change recomputes, most work first. data: a new dataset (and what
 * follows from it); kernel: new kernel matrices; spectrum: a new eigendecomposition of the
 * cached kernels; dynamics: only re-rated from the cached eigendecomposition (η, K). The kernel
 * worker keeps its caches accordingly (workers/kernelApi.ts).
 */
export const THEORY_LEVELS = ['data', 'kernel', 'spectrum', 'dynamics'] as const;
export type TheoryLevel = (typeof THEORY_LEVELS)[number];

/**
 * What a change does to the finite nets. reinit: new initial nets; restart: the same initial
 * nets retrain (a new η); horizon: training continues to the new K or drops the frames beyond
 * it; budget: the plan is re-checked against the memory budget; none.
 */
export const NETS_ACTIONS = ['reinit', 'restart', 'horizon', 'budget', 'none'] as const;
export type NetsAction = (typeof NETS_ACTIONS)[number];

/** What a parameter touches, per consumer of the parameters. */
export interface Affects {
  /**
   * The theory's dependence: false for none, else the level a change recomputes and, when it
   * depends on the other parameters, `when` (write it `(p: Params): boolean => …`, see
   * `relevant`).
   */
  theory: false | { level: TheoryLevel; when?: (p: Params) => boolean };
  nets: NetsAction;
  /** an input of the drift sweep (a change makes a finished sweep stale) */
  drift: boolean;
  /** only how things are drawn changes: nothing is recomputed */
  view: boolean;
}

interface BaseDef {
  /** short, readable key in the link */
  url: string;
  label: string;
  unit?: string;
  /** one plain sentence for a student */
  help: string;
  group: ParamGroup;
  affects: Affects;
  /**
   * Whether the parameter has any effect given the others (default: always); the controls hide
   * it when not. Write it `(p: Params): boolean => …`: SCHEMA's type is inferred from this
   * table, so an unannotated predicate would make that inference circular.
   */
  relevant?: (p: Params) => boolean;
}
export interface NumberDef extends BaseDef {
  kind: 'int' | 'float';
  default: number;
  /** [min, max], inclusive */
  range: readonly [number, number];
  /** a slider should move on a log scale (min > 0) */
  log?: boolean;
  /** a slider's resolution: values move in multiples of it */
  resolution?: number;
  /**
   * The value may also be +∞ (written `inf` in the link), a stop after the range's maximum.
   * Cross-parameter rules in validate.ts say when it is allowed.
   */
  infinite?: boolean;
}
export interface EnumDef<V extends string = string> extends BaseDef {
  kind: 'enum';
  values: readonly V[];
  labels: Readonly<Record<V, string>>;
  default: V;
}
export interface BoolDef extends BaseDef {
  kind: 'bool';
  default: boolean;
}
export interface PointsDef extends BaseDef {
  kind: 'points';
  default: readonly Point[];
  maxCount: number;
  /** coordinates are clamped to [−bound, bound] */
  bound: number;
}
export type ParamDef = NumberDef | EnumDef | BoolDef | PointsDef;
export type ParamKind = ParamDef['kind'];

export const int = (d: Omit<NumberDef, 'kind'>): NumberDef => ({ kind: 'int', ...d });
export const float = (d: Omit<NumberDef, 'kind'>): NumberDef => ({ kind: 'float', ...d });
export const bool = (d: Omit<BoolDef, 'kind'>): BoolDef => ({ kind: 'bool', ...d });
export const pointList = (d: Omit<PointsDef, 'kind'>): PointsDef => ({ kind: 'points', ...d });
export function choice<const V extends string>(d: Omit<EnumDef<V>, 'kind'>): EnumDef<V> {
  return { kind: 'enum', ...d };
}
export function labelsOf<V extends string>(info: Record<V, { label: string }>): Record<V, string> {
  const out: Partial<Record<V, string>> = {};
  for (const key of Object.keys(info) as V[]) out[key] = info[key].label;
  return out as Record<V, string>;
}

export const affects = (a: Partial<Affects>): Affects => ({
  theory: false,
  nets: 'none',
  drift: false,
  view: false,
  ...a,
});
