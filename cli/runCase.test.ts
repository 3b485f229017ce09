// The CLI's case runner end to end: every reference case, recomputed from its inputs alone by
// the app's engine, agrees with the independent float64 implementation at the tolerances of
// reference/README.md (kernels, lr_max, eigenvalues and every dynamics array).

import { describe, expect, it } from 'vitest';
import {
  maxAbs,
  maxDiff,
  referenceFiles,
  type Nested,
} from '../src/formats/testing/referenceFiles';
import { runCase } from './runCase';

const files = referenceFiles(
  import.meta.glob('../reference/*.json', { eager: true, import: 'default' }),
);

interface RefSeries {
  mean: Nested;
  var: Nested;
  cov: Nested;
}
interface RefCase {
  tolerance: { kernels_rel: number };
  kernels: Record<string, Record<string, Nested>>;
  dynamics: {
    t: (number | 'inf')[];
    lr_max: number;
    stable: boolean;
    train_kernel_eigs: number[];
    train_kernel_cond: number;
  } & Record<string, unknown>;
}

describe.each(files)('$file', ({ json }) => {
  const ref = json as RefCase;
  // `modes` is an input the files do not repeat: ask for every mode whose outputs they hold
  const modes = ['ntk', 'nngp'].filter((m) => m in ref.dynamics);
  const got = runCase({ ...ref, dynamics: { ...ref.dynamics, modes } }) as unknown as RefCase;
  const rel = ref.tolerance.kernels_rel;

  it('kernels agree', () => {
    for (const block of ['train_train', 'test_train', 'test_test'])
      for (const kind of ['nngp', 'ntk']) {
        const r = ref.kernels[block]?.[kind] as Nested;
        const g = got.kernels[block]?.[kind] as Nested;
        expect(maxDiff(g, r), `${block}.${kind}`).toBeLessThanOrEqual(rel * maxAbs(r));
      }
  });

  it('dynamics agree', () => {
    const rd = ref.dynamics;
    const gd = got.dynamics;
    expect(gd.stable).toBe(rd.stable);
    expect(Math.abs(gd.lr_max - rd.lr_max)).toBeLessThanOrEqual(100 * rel * rd.lr_max);
    const eigTol = 100 * rel * Math.max(1, maxAbs(rd.train_kernel_eigs));
    expect(maxDiff(gd.train_kernel_eigs, rd.train_kernel_eigs)).toBeLessThanOrEqual(eigTol);
    const infFactor = Math.min(rd.train_kernel_cond, 1e6);
    for (const mode of ['ntk', 'nngp']) {
      const rm = rd[mode] as Record<string, RefSeries> | undefined;
      if (rm === undefined) continue;
      const gm = gd[mode] as Record<string, RefSeries>;
      for (const form of ['discrete', 'continuous'])
        for (const field of ['mean', 'var', 'cov'] as const) {
          const r = (rm[form] as RefSeries)[field] as Nested[];
          const g = (gm[form] as RefSeries)[field] as Nested[];
          rd.t.forEach((t, i) => {
            if (t === 'inf' && rd.train_kernel_cond > 1e10) return;
            const ri = r[i] as Nested;
            const bound = 100 * rel * Math.max(1, maxAbs(ri)) * (t === 'inf' ? infFactor : 1);
            expect(
              maxDiff(g[i] as Nested, ri),
              `${mode}.${form}.${field}[t=${t}]`,
            ).toBeLessThanOrEqual(bound);
          });
        }
    }
  });
});
