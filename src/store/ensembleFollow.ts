// The time cursor follows the newest recorded step while the nets train, at most every followMs
// (each move redraws every panel), with a trailing catch-up so the newest step is reached; once
// the user moves the cursor somewhere else it stays there until the next run starts.

import type { AppStore } from './appState';

export interface CursorFollow {
  /** follow the newest recorded step again (a run starts) */
  resume(): void;
  /**
   * A frame at `step` is being recorded: whether the cursor moves with it now (`last`: the
   * last step of a run, never skipped); if not, the cursor catches up a little later.
   */
  moveWith(step: number, last: boolean): boolean;
  /** the cursor changed to `step`: unless the following set it, the user did, so stop */
  cursorChanged(step: number): void;
  /** cancel a pending catch-up */
  stop(): void;
}

export function followCursor(store: AppStore, followMs: number, now: () => number): CursorFollow {
  let follow = true;
  let lastSetStep: number | null = null;
  let lastMove = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | null = null;

  const clearTrailing = (): void => {
    if (trailing !== null) clearTimeout(trailing);
    trailing = null;
  };

  const catchUp = (): void => {
    trailing = null;
    const { ensemble, params } = store.getState();
    const newest = ensemble.frames.at(-1);
    if (!follow || !newest || newest.step > params.maxSteps) return;
    lastMove = now();
    lastSetStep = newest.step;
    store.getState().setParam('cursor', newest.step);
  };

  return {
    resume: () => {
      follow = true;
    },
    moveWith: (step, last) => {
      const move = follow && (last || now() - lastMove >= followMs);
      if (move) {
        clearTrailing();
        lastMove = now();
        lastSetStep = step;
      } else if (follow && trailing === null) {
        trailing = setTimeout(catchUp, followMs);
      }
      return move;
    },
    cursorChanged: (step) => {
      if (step !== lastSetStep) follow = false;
    },
    stop: clearTrailing,
  };
}
