import { describe, expect, it } from 'vitest';
import { errorMessage } from './errorMessage';

describe('errorMessage', () => {
  it.each([
    [new Error('boom'), 'boom'],
    [new RangeError('out'), 'out'],
    ['plain', 'plain'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('reads %o as %s', (error, text) => {
    expect(errorMessage(error)).toBe(text);
  });
});
