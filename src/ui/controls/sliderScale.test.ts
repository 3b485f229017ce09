import { describe, expect, it } from 'vitest';
import {
  SLIDER_STEPS,
  inputStep,
  positionToValue,
  roundForSlider,
  valueToPosition,
} from './sliderScale';

const lr = { kind: 'float' as const, range: [1e-4, 1e3] as const, log: true };
const sw = { kind: 'float' as const, range: [0, 4] as const, resolution: 0.05 };
const depth = { kind: 'int' as const, range: [1, 8] as const };

describe('slider scale', () => {
  it('a log slider is geometric and rounds to 2 significant digits', () => {
    expect(positionToValue(lr, 0)).toBe(1e-4);
    expect(positionToValue(lr, SLIDER_STEPS)).toBe(1e3);
    // 7 decades: 4/7 of the way is 1
    expect(positionToValue(lr, (SLIDER_STEPS * 4) / 7)).toBe(1);
    expect(positionToValue(lr, 600)).toBe(1.6);
  });

  it('a linear slider snaps to the schema resolution without float dust', () => {
    expect(positionToValue(sw, 76)).toBe(0.3);
    expect(roundForSlider(sw, 0.30000000000000004)).toBe(0.3);
  });

  it('integers are whole', () => {
    expect(positionToValue(depth, 500)).toBe(5);
    expect(inputStep(depth)).toBe(1);
    expect(inputStep(lr)).toBe('any');
  });

  it('valueToPosition inverts positionToValue', () => {
    for (const v of [1e-4, 0.2, 1, 100, 1e3]) {
      expect(positionToValue(lr, valueToPosition(lr, v))).toBeCloseTo(v, -Math.log10(v) + 1);
    }
    expect(valueToPosition(sw, 2)).toBe(500);
  });
});
