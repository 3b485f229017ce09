import { describe, expect, it } from 'vitest';
import { MAIN_MARGIN, mainPlotModel, mainYDomain } from './mainPlot';
import type { MainPlotData } from './mainPlot';

const base: MainPlotData = {
  xTest: [-1, 0, 1],
  yTest: [-1, 0, 1],
  xTrain: [-1, 1],
  yTrain: [-1, 1],
  priorStd: [0.5, 0.5, 0.5],
  priorSamples: [],
  mean: [0, 0, 0],
  std: [0.25, 0.25, 0.25],
  meanInf: [-1, 0, 1],
  stdInf: [0, 0, 0],
};

describe('mainYDomain', () => {
  it('covers data and bands with padding, on nice numbers', () => {
    expect(mainYDomain(base)).toEqual([-1.2, 1.2]);
  });

  it('does not let a huge prior squash the data', () => {
    const d = mainYDomain({ ...base, priorStd: [100, 100, 100] });
    // core span is 2 ⇒ at most 1.5·2 beyond each end, then padded
    expect(d[0]).toBeGreaterThanOrEqual(-5);
    expect(d[1]).toBeLessThanOrEqual(5);
  });

  it('does not let a wild t = ∞ interpolant squash the data either', () => {
    const d = mainYDomain({ ...base, meanInf: [20, 0, -8] });
    expect(d[0]).toBeGreaterThanOrEqual(-5);
    expect(d[1]).toBeLessThanOrEqual(5);
  });

  it('falls back to [−1, 1] without finite data', () => {
    expect(
      mainYDomain({ ...base, yTrain: [], yTest: null, meanInf: null, priorStd: null }),
    ).toEqual([-1, 1]);
  });
});

describe('mainPlotModel', () => {
  const size = { width: MAIN_MARGIN.left + MAIN_MARGIN.right + 200, height: 300 };

  it('maps the band to pixels: mean 0 ± 2·0.25 across the inner box', () => {
    const m = mainPlotModel(base, size);
    const { left, right, top, bottom } = m.frame;
    expect(right - left).toBe(200);
    const y = (v: number) => bottom + ((v - -1.2) / 2.4) * (top - bottom);
    const r = (v: number) => Math.round(v * 100) / 100;
    expect(m.band).toBe(
      `M${left},${r(y(0.5))}L${left + 100},${r(y(0.5))}L${right},${r(y(0.5))}` +
        `L${right},${r(y(-0.5))}L${left + 100},${r(y(-0.5))}L${left},${r(y(-0.5))}Z`,
    );
    expect(m.bandClipped).toBe(false);
    expect(m.points).toEqual([
      { cx: left, cy: r(y(-1)) },
      { cx: right, cy: r(y(1)) },
    ]);
  });

  it('keeps the axes still and the paths valid when GD diverges', () => {
    const m = mainPlotModel({ ...base, mean: [1e250, -Infinity, NaN], std: [1e250, 1, 1] }, size);
    expect(m.yDomain).toEqual([-1.2, 1.2]);
    expect(m.bandClipped).toBe(true);
    for (const d of [m.band, m.mean]) expect(d).not.toMatch(/NaN|Infinity|e[+-]/);
  });

  it('hiding the t = ∞ curve keeps the axes', () => {
    const shown = mainPlotModel({ ...base, meanInf: [-3, 0, 3] }, size);
    const hidden = mainPlotModel({ ...base, meanInf: [-3, 0, 3], showMeanInf: false }, size);
    expect(hidden.meanInf).toBe('');
    expect(shown.meanInf).not.toBe('');
    expect(hidden.yDomain).toEqual(shown.yDomain);
  });

  it('puts ticks inside the frame', () => {
    const m = mainPlotModel(base, size);
    for (const t of m.yTicks) {
      expect(t.pos).toBeGreaterThanOrEqual(m.frame.top - 0.01);
      expect(t.pos).toBeLessThanOrEqual(m.frame.bottom + 0.01);
    }
    expect(m.xTicks.map((t) => t.label)).toContain('0.0');
  });
});
