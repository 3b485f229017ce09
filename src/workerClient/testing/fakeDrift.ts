// A hand-made drift sweep for tests of the drift client, controller and slice (tests only).
import type { DriftExport } from '../../formats/exportJson';
import type { DriftProgress } from '../../../workers/driftSweep';

/** what a finished fake sweep exports */
export const FAKE_DRIFT_EXPORT: DriftExport = {
  widths: [32, 64],
  mean: [0.1, 0.05],
  se: [0.01, 0.005],
  slope: -1,
  slopeSe: 0.1,
};

/** a sweep `fraction` of the way through, no points yet; a finished one (1) exports `exported` */
export function fakeDriftProgress(
  fraction: number,
  exported: DriftExport | null = FAKE_DRIFT_EXPORT,
): DriftProgress {
  return {
    done: fraction >= 1,
    plan: [],
    points: [],
    at: null,
    fraction,
    secondsLeft: null,
    fit: null,
    initFit: null,
    export: fraction >= 1 ? exported : null,
  };
}
