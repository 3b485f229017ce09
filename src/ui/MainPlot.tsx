import { memo, useId, useMemo } from 'react';
import { mainPlotModel } from '../plots/mainPlot';
import type { MainPlotData } from '../plots/mainPlot';
import { Axes, Grid } from './Axes';
import { PlotSvg } from './PlotSvg';
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
    <PlotSvg
      containerRef={ref}
      frame={frame}
      stale={stale}
      testId="main-plot"
      label={`${yLabel} against ${xLabel}: training data, target, prior band and gradient-descent band`}
    >
      <defs>
        <clipPath id={clipId}>
          <rect x={frame.left} y={frame.top} width={innerW} height={innerH} />
        </clipPath>
      </defs>
      <Grid axes={model} />
      <g clipPath={`url(#${clipId})`}>
        <path data-testid="prior-band" className="prior-band" d={model.priorBand} />
        <g className="prior-samples">
          {model.priorSamples.map((d, i) => (
            <path key={i} d={d} />
          ))}
        </g>
        <path data-testid="theory-band" className="theory-band" d={model.band} />
        <g className="ensemble-nets" data-testid="ensemble-nets" data-count={model.nets.length}>
          {model.nets.map((d, i) => (
            <path key={i} d={d} />
          ))}
        </g>
        <path data-testid="ensemble-band" className="ensemble-band" d={model.ensembleBand} />
        <path className="target" d={model.target} />
        <path data-testid="theory-mean-inf" className="mean-inf" d={model.meanInf} />
        <path data-testid="theory-mean" className="theory-mean" d={model.mean} />
        <path data-testid="ensemble-mean" className="ensemble-mean" d={model.ensembleMean} />
        <g className="train-points">
          {model.points.map((p, i) => (
            <circle key={i} cx={p.cx} cy={p.cy} r={5.5} />
          ))}
        </g>
      </g>
      <Axes axes={model} xLabel={xLabel} yLabel={yLabel} tickSize={6} labelInset={8} />
      {model.bandClipped && (
        <text className="clip-note" x={frame.right - 8} y={frame.top + 20} textAnchor="end">
          band leaves the plot (clipped)
        </text>
      )}
    </PlotSvg>
  );
});
