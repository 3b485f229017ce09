// Which training backend runs the ensemble (docs/architecture.md#training-backends): the user's choice, or for 'auto' the
// fastest this device offers — WebGPU when a hardware adapter exists, WebGL when it is hardware
// accelerated (a software adapter or renderer such as SwiftShader or llvmpipe is slower than
// WASM), then the app's fused WASM SIMD engine, tfjs WASM, and plain-JS CPU. A backend that fails to start
// hands over to the next in line, and every skip or fallback is said in plain words.
// Pure planning, unit-testable; the dynamic imports that load a backend are in backendLoader.ts.

import type { BackendId } from '../src/params/schema';
import type { EngineKind } from './engines/engine';
import type { EnsembleFrame } from './ensembleApi';

/** a backend that actually runs ('auto' resolved) */
export type RunningBackend = Exclude<BackendId, 'auto'>;

export const BACKEND_LABELS: Readonly<Record<RunningBackend, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  simd: 'fused WASM SIMD',
  wasm: 'tfjs WASM',
  cpu: 'tfjs CPU',
};

/** what the device offers, as probed in the worker */
export interface DeviceProbe {
  /**
   * navigator.gpu's adapter: 'hardware', 'software' (a fallback adapter, or SwiftShader) or
   * 'none'
   */
  webgpu: 'hardware' | 'software' | 'none';
  /** how the WebGPU adapter describes itself (vendor, architecture, …), when there is one */
  adapter?: string;
  /** the WebGL renderer: 'hardware', 'software' (SwiftShader, llvmpipe, …) or 'none' */
  webgl: 'hardware' | 'software' | 'none';
  /** the unmasked renderer string, when WebGL exists */
  renderer?: string;
}

/** what runs, and why it is not what was asked for (empty when it is) */
export interface BackendReport {
  choice: BackendId;
  backend: RunningBackend;
  engine: EngineKind;
  notes: string[];
}

export interface InitReply {
  frame: EnsembleFrame;
  backend: BackendReport;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/** the parts of GPUAdapter and GPUAdapterInfo the probe reads (no WebGPU types in this project) */
export interface AdapterLike {
  /** older Chromium flags a fallback adapter here; Chromium 156 on `info` */
  isFallbackAdapter?: boolean;
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}

/** What the WebGPU adapter is, from its flags and how it names itself. */
export function classifyAdapter(
  adapter: AdapterLike | null | undefined,
): Pick<DeviceProbe, 'webgpu' | 'adapter'> {
  if (!adapter) return { webgpu: 'none' };
  const info = adapter.info ?? {};
  const words = [info.vendor, info.architecture, info.device, info.description]
    .filter((w): w is string => !!w)
    .join(' ');
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
  const software = fallback || isSoftwareRenderer(words);
  return { webgpu: software ? 'software' : 'hardware', ...(words ? { adapter: words } : {}) };
}

/** the CPU-side chain every plan ends with */
const CPU_CHAIN: readonly RunningBackend[] = ['simd', 'wasm', 'cpu'];

/**
 * The backends to try, best first, and the notes explaining what 'auto' skipped. An explicit
 * choice comes first whatever the probe says (the user may know better), then the auto chain.
 */
export function planBackends(
  choice: BackendId,
  probe: DeviceProbe,
): { order: RunningBackend[]; notes: string[] } {
  const notes: string[] = [];
  const auto: RunningBackend[] = [];
  if (probe.webgpu === 'hardware') auto.push('webgpu');
  if (probe.webgl === 'hardware') auto.push('webgl');
  auto.push(...CPU_CHAIN);
  if (choice === 'auto') {
    if (probe.webgpu === 'software') {
      const what = probe.adapter ? ` (${probe.adapter})` : '';
      notes.push(
        `WebGPU runs on a software adapter here${what}, which is slower than WASM: skipped.`,
      );
    }
    if (probe.webgl === 'software') {
      const what = probe.renderer ? ` (${probe.renderer})` : '';
      notes.push(`WebGL renders in software here${what}, which is slower than WASM: skipped.`);
    }
    return { order: auto, notes };
  }
  return { order: [choice, ...auto.filter((b) => b !== choice)], notes };
}

/** the engine that trains on `backend`: the fused SIMD kernel, or TfjsNet on that tfjs backend */
export function engineFor(backend: RunningBackend): EngineKind {
  return backend === 'simd' ? 'simd' : 'tfjs';
}

/** one sentence for a backend that could not start */
export function fallbackNote(
  failed: RunningBackend,
  reason: string,
  next?: RunningBackend,
): string {
  const then = next ? `; using ${BACKEND_LABELS[next]} instead` : '';
  return `${BACKEND_LABELS[failed]} could not start (${reason})${then}.`;
}
