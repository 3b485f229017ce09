// The grid and axes of a plot. src/plots positions the ticks (D3 scales); React draws them.
import type { ChartAxes } from '../plots/frame';

interface GridProps {
  axes: ChartAxes;
}

/** Grid lines at the major ticks, drawn beneath the data. */
export function Grid({ axes: { frame, xTicks, yTicks } }: GridProps) {
  return (
    <g className="grid">
      {yTicks.map((t) => (
        <line key={`gy${t.value}`} x1={frame.left} x2={frame.right} y1={t.pos} y2={t.pos} />
      ))}
      {xTicks.map((t) => (
        <line key={`gx${t.value}`} x1={t.pos} x2={t.pos} y1={frame.top} y2={frame.bottom} />
      ))}
    </g>
  );
}

interface AxesProps extends GridProps {
  xLabel: string;
  yLabel: string;
  /** length of a major tick in px; x tick labels sit 18 px below its end */
  tickSize: number;
  /** the x-axis label's baseline, in px above the bottom of the svg */
  labelInset: number;
}

const MINOR_TICK = 4;

/** The x axis along the bottom of the frame and the y axis along its left, with their labels. */
export function Axes({ axes, xLabel, yLabel, tickSize, labelInset }: AxesProps) {
  const { frame, xTicks, yTicks, xMinor = [], yMinor = [] } = axes;
  return (
    <g className="axis">
      <line x1={frame.left} x2={frame.right} y1={frame.bottom} y2={frame.bottom} />
      <line x1={frame.left} x2={frame.left} y1={frame.top} y2={frame.bottom} />
      {xMinor.map((p) => (
        <line
          key={`xm${p}`}
          className="minor"
          x1={p}
          x2={p}
          y1={frame.bottom}
          y2={frame.bottom + MINOR_TICK}
        />
      ))}
      {yMinor.map((p) => (
        <line
          key={`ym${p}`}
          className="minor"
          x1={frame.left}
          x2={frame.left - MINOR_TICK}
          y1={p}
          y2={p}
        />
      ))}
      {xTicks.map((t) => (
        <g key={`x${t.value}`} transform={`translate(${t.pos},${frame.bottom})`}>
          <line y2={tickSize} />
          <text y={tickSize + 18} textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t.value}`} transform={`translate(${frame.left},${t.pos})`}>
          <line x2={-tickSize} />
          <text x={-10} dy="0.35em" textAnchor="end">
            {t.label}
          </text>
        </g>
      ))}
      <text
        className="axis-label"
        x={(frame.left + frame.right) / 2}
        y={frame.height - labelInset}
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
  );
}
