// Parameters: the validated experiment settings, the repairs made to a decoded link (shown once,
// dismissible) and the one action every control calls.

import type { StateCreator } from 'zustand';
import { DEFAULT_PARAMS, changedKeys, validateParams } from '../params/schema';
import type { ParamKey, ParamValue, Params, Repair } from '../params/schema';
import type { AppState } from './appState';

export interface ParamsSlice {
  params: Params;
  /** what decoding the link had to change, in order; empty once dismissed */
  repairs: Repair[];
  /** Set one parameter; the value is validated by the schema (clamped, rounded, defaulted). */
  setParam: <K extends ParamKey>(key: K, value: ParamValue<K>) => void;
  /** Replace every parameter (a decoded link, back/forward); `repairs` replaces the notice. */
  loadParams: (params: Params, repairs: Repair[]) => void;
  dismissRepairs: () => void;
}

/** `params` with `key` set, validated as a whole (cross-parameter rules included). */
export function withParam<K extends ParamKey>(
  params: Params,
  key: K,
  value: ParamValue<K>,
): Params {
  const next = validateParams({ ...params, [key]: value }).params;
  // a cursor at the end of the run stays at the end when the run gets longer
  if (key === 'maxSteps' && params.cursor === params.maxSteps) next.cursor = next.maxSteps;
  return next;
}

export const createParamsSlice: StateCreator<AppState, [], [], ParamsSlice> = (set, get) => ({
  params: { ...DEFAULT_PARAMS },
  repairs: [],
  setParam: (key, value) => {
    const prev = get().params;
    const params = withParam(prev, key, value);
    if (changedKeys(prev, params).length > 0) set({ params });
  },
  loadParams: (params, repairs) => set({ params, repairs }),
  dismissRepairs: () => set({ repairs: [] }),
});
