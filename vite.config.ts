import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { relaxedSimdAvailable } from './workers/engines/relaxedSimd.ts';

// `base: './'` makes the built site work from any host and any sub-path;
// BASE_PATH overrides it when a host needs an absolute base.
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [react()],
  worker: { format: 'es' },
  // worker-only packages: pre-bundled up front so the dev server does not reload mid-session
  optimizeDeps: {
    include: [
      'comlink',
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
    ],
  },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: [
      'src/**/*.test.ts',
      'workers/**/*.test.ts',
      'cli/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // Node 20 runs relaxed SIMD only behind this flag; the relaxed kernel's tests need it
    execArgv: relaxedSimdAvailable() ? [] : ['--experimental-wasm-relaxed-simd'],
    testTimeout: 60_000,
  },
});
