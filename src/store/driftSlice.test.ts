// A finished drift sweep stays in Export JSON until one of its inputs changes; its inputs are
// exactly what the sweep's spec reads from the parameters (driftSpecOf).

import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_PARAMS,
  DRIFT_INPUT_KEYS,
  PARAM_KEYS,
  SCHEMA,
  type ParamDef,
  type Params,
} from '../params/schema';
import { otherValue, WHERE_RELEVANT } from '../params/testing/variants';
import { driftSpecOf } from '../workerClient/driftSpec';
import { FAKE_DRIFT_EXPORT as EXPORT, fakeDriftProgress } from '../workerClient/testing/fakeDrift';
import { createAppStore } from './appState';
import {
  INITIAL_DRIFT,
  driftExportOf,
  driftStaleKeys,
  type DriftCommand,
  type DriftState,
} from './driftSlice';

const finished = (params: Params): DriftState => ({
  ...INITIAL_DRIFT,
  status: 'done',
  params,
  progress: fakeDriftProgress(1),
});

/** the noise level starts from a non-zero value */
const NOISY: Partial<Params> = { noise: 0.5 };

/** the sweep's spec without its width: the sweep replaces it by each width of its ladder */
const sweepOf = (p: Params) => {
  const spec = driftSpecOf(p);
  return { ...spec, arch: { ...spec.arch, width: 0 } };
};

describe('the drift sweep’s inputs', () => {
  it.each(PARAM_KEYS)('%s is an input exactly when the sweep reads it', (key) => {
    const base: Params = {
      ...DEFAULT_PARAMS,
      ...WHERE_RELEVANT[key],
      ...(key === 'noise' && NOISY),
    };
    const def: ParamDef = SCHEMA[key];
    const changed = { ...base, [key]: otherValue(def, base[key]) } as Params;
    const reads = JSON.stringify(sweepOf(changed)) !== JSON.stringify(sweepOf(base));
    expect(DRIFT_INPUT_KEYS.includes(key)).toBe(reads);
  });

  it('keeps a finished sweep current and exported when the width or the plot points change', () => {
    const drift = finished(DEFAULT_PARAMS);
    for (const change of [{ width: 64 }, { width: Infinity }, { nTest: 50 }] as const) {
      const params = { ...DEFAULT_PARAMS, ...change };
      expect(driftStaleKeys(drift, params)).toEqual([]);
      expect(driftExportOf(drift, params)).toEqual(EXPORT);
    }
  });

  it('marks a finished sweep stale and drops it from the export when an input changes', () => {
    const drift = finished(DEFAULT_PARAMS);
    const params = { ...DEFAULT_PARAMS, driftTo: 64, lr: 0.05, nTest: 50 };
    expect(driftStaleKeys(drift, params)).toEqual(['lr', 'driftTo']);
    expect(driftExportOf(drift, params)).toBeNull();
  });
});

describe('drift commands', () => {
  it('hands Run, and Cancel of a running sweep, to the connected controller without changing state', () => {
    const store = createAppStore();
    const before = store.getState().drift;
    store.getState().runDrift();
    const seen: DriftCommand[] = [];
    const release = store.getState().driftConnect((command) => seen.push(command));
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.getState().runDrift();
    // nothing runs: Cancel has nothing to stop
    store.getState().cancelDrift();
    expect(seen).toEqual(['run']);
    expect(listener).not.toHaveBeenCalled();
    expect(store.getState().drift).toBe(before);
    unsubscribe();
    store.getState().driftStarted(DEFAULT_PARAMS, 0);
    store.getState().cancelDrift();
    release();
    store.getState().runDrift();
    expect(seen).toEqual(['run', 'cancel']);
  });
});
