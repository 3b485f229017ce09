import { describe, expect, it } from 'vitest';
import {
  SLIDER_RES,
  neighbourStep,
  playFraction,
  playStep,
  sliderToStep,
  stepToSlider,
  timeSliderTicks,
} from './timeAxis';

describe('time slider', () => {
  it('maps the ends to t = 0, the first step and the last step', () => {
    expect(sliderToStep(0, 1000)).toBe(0);
    expect(sliderToStep(1, 1000)).toBe(1);
    expect(sliderToStep(SLIDER_RES, 1000)).toBe(1000);
  });

  it('is logarithmic: the middle of the track is √kMax', () => {
    expect(sliderToStep(1 + (SLIDER_RES - 1) / 2, 10000)).toBe(100);
  });

  it('snaps to whole steps and round-trips through the slider', () => {
    for (const k of [0, 1, 2, 7, 100, 999, 1000]) {
      const k2 = sliderToStep(stepToSlider(k, 1000), 1000);
      expect(Number.isInteger(k2)).toBe(true);
      expect(Math.abs(k2 - k)).toBeLessThanOrEqual(Math.max(0, k * 0.004));
    }
  });

  it('neighbourStep walks the grid and stops at the ends', () => {
    const grid = [0, 1, 3, 10, 30];
    expect(neighbourStep(grid, 3, 1)).toBe(10);
    expect(neighbourStep(grid, 5, 1)).toBe(10);
    expect(neighbourStep(grid, 5, -1)).toBe(3);
    expect(neighbourStep(grid, 30, 1)).toBe(30);
    expect(neighbourStep(grid, 0, -1)).toBe(0);
  });

  it('play sweeps log-uniformly and inverts', () => {
    expect(playStep(0, 1000)).toBe(0);
    expect(playStep(1 / 3, 1000)).toBe(10);
    expect(playStep(1, 1000)).toBe(1000);
    expect(playFraction(100, 1000)).toBeCloseTo(2 / 3, 12);
  });
});

describe('time slider ticks', () => {
  it('labels the decades of t inside [η, η·K] at their log position', () => {
    const ticks = timeSliderTicks(0.1, 1000);
    expect(ticks.map((t) => t.label)).toEqual(['0.1', '1', '10', '100']);
    // t = 10 is k = 100, two thirds of the way along the log track
    expect(ticks[2]?.fraction).toBeCloseTo((1 + (2 / 3) * (SLIDER_RES - 1)) / SLIDER_RES, 12);
    expect(sliderToStep(Math.round((ticks[2]?.fraction ?? 0) * SLIDER_RES), 1000)).toBe(100);
  });
  it('has no ticks for a run of one step', () => {
    expect(timeSliderTicks(0.1, 1)).toEqual([]);
  });
});
