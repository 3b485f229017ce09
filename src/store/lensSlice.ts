// The kernel lens's data: the analytic kernel row Θ(x₀, ·) of the current theory and the
// ensemble's mean empirical NTK at init and at its current step, as heatmaps on x_train
// (N x N) and as rows Θ̂(x₀, x_test) (M values). The lens controller fills it; a part is null
// until its reply arrives (or when no finite ensemble exists, for the empirical parts).

import type { StateCreator } from 'zustand';
import type { AppState } from './appState';

/** what the lens needs to know about the finite ensemble (null: none, e.g. width ∞) */
export interface LensEnsemble {
  /** the ensemble client's generation (a new one for every init or restart) */
  gen: number;
  /** GD steps behind the newest frame */
  step: number;
}

export interface LensAnalytic {
  theoryGen: number;
  /** x₀ in the plot coordinate (x, or the angle for the circle) */
  x0: number;
  /** M values on x_test */
  ntk: Float64Array;
  nngp: Float64Array;
}

/** a mean empirical NTK of ensemble generation `ensembleGen` after `step` GD steps */
export interface LensEmpirical {
  ensembleGen: number;
  step: number;
  /** N x N on x_train (heatmaps) or M values Θ̂(x₀, x_test) (rows) */
  ntk: Float64Array;
}

export interface LensEmpiricalRow extends LensEmpirical {
  x0: number;
}

export interface LensState {
  /** the ensemble the empirical parts follow (null: none, only the analytic parts are drawn) */
  ensemble: LensEnsemble | null;
  analytic: LensAnalytic | null;
  heatInit: LensEmpirical | null;
  heatCurrent: LensEmpirical | null;
  rowInit: LensEmpiricalRow | null;
  rowCurrent: LensEmpiricalRow | null;
  /** the newest failure, in plain words (null: none) */
  error: string | null;
}

export type LensPart = Exclude<keyof LensState, 'error' | 'ensemble'>;
export const EMPIRICAL_PARTS = ['heatInit', 'heatCurrent', 'rowInit', 'rowCurrent'] as const;

export interface LensSlice {
  lens: LensState;
  /** a reply arrived (the controller has already dropped stale ones) */
  lensReceived: <K extends LensPart>(part: K, value: LensState[K]) => void;
  lensFailed: (message: string) => void;
  /** the ensemble's generation or step changed; null (width ∞, not trained yet) forgets the
   * empirical parts. Sets nothing when nothing changed. */
  lensEnsembleChanged: (ensemble: LensEnsemble | null) => void;
}

export const INITIAL_LENS: LensState = {
  ensemble: null,
  analytic: null,
  heatInit: null,
  heatCurrent: null,
  rowInit: null,
  rowCurrent: null,
  error: null,
};

export const createLensSlice: StateCreator<AppState, [], [], LensSlice> = (set, get) => ({
  lens: INITIAL_LENS,
  lensReceived: (part, value) => set({ lens: { ...get().lens, [part]: value, error: null } }),
  lensFailed: (message) => set({ lens: { ...get().lens, error: message } }),
  lensEnsembleChanged: (ensemble) => {
    const lens = get().lens;
    const was = lens.ensemble;
    if (was?.gen === ensemble?.gen && was?.step === ensemble?.step) return;
    if (ensemble) set({ lens: { ...lens, ensemble: { gen: ensemble.gen, step: ensemble.step } } });
    else
      set({
        lens: {
          ...lens,
          ensemble: null,
          heatInit: null,
          heatCurrent: null,
          rowInit: null,
          rowCurrent: null,
        },
      });
  },
});
