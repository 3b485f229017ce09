// Every reference case (reference/*.json, computed by an independent float64 implementation of
// SCIENCE.md): all six kernel matrices within tolerance.kernels_rel · max|ref| per matrix.

import { describe, expect, it } from 'vitest';
import { ACTIVATION_IDS, type ActivationId, type ArchSpec } from './arch';
import { kernelFn } from './kernels';
import { fromRows, type Matrix } from './linalg/matrix';

interface RefConfig {
  depth: number;
  width?: number;
  activation: string;
  sigma_w: number;
  sigma_b: number;
  bias?: boolean;
  parameterization?: 'ntk' | 'standard';
  alpha?: number;
  a?: number;
  b?: number;
}

interface RefPair {
  nngp: number[][];
  ntk: number[][];
}

interface RefCase {
  name: string;
  config: RefConfig;
  x_train: number[][];
  x_test: number[][];
  kernels: { train_train: RefPair; test_train: RefPair; test_test: RefPair };
  tolerance: { kernels_rel: number };
}

const files = import.meta.glob('../../reference/*.json', { eager: true, import: 'default' });

function isActivation(id: string): id is ActivationId {
  return (ACTIVATION_IDS as readonly string[]).includes(id);
}

function archOf(c: RefConfig): ArchSpec {
  if (!isActivation(c.activation)) throw new Error(`unknown activation ${c.activation}`);
  return {
    depth: c.depth,
    width: c.width ?? 1024,
    activation: c.activation,
    alpha: c.alpha ?? 0.1,
    a: c.a ?? 0,
    b: c.b ?? 1,
    wStd: c.sigma_w,
    bStd: c.sigma_b,
    bias: c.bias ?? true,
    parameterization: c.parameterization ?? 'ntk',
  };
}

/** max|got − ref| / max|ref| */
function relErr(got: Matrix, ref: number[][]): number {
  expect([got.rows, got.cols]).toEqual([ref.length, ref[0]?.length ?? 0]);
  let err = 0;
  let scale = 0;
  ref.forEach((row, i) =>
    row.forEach((r, j) => {
      err = Math.max(err, Math.abs((got.data[i * got.cols + j] as number) - r));
      scale = Math.max(scale, Math.abs(r));
    }),
  );
  return scale > 0 ? err / scale : err;
}

const cases = Object.entries(files).map(([path, json]) => ({
  file: path.replace(/^.*\//, ''),
  ref: json as RefCase,
}));

describe('reference kernels', () => {
  it('finds the reference files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$file', ({ ref }) => {
    const arch = archOf(ref.config);
    const xTrain = fromRows(ref.x_train);
    const xTest = fromRows(ref.x_test);
    const got = {
      train_train: kernelFn(arch, xTrain, xTrain),
      test_train: kernelFn(arch, xTest, xTrain),
      test_test: kernelFn(arch, xTest, xTest),
    };
    const tol = ref.tolerance.kernels_rel;
    const errors: Record<string, number> = {};
    for (const block of ['train_train', 'test_train', 'test_test'] as const) {
      for (const kind of ['nngp', 'ntk'] as const) {
        errors[`${block}.${kind}`] = relErr(got[block][kind], ref.kernels[block][kind]);
      }
    }
    const worst = Math.max(...Object.values(errors));
    expect(worst, JSON.stringify(errors)).toBeLessThanOrEqual(tol);
  });
});
