import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { bandEdges, bandPath, clampTo, linePath, meanStdBand, sortedOrder } from './paths';

const id = (v: number) => v;
const clip = { yClip: [-1000, 1000] as [number, number] };

describe('linePath', () => {
  it('draws points in ascending x order', () => {
    expect(linePath([2, 0, 1], [20, 0, 10], id, id, clip)).toBe('M0,0L1,10L2,20');
  });

  it('clips huge and infinite values to the window so the string stays valid', () => {
    const d = linePath([0, 1, 2], [1e300, Infinity, -Infinity], id, id, clip);
    expect(d).toBe('M0,1000L1,1000L2,-1000');
    expect(d).not.toMatch(/NaN|Infinity|e\+/);
  });

  it('breaks the line at NaN instead of writing NaN', () => {
    expect(linePath([0, 1, 2, 3], [0, NaN, 2, 3], id, id, clip)).toBe('M0,0ZM2,2L3,3');
  });

  it('returns an empty string when nothing is drawable', () => {
    expect(linePath([], [], id, id, clip)).toBe('');
    expect(linePath([0], [NaN], id, id, clip)).toBe('');
  });
});

describe('bandPath', () => {
  it('traces the upper edge forward and the lower edge back, then closes', () => {
    // mean 0, std 1 ⇒ ±2 band on x = 0, 10 with an inverted y scale like an SVG chart
    const sy = (v: number) => 100 - 10 * v;
    const d = meanStdBand([10, 0], [0, 0], [1, 1], 2, id, sy, clip);
    expect(d).toBe('M0,80L10,80L10,120L0,120Z');
  });

  it('uses per-point lower/upper functions', () => {
    const d = bandPath(
      [0, 1],
      (i) => i,
      (i) => 2 + i,
      id,
      id,
      clip,
    );
    expect(d).toBe('M0,2L1,3L1,1L0,0Z');
  });

  it('clamps a diverging band into the window', () => {
    const d = meanStdBand([0, 1], [0, 1e200], [1, 1e200], 2, id, id, {
      yClip: [-50, 50],
    });
    expect(d).toBe('M0,2L1,50L1,-50L0,-2Z');
  });
});

describe('overflowing runs', () => {
  it('clips before scaling: a real scale maps ±Infinity to NaN', () => {
    const sy = scaleLinear().domain([-1, 1]).range([100, 0]);
    expect(Number.isNaN(sy(Infinity))).toBe(true);
    const d = meanStdBand([0, 1], [0, Infinity], [Infinity, 1], 2, id, sy, { yClip: [-3, 3] });
    expect(d).toBe('M0,-100L1,-100L1,-100L0,200Z');
  });

  it('an infinite σ fills the window instead of vanishing (∞ − ∞ is not drawn as NaN)', () => {
    expect(bandEdges(Infinity, Infinity, 2)).toEqual([-Infinity, Infinity]);
    expect(bandEdges(1, 0.5, 2)).toEqual([0, 2]);
    expect(bandEdges(NaN, 1, 2).every(Number.isNaN)).toBe(true);
    const d = meanStdBand([0, 1], [Infinity, -1e300], [Infinity, Infinity], 2, id, id, {
      yClip: [-50, 50],
    });
    expect(d).toBe('M0,50L1,50L1,-50L0,-50Z');
  });
});

describe('helpers', () => {
  it('sortedOrder is stable for ties', () => {
    expect(sortedOrder([1, 0, 1, 0])).toEqual([1, 3, 0, 2]);
  });
  it('clampTo keeps NaN', () => {
    expect(clampTo(5, 0, 1)).toBe(1);
    expect(Number.isNaN(clampTo(NaN, 0, 1))).toBe(true);
  });
});
