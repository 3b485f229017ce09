// `npm run bench [-- training] [-- --quick] [-- --config E,L,n,N]`: the training benchmark (docs/architecture.md#cli-and-bench). Runs the
// workload of scripts/native_ensemble.py (read its docstring) with the app's own trainer — the
// ensemble worker and its API, engine 'simd' — in headless Chromium: builds bench.html
// (src/bench/main.ts) into build/bench, serves it on 127.0.0.1:4301 (BENCH_PORT; any free port
// if that one is taken), and for each configuration tries 1 and 2 workers (firstNet shards) and
// keeps the faster. With python3 + numpy + scipy it also runs the native script's workload
// and adds native_steps_per_s and ratio = steps_per_s / native_steps_per_s, running each native
// configuration right after the browser's. --repeat=R alternates R rounds of both and keeps each
// side's best (the machine's load moves single runs a lot). --kernel=plain|relaxed picks the SIMD
// kernel build; by default the one the app picks (relaxed where Chromium runs relaxed SIMD).
// --config E,L,n,N (repeatable) runs that workload instead of the default list, on both sides.

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, chromiumPath, isExecutable } from '../scripts/chromium.mjs';
import {
  BENCH_GLOBAL,
  type BenchConfig,
  type BenchPage,
  type BenchResult,
  type Workload,
} from '../src/bench/protocol';
import { relaxedProbe } from '../workers/engines/relaxedSimd';
import type { SimdKernelVariant } from '../workers/engines/simdKernel';

/** (E, L, n, N) of native_ensemble.py's CONFIGS */
export const CONFIGS: Workload[] = [
  [16, 3, 64, 16],
  [16, 3, 256, 16],
  [16, 3, 1024, 16],
  [4, 2, 4096, 16],
];
const WORKER_COUNTS = [1, 2];
const ROOT = resolve(import.meta.dirname, '..');
const OUT_DIR = join(ROOT, 'build', 'bench');

interface NativeRow {
  E: number;
  L: number;
  n: number;
  N: number;
  steps_per_s: number;
}

/** whether python3 with numpy and scipy can run the native baseline */
function nativeAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import numpy, scipy'], { stdio: 'ignore' }).status === 0;
}

/**
 * One configuration of the native baseline: native_ensemble.run(E, L, n, seconds), imported from
 * scripts/, so it runs right beside the browser's run of the same configuration (the machine's
 * load drifts; running all native configurations first would compare different loads).
 */
function runNative([E, L, n, N]: Workload, seconds: number): NativeRow {
  const code = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(join(ROOT, 'scripts'))})`,
    'import native_ensemble as m',
    `print(json.dumps(m.run(${E}, ${L}, ${n}, ${seconds}, ${N})))`,
  ].join('\n');
  const run = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`native_ensemble.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as NativeRow;
}

async function buildPage(): Promise<void> {
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      sourcemap: false,
      rollupOptions: { input: { bench: join(ROOT, 'bench.html') } },
    },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** a static server for OUT_DIR on `port`, or on a free port if it is taken */
function serve(port: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
    const file = join(OUT_DIR, path === '/' ? 'bench.html' : path);
    if (!file.startsWith(OUT_DIR) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  const listen = (p: number) =>
    new Promise<number>((ok, fail) => {
      server.once('error', fail);
      server.listen(p, '127.0.0.1', () => {
        const address = server.address();
        ok(typeof address === 'object' && address ? address.port : p);
      });
    });
  return listen(port)
    .catch(() => listen(0))
    .then((p) => ({ server, port: p }));
}

function executableChromium(): string {
  const found = chromiumPath();
  if (!found || !isExecutable(found)) throw new Error('no Chromium found: set CHROMIUM_PATH');
  return found;
}

export interface TrainingBenchOptions {
  /** ≥ 1 s per configuration instead of ≥ 4 s */
  quick: boolean;
  /** rounds per configuration (browser, then native); each side keeps its best (default 1) */
  repeat?: number;
  /** the SIMD kernel build (default: relaxed where the page's Chromium runs relaxed SIMD) */
  kernel?: SimdKernelVariant;
  /** the workloads to run (default CONFIGS) */
  configs?: Workload[];
}

export async function benchTraining(
  write: (line: string) => void,
  { quick, repeat = 1, kernel: asked, configs = CONFIGS }: TrainingBenchOptions,
): Promise<void> {
  const seconds = quick ? 1 : 4;
  const native = nativeAvailable();
  if (!native) process.stderr.write('bench: python3 with numpy and scipy not found: no ratio\n');
  await buildPage();
  const { server, port } = await serve(Number(process.env.BENCH_PORT ?? 4301));
  const browser = await chromium.launch({
    executablePath: executableChromium(),
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => process.stderr.write(`bench page: ${e.message}\n`));
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction((g) => g in window, BENCH_GLOBAL);
    const relaxed = await page.evaluate(
      (bytes) => WebAssembly.validate(new Uint8Array(bytes)),
      Array.from(relaxedProbe()),
    );
    if (asked === 'relaxed' && !relaxed) throw new Error('this Chromium has no relaxed SIMD');
    const kernel = asked ?? (relaxed ? 'relaxed' : 'plain');
    for (const workload of configs) {
      const [E, L, n, N] = workload;
      const runs: BenchResult[] = [];
      let base: NativeRow | undefined;
      // the machine's load drifts: alternate browser and native, keep each side's best round
      for (let round = 0; round < repeat; round++) {
        for (const workers of WORKER_COUNTS) {
          const config: BenchConfig = { E, L, n, N, seconds, workers, engine: 'simd', kernel };
          runs.push(
            await page.evaluate(
              ({ g, c }) => (window as unknown as Record<string, BenchPage>)[g]!.run(c),
              { g: BENCH_GLOBAL, c: config },
            ),
          );
        }
        const row = native ? runNative(workload, seconds) : undefined;
        if (row && (!base || row.steps_per_s > base.steps_per_s)) base = row;
      }
      const best = runs.reduce((a, b) => (b.steps_per_s > a.steps_per_s ? b : a));
      const byWorkers: Record<number, number> = {};
      for (const r of runs)
        byWorkers[r.workers] = Math.max(byWorkers[r.workers] ?? 0, r.steps_per_s);
      const ratio = base
        ? Math.round((best.steps_per_s / base.steps_per_s) * 100) / 100
        : undefined;
      write(
        JSON.stringify({
          ...best,
          steps_per_s_by_workers: byWorkers,
          repeat,
          ...(base ? { native_steps_per_s: base.steps_per_s, ratio } : {}),
        }),
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
}
