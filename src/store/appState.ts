// One store, its slices (zustand slices pattern): actions live next to the state they change.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { createEnsembleSlice } from './ensembleSlice';
import type { EnsembleSlice } from './ensembleSlice';
import { createDriftSlice } from './driftSlice';
import type { DriftSlice } from './driftSlice';
import { createLensSlice } from './lensSlice';
import type { LensSlice } from './lensSlice';
import { createParamsSlice } from './paramsSlice';
import type { ParamsSlice } from './paramsSlice';
import { createTheorySlice } from './theorySlice';
import type { TheorySlice } from './theorySlice';
import { createViewSlice } from './viewSlice';
import type { ViewSlice } from './viewSlice';

export type AppState = ParamsSlice &
  TheorySlice &
  ViewSlice &
  EnsembleSlice &
  LensSlice &
  DriftSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createParamsSlice(...a),
    ...createTheorySlice(...a),
    ...createViewSlice(...a),
    ...createEnsembleSlice(...a),
    ...createDriftSlice(...a),
    ...createLensSlice(...a),
  }));
}
