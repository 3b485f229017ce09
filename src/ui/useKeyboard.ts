import { useEffect } from 'react';
import { neighbourStep } from '../plots/timeAxis';
import { appStore } from '../store';

function typingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  // the time slider takes the time keys too (grid steps instead of slider ticks)
  if (target.dataset.timeKeys !== undefined) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Time-cursor keys when focus is not in a form field: ←/→ walk the time grid, space plays or
 * pauses, Home/End jump to t = 0 / the last step.
 */
export function useTimeKeyboard(grid: readonly number[] | null): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!grid || grid.length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
      if (typingTarget(e.target)) return;
      const state = appStore.getState();
      const current = Math.min(state.params.cursor, grid[grid.length - 1] ?? 0);
      let next: number | null = null;
      switch (e.key) {
        case 'ArrowRight':
          next = neighbourStep(grid, current, 1);
          break;
        case 'ArrowLeft':
          next = neighbourStep(grid, current, -1);
          break;
        case 'Home':
          next = grid[0] ?? 0;
          break;
        case 'End':
          next = grid[grid.length - 1] ?? 0;
          break;
        case ' ':
          // a focused button handles space itself
          if (e.target instanceof HTMLButtonElement) return;
          e.preventDefault();
          state.togglePlaying();
          return;
        default:
          return;
      }
      e.preventDefault();
      state.setPlaying(false);
      state.setParam('cursor', next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [grid]);
}
