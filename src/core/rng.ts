// Seeded, splittable random numbers. Every random draw in the app takes an Rng, so the same seed
// gives the same datasets, prior samples and (later) network initialisations everywhere.
// Generator: SplitMix64 on BigInt-free 32-bit halves is awkward, so we use xoshiro128** seeded by
// SplitMix32; `split(label)` derives an independent child stream from the parent seed and a label.

export interface Rng {
  /** uniform in [0, 1) with 32 random bits */
  uniform(): number;
  /** standard normal N(0, 1) (Box–Muller, no cached spare: draws stay reproducible per call) */
  normal(): number;
  /** an independent stream named by `label`; the parent's own sequence is unaffected */
  split(label: string | number): Rng;
  readonly seed: number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a label, mixed with the parent seed */
function hashLabel(seed: number, label: string | number): number {
  const text = `${seed}:${label}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const seed32 = Math.floor(Math.abs(seed)) >>> 0;
  const init = splitmix32(seed32);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  if ((a | b | c | d) === 0) a = 1;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = (): number => next() / 4294967296;
  return {
    seed: seed32,
    uniform,
    normal() {
      // 1 − u keeps the log argument in (0, 1]
      const u1 = 1 - uniform();
      const u2 = uniform();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    split(label) {
      return createRng(hashLabel(seed32, label));
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
