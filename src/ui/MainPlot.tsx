import { memo, useId, useMemo } from 'react';
import { mainPlotModel } from '../plots/mainPlot';
import type { MainPlotData } from '../plots/mainPlot';
import { useElementWidth } from './useElementWidth';

interface Props {
  data: MainPlotData;
  xLabel: string;
  yLabel: string;
  /** a newer result is being computed: dim the drawing a little */
  stale: boolean;
}

function plotHeight(width: number): number {
  return Math.round(Math.min(600, Math.max(320, width * 0.56)));
}

/** The function-space picture: data, target, prior, the GD band at t, and t = ∞. */
export const MainPlot = memo(function MainPlot({ data, xLabel, yLabel, stale }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const height = plotHeight(width);
  const model = useMemo(() => mainPlotModel(data, { width, height }), [data, width, height]);
  const clipId = `clip-${useId().replace(/:/g, '')}`;
  const { frame } = model;
  const innerW = frame.right - frame.left;
  const innerH = frame.bottom - frame.top;
  return (
    <div ref={ref} className={stale ? 'plot plot-stale' : 'plot'}>
      <svg
        data-testid="main-plot"
        width={frame.width}
        height={frame.height}
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="img"
        aria-label={`${yLabel} against ${xLabel}: training data, target, prior band and gradient-descent band`}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={frame.left} y={frame.top} width={innerW} height={innerH} />
          </clipPath>
        </defs>
        <g className="grid">
          {model.yTicks.map((t) => (
            <line key={`gy${t.value}`} x1={frame.left} x2={frame.right} y1={t.pos} y2={t.pos} />
          ))}
          {model.xTicks.map((t) => (
            <line key={`gx${t.value}`} x1={t.pos} x2={t.pos} y1={frame.top} y2={frame.bottom} />
          ))}
        </g>
        <g clipPath={`url(#${clipId})`}>
          <path data-testid="prior-band" className="prior-band" d={model.priorBand} />
          <g className="prior-samples">
            {model.priorSamples.map((d, i) => (
              <path key={i} d={d} />
            ))}
          </g>
          <path data-testid="theory-band" className="theory-band" d={model.band} />
          <path className="target" d={model.target} />
          <path data-testid="theory-mean-inf" className="mean-inf" d={model.meanInf} />
          <path data-testid="theory-mean" className="theory-mean" d={model.mean} />
          <g className="train-points">
            {model.points.map((p, i) => (
              <circle key={i} cx={p.cx} cy={p.cy} r={5.5} />
            ))}
          </g>
        </g>
        <g className="axis">
          <line x1={frame.left} x2={frame.right} y1={frame.bottom} y2={frame.bottom} />
          <line x1={frame.left} x2={frame.left} y1={frame.top} y2={frame.bottom} />
          {model.xTicks.map((t) => (
            <g key={`x${t.value}`} transform={`translate(${t.pos},${frame.bottom})`}>
              <line y2={6} />
              <text y={24} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          {model.yTicks.map((t) => (
            <g key={`y${t.value}`} transform={`translate(${frame.left},${t.pos})`}>
              <line x2={-6} />
              <text x={-10} dy="0.35em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <text
            className="axis-label"
            x={(frame.left + frame.right) / 2}
            y={frame.height - 8}
            textAnchor="middle"
          >
            {xLabel}
          </text>
          <text
            className="axis-label"
            transform={`translate(16,${(frame.top + frame.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {yLabel}
          </text>
        </g>
        {model.bandClipped && (
          <text className="clip-note" x={frame.right - 8} y={frame.top + 20} textAnchor="end">
            band leaves the plot (clipped)
          </text>
        )}
      </svg>
    </div>
  );
});
