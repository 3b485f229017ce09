// A finished drift sweep stays in Export JSON until one of its inputs changes; its inputs are
// exactly what the sweep's spec reads from the parameters (driftSpecOf).

import { describe, expect, it, vi } from 'vitest';
import type { DriftProgress } from '../../workers/driftSweep';
import {
  DEFAULT_PARAMS,
  DRIFT_INPUT_KEYS,
  PARAM_KEYS,
  SCHEMA,
  type ParamDef,
  type ParamKey,
  type Params,
} from '../params/schema';
import { driftSpecOf } from '../workerClient/driftSpec';
import { createAppStore } from './appState';
import {
  INITIAL_DRIFT,
  driftExportOf,
  driftStaleKeys,
  type DriftCommand,
  type DriftState,
} from './driftSlice';

const EXPORT = { widths: [32, 64], mean: [0.1, 0.05], se: [0.01, 0.005], slope: -1, slopeSe: 0.1 };

const finished = (params: Params): DriftState => {
  const progress: DriftProgress = {
    done: true,
    plan: [],
    points: [],
    at: null,
    fraction: 1,
    secondsLeft: null,
    fit: null,
    initFit: null,
    export: EXPORT,
  };
  return { ...INITIAL_DRIFT, status: 'done', params, progress };
};

/** a valid value different from `value` */
function otherValue(def: ParamDef, value: unknown): unknown {
  switch (def.kind) {
    case 'int':
    case 'float':
      return value === def.range[0] ? def.range[1] : def.range[0];
    case 'enum':
      return def.values.find((v) => v !== value);
    case 'bool':
      return !value;
    case 'points':
      return [[0.5, 1]];
  }
}

/** settings under which a parameter has an effect (where it has none, nothing can change) */
const WHERE_RELEVANT: Partial<Record<ParamKey, Partial<Params>>> = {
  points: { dataset: 'custom' },
  alpha: { activation: 'leaky_relu' },
  abA: { activation: 'abrelu' },
  abB: { activation: 'abrelu' },
  noise: { noise: 0.5 },
  bStd: { bias: true },
};

/** the sweep's spec without its width: the sweep replaces it by each width of its ladder */
const sweepOf = (p: Params) => {
  const spec = driftSpecOf(p);
  return { ...spec, arch: { ...spec.arch, width: 0 } };
};

describe('the drift sweep’s inputs', () => {
  it.each(PARAM_KEYS)('%s is an input exactly when the sweep reads it', (key) => {
    const base: Params = { ...DEFAULT_PARAMS, ...WHERE_RELEVANT[key] };
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
