import { frameAtOrBefore, useApp } from '../store';
import type { EnsembleState, RecordedFrame } from '../store';

export interface EnsembleView {
  ensemble: EnsembleState;
  /** the newest recorded frame at or before the time cursor (null when none) */
  frame: RecordedFrame | null;
}

/** The finite nets to show at the time cursor: the latest recorded step ≤ the cursor. */
export function useEnsembleFrame(): EnsembleView {
  const ensemble = useApp((s) => s.ensemble);
  const step = useApp((s) => s.params.step);
  return { ensemble, frame: frameAtOrBefore(ensemble.frames, step) };
}
