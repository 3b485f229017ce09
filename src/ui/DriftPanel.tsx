import { memo, useMemo } from 'react';
import { driftPlotModel, type DriftPlotData } from '../plots/driftPlot';
import { formatValue } from '../plots/ticks';
import { SCHEMA, display, type Params } from '../params/schema';
import { driftStaleKeys, useApp, type DriftState } from '../store';
import type { DriftProgress } from '../../workers/driftSweep';
import { Axes, Grid } from './Axes';
import { PlotSvg } from './PlotSvg';
import { useElementWidth } from './useElementWidth';

const fmt = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const signed = (v: number): string => fmt(v).replace('-', '−');

/** "width 512 (4 of 7), ~20 s left" and the like */
function statusText(drift: DriftState): string {
  const p = drift.progress;
  const seconds = (ms: number | null) => (ms === null ? '' : ` in ${Math.round(ms / 100) / 10} s`);
  switch (drift.status) {
    case 'idle':
      return 'Trains networks of growing width and measures how far their NTK moves during training.';
    case 'error':
      return `The sweep failed: ${drift.error ?? 'unknown error'}`;
    case 'cancelled':
      return `Cancelled after ${p?.points.length ?? 0} of ${p?.plan.length ?? 0} widths.`;
    case 'done':
      return `Done: ${p?.points.length ?? 0} widths${seconds(drift.elapsedMs)}.`;
    case 'running': {
      if (!p?.at) return 'Starting the sweep…';
      const left =
        p.secondsLeft === null ? '' : `, ~${Math.max(1, Math.round(p.secondsLeft))} s left`;
      return `Training width ${p.at.width} (${p.at.index + 1} of ${p.plan.length}), net ${p.at.net + 1}${left}`;
    }
  }
}

/** the memory plan in words: reduced and skipped widths */
function planNotes(p: DriftProgress | null, asked: number): string[] {
  if (!p) return [];
  return p.plan.flatMap((w) =>
    w.skipped
      ? [w.skipped]
      : w.reduced
        ? [`width ${w.width}: ${w.nets} of ${asked} nets (memory budget)`]
        : [],
  );
}

function staleText(drift: DriftState, params: Params): string | null {
  const keys = driftStaleKeys(drift, params);
  if (keys.length === 0 || !drift.params) return null;
  const used = drift.params;
  const list = keys
    .slice(0, 4)
    .map((k) => `${SCHEMA[k].label} ${display(used[k])}`)
    .join(', ');
  return `These points were computed for other settings (${list}${keys.length > 4 ? ', …' : ''}). Run the sweep again to update them.`;
}

interface PlotProps {
  data: DriftPlotData;
  yLabel: string;
  label: string;
  testId: string;
  stale: boolean;
}

const DriftPlot = memo(function DriftPlot({ data, yLabel, label, testId, stale }: PlotProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(360);
  const height = Math.round(Math.min(300, Math.max(220, width * 0.7)));
  const model = useMemo(() => driftPlotModel(data, { width, height }), [data, width, height]);
  if (!model) return <div ref={ref} className="plot" />;
  const { frame } = model;
  return (
    <PlotSvg containerRef={ref} frame={frame} stale={stale} testId={testId} label={label}>
      <Grid axes={model} />
      {model.referenceLine && (
        <path
          d={model.referenceLine}
          fill="none"
          stroke="#888"
          strokeWidth={1.5}
          strokeDasharray="6 4"
          data-testid={`${testId}-reference`}
        />
      )}
      {model.fitLine && <path d={model.fitLine} fill="none" stroke="#D55E00" strokeWidth={2} />}
      {model.marks.map((m) => (
        <g key={m.width} className="drift-mark" data-width={m.width} data-mean={m.mean}>
          <line x1={m.x} x2={m.x} y1={m.yLo} y2={m.yHi} stroke="#0072B2" strokeWidth={1.5} />
          <line x1={m.x - 4} x2={m.x + 4} y1={m.yLo} y2={m.yLo} stroke="#0072B2" />
          <line x1={m.x - 4} x2={m.x + 4} y1={m.yHi} y2={m.yHi} stroke="#0072B2" />
          <circle cx={m.x} cy={m.y} r={4} fill="#0072B2" />
        </g>
      ))}
      <Axes axes={model} xLabel="width n" yLabel={yLabel} tickSize={6} labelInset={6} />
    </PlotSvg>
  );
});

/**
 * NTK drift vs width: Run sweep / Cancel, progress, ‖Θ̂_T − Θ̂_0‖/‖Θ̂_0‖ against width with its
 * fitted slope and a −½ reference, and beside it the init error ‖Θ̂_0 − Θ‖/‖Θ‖.
 */
export function DriftPanel() {
  const drift = useApp((s) => s.drift);
  const params = useApp((s) => s.params);
  const runDrift = useApp((s) => s.runDrift);
  const cancelDrift = useApp((s) => s.cancelDrift);
  const p = drift.progress;
  const running = drift.status === 'running';
  const stale = staleText(drift, params);
  const asked = drift.params?.driftNets ?? params.driftNets;

  const plots = useMemo(() => {
    if (!p || p.plan.length === 0) return null;
    const widths = p.points.map((q) => q.width);
    const xExtent: [number, number] = [p.plan[0]!.width, p.plan[p.plan.length - 1]!.width];
    const xLabels = p.plan.map((w) => w.width);
    const drifted: DriftPlotData = {
      xExtent,
      xLabels,
      widths,
      mean: p.points.map((q) => q.driftMean),
      se: p.points.map((q) => q.driftSe),
      fit: p.fit,
      reference: -0.5,
    };
    const init: DriftPlotData = {
      xExtent,
      xLabels,
      widths,
      mean: p.points.map((q) => q.initMean),
      se: p.points.map((q) => q.initSe),
      fit: p.initFit,
      reference: -0.5,
    };
    return { drifted, init };
  }, [p]);

  const fit = p?.fit ?? null;
  const notes = planNotes(p, asked);
  return (
    <section className="panel panel-drift" data-testid="drift-panel" aria-labelledby="drift-title">
      <div className="panel-head">
        <h2 id="drift-title">NTK drift vs width</h2>
        <div className="header-actions">
          <button
            type="button"
            className="btn btn-primary"
            data-testid="drift-run"
            onClick={runDrift}
            disabled={running}
          >
            {drift.status === 'idle' ? 'Run sweep' : 'Run sweep again'}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="drift-cancel"
            onClick={cancelDrift}
            disabled={!running}
          >
            Cancel
          </button>
        </div>
      </div>
      <p
        className={drift.status === 'error' ? 'warn-text' : 'muted'}
        data-testid="drift-status"
        data-state={drift.status}
        role="status"
      >
        {statusText(drift)}
      </p>
      <p className="muted">
        Widths {params.driftFrom} to {params.driftTo} (doubling), {params.driftNets} nets each,{' '}
        {params.driftSteps} steps at η = {formatValue(params.lr)}; NTK on the training inputs.
      </p>
      {notes.length > 0 && (
        <ul className="muted" data-testid="drift-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {stale && (
        <p className="warn-text" data-testid="drift-stale">
          {stale}
        </p>
      )}
      {plots && (
        <div className="drift-plots" style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem' }}>
          <figure style={{ flex: '1 1 320px', margin: 0 }}>
            <figcaption>
              Drift ‖Θ̂_T − Θ̂_0‖/‖Θ̂_0‖ (mean ± SE over nets)
              <br />
              <strong
                data-testid="drift-slope"
                data-slope={fit ? fit.slope : ''}
                data-slope-se={fit ? fit.slopeSe : ''}
              >
                {fit
                  ? `slope = ${signed(fit.slope)} ± ${fmt(fit.slopeSe)}`
                  : 'slope: needs two widths'}
              </strong>
            </figcaption>
            <DriftPlot
              data={plots.drifted}
              yLabel="NTK drift"
              label="Relative NTK change during training against width, log-log, with the fitted slope and a slope −½ reference"
              testId="drift-plot"
              stale={stale !== null}
            />
            <p className="muted">
              Solid: least-squares fit; dashed: slope −½ through the first point (the O(n^−½)
              bound). Smooth activations typically move as 1/n.
            </p>
          </figure>
          <figure style={{ flex: '1 1 320px', margin: 0 }}>
            <figcaption>
              Init error ‖Θ̂_0 − Θ‖/‖Θ‖ at initialisation
              <br />
              <span data-testid="drift-init-slope">
                {p?.initFit ? `slope = ${signed(p.initFit.slope)} ± ${fmt(p.initFit.slopeSe)}` : ''}
              </span>
            </figcaption>
            <DriftPlot
              data={plots.init}
              yLabel="init error"
              label="Relative error of the empirical NTK at initialisation against width, log-log"
              testId="drift-init-plot"
              stale={stale !== null}
            />
          </figure>
        </div>
      )}
    </section>
  );
}
