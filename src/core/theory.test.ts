import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCH, type ArchSpec } from './arch';
import { kernelFn } from './kernels';
import { choleskyPsd, lowerMatvec } from './linalg/cholesky';
import { fromData } from './linalg/matrix';
import { createRng } from './rng';
import {
  computeTheory,
  evaluateAt,
  priorSamples,
  priorSamplesJob,
  runJob,
  theoryKernels,
  theoryPredictor,
  theorySeries,
  theorySeriesJob,
  theorySummary,
} from './theory';
import type { TheoryInput } from './theoryTypes';

const linspace = (a: number, b: number, n: number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

function input(over: Partial<TheoryInput> = {}): TheoryInput {
  const xTrain = linspace(-2, 2, 7);
  const xTest = linspace(-3, 3, 13);
  return {
    arch: { ...DEFAULT_ARCH, activation: 'relu' },
    xTrain,
    yTrain: xTrain.map(Math.sin),
    xTest,
    yTest: xTest.map(Math.sin),
    dim: 1,
    lr: 0.5,
    steps: [0, 1, 2, 5, 17, 60, 200],
    diagReg: 0,
    mode: 'ntk',
    priorSamples: 3,
    seed: 4,
    ...over,
  };
}

describe('theory in two parts', () => {
  const inp = input();
  const blocks = theoryKernels(inp);
  const predictor = theoryPredictor(inp, blocks);

  it('the summary band at a grid step is that row of the series, bit for bit', () => {
    const series = theorySeries(inp, predictor);
    for (const [i, k] of inp.steps.entries()) {
      const { cursor } = theorySummary(inp, blocks, predictor, k);
      expect(cursor.step).toBe(k);
      expect(cursor.mean).toEqual(series.mean[i]);
      expect(cursor.std).toEqual(series.std[i]);
      expect(cursor.lossTrain).toBe(series.lossTrain[i]);
      expect(cursor.lossTest).toBe(series.lossTest[i]);
    }
    expect(series.times).toEqual(inp.steps.map((k) => 0.5 * k));
  });

  it('evaluates an off-grid cursor exactly and clamps it into 0..K', () => {
    const s = theorySummary(inp, blocks, predictor, 33);
    expect(s.cursor).toEqual({ step: 33, ...evaluateAt(predictor, inp, 33) });
    expect(theorySummary(inp, blocks, predictor, 1e9).cursor.step).toBe(200);
    expect(theorySummary(inp, blocks, predictor, -4).cursor.step).toBe(0);
    expect(s).toMatchObject({ lr: 0.5, lastStep: 200, etaCrit: predictor.lrMax });
    expect(s.lossTrainInf).toBe(evaluateAt(predictor, inp, 'inf').lossTrain);
  });

  it('owns its arrays: changing them leaves the kernels and the predictor intact', () => {
    const s = theorySummary(inp, blocks, predictor, 5);
    const kdd = blocks.trainTrain.nngp.data.slice();
    const eigs = predictor.eigenvalues.slice();
    s.nngpTrain.fill(NaN);
    s.ntkTrain.fill(NaN);
    s.eigs.fill(NaN);
    expect(blocks.trainTrain.nngp.data).toEqual(kdd);
    expect(predictor.eigenvalues).toEqual(eigs);
    expect(theorySummary(inp, blocks, predictor, 5)).toEqual(
      theorySummary(inp, blocks, predictor, 5),
    );
  });

  it('the series job pauses once per grid step and ends with the series', () => {
    const job = theorySeriesJob(inp, predictor);
    let pauses = 0;
    for (let r = job.next(); !r.done; r = job.next()) pauses++;
    expect(pauses).toBe(inp.steps.length);
    expect(runJob(theorySeriesJob(inp, predictor))).toEqual(theorySeries(inp, predictor));
  });

  it('a decomposition re-rated to a new η gives the numbers of a fresh one', () => {
    const slow = input({ lr: 0.1 });
    const fresh = theoryPredictor(slow, blocks);
    const rerated = predictor.withLr(0.1);
    expect(theorySeries(slow, rerated)).toEqual(theorySeries(slow, fresh));
    expect(theorySummary(slow, blocks, rerated, 17)).toEqual(
      theorySummary(slow, blocks, fresh, 17),
    );
  });

  it('computeTheory puts the cursor at K unless told otherwise', () => {
    const all = computeTheory(inp).result;
    expect(all.cursor.step).toBe(200);
    expect(all.cursor.mean).toEqual(all.mean[all.mean.length - 1]);
    expect(computeTheory(inp, { cursorStep: 2 }).result.cursor.step).toBe(2);
  });
});

describe('prior samples in row blocks', () => {
  /** the straightforward version: one symmetric kernel, one Cholesky */
  function direct(arch: ArchSpec, xTest: Float64Array, dim: number, count: number, seed: number) {
    const x = fromData(xTest.length / dim, dim, xTest);
    const { L } = choleskyPsd(kernelFn(arch, x, x).nngp);
    const root = createRng(seed).split('prior');
    return Array.from({ length: count }, (_, s) => {
      const rng = root.split(s);
      return lowerMatvec(
        L,
        Float64Array.from({ length: x.rows }, () => rng.normal()),
      );
    });
  }

  it('equals one symmetric kernel bit for bit (closed form and quadrature, 1-D and 2-D)', () => {
    const xTest = linspace(-3, 3, 15);
    const circle = Float64Array.from({ length: 22 }, (_, i) =>
      i % 2 === 0 ? Math.cos(i / 3) : Math.sin((i - 1) / 3),
    );
    for (const activation of ['relu', 'tanh'] as const) {
      const arch = { ...DEFAULT_ARCH, activation };
      expect(priorSamples(arch, xTest, 1, 3, 9)).toEqual(direct(arch, xTest, 1, 3, 9));
      expect(priorSamples(arch, circle, 2, 2, 9)).toEqual(direct(arch, circle, 2, 2, 9));
    }
  });

  it('equals one symmetric kernel over several tiles, with duplicate inputs', () => {
    const arch = { ...DEFAULT_ARCH, activation: 'tanh' as const, depth: 1 };
    const xTest = Float64Array.from({ length: 70 }, (_, i) => Math.round(10 * Math.sin(i)) / 3);
    expect(priorSamples(arch, xTest, 1, 2, 5)).toEqual(direct(arch, xTest, 1, 2, 5));
  });

  it('pauses after each tile; more samples keep the first ones; none for count 0', () => {
    const arch = { ...DEFAULT_ARCH, activation: 'erf' as const };
    const xTest = linspace(-3, 3, 70);
    const job = priorSamplesJob(arch, xTest, 1, 2, 1);
    let pauses = 0;
    for (let r = job.next(); !r.done; r = job.next()) pauses++;
    // 70 points: tiles of 32, 32, 6 rows; the lower triangle holds 1 + 2 + 3 of them
    expect(pauses).toBe(6);
    const more = priorSamples(arch, xTest, 1, 4, 1);
    expect(more.slice(0, 2)).toEqual(priorSamples(arch, xTest, 1, 2, 1));
    expect(priorSamples(arch, xTest, 1, 0, 1)).toEqual([]);
  });
});
