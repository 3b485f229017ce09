// Loads one tfjs backend in the ensemble worker, on demand: each backend's code is a dynamic
// import, so the worker only fetches the one that runs. The WASM backend's binaries are emitted
// by Vite (`?url`), so they load from the built site under any sub-path; threads are off (the
// page is not cross-origin isolated), so the SIMD build without threads is used.

import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { errorMessage } from '../src/core/errorMessage';
import type { BackendId } from '../src/params/schema';
import type { EngineKind } from './engines/engine';
import type { BackendReport, DeviceProbe, RunningBackend } from './ensembleBackends';
import {
  classifyAdapter,
  engineFor,
  fallbackNote,
  isSoftwareRenderer,
  planBackends,
  type AdapterLike,
} from './ensembleBackends';

/** the tfjs backend name behind each choice ('simd' keeps tfjs on the CPU for its bookkeeping) */
const TF_NAME: Readonly<Record<RunningBackend, string>> = {
  webgpu: 'webgpu',
  webgl: 'webgl',
  simd: 'cpu',
  wasm: 'wasm',
  cpu: 'cpu',
};

async function register(backend: RunningBackend): Promise<void> {
  switch (backend) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      });
      return;
    }
    case 'simd':
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

/**
 * The engines read every result back synchronously (dataSync). A GPU backend can get that wrong
 * without throwing: tfjs WebGPU reads back through a canvas, and on SwiftShader's WebGPU adapter
 * in headless Chromium that canvas gives zeros. So a GPU backend must first read back a sum it
 * computed on the GPU (4096 values: above tfjs's size for handing small ops to the CPU).
 */
function checkReadback(): void {
  const x = Float32Array.from({ length: 4096 }, (_, i) => (i % 97) - 48.5);
  const sum = tf.tidy(() => {
    const t = tf.tensor1d(x);
    return tf.add(t, t);
  });
  const got = sum.dataSync();
  sum.dispose();
  const bad = x.findIndex((v, i) => got[i] !== 2 * v);
  if (bad >= 0)
    throw new Error(
      `its synchronous read-back of a GPU result is wrong: ${got[bad]} instead of ${2 * x[bad]!}`,
    );
}

/** Make `backend` tfjs's active backend; throws with a plain reason when it cannot start. */
export async function activateBackend(backend: RunningBackend): Promise<void> {
  const name = TF_NAME[backend];
  if (tf.getBackend() === name) return;
  await register(backend);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs could not initialise the ${name} backend`);
  await tf.ready();
  if (backend === 'webgpu' || backend === 'webgl') checkReadback();
}

function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info
      ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL))
      : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

async function webGpuAdapter(): Promise<Pick<DeviceProbe, 'webgpu' | 'adapter'>> {
  const gpu = (navigator as { gpu?: GpuLike }).gpu;
  if (!gpu) return { webgpu: 'none' };
  try {
    return classifyAdapter(await gpu.requestAdapter());
  } catch {
    return { webgpu: 'none' };
  }
}

let probed: Promise<DeviceProbe> | null = null;

/** What this device offers (asked once per worker). */
export function probeDevice(): Promise<DeviceProbe> {
  probed ??= (async () => {
    const gpu = await webGpuAdapter();
    const renderer = webglRenderer();
    if (renderer === null) return { ...gpu, webgl: 'none' };
    return { ...gpu, webgl: isSoftwareRenderer(renderer) ? 'software' : 'hardware', renderer };
  })();
  return probed;
}

/**
 * Run `start` on the best backend of `choice` that starts (planBackends' order): activate the
 * backend, call `start(engine)`; if either throws, note why and try the next one. Resolves to
 * start's value, the report of what runs and the backends left after it (to fall back to
 * mid-run); rejects, naming every failure, when none starts.
 * `beforeEach` runs before every attempt (e.g. to free tensors held on the previous backend).
 */
export async function startOnBackend<T>(
  choice: BackendId,
  start: (engine: EngineKind) => T,
  beforeEach: () => void = () => {},
): Promise<{ value: T; backend: BackendReport; rest: RunningBackend[] }> {
  const { order, notes } = planBackends(choice, await probeDevice());
  for (let i = 0; i < order.length; i++) {
    const backend = order[i]!;
    const engine = engineFor(backend);
    try {
      beforeEach();
      await activateBackend(backend);
      const value = start(engine);
      return { value, backend: { choice, backend, engine, notes }, rest: order.slice(i + 1) };
    } catch (error) {
      notes.push(fallbackNote(backend, errorMessage(error), order[i + 1]));
    }
  }
  throw new Error(`no training backend could start. ${notes.join(' ')}`);
}
