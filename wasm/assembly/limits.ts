// Micro-kernels for `npm run bench -- limits` (cli/benchLimits.ts): this machine's streaming
// bandwidth and peak f32x4 multiply-add rate, measured in the same engine as the trainer
// (wasm/assembly/kernel.ts), so the training bench can say which bound each configuration sits
// at. Built in memory by the bench, with and without relaxed SIMD (ASC_FEATURE_RELAXED_SIMD).

/** grow memory to hold `bytes` from the heap base; returns that base (16-aligned) */
export function reserve(bytes: i32): usize {
  const base = (__heap_base + 15) & ~15;
  const need = <i32>((base + <usize>bytes + 0xffff) >> 16);
  if (need > memory.size()) memory.grow(need - memory.size());
  return base;
}

/** `reps` times a[i] = b[i] + s·c[i] over n floats (n a multiple of 16): 3 streams of 4n bytes */
export function triad(a: usize, b: usize, c: usize, n: i32, reps: i32, s: f32): f32 {
  const sv = f32x4.splat(s);
  const end = (<usize>n) << 2;
  for (let r = 0; r < reps; r++) {
    for (let o: usize = 0; o < end; o += 64) {
      v128.store(a + o, f32x4.add(v128.load(b + o), f32x4.mul(sv, v128.load(c + o))));
      v128.store(a + o, f32x4.add(v128.load(b + o, 16), f32x4.mul(sv, v128.load(c + o, 16))), 16);
      v128.store(a + o, f32x4.add(v128.load(b + o, 32), f32x4.mul(sv, v128.load(c + o, 32))), 32);
      v128.store(a + o, f32x4.add(v128.load(b + o, 48), f32x4.mul(sv, v128.load(c + o, 48))), 48);
    }
  }
  // a value that depends on every pass, so no pass can be dropped
  return load<f32>(a) + load<f32>(a + end - 4);
}

/** `reps` times a read-modify-write a[i] −= s·b[i] over n floats: the shape of the GD update */
export function update(a: usize, b: usize, n: i32, reps: i32, s: f32): f32 {
  const sv = f32x4.splat(s);
  const end = (<usize>n) << 2;
  for (let r = 0; r < reps; r++) {
    for (let o: usize = 0; o < end; o += 32) {
      v128.store(a + o, f32x4.sub(v128.load(a + o), f32x4.mul(sv, v128.load(b + o))));
      v128.store(a + o, f32x4.sub(v128.load(a + o, 16), f32x4.mul(sv, v128.load(b + o, 16))), 16);
    }
  }
  return load<f32>(a) + load<f32>(a + end - 4);
}

function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/**
 * `iters` rounds of 12 independent f32x4 multiply-adds (the trainer's 4×8 register blocks hold
 * 8 accumulators; 12 covers the FMA latency × throughput of current x86 cores): 96 flops per
 * round counting a multiply-add as 2.
 */
export function peak(iters: i32, x: f32): f32 {
  const m = f32x4.splat(0.999999);
  const k = f32x4.splat(x);
  let c0 = f32x4.splat(1);
  let c1 = f32x4.splat(2);
  let c2 = f32x4.splat(3);
  let c3 = f32x4.splat(4);
  let c4 = f32x4.splat(5);
  let c5 = f32x4.splat(6);
  let c6 = f32x4.splat(7);
  let c7 = f32x4.splat(8);
  let c8 = f32x4.splat(9);
  let c9 = f32x4.splat(10);
  let c10 = f32x4.splat(11);
  let c11 = f32x4.splat(12);
  for (let i = 0; i < iters; i++) {
    c0 = madd(c0, m, k);
    c1 = madd(c1, m, k);
    c2 = madd(c2, m, k);
    c3 = madd(c3, m, k);
    c4 = madd(c4, m, k);
    c5 = madd(c5, m, k);
    c6 = madd(c6, m, k);
    c7 = madd(c7, m, k);
    c8 = madd(c8, m, k);
    c9 = madd(c9, m, k);
    c10 = madd(c10, m, k);
    c11 = madd(c11, m, k);
  }
  const s = f32x4.add(
    f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)),
    f32x4.add(
      f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7)),
      f32x4.add(f32x4.add(c8, c9), f32x4.add(c10, c11)),
    ),
  );
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 3);
}
