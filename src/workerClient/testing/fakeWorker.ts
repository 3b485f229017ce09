// A stand-in for a started worker in the worker-client tests (tests only). Every API call is
// recorded and stays pending until the test settles it, so a test can hold a worker "busy" at
// any point; terminate() and crash reports are observable as on a real endpoint.

import type { WorkerEndpoint } from '../workerSlot';

/** one call the client made on the fake worker */
export interface FakeCall<M extends string = string> {
  method: M;
  /** the arguments as the client passed them */
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** the test already resolved or rejected it */
  settled: boolean;
}

export class FakeWorker<Api extends object> {
  /** every call, oldest first; settled calls stay, so a late reply can still be sent */
  readonly calls: FakeCall<keyof Api & string>[] = [];
  terminated = false;
  crash: ((message: string) => void) | null = null;

  /** `defaultReply`: what `reply` sends when the test gives no value */
  constructor(
    private readonly defaultReply: (call: FakeCall<keyof Api & string>) => unknown = () =>
      undefined,
  ) {}

  endpoint(): WorkerEndpoint & { api: Api } {
    const record =
      (method: keyof Api & string) =>
      (...args: unknown[]): Promise<unknown> =>
        new Promise((resolve, reject) => {
          const call: FakeCall<keyof Api & string> = {
            method,
            args,
            settled: false,
            resolve: (value) => {
              call.settled = true;
              resolve(value);
            },
            reject: (error) => {
              call.settled = true;
              reject(error);
            },
          };
          this.calls.push(call);
        });
    // every method name the client asks for is a recorder: the API's shape is the type's alone
    const api = new Proxy(
      {},
      {
        get: (_, name) =>
          typeof name === 'string' ? record(name as keyof Api & string) : undefined,
      },
    );
    return {
      // A Comlink Remote also has proxy-only members ([createEndpoint], [releaseProxy]) that the
      // clients never touch, so the recorder stands in for the whole API type.
      api: api as unknown as Api,
      terminate: () => {
        this.terminated = true;
      },
      onCrash: (listener) => {
        this.crash = listener;
      },
    };
  }

  /** the calls not settled yet, oldest first */
  pending(): FakeCall<keyof Api & string>[] {
    return this.calls.filter((c) => !c.settled);
  }

  /** the newest call */
  last(): FakeCall<keyof Api & string> {
    const call = this.calls.at(-1);
    if (!call) throw new Error('no call');
    return call;
  }

  /** Resolve the oldest pending call of `method` (with `defaultReply` unless `value` is given). */
  reply(method: keyof Api & string, value?: unknown): FakeCall<keyof Api & string> {
    const call = this.pending().find((c) => c.method === method);
    if (!call) throw new Error(`no pending ${method}`);
    call.resolve(value ?? this.defaultReply(call));
    return call;
  }
}
