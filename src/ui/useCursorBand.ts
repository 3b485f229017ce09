import { useMemo } from 'react';
import type { SeriesPayload, TheoryPayload } from '../../workers/kernelApi';
import { resolveCursor, useApp } from '../store';
import type { CursorBand } from '../store';

export interface CursorView {
  payload: TheoryPayload | null;
  /** the newest series, possibly of an older generation than the payload */
  series: SeriesPayload | null;
  /** the band at the time cursor; null until there is a payload */
  band: CursorBand | null;
}

/** The theory on screen and the band at the time cursor, shared by the main and loss panels. */
export function useCursorBand(): CursorView {
  const payload = useApp((s) => s.theory.payload);
  const series = useApp((s) => s.theory.series);
  const cursor = useApp((s) => s.theory.cursor);
  const cursorK = useApp((s) => s.params.cursor);
  const band = useMemo(
    () => (payload ? resolveCursor(payload, series, cursor, cursorK) : null),
    [payload, series, cursor, cursorK],
  );
  return { payload, series, band };
}
