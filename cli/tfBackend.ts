// The tfjs backend the CLI trains on in Node: the WASM backend (several times faster than the
// plain-JS CPU backend) when it starts, else the CPU backend. Both are the same engine code the
// page runs; float32 results agree to rounding.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

let chosen: Promise<string> | null = null;

/** Select the backend once; resolves to its name. */
export function useTfBackend(): Promise<string> {
  chosen ??= (async () => {
    try {
      if (await tf.setBackend('wasm')) return 'wasm';
    } catch {
      // fall through to the CPU backend
    }
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return chosen;
}
