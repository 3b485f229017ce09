import { describe, expect, it } from 'vitest';
import { formatPoints, parsePoints } from './pointsText';

describe('points text', () => {
  it('parses x:y pairs with commas, semicolons, new lines and a true minus', () => {
    expect(parsePoints('0:1, −1.5:2e-1;\n3 : -4', 10, 100)).toEqual({
      points: [
        [0, 1],
        [-1.5, 0.2],
        [3, -4],
      ],
      error: null,
    });
  });

  it('empty text is no points', () => {
    expect(parsePoints('  ', 10, 100)).toEqual({ points: [], error: null });
  });

  it('names the first bad entry', () => {
    expect(parsePoints('0:1, 2', 10, 100).error).toBe(
      'Point 2 “2” is not written as x:y (e.g. 0.5:-1).',
    );
    expect(parsePoints('0:1, 1:abc', 10, 100).error).toMatch(/Point 2/);
    expect(parsePoints('500:1', 10, 100).error).toBe('Point 1 “500:1” is beyond ±100.');
    expect(parsePoints('0:0, 1:1, 2:2', 2, 100).error).toBe(
      '3 points are more than the maximum 2.',
    );
  });

  it('formats back to the same text form', () => {
    const text = formatPoints([
      [0, 1],
      [-1.5, 0.2],
    ]);
    expect(text).toBe('0:1, -1.5:0.2');
    expect(parsePoints(text, 10, 100).points).toEqual([
      [0, 1],
      [-1.5, 0.2],
    ]);
  });
});
