// The kernel worker: exposes the plain kernel API (kernelApi.ts, unit-testable in Node) over
// Comlink. Replies own their arrays, so every buffer in them is transferred, not copied.
// Background work pauses through a MessageChannel: unlike setTimeout it is not clamped to 4 ms.
import { expose, transfer } from 'comlink';
import { createKernelApi, type KernelApi } from './kernelApi';
import { transferables } from './transferables';

function messagePause(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

const api = createKernelApi({ pause: messagePause() });

const transferred =
  <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    const reply = await method(...args);
    return transfer(reply, transferables(reply));
  };

const exposed: KernelApi = {
  theory: transferred(api.theory),
  series: transferred(api.series),
  prior: transferred(api.prior),
  at: transferred(api.at),
  kernelRow: transferred(api.kernelRow),
};

expose(exposed);
