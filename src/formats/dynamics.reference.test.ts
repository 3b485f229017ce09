// Every reference case (reference/*.json, computed by an independent float64 implementation of
// docs/science.md#dynamics): the reference kernels go through parseCase → computeDynamicsOutputs and every
// dynamics output must agree within the tolerances of reference/README.md.

import { describe, expect, it } from 'vitest';
import { createPredictor } from '../core/dynamics';
import {
  computeDynamicsOutputs,
  parseCase,
  parseKernels,
  type DynamicsSeries,
} from './referenceCases';
import { maxAbs, maxDiff, referenceFiles, type ReferenceFile } from './testing/referenceFiles';

const files = referenceFiles(
  import.meta.glob('../../reference/*.json', { eager: true, import: 'default' }),
);

describe('dynamics against the reference cases', () => {
  it('finds the reference files', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const { file, json } of files) {
    const ref = json as ReferenceFile;
    it(file, () => {
      const input = parseCase(json);
      const n = input.x_train.length;
      const m = input.x_test.length;
      const kernels = parseKernels(ref.kernels, n, m);
      const got = computeDynamicsOutputs(input, kernels);
      const want = ref.dynamics;
      const rel = ref.tolerance.kernels_rel;
      const tol = 100 * rel;

      expect(Object.keys(got)).toEqual(Object.keys(want));
      for (const key of ['lr', 'loss', 'loss_scale', 't', 'diag_reg', 'stable'] as const)
        expect(got[key], key).toEqual(want[key]);
      expect(got.rate).toBeCloseTo(want.rate, 15);
      expect(Math.abs(got.lr_max / want.lr_max - 1)).toBeLessThanOrEqual(tol);
      const eigScale = Math.max(1, maxAbs(want.train_kernel_eigs));
      expect(maxDiff(got.train_kernel_eigs, want.train_kernel_eigs)).toBeLessThanOrEqual(
        tol * eigScale,
      );
      if (want.train_kernel_cond <= 1e10)
        expect(Math.abs(got.train_kernel_cond / want.train_kernel_cond - 1)).toBeLessThanOrEqual(
          tol * want.train_kernel_cond,
        );
      else expect(got.train_kernel_cond).toBeGreaterThan(1e10);

      for (const mode of input.dynamics.modes) {
        // t = ∞ amplifies kernel errors by the condition number of this mode's dynamics kernel
        const cond = createPredictor({
          ntkTrain: kernels.train_train.ntk,
          nngpTrain: kernels.train_train.nngp,
          ntkTestTrain: kernels.test_train.ntk,
          nngpTestTrain: kernels.test_train.nngp,
          nngpTestTest: kernels.test_test.nngp,
          yTrain: input.y_train,
          lr: input.dynamics.lr,
          lossScale: input.dynamics.loss_scale,
          diagReg: input.dynamics.diag_reg,
          mode,
        }).conditionNumber;
        for (const form of ['discrete', 'continuous'] as const) {
          const g = got[mode]?.[form] as DynamicsSeries;
          const w = want[mode]?.[form] as DynamicsSeries;
          expect(w, `${mode}.${form} in the reference`).toBeDefined();
          input.dynamics.t.forEach((t, ti) => {
            if (t === 'inf' && cond > 1e10) return;
            const factor = t === 'inf' ? Math.min(cond, 1e6) : 1;
            const arrays: [string, number[], number[]][] = [
              ['mean', g.mean[ti] ?? [], w.mean[ti] ?? []],
              ['var', g.var[ti] ?? [], w.var[ti] ?? []],
              ['cov', (g.cov[ti] ?? []).flat(), (w.cov[ti] ?? []).flat()],
            ];
            for (const [name, a, b] of arrays) {
              const bound = tol * factor * Math.max(1, maxAbs(b));
              expect(maxDiff(a, b), `${mode}.${form}.${name} at t=${t}`).toBeLessThanOrEqual(bound);
            }
          });
          expect(g.mean.length).toBe(w.mean.length);
        }
      }
    });
  }
});
