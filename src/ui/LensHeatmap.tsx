import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { cellAt, heatmapPixels, heatmapTicks } from '../plots/heatmap';
import { formatValue } from '../plots/ticks';

interface Props {
  testId: string;
  title: string;
  /** n x n row-major kernel on x_train in the data's order, or null (nothing to draw yet) */
  values: Float64Array | null;
  n: number;
  /** the heatmap's row/column order: training points sorted by plot x */
  order: readonly number[];
  /** plot x of the sorted training points (axis labels, hover) */
  sortedX: readonly number[];
  domain: readonly [number, number];
  /** symbol in the hover text, e.g. Θ̂₀ */
  symbol: string;
  /** shown instead of the picture when values is null */
  empty: string;
}

/**
 * One kernel heatmap on the training inputs: an n x n canvas (one pixel per entry, scaled up
 * by CSS without smoothing), x_train labels along both axes, and the entry under the pointer.
 */
export const LensHeatmap = memo(function LensHeatmap(props: Props) {
  const { testId, title, values, n, order, sortedX, domain, symbol, empty } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);
  const ok = values !== null && values.length === n * n && n > 0;
  const pixels = useMemo(
    () => (ok ? heatmapPixels(values, n, order, domain) : null),
    [ok, values, n, order, domain],
  );
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !pixels) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels), n, n), 0, 0);
  }, [pixels, n]);
  const ticks = useMemo(() => heatmapTicks(sortedX), [sortedX]);
  const entry = ok && hover ? (values[order[hover.row]! * n + order[hover.col]!] ?? NaN) : null;
  return (
    <figure className="lens-heat" data-testid={testId} data-n={ok ? n : 0}>
      <figcaption>{title}</figcaption>
      <div className="lens-heat-box">
        <div className="lens-heat-y" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t.at} style={{ top: `${t.at * 100}%` }}>
              {t.label}
            </span>
          ))}
        </div>
        {ok ? (
          <canvas
            ref={canvas}
            width={n}
            height={n}
            role="img"
            aria-label={`${title}: ${n} by ${n} heatmap, training inputs sorted by x`}
            onPointerMove={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              setHover(cellAt((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height, n));
            }}
            onPointerLeave={() => setHover(null)}
          />
        ) : (
          <div className="lens-heat-empty">{empty}</div>
        )}
        <div className="lens-heat-x" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t.at} style={{ left: `${t.at * 100}%` }}>
              {t.label}
            </span>
          ))}
        </div>
      </div>
      <p className="lens-heat-hover" data-testid={`${testId}-hover`} aria-live="polite">
        {hover && entry !== null
          ? `${symbol}(${formatValue(sortedX[hover.row]!)}, ${formatValue(sortedX[hover.col]!)}) = ${formatValue(entry)}`
          : '\u00a0'}
      </p>
    </figure>
  );
});
