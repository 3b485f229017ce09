import { describe, expect, it } from 'vitest';
import { scaleLinear } from 'd3-scale';
import { lossPlotModel } from './lossPlot';
import { mainPlotModel, mainYDomain, MAIN_MARGIN } from './mainPlot';
import type { MainPlotData } from './mainPlot';
import { linePath, sortedOrder } from './paths';

const xs = Float64Array.from([-1, 0, 1]);
const base: MainPlotData = {
  xTest: xs,
  yTest: Float64Array.from([-1, 0, 1]),
  xTrain: [0],
  yTrain: [0],
  priorStd: Float64Array.from([1, 1, 1]),
  priorSamples: [],
  mean: null,
  std: null,
  meanInf: null,
  stdInf: null,
};

describe('the finite nets on the main plot', () => {
  const outputs = Float32Array.from([0.1, 0.2, 0.3, -0.1, -0.2, -0.3]);
  const ensemble = { outputs, nets: 2, mean: [0, 0, 0], std: [0.1, 0.2, 0.3] };
  const size = { width: 400, height: 300 };

  it('draws one path per net from its own row, and the mean and band', () => {
    const m = mainPlotModel({ ...base, ensemble }, size);
    expect(m.nets).toHaveLength(2);
    // net 1's path is its row of outputs, on the same scales as everything else
    const sx = scaleLinear()
      .domain(m.xDomain)
      .range([MAIN_MARGIN.left, 400 - MAIN_MARGIN.right]);
    const sy = scaleLinear()
      .domain(m.yDomain)
      .range([300 - MAIN_MARGIN.bottom, MAIN_MARGIN.top]);
    const span = m.yDomain[1] - m.yDomain[0];
    const options = { yClip: [m.yDomain[0] - span, m.yDomain[1] + span] as [number, number] };
    expect(m.nets[1]).toBe(
      linePath(xs, [-0.1, -0.2, -0.3], sx, sy, { ...options, order: sortedOrder(xs) }),
    );
    expect(m.ensembleMean).toMatch(/^M/);
    expect(m.ensembleBand).toMatch(/^M.*Z$/);
  });

  it('never moves the axes, and hides the band without σ', () => {
    expect(mainYDomain({ ...base, ensemble })).toEqual(mainYDomain(base));
    const m = mainPlotModel({ ...base, ensemble: { ...ensemble, std: null } }, size);
    expect(m.ensembleBand).toBe('');
    expect(mainPlotModel(base, size).nets).toEqual([]);
  });
});

describe('the finite nets on the loss plot', () => {
  it('draws each net and their mean at positive t only', () => {
    const model = lossPlotModel(
      {
        times: [0, 0.1, 1],
        lossTrain: [1, 0.5, 0.1],
        lossTest: [1, 0.6, 0.2],
        lossTrainInf: 0,
        lossTestInf: 0.1,
        cursorTime: 1,
        ensemble: {
          times: [0, 0.1, 1],
          train: [
            [1, 0.4, 0.05],
            [1, 0.6, 0.15],
          ],
          test: null,
          meanTrain: [1, 0.5, 0.1],
          meanTest: null,
        },
      },
      { width: 400, height: 300 },
    )!;
    expect(model.netTrain).toHaveLength(2);
    expect(model.netTest).toEqual([]);
    // two positive times: one move and one line segment each
    for (const d of [...model.netTrain, model.ensembleTrain]) expect(d).toMatch(/^M[^M]*L[^L]*$/);
    expect(model.ensembleTest).toBe('');
  });
});
