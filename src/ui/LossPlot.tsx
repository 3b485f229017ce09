import { memo, useId, useMemo } from 'react';
import { cursorPosition, lossPlotModel } from '../plots/lossPlot';
import type { LossPlotData } from '../plots/lossPlot';
import { Axes, Grid } from './Axes';
import { PlotSvg } from './PlotSvg';
import { useElementWidth } from './useElementWidth';

interface Props {
  /** the curves; their cursorTime is ignored (see `cursorTime`) */
  data: LossPlotData;
  /** t of the cursor: moving it redraws only the cursor line, not the curves */
  cursorTime: number;
  stale: boolean;
}

/** Expected train/test loss of the infinite ensemble against t on log–log axes. */
export const LossPlot = memo(function LossPlot({ data, cursorTime, stale }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(500);
  const height = Math.round(Math.min(360, Math.max(240, width * 0.5)));
  const model = useMemo(
    () => lossPlotModel({ ...data, cursorTime: 0 }, { width, height }),
    [data, width, height],
  );
  const cursorX = model ? cursorPosition(model.frame, model.xDomain, cursorTime) : null;
  const clipId = `clip-${useId().replace(/:/g, '')}`;
  if (!model) {
    return (
      <div ref={ref} className="plot">
        <p className="muted">No positive time on the grid yet.</p>
      </div>
    );
  }
  const { frame } = model;
  const infLines = [
    ['loss-train', model.trainInfY],
    ['loss-test', model.testInfY],
  ] as const;
  return (
    <PlotSvg
      containerRef={ref}
      frame={frame}
      stale={stale}
      testId="loss-plot"
      label="Expected train and test loss of the theory, and each finite net's loss, against time t on log-log axes"
    >
      <defs>
        <clipPath id={clipId}>
          <rect
            x={frame.left}
            y={frame.top - 2}
            width={frame.right - frame.left}
            height={frame.bottom - frame.top + 4}
          />
        </clipPath>
      </defs>
      <Grid axes={model} />
      <g clipPath={`url(#${clipId})`}>
        {infLines.map(
          ([series, y]) =>
            y !== null && (
              <line
                key={series}
                className={`loss-inf ${series}`}
                x1={frame.left}
                x2={frame.right}
                y1={y}
                y2={y}
              />
            ),
        )}
        <g data-testid="loss-nets" data-count={model.netTrain.length}>
          {model.netTrain.map((d, i) => (
            <path key={`tr${i}`} className="loss-net loss-train" d={d} />
          ))}
          {model.netTest.map((d, i) => (
            <path key={`te${i}`} className="loss-net loss-test" d={d} />
          ))}
        </g>
        <path className="loss-ens loss-train" d={model.ensembleTrain} />
        <path className="loss-ens loss-test" d={model.ensembleTest} />
        <path className="loss-line loss-train" d={model.train} />
        <path className="loss-line loss-test" d={model.test} />
        {cursorX !== null && (
          <line
            className="cursor-line"
            x1={cursorX}
            x2={cursorX}
            y1={frame.top}
            y2={frame.bottom}
          />
        )}
      </g>
      {model.clippedTop && (
        <text className="clip-note" x={frame.right - 8} y={frame.top + 18} textAnchor="end">
          ↑ loss grows beyond the axis
        </text>
      )}
      <Axes axes={model} xLabel="t = η·k" yLabel="expected loss" tickSize={7} labelInset={6} />
    </PlotSvg>
  );
});
