import { describe, expect, it } from 'vitest';
import {
  clampStep,
  gridIndex,
  lastStep,
  nearestGridIndex,
  payloadRate,
  resolveCursor,
  seriesOf,
} from './cursor';
import { fakeCursor, fakePayload, fakeSeries } from '../workerClient/testing/fakePayload';

const steps = [0, 1, 10, 100];

describe('cursor resolution', () => {
  // the summary holds the band at k = 100 (= K), the series every grid step
  const payload = fakePayload(3, steps, 0.5);
  const series = fakeSeries(3, steps, 0.5);

  it('finds grid steps exactly', () => {
    expect(gridIndex(steps, 10)).toBe(2);
    expect(gridIndex(steps, 11)).toBe(-1);
    expect(nearestGridIndex(steps, 30)).toBe(2);
    expect(nearestGridIndex(steps, 40)).toBe(3);
    expect(nearestGridIndex(steps, 2)).toBe(1);
  });

  it('reads η and K from the summary', () => {
    expect(payloadRate(payload)).toBe(0.5);
    expect(lastStep(payload)).toBe(100);
    expect(clampStep(payload, 5000)).toBe(100);
  });

  it('draws the summary band before the series arrives', () => {
    const b = resolveCursor(payload, null, null, 100);
    expect(b).toMatchObject({ step: 100, time: 50, lossTrain: 1 / 101, exact: true });
    expect(Array.from(b.mean)).toEqual([100, 101, 102]);
    // any other step waits for the worker, showing the summary's band meanwhile
    expect(resolveCursor(payload, null, null, 10)).toMatchObject({ step: 100, exact: false });
  });

  it('uses the grid row for an on-grid step once the series is there, with t = η·k', () => {
    const b = resolveCursor(payload, series, null, 10);
    expect(b).toMatchObject({ step: 10, time: 5, lossTrain: 1 / 11, exact: true });
    expect(Array.from(b.mean)).toEqual([10, 11, 12]);
  });

  it('ignores a series of another generation', () => {
    const old = fakeSeries(2, steps, 0.5);
    expect(seriesOf(payload, old)).toBeNull();
    expect(seriesOf(payload, series)).toBe(series);
    expect(resolveCursor(payload, old, null, 10)).toMatchObject({ step: 100, exact: false });
  });

  it('uses the worker reply for an off-grid step, the nearest known step until then', () => {
    expect(resolveCursor(payload, series, null, 40)).toMatchObject({ step: 100, exact: false });
    const cursor = fakeCursor(3, 40);
    expect(resolveCursor(payload, series, cursor, 40)).toMatchObject({
      step: 40,
      time: 20,
      exact: true,
    });
    // waiting for step 45: the reply for 40 is nearer than the grid's 100
    expect(resolveCursor(payload, series, cursor, 45)).toMatchObject({ step: 40, exact: false });
    // waiting for step 90: the grid's 100 is nearer
    expect(resolveCursor(payload, series, cursor, 90)).toMatchObject({ step: 100, exact: false });
    // waiting for step 2: the grid's 1 is nearer than the reply and the summary
    expect(resolveCursor(payload, series, cursor, 2)).toMatchObject({ step: 1, exact: false });
    // a reply for another generation is not used
    expect(resolveCursor(payload, series, { ...cursor, gen: 2 }, 40).exact).toBe(false);
    // without the series, the reply answers on-grid steps too
    expect(resolveCursor(payload, null, fakeCursor(3, 10), 10)).toMatchObject({
      step: 10,
      exact: true,
    });
  });

  it('uses the summary band at its own step even when that step is off the grid', () => {
    const atFifty = fakePayload(3, steps, 0.5, 50);
    expect(resolveCursor(atFifty, series, null, 50)).toMatchObject({ step: 50, exact: true });
  });

  it('clamps the step into the run', () => {
    expect(resolveCursor(payload, series, null, 5000).step).toBe(100);
    expect(resolveCursor(payload, series, null, -3).step).toBe(0);
  });
});
