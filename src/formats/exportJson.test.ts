import { describe, expect, it } from 'vitest';
import { fakePayload, fakeSeries } from '../workerClient/testing/fakePayload';
import { buildExport, exportFileName, exportParams, toRows } from './exportJson';
import { DEFAULT_PARAMS, PARAM_KEYS } from '../params/schema';

describe('buildExport', () => {
  const payload = fakePayload(1, [0, 1, 10], 0.5);
  const series = fakeSeries(1, [0, 1, 10], 0.5);
  const doc = buildExport({ ...DEFAULT_PARAMS }, payload, series, 'https://x.test/?v=1');

  it('has exactly the documented keys', () => {
    expect(Object.keys(doc)).toEqual(['app', 'version', 'link', 'params', 'data', 'theory']);
    expect(Object.keys(doc.data)).toEqual(['xTrain', 'yTrain', 'xTest']);
    expect(Object.keys(doc.theory)).toEqual([
      'steps',
      'times',
      'mean',
      'std',
      'meanInf',
      'stdInf',
      'priorStd',
      'nngpTrain',
      'ntkTrain',
      'lossTrain',
      'lossTest',
      'etaCrit',
    ]);
    expect(doc.app).toBe('ntk-playground');
    expect(doc.link).toBe('https://x.test/?v=1');
  });

  it('writes plain nested arrays of the right shapes', () => {
    expect(doc.data.xTrain).toEqual([[-1], [1]]);
    expect(doc.data.xTest).toEqual([[-2], [0], [2]]);
    expect(doc.theory.nngpTrain).toEqual([
      [1, 0.5],
      [0.5, 1],
    ]);
    expect(doc.theory.mean).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [10, 11, 12],
    ]);
    expect(doc.theory.times).toEqual([0, 0.5, 5]);
    expect(doc.theory.lossTrain).toEqual([1, 1 / 2, 1 / 11]);
    expect(doc.theory.meanInf).toEqual([-1, 0, 1]);
    expect(doc.theory.etaCrit).toBe(4);
    const round = JSON.parse(JSON.stringify(doc)) as typeof doc;
    expect(round).toEqual(doc);
  });

  it('writes the width ∞ as "inf" (JSON has no ∞), as the link does', () => {
    const doc = buildExport(
      { ...DEFAULT_PARAMS, width: Infinity },
      fakePayload(1, [0, 1], 0.5, 1),
      fakeSeries(1, [0, 1]),
      'x?v=1&width=inf',
    );
    const json = JSON.parse(JSON.stringify(doc)) as { params: Record<string, unknown> };
    expect(json.params.width).toBe('inf');
    expect(json.params.depth).toBe(DEFAULT_PARAMS.depth);
  });

  it('keeps the field names of `params` the export has always had', () => {
    // Export JSON keeps its fields: renamed schema keys are written under their old names
    // (EXPORT_PARAM_NAMES), so this list does not change when a schema key is renamed
    const fields = [
      'dataset',
      'nTrain',
      'xMax',
      'noise',
      'nTest',
      'points',
      'seed',
      'depth',
      'width',
      'activation',
      'alpha',
      'abA',
      'abB',
      'wStd',
      'bStd',
      'bias',
      'param',
      'lr',
      'maxSteps',
      'diagReg',
      'mode',
      'nets',
      'backend',
      'memoryMb',
      'driftFrom',
      'driftTo',
      'driftNets',
      'driftSteps',
      'step',
      'samples',
      'showBand',
      'lensX0',
      'showInf',
    ];
    expect(PARAM_KEYS).toHaveLength(fields.length);
    const json = JSON.parse(JSON.stringify(doc)) as { params: Record<string, unknown> };
    expect(Object.keys(json.params)).toEqual(fields);
  });

  it('writes the time cursor under `step`, its value unchanged', () => {
    const params = { ...DEFAULT_PARAMS, maxSteps: 500, cursor: 123 };
    const json = JSON.parse(JSON.stringify(exportParams(params))) as Record<string, unknown>;
    expect(json.step).toBe(123);
    expect(json).not.toHaveProperty('cursor');
    expect(json.maxSteps).toBe(500);
  });

  it('writes the parameterization under `param`, its value unchanged', () => {
    const params = { ...DEFAULT_PARAMS, parameterization: 'standard' } as const;
    const json = JSON.parse(JSON.stringify(exportParams(params))) as Record<string, unknown>;
    expect(json.param).toBe('standard');
    expect(json).not.toHaveProperty('parameterization');
  });

  it('refuses a series of another generation', () => {
    expect(() => buildExport({ ...DEFAULT_PARAMS }, payload, fakeSeries(2), 'x')).toThrow(
      /generation 2/,
    );
  });

  it('splits 2-D inputs into rows', () => {
    expect(toRows([1, 2, 3, 4, 5, 6], 2)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('names the file with a timestamp', () => {
    expect(exportFileName(new Date(2025, 0, 2, 3, 4, 5))).toBe(
      'ntk-playground-20250102-030405.json',
    );
  });
});
