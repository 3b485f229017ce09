import { describe, expect, it } from 'vitest';
import { kernelRowModel, x0AtPixel } from './kernelRow';

const xs = [2, -2, 0, 1, -1];
const size = { width: 482, height: 264 };

/** "M x,y L x,y …" → the points */
const points = (d: string) =>
  d
    .slice(1)
    .split('L')
    .map((p) => p.split(',').map(Number) as [number, number]);

describe('kernelRowModel', () => {
  it('draws each curve through every test point in ascending x, and covers 0 and all curves', () => {
    const analytic = [4, 4, 2, 3, 3];
    const init = [3.5, 4.5, 2, 3, 3];
    const m = kernelRowModel({ xTest: xs, analytic, init, current: null, x0: 0 }, size);
    expect(m.xDomain).toEqual([-2, 2]);
    // y from 0 (kernels are drawn from the axis up) to the largest value plus 5 %
    expect(m.yDomain[0]).toBe(0);
    expect(m.yDomain[1]).toBeCloseTo(4.5 * 1.05, 12);
    const pa = points(m.analytic);
    expect(pa).toHaveLength(5);
    const px = pa.map((p) => p[0]);
    expect(px).toEqual([...px].sort((a, b) => a - b));
    expect(px[0]).toBe(m.frame.left);
    expect(px[4]).toBe(m.frame.right);
    // the point at x = −2 (input index 1) has the analytic value 4: pixel y of 4
    const yOf = (v: number) =>
      m.frame.bottom -
      ((v - m.yDomain[0]) / (m.yDomain[1] - m.yDomain[0])) * (m.frame.bottom - m.frame.top);
    expect(pa[0]![1]).toBeCloseTo(yOf(4), 1);
    expect(points(m.init)[0]![1]).toBeCloseTo(yOf(4.5), 1);
    expect(m.current).toBe('');
  });

  it('marks x₀ at its pixel, and not at all outside the x-range', () => {
    const m = kernelRowModel({ xTest: xs, analytic: null, init: null, current: null, x0: 1 }, size);
    expect(m.x0X).toBeCloseTo(m.frame.left + 0.75 * (m.frame.right - m.frame.left), 2);
    const out = kernelRowModel(
      { xTest: xs, analytic: null, init: null, current: null, x0: 7 },
      size,
    );
    expect(out.x0X).toBeNull();
  });

  it('extends y below 0 for negative kernel values and skips a row of the wrong length', () => {
    const m = kernelRowModel(
      { xTest: xs, analytic: [1, -2, 0, 0, 0], init: [1, 2], current: null, x0: 0 },
      size,
    );
    expect(m.yDomain[0]).toBeCloseTo(-2 - 0.15, 12);
    expect(m.init).toBe('');
  });
});

describe('x0AtPixel', () => {
  const m = kernelRowModel({ xTest: xs, analytic: null, init: null, current: null, x0: 0 }, size);
  const w = m.frame.right - m.frame.left;
  it('maps a click to the plot x, rounded to the parameter resolution', () => {
    expect(x0AtPixel(m, m.frame.left + 0.5 * w)).toBe(0);
    expect(x0AtPixel(m, m.frame.left + 0.6 * w)).toBe(0.4);
    expect(x0AtPixel(m, m.frame.left + 0.613 * w)).toBe(0.45);
  });
  it('snaps a click beyond the axes into the x-range', () => {
    expect(x0AtPixel(m, m.frame.right + 50)).toBe(2);
    expect(x0AtPixel(m, 0)).toBe(-2);
    // a range whose end is not on the resolution's grid: the result stays inside
    const odd = kernelRowModel(
      { xTest: [-1.03, 1.03], analytic: null, init: null, current: null, x0: 0 },
      size,
    );
    expect(x0AtPixel(odd, odd.frame.right)).toBe(1);
    expect(x0AtPixel(odd, odd.frame.left)).toBe(-1);
  });
});
