// Every reference case (reference/*.json, computed by an independent float64 implementation of
// docs/science.md#reference-cases): all six kernel matrices within tolerance.kernels_rel · max|ref| per matrix.

import { describe, expect, it } from 'vitest';
import { kernelFn } from './kernels';
import { fromRows, type Matrix } from './linalg/matrix';
import { parseCase } from '../formats/referenceCases';
import {
  maxAbs,
  maxDiff,
  referenceFiles,
  type ReferenceFile,
} from '../formats/testing/referenceFiles';

/** max|got − ref| / max|ref| */
function relErr(got: Matrix, ref: number[][]): number {
  expect([got.rows, got.cols]).toEqual([ref.length, ref[0]?.length ?? 0]);
  const err = maxDiff(Array.from(got.data), ref);
  const scale = maxAbs(ref);
  return scale > 0 ? err / scale : err;
}

const cases = referenceFiles(
  import.meta.glob('../../reference/*.json', { eager: true, import: 'default' }),
);

describe('reference kernels', () => {
  it('finds the reference files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$file', ({ json }) => {
    const ref = json as ReferenceFile;
    const { arch } = parseCase(json);
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
