// View-only state that is not part of the experiment (and so not in the link).

import type { StateCreator } from 'zustand';
import type { AppState } from './appState';

export interface ViewSlice {
  view: {
    /** the time cursor is sweeping t */
    playing: boolean;
    /** a short confirmation after Copy link / Export ("Link copied") */
    toast: string | null;
  };
  setPlaying: (playing: boolean) => void;
  togglePlaying: () => void;
  showToast: (message: string | null) => void;
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  view: { playing: false, toast: null },
  setPlaying: (playing) => set({ view: { ...get().view, playing } }),
  togglePlaying: () => set({ view: { ...get().view, playing: !get().view.playing } }),
  showToast: (toast) => set({ view: { ...get().view, toast } }),
});
