// `--case … --ensemble E --seed S`: the ensemble block against the trainer API driven directly,
// the loss-scale conversion, the memory refusal, and the command line's error paths.

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCase } from '../src/formats/referenceCases';
import type { EnsembleExport } from '../src/formats/exportJson';
import { createEnsembleApi, MAX_ENSEMBLE, memoryEstimate } from '../workers/ensembleApi';
import { CLI_MEMORY_MB, MAX_ENSEMBLE as CLI_MAX, parseArgs } from './args';
import { halfMeanRate, overBudget, runEnsemble } from './runEnsemble';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** a small case: relu depth 2, width 64, 6 points, loss sse (c = 2), steps out of order */
const CASE = {
  config: { depth: 2, width: 64, activation: 'relu', sigma_w: 1.4, sigma_b: 0.2 },
  x_train: [[-2], [-1.2], [-0.3], [0.4], [1.1], [2]],
  y_train: [0.5, -0.2, 0.1, 0.3, -0.4, 0.2],
  x_test: [[-2.5], [0], [0.7], [2.5]],
  dynamics: { lr: 0.004, loss: 'sse', t: [20, 0, 'inf', 5, 20] },
};

describe('runEnsemble', () => {
  it('equals the trainer API driven step by step at η = lr·c·N', () => {
    const input = parseCase(CASE);
    const got = runEnsemble(input, { size: 5, seed: 11, memoryMb: CLI_MEMORY_MB });
    expect(got.t).toEqual([20, 0, 5, 20]);
    expect([got.width, got.size, got.seed]).toEqual([64, 5, 11]);
    // independent run: c = 2 for sse, N = 6 → η = 0.004·2·6 = 0.048
    expect(halfMeanRate(0.004, 2, 6)).toBeCloseTo(0.048, 15);
    const api = createEnsembleApi();
    const x = Float64Array.from(CASE.x_train.flat());
    api.init({
      arch: input.arch,
      size: 5,
      seed: 11,
      xTrain: x,
      yTrain: CASE.y_train,
      xTest: Float64Array.from(CASE.x_test.flat()),
      dim: 1,
      lr: 0.048,
      engine: 'simd',
    });
    const k0 = api.empiricalNtk('init');
    const f0 = api.frame();
    const f5 = api.step(5);
    const d5 = api.ntkDrift();
    const f20 = api.step(15);
    const d20 = api.ntkDrift();
    api.dispose();
    const close = (a: number[], b: ArrayLike<number>) =>
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 6));
    close(got.mean[1]!, f0.mean);
    close(got.mean[2]!, f5.mean);
    close(got.mean[0]!, f20.mean);
    close(got.mean[3]!, f20.mean);
    close(got.var[2]!, f5.var);
    close(got.var[0]!, f20.var);
    close(got.ntkInit.flat(), k0);
    expect(got.ntkInit).toHaveLength(6);
    expect(got.ntkDrift[1]).toBe(0);
    expect(got.ntkDrift[2]).toBeCloseTo(d5, 8);
    expect(got.ntkDrift[0]).toBeCloseTo(d20, 8);
    expect(d20).toBeGreaterThan(d5);
    // variance divisor E − 1, by hand from the per-net outputs at step 5
    const m = 4;
    for (let j = 0; j < m; j++) {
      const vals = Array.from({ length: 5 }, (_, e) => f5.outputs[e * m + j]!);
      const mu = vals.reduce((a, b) => a + b, 0) / 5;
      const v = vals.reduce((a, b) => a + (b - mu) ** 2, 0) / 4;
      expect(got.var[2]![j]).toBeCloseTo(v, 5);
    }
  });

  it('a case with loss half_mse at lr η trains the same nets as sse at lr η/(2N)', () => {
    const a = runEnsemble(
      parseCase({ ...CASE, dynamics: { lr: 0.05, loss: 'half_mse', t: [10] } }),
      {
        size: 2,
        seed: 3,
        memoryMb: 100,
      },
    );
    const b = runEnsemble(
      parseCase({ ...CASE, dynamics: { lr: 0.05 / 12, loss: 'sse', t: [10] } }),
      {
        size: 2,
        seed: 3,
        memoryMb: 100,
      },
    );
    a.mean[0]!.forEach((v, i) => expect(v).toBeCloseTo(b.mean[0]![i]!, 5));
    expect(a.ntkDrift[0]).toBeCloseTo(b.ntkDrift[0]!, 6);
  });

  it('refuses an ensemble over the budget, naming what fits', () => {
    const input = parseCase({ ...CASE, config: { ...CASE.config, width: 4096 } });
    const one = memoryEstimate({ arch: input.arch, size: 1, dim: 1, xTrain: CASE.x_train });
    const mb = (3.5 * one) / 2 ** 20; // 3 nets fit
    const msg = overBudget(input, 8, mb)!;
    expect(msg).toMatch(
      /^8 nets at width 4096 need \d+ MB, over the [\d.]+ MB budget \(--memory-mb\): at width 4096 at most 3 nets fit, or 8 nets up to width \d+$/,
    );
    const width = Number(/up to width (\d+)$/.exec(msg)![1]);
    const at = (w: number) =>
      memoryEstimate({ arch: { ...input.arch, width: w }, size: 8, dim: 1, xTrain: CASE.x_train });
    expect(at(width)).toBeLessThanOrEqual(mb * 2 ** 20);
    expect(at(width + 1)).toBeGreaterThan(mb * 2 ** 20);
    expect(() => runEnsemble(input, { size: 8, seed: 0, memoryMb: mb })).toThrow(msg);
    expect(overBudget(input, 3, mb)).toBeNull();
  });
});

describe('parseArgs', () => {
  it("bounds --ensemble by the trainer's limit", () => {
    expect(CLI_MAX).toBe(MAX_ENSEMBLE);
  });
  it('reads the documented forms', () => {
    expect(parseArgs(['--', '--case', 'a.json'])).toEqual({
      kind: 'case',
      file: 'a.json',
      ensemble: null,
    });
    expect(parseArgs(['--case', 'a.json', '--ensemble', '8', '--seed', '5'])).toEqual({
      kind: 'case',
      file: 'a.json',
      ensemble: { size: 8, seed: 5, memoryMb: 4096 },
    });
    expect(parseArgs(['?v=1', '--drift', '--memory-mb', '512'])).toEqual({
      kind: 'link',
      link: '?v=1',
      train: false,
      drift: true,
      memoryMb: 512,
    });
    expect(parseArgs(['?v=1'])).toEqual({
      kind: 'link',
      link: '?v=1',
      train: false,
      drift: false,
      memoryMb: null,
    });
  });
  it.each([
    [
      ['--case', 'a.json', '--ensemble', '1'],
      /--ensemble must be a whole number in 2\.\.64, got "1"/,
    ],
    [['--case', 'a.json', '--ensemble', '65'], /in 2\.\.64/],
    [['--case', 'a.json', '--ensemble', '2.5'], /--ensemble must be a whole number/],
    [['--case', 'a.json', '--ensemble', '4', '--seed', '-1'], /--seed must be a whole number/],
    [['--case', 'a.json', '--ensemble', '4', '--memory-mb', '0'], /--memory-mb must be a positive/],
    [
      ['--case', 'a.json', '--ensemble', '4', '--memory-mb', 'lots'],
      /--memory-mb must be a positive/,
    ],
    [['--case', 'a.json', '--seed', '3'], /--seed needs --ensemble/],
    [['--case'], /--case needs a value/],
    [['--case', 'a.json', '--ensemble'], /--ensemble needs a value/],
    [['--case', 'a.json', '--drift'], /--drift works with a link/],
    [['--case', 'a.json', '--case', 'b.json'], /given twice/],
    [['--case', 'a.json', '--frobnicate'], /unknown option --frobnicate/],
    [['?v=1', '--ensemble', '4'], /--ensemble works with --case/],
    [['?v=1', '--memory-mb', '100'], /--memory-mb needs --drift/],
    [['?v=1', '?v=2'], /^usage:/],
    [[], /^usage:/],
  ])('%j fails with one line', (argv, message) => {
    let error: unknown;
    try {
      parseArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

/** `npx vite-node cli/experiment.ts -- …args` in the project root */
function cli(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['vite-node', 'cli/experiment.ts', '--', ...args],
      { cwd: root, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('the CLI process', () => {
  it('prints one line on stderr and exits 1 on a bad flag', async () => {
    const result = await cli(['--case', 'reference/relu_ntk_d1_1d.json', '--ensemble', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('experiment: --ensemble must be a whole number in 2..64, got "1"\n');
  });

  it('prints the case with its ensemble block, as runEnsemble computes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntk-case-'));
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify(CASE));
    const result = await cli(['--case', file, '--ensemble', '3', '--seed', '4']);
    rmSync(dir, { recursive: true });
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout) as {
      dynamics: { t: unknown[] };
      ensemble: EnsembleExport;
    };
    expect(doc.dynamics.t).toEqual([20, 0, 'inf', 5, 20]);
    const want = runEnsemble(parseCase(CASE), { size: 3, seed: 4, memoryMb: CLI_MEMORY_MB });
    const got = doc.ensemble;
    expect([got.width, got.size, got.seed, got.t]).toEqual([
      want.width,
      want.size,
      want.seed,
      want.t,
    ]);
    // the CLI trains on tfjs's WASM backend, this test on its CPU backend: float32 rounding
    got.mean.flat().forEach((v, i) => expect(v).toBeCloseTo(want.mean.flat()[i]!, 4));
    got.var.flat().forEach((v, i) => expect(v).toBeCloseTo(want.var.flat()[i]!, 4));
    got.ntkInit.flat().forEach((v, i) => expect(v).toBeCloseTo(want.ntkInit.flat()[i]!, 3));
    got.ntkDrift.forEach((v, i) => expect(v).toBeCloseTo(want.ntkDrift[i]!, 4));
  });
});
