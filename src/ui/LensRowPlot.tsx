import { memo, useMemo } from 'react';
import { kernelRowModel, x0AtPixel } from '../plots/kernelRow';
import type { KernelRowData } from '../plots/kernelRow';
import { SCHEMA } from '../params/schema';
import { Axes, Grid } from './Axes';
import { PlotSvg } from './PlotSvg';
import { useElementWidth } from './useElementWidth';

interface Props {
  data: KernelRowData;
  xLabel: string;
  stale: boolean;
  /** a click on the plot picks this x₀ (snapped into the plot's x-range) */
  onPick: (x0: number) => void;
}

/** Θ(x₀, x) against x: analytic (solid), empirical mean at init (dashed) and now (dotted). */
export const LensRowPlot = memo(function LensRowPlot({ data, xLabel, stale, onPick }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(600);
  const height = Math.round(Math.min(340, Math.max(220, width * 0.45)));
  const model = useMemo(() => kernelRowModel(data, { width, height }), [data, width, height]);
  const { frame } = model;
  const count = data.xTest.length;
  return (
    <PlotSvg
      containerRef={ref}
      frame={frame}
      stale={stale}
      testId="lens-row-plot"
      label={`Kernel row Θ(x₀, x) against ${xLabel}; click to choose x₀`}
    >
      <Grid axes={model} />
      <path
        className="lens-row lens-row-init"
        data-testid="lens-row-init"
        data-points={model.init ? count : 0}
        d={model.init}
      />
      <path
        className="lens-row lens-row-current"
        data-testid="lens-row-current"
        data-points={model.current ? count : 0}
        d={model.current}
      />
      <path
        className="lens-row lens-row-analytic"
        data-testid="lens-row-analytic"
        data-points={model.analytic ? count : 0}
        d={model.analytic}
      />
      {model.x0X !== null && (
        <>
          <line
            className="lens-x0-marker"
            data-testid="lens-x0-marker"
            data-x0={data.x0}
            x1={model.x0X}
            x2={model.x0X}
            y1={frame.top}
            y2={frame.bottom}
          />
          <text className="lens-x0-label" x={model.x0X + 5} y={frame.top + 12}>
            x₀
          </text>
        </>
      )}
      <Axes axes={model} xLabel={xLabel} yLabel="Θ(x₀, x)" tickSize={6} labelInset={6} />
      <rect
        className="lens-row-hit"
        data-testid="lens-row-hit"
        x={frame.left}
        y={frame.top}
        width={frame.right - frame.left}
        height={frame.bottom - frame.top}
        onClick={(e) => {
          const svg = e.currentTarget.ownerSVGElement;
          if (!svg) return;
          const r = svg.getBoundingClientRect();
          const px = ((e.clientX - r.left) / r.width) * frame.width;
          onPick(x0AtPixel(model, px, SCHEMA.lensX0.resolution ?? 0.05));
        }}
      />
    </PlotSvg>
  );
});
