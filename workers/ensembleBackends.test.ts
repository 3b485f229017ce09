import { describe, expect, it } from 'vitest';
import {
  classifyAdapter,
  fallbackNote,
  isSoftwareRenderer,
  planBackends,
} from './ensembleBackends';

describe('planBackends', () => {
  const none = { webgpu: 'none' as const, webgl: 'none' as const };
  it('auto picks WebGPU, then hardware WebGL, then the fused SIMD engine, tfjs WASM, CPU', () => {
    expect(planBackends('auto', { webgpu: 'hardware', webgl: 'hardware' }).order).toEqual([
      'webgpu',
      'webgl',
      'simd',
      'wasm',
      'cpu',
    ]);
    expect(planBackends('auto', none).order).toEqual(['simd', 'wasm', 'cpu']);
  });

  it('auto skips software WebGL and says why', () => {
    const r = planBackends('auto', {
      webgpu: 'none',
      webgl: 'software',
      renderer: 'ANGLE (SwiftShader Device)',
    });
    expect(r.order).toEqual(['simd', 'wasm', 'cpu']);
    expect(r.notes[0]).toContain('software');
    expect(r.notes[0]).toContain('SwiftShader');
  });

  it('auto skips a software WebGPU adapter and says why', () => {
    // what headless Chromium 156 reports with --enable-unsafe-webgpu and no GPU
    const probe = classifyAdapter({
      info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
    });
    expect(probe).toEqual({ webgpu: 'software', adapter: 'google swiftshader' });
    const r = planBackends('auto', { ...probe, webgl: 'hardware', renderer: 'ANGLE (NVIDIA)' });
    expect(r.order).toEqual(['webgl', 'simd', 'wasm', 'cpu']);
    expect(r.notes).toEqual([
      'WebGPU runs on a software adapter here (google swiftshader), which is slower than WASM: skipped.',
    ]);
    // an explicit WebGPU choice still tries it first
    expect(planBackends('webgpu', { ...probe, webgl: 'none' }).order[0]).toBe('webgpu');
  });

  it('classifies WebGPU adapters by their fallback flag and their names', () => {
    expect(classifyAdapter(null)).toEqual({ webgpu: 'none' });
    expect(classifyAdapter({ isFallbackAdapter: true }).webgpu).toBe('software');
    expect(classifyAdapter({ info: { description: 'SwiftShader Device (Subzero)' } }).webgpu).toBe(
      'software',
    );
    expect(classifyAdapter({ info: { vendor: 'nvidia', architecture: 'ampere' } })).toEqual({
      webgpu: 'hardware',
      adapter: 'nvidia ampere',
    });
  });

  it('puts an explicit choice first, even one auto would skip, then falls back', () => {
    expect(planBackends('webgl', { webgpu: 'none', webgl: 'software' }).order).toEqual([
      'webgl',
      'simd',
      'wasm',
      'cpu',
    ]);
    expect(planBackends('cpu', none).order).toEqual(['cpu', 'simd', 'wasm']);
    expect(planBackends('webgpu', none).notes).toEqual([]);
  });

  it('recognises software renderers', () => {
    expect(isSoftwareRenderer('Google SwiftShader')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.7, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA GeForce RTX 3060)')).toBe(false);
  });

  it('writes a fallback in plain words', () => {
    expect(fallbackNote('simd', 'engine simd is not available', 'wasm')).toBe(
      'fused WASM SIMD could not start (engine simd is not available); using tfjs WASM instead.',
    );
  });
});
