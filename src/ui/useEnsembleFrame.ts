import { frameAtOrBefore, useApp } from '../store';
import type { EnsembleStatus, RecordedFrame } from '../store';

export interface EnsembleView {
  /** the newest recorded frame at or before the time cursor (null when none) */
  frame: RecordedFrame | null;
  /** the first recorded frame (step 0 of these nets) */
  first: RecordedFrame | null;
  status: EnsembleStatus;
  /** η the frames were trained with */
  lr: number;
  width: number | null;
}

/**
 * The finite nets to show at the time cursor: the latest recorded step ≤ the cursor. Selects
 * only what the panels draw, so the per-chunk status (steps/s, newest step) does not re-render
 * them.
 */
export function useEnsembleFrame(): EnsembleView {
  const frame = useApp((s) => frameAtOrBefore(s.ensemble.frames, s.params.cursor));
  const first = useApp((s) => s.ensemble.frames[0] ?? null);
  const status = useApp((s) => s.ensemble.status);
  const lr = useApp((s) => s.ensemble.lr);
  const width = useApp((s) => s.ensemble.plan?.width ?? null);
  return { frame, first, status, lr, width };
}
