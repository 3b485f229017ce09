import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decode, encode } from '../params/url';
import { createAppStore } from './appState';
import { startUrlSync } from './urlSync';
import type { UrlHost } from './urlSync';

class FakeHost implements UrlHost {
  location = { search: '', hash: '', pathname: '/app/' };
  replaced: string[] = [];
  private listeners: (() => void)[] = [];
  history = {
    replaceState: (_data: unknown, _unused: string, url?: string) => {
      if (url === undefined) return;
      this.replaced.push(url);
      const q = url.indexOf('?');
      this.location.search = q >= 0 ? url.slice(q) : '';
    },
  };
  addEventListener(_type: 'popstate', listener: () => void) {
    this.listeners.push(listener);
  }
  removeEventListener(_type: 'popstate', listener: () => void) {
    this.listeners = this.listeners.filter((l) => l !== listener);
  }
  /** the browser moved to another history entry */
  pop(search: string) {
    this.location.search = search;
    for (const l of this.listeners) l();
  }
}

describe('startUrlSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads parameters and repairs from the link', () => {
    const host = new FakeHost();
    host.location.search = '?v=1&depth=3&width=999999';
    const store = createAppStore();
    startUrlSync(store, host, 100);
    expect(store.getState().params.depth).toBe(3);
    expect(store.getState().params.width).toBe(8192);
    expect(store.getState().repairs.map((r) => r.reason)).toEqual(['above-max']);
    expect(host.replaced).toEqual([]);
  });

  it('writes one replaceState after a burst of changes', () => {
    const host = new FakeHost();
    const store = createAppStore();
    startUrlSync(store, host, 100);
    for (const d of [2, 3, 4, 5]) {
      store.getState().setParam('depth', d);
      vi.advanceTimersByTime(30);
    }
    expect(host.replaced).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(host.replaced).toHaveLength(1);
    expect(host.replaced[0]).toBe(`/app/?${encode(store.getState().params)}`);
    expect(decode(host.location.search).params.depth).toBe(5);
  });

  it('back/forward loads that entry without writing it back', () => {
    const host = new FakeHost();
    const store = createAppStore();
    startUrlSync(store, host, 100);
    host.pop('?v=1&depth=6');
    expect(store.getState().params.depth).toBe(6);
    vi.advanceTimersByTime(500);
    expect(host.replaced).toEqual([]);
  });

  it('stop flushes a pending write and detaches', () => {
    const host = new FakeHost();
    const store = createAppStore();
    const stop = startUrlSync(store, host, 100);
    store.getState().setParam('depth', 7);
    stop();
    expect(host.replaced).toHaveLength(1);
    host.pop('?v=1&depth=1');
    expect(store.getState().params.depth).toBe(7);
  });
});
