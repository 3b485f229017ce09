import { describe, expect, it } from 'vitest';
import { gridIndex, nearestGridIndex, payloadRate, resolveCursor } from './cursor';
import { fakePayload } from '../workerClient/fakePayload';

describe('cursor resolution', () => {
  const payload = fakePayload(3, [0, 1, 10, 100], 0.5);

  it('finds grid steps exactly', () => {
    expect(gridIndex([0, 1, 10, 100], 10)).toBe(2);
    expect(gridIndex([0, 1, 10, 100], 11)).toBe(-1);
    expect(nearestGridIndex([0, 1, 10, 100], 30)).toBe(2);
    expect(nearestGridIndex([0, 1, 10, 100], 40)).toBe(3);
    expect(nearestGridIndex([0, 1, 10, 100], 2)).toBe(1);
  });

  it('reads η back from the grid', () => {
    expect(payloadRate(payload)).toBe(0.5);
  });

  it('uses the grid row for an on-grid step, with t = η·k', () => {
    const b = resolveCursor(payload, null, 10);
    expect(b).toMatchObject({ step: 10, time: 5, lossTrain: 1 / 11, exact: true });
    expect(Array.from(b?.mean ?? [])).toEqual([10, 11, 12]);
  });

  it('uses the worker reply for an off-grid step, the nearest row until then', () => {
    expect(resolveCursor(payload, null, 40)).toMatchObject({ step: 100, exact: false });
    const cursor = {
      gen: 3,
      step: 40,
      mean: new Float64Array([4, 4, 4]),
      std: new Float64Array([1, 1, 1]),
      lossTrain: 0.3,
      lossTest: 0.6,
    };
    expect(resolveCursor(payload, cursor, 40)).toMatchObject({ step: 40, time: 20, exact: true });
    // a reply for another generation is not used
    expect(resolveCursor(payload, { ...cursor, gen: 2 }, 40)?.exact).toBe(false);
  });

  it('clamps the step into the run', () => {
    expect(resolveCursor(payload, null, 5000)?.step).toBe(100);
    expect(resolveCursor(payload, null, -3)?.step).toBe(0);
  });
});
