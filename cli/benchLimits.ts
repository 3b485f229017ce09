// `npm run bench -- limits`: this machine's limits for the training bench, measured in headless
// Chromium with the micro-kernels of wasm/assembly/limits.ts (built by scripts/build-wasm.mjs):
//   peak     f32x4 multiply-add throughput (12 independent chains), plain and relaxed (FMA)
//   triad    a = b + s·c streamed over 3 arrays whose total is ~48 kB, 768 kB, 12 MB and 384 MB
//            (L1, L2, L3, DRAM on a typical x86 core): bytes counted as STREAM does (12 per float)
//   update   a −= s·b in place (the GD update's access pattern), same float counts (two arrays)
// each in 1 and 2 concurrent workers (rates summed), best of 9 timed runs of ≥ 0.1 s. Then one
// line per training configuration with its flops and bytes per step (cli/trainingCost.ts).

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, isExecutable } from '../scripts/chromium.mjs';
import { CONFIGS } from './benchTraining';
import { stepCost } from './trainingCost';

const ROOT = resolve(import.meta.dirname, '..');
const N = 16;
const THREADS = [1, 2];
/** floats per array: 3 arrays of 4 kB, 64 kB, 1 MB, 32 MB */
const SIZES = [1024, 16384, 262144, 8388608];

interface Task {
  kind: 'peak' | 'triad' | 'update';
  floats: number;
}

/**
 * The worker: instantiates the micro-kernels and times one task, doubling the repetitions until
 * a run takes ≥ 0.1 s, then keeps the best of 9 such runs (the
 * machine may be shared: the best run is the one least disturbed). Plain JS in a string: it runs from a
 * Blob URL, outside any bundler.
 */
const WORKER = `
onmessage = async ({ data }) => {
  const { bytes, kind, floats } = data;
  const { instance } = await WebAssembly.instantiate(new Uint8Array(bytes), {});
  const k = instance.exports;
  const base = k.reserve(3 * 4 * floats + 64);
  const a = base, b = base + 4 * floats, c = base + 8 * floats;
  new Float32Array(k.memory.buffer, base, 3 * floats).fill(1);
  const once = (reps) =>
    kind === 'peak' ? k.peak(reps, 1e-6)
    : kind === 'triad' ? k.triad(a, b, c, floats, reps, 0.5)
    : k.update(a, b, floats, reps, 1e-9);
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    once(reps);
    if (performance.now() - t0 >= 100) break;
    reps *= 2;
  }
  let best = Infinity;
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    once(reps);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  // peak: 12 chains × 4 lanes × 2 flops per round; triad: 3 streams; update: 2 reads, 1 write
  const work = kind === 'peak' ? 96 * reps : 12 * floats * reps;
  postMessage(work / best);
};
`;

interface PageTask extends Task {
  bytes: number[];
  threads: number;
  worker: string;
}

/** in the page: the task in `threads` concurrent workers, rates summed */
async function runInPage(t: PageTask): Promise<number> {
  const url = URL.createObjectURL(new Blob([t.worker], { type: 'text/javascript' }));
  const rates = await Promise.all(
    Array.from(
      { length: t.threads },
      () =>
        new Promise<number>((ok, fail) => {
          const w = new Worker(url);
          w.onmessage = (e: MessageEvent<number>) => {
            w.terminate();
            ok(e.data);
          };
          w.onerror = (e) => fail(new Error(e.message));
          w.postMessage({ bytes: t.bytes, kind: t.kind, floats: t.floats });
        }),
    ),
  );
  return rates.reduce((s, r) => s + r, 0);
}

export async function benchLimits(write: (line: string) => void): Promise<void> {
  const found = chromiumPath();
  if (!found || !isExecutable(found)) throw new Error('no Chromium found: set CHROMIUM_PATH');
  const read = (file: string) => Array.from(readFileSync(join(ROOT, 'wasm', 'build', file)));
  const binaries = { plain: read('limits.wasm'), relaxed: read('limits-relaxed.wasm') };
  const browser = await chromium.launch({ executablePath: found, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    await page.setContent('<p>limits</p>');
    const run = (task: Task, threads: number, bytes: number[]) =>
      page.evaluate(runInPage, { ...task, threads, bytes, worker: WORKER });
    for (const threads of THREADS) {
      for (const [kernel, bytes] of Object.entries(binaries)) {
        const flops = await run({ kind: 'peak', floats: 16 }, threads, bytes);
        write(JSON.stringify({ limit: 'peak', kernel, threads, gflops: round(flops / 1e9) }));
      }
      for (const kind of ['triad', 'update'] as const)
        for (const floats of SIZES) {
          const rate = await run({ kind, floats }, threads, binaries.plain);
          const kb = ((kind === 'triad' ? 12 : 8) * floats) / 1024;
          write(JSON.stringify({ limit: kind, kb, threads, gbps: round(rate / 1e9) }));
        }
    }
  } finally {
    await browser.close();
  }
  for (const [E, L, n] of CONFIGS) {
    const c = stepCost(E, L, n, N);
    write(
      JSON.stringify({
        E,
        L,
        n,
        N,
        gflop_per_step: round(c.flops / 1e9),
        gb_per_step: round(c.bytes / 1e9),
        flops_per_byte: round(c.flops / c.bytes),
        net_kb: Math.round(c.netBytes / 1024),
      }),
    );
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
