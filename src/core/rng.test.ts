import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from './rng';

function draw(rng: Rng, n: number, kind: 'uniform' | 'normal' = 'uniform'): number[] {
  return Array.from({ length: n }, () => (kind === 'uniform' ? rng.uniform() : rng.normal()));
}

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe('createRng', () => {
  it('is deterministic: the same seed gives the same sequence', () => {
    expect(draw(createRng(42), 100)).toEqual(draw(createRng(42), 100));
    expect(draw(createRng(42), 100, 'normal')).toEqual(draw(createRng(42), 100, 'normal'));
    expect(draw(createRng(42), 10)).not.toEqual(draw(createRng(43), 10));
  });

  it('normalises the seed to an unsigned 32-bit integer', () => {
    expect(createRng(7.9).seed).toBe(7);
    expect(createRng(-7).seed).toBe(7);
    expect(createRng(2 ** 32 + 5).seed).toBe(5);
    expect(draw(createRng(7.9), 5)).toEqual(draw(createRng(7), 5));
  });

  it('works for seed 0 and gives distinct values', () => {
    const xs = draw(createRng(0), 1000);
    expect(new Set(xs).size).toBe(1000);
  });
});

describe('split', () => {
  it('is deterministic per (seed, label)', () => {
    expect(draw(createRng(5).split('data'), 20)).toEqual(draw(createRng(5).split('data'), 20));
    expect(draw(createRng(5).split(3), 20)).toEqual(draw(createRng(5).split(3), 20));
  });

  it('gives streams that differ from the parent, siblings and other seeds', () => {
    const parent = draw(createRng(5), 50);
    const a = draw(createRng(5).split('a'), 50);
    const b = draw(createRng(5).split('b'), 50);
    const a6 = draw(createRng(6).split('a'), 50);
    const streams = [parent, a, b, a6];
    for (let i = 0; i < streams.length; i++) {
      for (let j = i + 1; j < streams.length; j++) {
        const shared = streams[i]!.filter((x) => streams[j]!.includes(x));
        expect(shared).toHaveLength(0);
      }
    }
  });

  it('leaves the parent sequence unaffected, wherever the split happens', () => {
    const plain = createRng(9);
    const withSplits = createRng(9);
    const expected = draw(plain, 30);
    const got: number[] = [];
    for (let i = 0; i < 30; i++) {
      withSplits.split(`child${i}`).uniform();
      got.push(withSplits.uniform());
    }
    expect(got).toEqual(expected);
  });

  it('gives uncorrelated sibling streams', () => {
    const n = 20000;
    const a = draw(createRng(1).split('x'), n);
    const b = draw(createRng(1).split('y'), n);
    let cov = 0;
    for (let i = 0; i < n; i++) cov += (a[i]! - 0.5) * (b[i]! - 0.5);
    const corr = cov / n / (1 / 12);
    // sd of a sample correlation of n independent pairs is 1/√n ≈ 0.007
    expect(Math.abs(corr)).toBeLessThan(0.04);
  });
});

describe('distributions', () => {
  const n = 100000;

  it('uniform is in [0, 1) with mean 1/2 and variance 1/12', () => {
    const xs = draw(createRng(123), n);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const { mean, variance } = moments(xs);
    // sd of the mean: √(1/12/n) ≈ 0.0009; of the variance: √(1/180/n) ≈ 0.00024
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.0015);
    const bins = new Array<number>(10).fill(0);
    for (const x of xs) bins[Math.floor(x * 10)]!++;
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(600);
  });

  it('normal has mean 0, variance 1 and Gaussian tails', () => {
    const xs = draw(createRng(321), n, 'normal');
    expect(xs.every(Number.isFinite)).toBe(true);
    const { mean, variance } = moments(xs);
    // sd of the mean: 1/√n ≈ 0.0032; of the variance: √(2/n) ≈ 0.0045
    expect(Math.abs(mean)).toBeLessThan(0.016);
    expect(Math.abs(variance - 1)).toBeLessThan(0.025);
    const third = xs.reduce((s, x) => s + x ** 3, 0) / n;
    const fourth = xs.reduce((s, x) => s + x ** 4, 0) / n;
    expect(Math.abs(third)).toBeLessThan(0.05);
    expect(Math.abs(fourth - 3)).toBeLessThan(0.15);
    const beyond2 = xs.filter((x) => Math.abs(x) > 2).length / n;
    // P(|Z| > 2) = 0.0455
    expect(Math.abs(beyond2 - 0.0455)).toBeLessThan(0.004);
  });
});
