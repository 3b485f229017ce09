// The drift plot model: marks, error bars and lines at the pixel positions the log-log geometry
// gives (inverted here by hand, not with the plot's scales).

import { describe, expect, it } from 'vitest';
import { driftPlotModel, driftYDomain, type DriftPlotData } from './driftPlot';

const SIZE = { width: 480, height: 300 };
const DATA: DriftPlotData = {
  xExtent: [32, 128],
  widths: [32, 64, 128],
  mean: [0.1, 0.05, 0.03],
  se: [0.01, 0.2, 0.003],
  fit: { slope: -0.8, intercept: Math.log(1.5) },
  reference: -0.5,
};

/** pixel → data on a log axis from px range [p0, p1] to domain [d0, d1] */
const invert = (p: number, p0: number, p1: number, d0: number, d1: number) =>
  Math.exp(Math.log(d0) + ((p - p0) / (p1 - p0)) * (Math.log(d1) - Math.log(d0)));

function ends(path: string): [number, number, number, number] {
  const m = /^M([\d.]+),([\d.]+)L([\d.]+),([\d.]+)$/.exec(path);
  expect(m, path).not.toBeNull();
  return [Number(m![1]), Number(m![2]), Number(m![3]), Number(m![4])];
}

describe('driftPlotModel', () => {
  const model = driftPlotModel(DATA, SIZE)!;
  const { frame, xDomain, yDomain } = model;
  const wOf = (px: number) => invert(px, frame.left, frame.right, xDomain[0], xDomain[1]);
  const vOf = (py: number) => invert(py, frame.bottom, frame.top, yDomain[0], yDomain[1]);

  it('pads the x axis by √2 around the planned widths, so 64 sits in the middle', () => {
    expect(xDomain[0]).toBeCloseTo(32 / Math.SQRT2, 12);
    expect(xDomain[1]).toBeCloseTo(128 * Math.SQRT2, 12);
    expect(model.marks[1]!.x).toBeCloseTo((frame.left + frame.right) / 2, 1);
  });

  it('puts each mean and its ± SE bar where the log axis says', () => {
    for (const [i, m] of model.marks.entries()) {
      expect(wOf(m.x)).toBeCloseTo(DATA.widths[i]!, 0);
      expect(vOf(m.y) / DATA.mean[i]!).toBeCloseTo(1, 2);
    }
    const m0 = model.marks[0]!;
    expect(vOf(m0.yHi) / 0.11).toBeCloseTo(1, 2);
    expect(vOf(m0.yLo) / 0.09).toBeCloseTo(1, 2);
    // 0.05 − 0.2 < 0: the bar runs to the floor of the axis
    expect(model.marks[1]!.yLo).toBe(frame.bottom);
  });

  it('draws the fitted power law and a −½ line through the first point', () => {
    const [x0, y0, x1, y1] = ends(model.fitLine);
    const slope = Math.log(vOf(y1) / vOf(y0)) / Math.log(wOf(x1) / wOf(x0));
    expect(slope).toBeCloseTo(-0.8, 2);
    expect(vOf(y0) / (1.5 * wOf(x0) ** -0.8)).toBeCloseTo(1, 2);
    const [a0, b0, a1, b1] = ends(model.referenceLine);
    const ref = Math.log(vOf(b1) / vOf(b0)) / Math.log(wOf(a1) / wOf(a0));
    expect(ref).toBeCloseTo(-0.5, 2);
    expect(vOf(b0) / (0.1 * (wOf(a0) / 32) ** -0.5)).toBeCloseTo(1, 2);
  });

  it('y domain covers every bar on half-decades; nothing to draw gives a default', () => {
    // lowest: 0.03 − 0.003 = 0.027 → 10^−2 (floor of 2·log10 = −3.14 → −4 → 10^−2);
    // highest: 0.05 + 0.2 = 0.25 → 10^−0.5 (ceil of −1.2 → −1)
    const [lo, hi] = driftYDomain(DATA);
    expect(lo).toBeCloseTo(0.01, 12);
    expect(hi).toBeCloseTo(10 ** -0.5, 12);
    expect(driftYDomain({ ...DATA, mean: [NaN, 0, -1] })).toEqual([1e-3, 1]);
    expect(driftPlotModel({ ...DATA, xExtent: [0, 1] }, SIZE)).toBeNull();
    expect(driftPlotModel({ ...DATA, fit: null, reference: null }, SIZE)!.fitLine).toBe('');
  });
});

describe('x labels', () => {
  it('labels the ladder widths at their positions, every other one when crowded', () => {
    const ladder = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];
    const wide = driftPlotModel({ ...DATA, xExtent: [32, 8192], xLabels: ladder }, SIZE)!;
    const { frame, xDomain } = wide;
    expect(wide.xTicks.map((t) => t.label)).toEqual(ladder.map(String));
    for (const t of wide.xTicks)
      expect(invert(t.pos, frame.left, frame.right, xDomain[0], xDomain[1]) / t.value).toBeCloseTo(
        1,
        2,
      );
    const narrow = driftPlotModel(
      { ...DATA, xExtent: [32, 8192], xLabels: ladder },
      { width: 340, height: 200 },
    )!;
    expect(narrow.xTicks.map((t) => t.value)).toEqual([32, 128, 512, 2048, 8192]);
  });
});
