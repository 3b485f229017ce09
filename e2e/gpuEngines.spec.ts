// The GPU engines against tfjs CPU, in this Chromium with its software adapters: WebGPU on
// SwiftShader (--enable-unsafe-webgpu, served from localhost) and WebGL on SwiftShader (no
// --disable-gpu), each asked for explicitly (auto skips both as software). Each case drives two of the built app's ensemble workers (the same nets from
// the same seed), one with the GPU backend asked for explicitly and one on tfjs CPU, and holds
// them to the engine tests' bounds (workers/engines/simdEngine.test.ts): initial parameters
// exactly equal, predictions within 2e-5 of their scale, the updates of 5 GD steps within 2e-4
// of the largest update, the NTK at init within 1e-4 of its scale.
// The page talks to the workers in Comlink's wire format by hand: it is the built app's page,
// which does not expose the app's modules.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';
import { expect, test, watchErrors } from './fixtures';

const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';
const STEPS = 5;

/** the built ensemble worker's URL under the site root */
function workerPath(): string {
  const file = readdirSync(join(OUT_DIR, 'assets')).find((f) =>
    /^ensemble\.worker-.*\.js$/.test(f),
  );
  if (!file) throw new Error(`no ensemble worker in ${OUT_DIR}/assets: build first`);
  return `assets/${file}`;
}

interface Side {
  backend: string;
  notes: string[];
  /** per net, every layer's W then b, concatenated */
  params0: number[][];
  params5: number[][];
  outputs0: number[];
  outputs5: number[];
  ntk0: number[];
}

/** In the page: both workers, the same spec, `backend` against tfjs CPU. */
async function compare(page: Page, backend: 'webgpu' | 'webgl'): Promise<[Side, Side]> {
  return page.evaluate(
    async ({ url, backend, steps }) => {
      type Wire = { id?: string; type?: string; value?: unknown };
      const call = (w: Worker, method: string, args: unknown[]): Promise<unknown> =>
        new Promise((resolve, reject) => {
          const id = crypto.randomUUID();
          const on = (ev: MessageEvent<Wire>) => {
            if (ev.data.id !== id) return;
            w.removeEventListener('message', on);
            if (ev.data.type === 'HANDLER') {
              const thrown = ev.data.value as { value: { message?: string } };
              reject(new Error(`${method}: ${thrown.value.message ?? String(thrown.value)}`));
            } else resolve(ev.data.value);
          };
          w.addEventListener('message', on);
          const argumentList = args.map((value) => ({ type: 'RAW', value }));
          w.postMessage({ id, type: 'APPLY', path: [method], argumentList });
        });
      const x = Float64Array.from([-1.7, -0.9, -0.2, 0.4, 1.1, 1.8]);
      const spec = {
        arch: {
          depth: 2,
          width: 24,
          activation: 'erf',
          wStd: 1.5,
          bStd: 0.3,
          bias: true,
          parameterization: 'ntk',
          alpha: 0.2,
          a: -0.4,
          b: 1.3,
        },
        size: 2,
        seed: 5,
        xTrain: x,
        yTrain: Array.from(x, Math.sin),
        xTest: Float64Array.from([-2.2, -0.6, 0.05, 0.7, 2.4]),
        dim: 1,
        lr: 0.1,
      };
      const flat = (p: { w: Float32Array[]; b: Float32Array[] }) =>
        [...p.w, ...p.b].flatMap((a) => Array.from(a));
      const side = async (choice: string) => {
        const w = new Worker(url, { type: 'module' });
        try {
          const init = (await call(w, 'initWith', [spec, choice])) as {
            frame: { outputs: Float32Array };
            backend: { backend: string; notes: string[] };
          };
          const params = async () =>
            Promise.all(
              Array.from({ length: spec.size }, async (_, e) =>
                flat(
                  (await call(w, 'parameters', [e])) as { w: Float32Array[]; b: Float32Array[] },
                ),
              ),
            );
          const params0 = await params();
          const ntk0 = Array.from((await call(w, 'empiricalNtk', ['init'])) as Float64Array);
          const after = (await call(w, 'step', [steps])) as {
            outputs: Float32Array;
            backend?: { backend: string; notes: string[] };
          };
          const report = after.backend ?? init.backend;
          return {
            backend: report.backend,
            notes: report.notes,
            params0,
            params5: await params(),
            outputs0: Array.from(init.frame.outputs),
            outputs5: Array.from(after.outputs),
            ntk0,
          };
        } finally {
          w.terminate();
        }
      };
      const gpu = await side(backend);
      const cpu = await side('cpu');
      return [gpu, cpu] as [typeof gpu, typeof cpu];
    },
    { url: workerPath(), backend, steps: STEPS },
  );
}

const maxAbs = (a: readonly number[]) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const maxDiff = (a: readonly number[], b: readonly number[]) => {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
};

/** the engine tests' bounds between `gpu` and tfjs CPU */
function expectAgreement(gpu: Side, cpu: Side): void {
  expect(cpu.backend).toBe('cpu');
  expect(gpu.params0).toEqual(cpu.params0);
  expect(maxDiff(gpu.outputs0, cpu.outputs0)).toBeLessThanOrEqual(2e-5 * maxAbs(cpu.outputs0));
  expect(maxDiff(gpu.ntk0, cpu.ntk0)).toBeLessThanOrEqual(1e-4 * maxAbs(cpu.ntk0));
  gpu.params5.forEach((p, e) => {
    const dGpu = p.map((v, i) => v - gpu.params0[e]![i]!);
    const dCpu = cpu.params5[e]!.map((v, i) => v - cpu.params0[e]![i]!);
    expect(maxAbs(dCpu)).toBeGreaterThan(1e-4);
    expect(maxDiff(dGpu, dCpu)).toBeLessThanOrEqual(2e-4 * maxAbs(dCpu));
  });
  expect(maxDiff(gpu.outputs5, cpu.outputs5)).toBeLessThanOrEqual(1e-4 * maxAbs(cpu.outputs5));
}

let browser: Browser;

test.beforeAll(async () => {
  const executablePath = chromiumPath();
  browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    // --disable-gpu would hide both software adapters
    args: [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu'],
  });
});

test.afterAll(async () => {
  await browser.close();
});

async function gpuPage(baseURL: string | undefined, errors: string[]): Promise<Page> {
  const page = await browser.newPage();
  watchErrors(page, errors);
  // WebGPU needs a secure context: the preview server on localhost is one
  await page.goto(baseURL ?? '/');
  return page;
}

test('WebGL (SwiftShader) trains the same nets as tfjs CPU', async ({ baseURL, errors }) => {
  const page = await gpuPage(baseURL, errors);
  const [gpu, cpu] = await compare(page, 'webgl');
  expect(gpu.backend).toBe('webgl');
  expect(gpu.notes).toEqual([]);
  expectAgreement(gpu, cpu);
  await page.close();
});

// tfjs WebGPU reads results back synchronously through a canvas, which gives zeros on
// SwiftShader's adapter here (README: Training backends): the worker's read-back check refuses it,
// and the explicit choice falls back, with a note, to the next engine, which must then hold the
// same nets as tfjs CPU.
test('WebGPU (SwiftShader) refuses to start with a note and the fallback trains the same nets', async ({
  baseURL,
  errors,
}) => {
  const page = await gpuPage(baseURL, errors);
  const [gpu, cpu] = await compare(page, 'webgpu');
  expect(gpu.backend).toBe('simd');
  expect(gpu.notes).toEqual([
    'WebGPU could not start (its synchronous read-back of a GPU result is wrong: 0 instead of ' +
      '-97); using fused WASM SIMD instead.',
  ]);
  expectAgreement(gpu, cpu);
  await page.close();
});
