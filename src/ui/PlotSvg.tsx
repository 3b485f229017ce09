import type { ReactNode, Ref } from 'react';
import type { Frame } from '../plots/frame';

interface Props {
  /** the container whose width the plot follows (useElementWidth) */
  containerRef: Ref<HTMLDivElement>;
  frame: Frame;
  /** a newer result is being computed: dim the drawing a little */
  stale: boolean;
  testId: string;
  /** what the plot shows, for screen readers */
  label: string;
  children: ReactNode;
}

/** A plot's container and its svg, drawn at the frame's size. */
export function PlotSvg({ containerRef, frame, stale, testId, label, children }: Props) {
  return (
    <div ref={containerRef} className={stale ? 'plot plot-stale' : 'plot'}>
      <svg
        data-testid={testId}
        width={frame.width}
        height={frame.height}
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="img"
        aria-label={label}
      >
        {children}
      </svg>
    </div>
  );
}
