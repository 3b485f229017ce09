import { describe, expect, it } from 'vitest';
import {
  cellAt,
  colorIndex,
  heatmapPixels,
  heatmapTicks,
  relativeFrobenius,
  sharedColorDomain,
  trainOrder,
} from './heatmap';

describe('sharedColorDomain', () => {
  it('is symmetric about 0 and covers the largest |entry| of every matrix', () => {
    const a = [0.5, 2, 1.5, 0.1];
    const b = [-3.25, 0, 1, 2];
    expect(sharedColorDomain([a, b])).toEqual([-3.25, 3.25]);
    expect(sharedColorDomain([a])).toEqual([-2, 2]);
    // a missing matrix (no ensemble yet) and non-finite entries do not move it
    expect(sharedColorDomain([null, a, [Infinity, NaN]])).toEqual([-2, 2]);
    expect(sharedColorDomain([null, [0, 0]])).toEqual([-1, 1]);
  });

  it('gives equal values equal colours in every heatmap that shares it', () => {
    const domain = sharedColorDomain([
      [4, 1],
      [-1, 2],
    ]);
    expect(colorIndex(0, domain)).toBe(128);
    expect(colorIndex(4, domain)).toBe(255);
    expect(colorIndex(-4, domain)).toBe(0);
    expect(colorIndex(2, domain)).toBe(191);
    expect(colorIndex(9, domain)).toBe(255);
    expect(colorIndex(NaN, domain)).toBe(-1);
  });
});

describe('heatmap order and pixels', () => {
  it('sorts the training points by their plot coordinate', () => {
    expect(trainOrder([0.5, -2, 3, -1])).toEqual([1, 3, 0, 2]);
  });

  it('puts values[order[r], order[c]] at pixel (r, c)', () => {
    // 3 x 3 with distinct entries; order reverses it
    const v = [-9, 0, 9, 0, 9, -9, 9, -9, 0];
    const px = heatmapPixels(v, 3, [2, 1, 0], [-9, 9]);
    expect(px.length).toBe(36);
    const red = (r: number, c: number) => px[(r * 3 + c) * 4]!;
    const blue = (r: number, c: number) => px[(r * 3 + c) * 4 + 2]!;
    // pixel (0,0) = v[2,2] = 0 → near white; (0,1) = v[2,1] = −9 → blue; (0,2) = v[2,0] = 9 → red
    expect(red(0, 0)).toBeGreaterThan(225);
    expect(blue(0, 0)).toBeGreaterThan(225);
    expect(blue(0, 1)).toBeGreaterThan(red(0, 1) + 50);
    expect(red(0, 2)).toBeGreaterThan(blue(0, 2) + 50);
    expect(px[3]).toBe(255);
  });
});

describe('relativeFrobenius', () => {
  it('is ‖a − b‖_F / ‖b‖_F', () => {
    // b = [3, 4] has norm 5; a − b = [0, 1]
    expect(relativeFrobenius([3, 5], [3, 4])).toBeCloseTo(0.2, 15);
    expect(relativeFrobenius([1, 2, 3, 4], [1, 2, 3, 4])).toBe(0);
  });

  it('is NaN for mismatched shapes (an ensemble on other data) or a zero reference', () => {
    expect(relativeFrobenius([1, 2, 3], [1, 2, 3, 4])).toBeNaN();
    expect(relativeFrobenius([1], [0])).toBeNaN();
    expect(relativeFrobenius([NaN], [1])).toBeNaN();
  });
});

describe('heatmap axes and hover', () => {
  it('labels evenly spread cells by their x, at the cell centres', () => {
    const xs = [-2, -1, 0, 1, 2];
    expect(heatmapTicks(xs, 3)).toEqual([
      { at: 0.1, label: '−2' },
      { at: 0.5, label: '0' },
      { at: 0.9, label: '2' },
    ]);
    expect(heatmapTicks([], 3)).toEqual([]);
  });

  it('finds the cell under the pointer', () => {
    expect(cellAt(0, 0, 4)).toEqual({ row: 0, col: 0 });
    expect(cellAt(0.99, 0.26, 4)).toEqual({ row: 1, col: 3 });
    expect(cellAt(1, 0.5, 4)).toBeNull();
    expect(cellAt(-0.1, 0.5, 4)).toBeNull();
  });
});
