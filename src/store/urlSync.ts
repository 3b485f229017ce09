// The link is the experiment: on load the query is decoded (repairs shown), every change is
// written back with history.replaceState after a quiet moment (never one history entry per
// slider move), and back/forward (popstate) loads the parameters of that entry.

import { sameValue, PARAM_KEYS } from '../params/schema';
import type { Params } from '../params/schema';
import { decode, encode } from '../params/url';
import type { AppStore } from './appState';
import { debounce } from './debounce';

/** the parts of `window` URL sync uses (a fake in tests) */
export interface UrlHost {
  location: { search: string; hash: string; pathname: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

export const URL_WRITE_DELAY_MS = 300;

function sameParams(a: Params, b: Params): boolean {
  return PARAM_KEYS.every((k) => sameValue(a[k], b[k]));
}

/** path + '?' + query (+ hash); no '?' when the query is empty */
export function urlFor(host: UrlHost, query: string): string {
  const { pathname, hash } = host.location;
  return `${pathname}${query ? `?${query}` : ''}${hash}`;
}

/** Load params from the current URL, then keep the URL in step. Returns a stop function. */
export function startUrlSync(
  store: AppStore,
  host: UrlHost,
  delayMs = URL_WRITE_DELAY_MS,
): () => void {
  const load = (): void => {
    const { params, repairs } = decode(host.location.search);
    if (sameParams(params, store.getState().params) && repairs.length === 0) return;
    store.getState().loadParams(params, repairs);
  };
  load();

  const write = debounce(() => {
    const query = encode(store.getState().params);
    const current = host.location.search.replace(/^\?/, '');
    if (query !== current) host.history.replaceState(null, '', urlFor(host, query));
  }, delayMs);

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.params !== prev.params) write();
  });
  const onPopState = (): void => {
    write.cancel();
    load();
  };
  host.addEventListener('popstate', onPopState);
  return () => {
    write.flush();
    unsubscribe();
    host.removeEventListener('popstate', onPopState);
  };
}

/** The link to the current experiment (Copy link, Export JSON). */
export function shareLink(params: Params, origin: string, pathname: string): string {
  const query = encode(params);
  return `${origin}${pathname}${query ? `?${query}` : ''}`;
}
