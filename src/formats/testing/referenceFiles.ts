// Test helpers (imported by tests only): the reference cases reference/*.json, computed by an
// independent float64 implementation of docs/science.md#reference-cases, and the error measures their tests share.
import { expect } from 'vitest';
import type { CaseKernels, ReferenceDynamicsOutput } from '../referenceCases';

/**
 * The reference files as named cases, from the caller's
 * `import.meta.glob('…/reference/*.json', { eager: true, import: 'default' })` (a glob is
 * resolved from the file it is written in, and src/core is typechecked without Vite's types).
 */
export function referenceFiles(glob: Record<string, unknown>): { file: string; json: unknown }[] {
  return Object.entries(glob).map(([path, json]) => ({ file: path.replace(/^.*\//, ''), json }));
}

/** The parts of a reference file its outputs are compared by (reference/README.md). */
export interface ReferenceFile {
  name: string;
  x_train: number[][];
  x_test: number[][];
  kernels: CaseKernels<number[][]>;
  dynamics: ReferenceDynamicsOutput;
  tolerance: { kernels_rel: number };
}

/** a number, or arrays of them nested to any depth (a vector, a matrix, a stack of them) */
export type Nested = number | readonly Nested[];

/** the numbers of x in row-major order */
export function flat(x: Nested): number[] {
  return typeof x === 'number' ? [x] : x.flatMap(flat);
}

/** max |x| over every number in x (0 when empty) */
export const maxAbs = (x: Nested): number => flat(x).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** max |a − b| entrywise; a and b must hold equally many numbers */
export function maxDiff(a: Nested, b: Nested): number {
  const fa = flat(a);
  const fb = flat(b);
  expect(fa.length).toBe(fb.length);
  return fa.reduce((m, v, i) => Math.max(m, Math.abs(v - (fb[i] as number))), 0);
}
