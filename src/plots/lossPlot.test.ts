import { describe, expect, it } from 'vitest';
import { LOSS_MARGIN, lossPlotModel, lossXDomain, lossYDomain } from './lossPlot';
import type { LossPlotData } from './lossPlot';

const data: LossPlotData = {
  times: [0, 0.1, 1, 10],
  lossTrain: [1, 0.5, 0.01, 0],
  lossTest: [1.2, 0.8, 0.3, 0.2],
  lossTrainInf: 0,
  lossTestInf: 0.2,
  cursorTime: 1,
};
const size = { width: LOSS_MARGIN.left + LOSS_MARGIN.right + 300, height: 200 };

describe('loss axes', () => {
  it('x starts at the first positive t', () => {
    expect(lossXDomain([0, 0.1, 1, 10])).toEqual([0.1, 10]);
    expect(lossXDomain([0])).toBeNull();
  });

  it('y spans whole decades over the positive losses', () => {
    expect(lossYDomain(data)).toEqual([0.01, 10]);
  });

  it('ignores a t = ∞ loss far below the curves (round-off zero)', () => {
    expect(lossYDomain({ ...data, lossTrain: [1, 0.5, 0.01, 0.001], lossTrainInf: 5e-32 })).toEqual(
      [0.001, 10],
    );
    expect(lossYDomain({ ...data, lossTrain: [1, 0.5, 0.01, 0.001], lossTrainInf: 5e-5 })).toEqual([
      1e-5, 10,
    ]);
  });

  it('limits the range to 12 decades and a diverging loss to 1e8× its start', () => {
    const d = lossYDomain({
      ...data,
      lossTrain: [1, 1e-30, 1e100, Infinity],
      lossTest: [1, 1, 1e200, NaN],
    });
    expect(d).toEqual([1e-4, 1e8]);
  });
});

describe('lossPlotModel', () => {
  const m = lossPlotModel(data, size);
  if (!m) throw new Error('model expected');
  const { left, right, top, bottom } = m.frame;

  it('places the cursor log-proportionally (t = 1 is the middle of 0.1…10)', () => {
    expect(m.cursorX).toBe(left + 150);
  });

  it('draws zero loss on the floor and never emits NaN', () => {
    expect(m.train.endsWith(`L${right},${bottom}`)).toBe(true);
    expect(m.train).not.toMatch(/NaN|Infinity/);
    expect(m.train.startsWith(`M${left},`)).toBe(true);
  });

  it('puts the t = ∞ test loss line at its value and hides a zero one', () => {
    // 0.2 on [0.01, 10]: log10(0.2 / 0.01) / 3 of the height up
    const expected = bottom - (Math.log10(20) / 3) * (bottom - top);
    expect(m.testInfY).toBeCloseTo(expected, 1);
    expect(m.trainInfY).toBeNull();
  });

  it('flags a loss above the top of the axis', () => {
    expect(m.clippedTop).toBe(false);
    const diverging = lossPlotModel({ ...data, lossTest: [1, 10, 1e10, Infinity] }, size);
    expect(diverging?.clippedTop).toBe(true);
    expect(diverging?.test).not.toMatch(/NaN|Infinity/);
  });

  it('has no cursor at t = 0', () => {
    expect(lossPlotModel({ ...data, cursorTime: 0 }, size)?.cursorX).toBeNull();
  });
});
