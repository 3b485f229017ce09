import { describe, expect, it } from 'vitest';
import { fallbackNote, isSoftwareRenderer, planBackends } from './ensembleBackends';

describe('planBackends', () => {
  const none = { webgpu: false, webgl: 'none' as const };
  it('auto picks WebGPU, then hardware WebGL, then the fused SIMD engine, tfjs WASM, CPU', () => {
    expect(planBackends('auto', { webgpu: true, webgl: 'hardware' }).order).toEqual([
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
      webgpu: false,
      webgl: 'software',
      renderer: 'ANGLE (SwiftShader Device)',
    });
    expect(r.order).toEqual(['simd', 'wasm', 'cpu']);
    expect(r.notes[0]).toContain('software');
    expect(r.notes[0]).toContain('SwiftShader');
  });

  it('puts an explicit choice first, even one auto would skip, then falls back', () => {
    expect(planBackends('webgl', { webgpu: false, webgl: 'software' }).order).toEqual([
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
