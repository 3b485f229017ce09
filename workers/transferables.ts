// The buffers a worker reply can hand over instead of copying: every ArrayBuffer behind a typed
// array found in plain objects and arrays, each once (a transfer list must not repeat one).
// Only safe for replies that own their arrays (see kernelApi.ts): a transferred buffer is
// detached on the sending side.

export function transferables(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.buffer.byteLength > 0) found.add(v.buffer);
      return;
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) visit(child);
  };
  visit(value);
  return [...found];
}
