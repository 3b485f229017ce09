import { memo, useMemo } from 'react';
import type { AgreementStats } from '../plots/agreement';
import { agreementPlotModel } from '../plots/agreementPlot';
import { Axes, Grid } from './Axes';
import { PlotSvg } from './PlotSvg';
import { useElementWidth } from './useElementWidth';

interface Props {
  xs: ArrayLike<number>;
  stats: AgreementStats;
  xLabel: string;
}

/** Ensemble mean − theory mean across x, with the ±2 standard-error bands. */
export const AgreementPlot = memo(function AgreementPlot({ xs, stats, xLabel }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(500);
  const height = Math.round(Math.min(260, Math.max(180, width * 0.3)));
  const model = useMemo(
    () => agreementPlotModel(xs, stats, { width, height }),
    [xs, stats, width, height],
  );
  const { frame } = model;
  return (
    <PlotSvg
      containerRef={ref}
      frame={frame}
      stale={false}
      testId="agreement-plot"
      label="Ensemble mean minus theory mean against x, with standard-error bands"
    >
      <Grid axes={model} />
      <path className="agreement-band" d={model.band} />
      <line
        className="agreement-zero"
        x1={frame.left}
        x2={frame.right}
        y1={model.zeroY}
        y2={model.zeroY}
      />
      <path className="agreement-emp" d={model.empiricalUpper} />
      <path className="agreement-emp" d={model.empiricalLower} />
      <path className="agreement-diff" data-testid="agreement-diff" d={model.diff} />
      {model.zMaxAt && (
        <circle className="agreement-zmax" cx={model.zMaxAt.cx} cy={model.zMaxAt.cy} r={4} />
      )}
      <Axes axes={model} xLabel={xLabel} yLabel="mean − theory" tickSize={6} labelInset={8} />
    </PlotSvg>
  );
});
