// The kernel worker: exposes the plain kernel API object over Comlink. All logic lives in
// kernelApi.ts so it stays unit-testable in Node.
import { expose } from 'comlink';
import { kernelApi } from './kernelApi';

expose(kernelApi);
