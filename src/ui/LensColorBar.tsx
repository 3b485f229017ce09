import { useId } from 'react';
import { colorOf } from '../plots/heatmap';
import { formatValue } from '../plots/ticks';

const STOPS = 11;

/** The lens's one colour scale: a horizontal gradient over the shared domain, ends and 0 labelled. */
export function LensColorBar({ domain }: { domain: readonly [number, number] }) {
  const id = `bar-${useId().replace(/:/g, '')}`;
  const [lo, hi] = domain;
  const stops = Array.from({ length: STOPS }, (_, i) => i / (STOPS - 1));
  return (
    <div className="lens-bar" data-testid="lens-colorbar" data-lo={lo} data-hi={hi}>
      <svg
        width="100%"
        height="14"
        preserveAspectRatio="none"
        viewBox="0 0 100 14"
        aria-hidden="true"
      >
        <defs>
          <linearGradient id={id}>
            {stops.map((f) => (
              <stop key={f} offset={f} stopColor={colorOf(lo + f * (hi - lo), domain)} />
            ))}
          </linearGradient>
        </defs>
        <rect x="0" y="0" width="100" height="14" fill={`url(#${id})`} />
      </svg>
      <div className="lens-bar-labels">
        <span>{formatValue(lo)}</span>
        <span>0</span>
        <span>{formatValue(hi)}</span>
      </div>
    </div>
  );
}
