/**
 * Trailing debounce with a maximum wait: while calls keep coming (a dragged slider), `fn` still
 * runs every `maxWaitMs`; the last call always runs.
 */
export function debounce(fn: () => void, waitMs: number, maxWaitMs = Infinity) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstCall: number | null = null;
  const run = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    firstCall = null;
    fn();
  };
  const call = (): void => {
    const now = Date.now();
    firstCall ??= now;
    if (timer !== null) clearTimeout(timer);
    const remaining = Math.max(0, Math.min(waitMs, firstCall + maxWaitMs - now));
    timer = setTimeout(run, remaining);
  };
  call.flush = (): void => {
    if (timer !== null) run();
  };
  call.cancel = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    firstCall = null;
  };
  return call;
}
