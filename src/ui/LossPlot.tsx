import { memo, useId, useMemo } from 'react';
import { lossPlotModel } from '../plots/lossPlot';
import type { LossPlotData } from '../plots/lossPlot';
import { useElementWidth } from './useElementWidth';

interface Props {
  data: LossPlotData;
  stale: boolean;
}

/** Expected train/test loss of the infinite ensemble against t on log–log axes. */
export const LossPlot = memo(function LossPlot({ data, stale }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(500);
  const height = Math.round(Math.min(360, Math.max(240, width * 0.5)));
  const model = useMemo(() => lossPlotModel(data, { width, height }), [data, width, height]);
  const clipId = `clip-${useId().replace(/:/g, '')}`;
  if (!model) {
    return (
      <div ref={ref} className="plot">
        <p className="muted">No positive time on the grid yet.</p>
      </div>
    );
  }
  const { frame } = model;
  return (
    <div ref={ref} className={stale ? 'plot plot-stale' : 'plot'}>
      <svg
        data-testid="loss-plot"
        width={frame.width}
        height={frame.height}
        viewBox={`0 0 ${frame.width} ${frame.height}`}
        role="img"
        aria-label="Expected train and test loss against time t on log-log axes"
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
        <g className="grid">
          {model.yTicks.map((t) => (
            <line key={`gy${t.value}`} x1={frame.left} x2={frame.right} y1={t.pos} y2={t.pos} />
          ))}
          {model.xTicks.map((t) => (
            <line key={`gx${t.value}`} x1={t.pos} x2={t.pos} y1={frame.top} y2={frame.bottom} />
          ))}
        </g>
        <g clipPath={`url(#${clipId})`}>
          {model.trainInfY !== null && (
            <line
              className="loss-inf loss-train"
              x1={frame.left}
              x2={frame.right}
              y1={model.trainInfY}
              y2={model.trainInfY}
            />
          )}
          {model.testInfY !== null && (
            <line
              className="loss-inf loss-test"
              x1={frame.left}
              x2={frame.right}
              y1={model.testInfY}
              y2={model.testInfY}
            />
          )}
          <path className="loss-line loss-train" d={model.train} />
          <path className="loss-line loss-test" d={model.test} />
          {model.cursorX !== null && (
            <line
              className="cursor-line"
              x1={model.cursorX}
              x2={model.cursorX}
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
        <g className="axis">
          <line x1={frame.left} x2={frame.right} y1={frame.bottom} y2={frame.bottom} />
          <line x1={frame.left} x2={frame.left} y1={frame.top} y2={frame.bottom} />
          {model.xMinor.map((p) => (
            <line
              key={`xm${p}`}
              className="minor"
              x1={p}
              x2={p}
              y1={frame.bottom}
              y2={frame.bottom + 4}
            />
          ))}
          {model.yMinor.map((p) => (
            <line
              key={`ym${p}`}
              className="minor"
              x1={frame.left}
              x2={frame.left - 4}
              y1={p}
              y2={p}
            />
          ))}
          {model.xTicks.map((t) => (
            <g key={`x${t.value}`} transform={`translate(${t.pos},${frame.bottom})`}>
              <line y2={7} />
              <text y={25} textAnchor="middle">
                {t.label}
              </text>
            </g>
          ))}
          {model.yTicks.map((t) => (
            <g key={`y${t.value}`} transform={`translate(${frame.left},${t.pos})`}>
              <line x2={-7} />
              <text x={-10} dy="0.35em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <text
            className="axis-label"
            x={(frame.left + frame.right) / 2}
            y={frame.height - 6}
            textAnchor="middle"
          >
            t = η·k
          </text>
          <text
            className="axis-label"
            transform={`translate(16,${(frame.top + frame.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            expected loss
          </text>
        </g>
      </svg>
    </div>
  );
});
