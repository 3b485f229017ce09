// The drift-sweep worker: exposes the plain sweep API (driftSweep.ts, unit-testable in Node) over
// Comlink. Replies are small plain objects (per-width numbers), so they are copied.
// tfjs picks the best registered backend; only the CPU backend is registered here.
import '@tensorflow/tfjs-backend-cpu';
import { expose } from 'comlink';
import { createDriftApi } from './driftSweep';

expose(createDriftApi());
