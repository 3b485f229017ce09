import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  SCHEMA,
  infinityAllowed,
  isInfiniteWidth,
  theoryDependsOn,
  validateParams,
} from './schema';
import { decode, encode, formatRepair } from './url';

describe('width ∞ (the NTK parameterization’s infinite-width limit)', () => {
  it('is written `inf` in the link and read back exactly', () => {
    const p = { ...DEFAULT_PARAMS, width: Infinity };
    expect(encode(p)).toBe('v=1&width=inf');
    expect(decode('v=1&width=inf')).toEqual({ params: p, repairs: [] });
    expect(decode('width=%E2%88%9E').params.width).toBe(Infinity);
    expect(isInfiniteWidth(p)).toBe(true);
    expect(isInfiniteWidth(DEFAULT_PARAMS)).toBe(false);
  });

  it('is repaired to the largest width in the standard parameterization, saying why', () => {
    const { params, repairs } = decode('v=1&width=inf&param=standard');
    expect(params.width).toBe(SCHEMA.width.range[1]);
    expect(params.parameterization).toBe('standard');
    expect(repairs).toHaveLength(1);
    const sentence = formatRepair(repairs[0]!);
    expect(sentence).toContain('∞');
    expect(sentence).toContain('only in the NTK parameterization');
    expect(sentence).toContain('using 8192');
  });

  it('does not accept ∞ for other numbers, nor the word Infinity for the width', () => {
    expect(decode('lr=inf').params.lr).toBe(DEFAULT_PARAMS.lr);
    expect(decode('width=Infinity').params.width).toBe(DEFAULT_PARAMS.width);
    expect(validateParams({ lr: Infinity }).params.lr).toBe(SCHEMA.lr.range[1]);
  });

  it('keeps a valid ∞ silent when validated again', () => {
    expect(validateParams({ ...DEFAULT_PARAMS, width: Infinity }).repairs).toEqual([]);
  });

  it('says which parameterization’s theory depends on the width, and so allows ∞', () => {
    const ntk = { ...DEFAULT_PARAMS, parameterization: 'ntk' } as const;
    const standard = { ...DEFAULT_PARAMS, parameterization: 'standard' } as const;
    expect(theoryDependsOn('width', ntk)).toBe(false);
    expect(theoryDependsOn('width', standard)).toBe(true);
    expect(infinityAllowed('width', ntk)).toBe(true);
    expect(infinityAllowed('width', standard)).toBe(false);
  });
});
