import { useMemo } from 'react';
import { SCHEMA } from '../params/schema';
import { relativeFrobenius, sharedColorDomain, trainOrder, HEATMAP_MAX_N } from '../plots/heatmap';
import type { KernelRowData } from '../plots/kernelRow';
import { formatValue } from '../plots/ticks';
import { useApp } from '../store';
import type { LensEmpirical } from '../store';
import { NumberControl } from './controls/NumberControl';
import { LensColorBar } from './LensColorBar';
import { LensHeatmap } from './LensHeatmap';
import { LensRowPlot } from './LensRowPlot';
import './kernelLens.css';

/** the readout of ‖Θ̂ − Θ‖_F / ‖Θ‖_F; data-value is empty when there is nothing to compare */
function ErrorReadout({ testId, label, value }: { testId: string; label: string; value: number }) {
  const ok = Number.isFinite(value);
  return (
    <div className="lens-error" data-testid={testId} data-value={ok ? value : ''}>
      <dt>{label}</dt>
      <dd>{ok ? formatValue(value) : '—'}</dd>
    </div>
  );
}

/**
 * The kernel lens (Jacot et al. 2018, Fig. 1): the ensemble's mean empirical NTK at init and at
 * its current step beside the analytic Θ, as heatmaps on the training inputs (one colour scale)
 * and as the row Θ(x₀, ·) on the plot grid. Without a finite ensemble only Θ is drawn.
 */
export function KernelLens() {
  const payload = useApp((s) => s.theory.payload);
  const status = useApp((s) => s.theory.status);
  const lens = useApp((s) => s.lens);
  const x0 = useApp((s) => s.params.lensX0);
  const setParam = useApp((s) => s.setParam);

  const geometry = useMemo(() => {
    if (!payload) return null;
    const { xTrain, plotXTrain, dim } = payload.data;
    const n = xTrain.length / dim;
    const order = trainOrder(plotXTrain);
    return { n, order, sortedX: order.map((i) => plotXTrain[i]!) };
  }, [payload]);

  const n = geometry?.n ?? 0;
  const drawable = n > 0 && n <= HEATMAP_MAX_N;
  const theoryNtk = drawable ? (payload?.theory.ntkTrain ?? null) : null;
  // only the ensemble of now, on data of the theory's size: a kernel of an older ensemble
  // (other data, or a restart on its way) would be compared with the wrong Θ
  const ensGen = lens.ensemble?.gen;
  const ours = <T extends LensEmpirical>(p: T | null): T | null =>
    p && p.ensembleGen === ensGen ? p : null;
  const fit = (p: LensEmpirical | null) => {
    const a = ours(p)?.ntk;
    return drawable && a && a.length === n * n ? a : null;
  };
  const heatInit = fit(lens.heatInit);
  const heatCurrent = fit(lens.heatCurrent);
  const rowInit = ours(lens.rowInit);
  const rowCurrent = ours(lens.rowCurrent);
  const domain = useMemo(
    () => sharedColorDomain([theoryNtk, heatInit, heatCurrent]),
    [theoryNtk, heatInit, heatCurrent],
  );
  const rowData = useMemo<KernelRowData | null>(() => {
    if (!payload) return null;
    const fresh = (r: { x0: number; ntk: Float64Array } | null) =>
      r && r.x0 === x0 ? r.ntk : null;
    return {
      xTest: payload.data.plotXTest,
      // an older theory's row stays (dimmed) until this one's arrives: a new η keeps the kernels
      analytic: fresh(lens.analytic),
      init: fresh(rowInit),
      current: fresh(rowCurrent),
      x0,
    };
  }, [payload, lens.analytic, rowInit, rowCurrent, x0]);

  if (!payload || !geometry || !rowData) {
    return (
      <section className="panel panel-lens" data-testid="kernel-lens" aria-busy="true">
        <div className="placeholder">
          {status === 'error' ? 'No kernels to show yet.' : 'Computing the kernels…'}
        </div>
      </section>
    );
  }
  const circle = payload.data.dim === 2;
  const ensemble = lens.ensemble;
  // NaN (no readout) without a kernel, or for one of another size
  const theta = payload.theory.ntkTrain;
  const errOf = (p: LensEmpirical | null) =>
    p ? relativeFrobenius(ours(p)?.ntk ?? [], theta) : NaN;
  const errInit = errOf(lens.heatInit);
  const errCurrent = errOf(lens.heatCurrent);
  // each part says which step it shows (while training they lag the newest frame a little)
  const step = ours(lens.heatCurrent)?.step ?? ensemble?.step ?? 0;
  const rowStep = rowCurrent?.step ?? ensemble?.step ?? 0;
  const waiting = ensemble ? 'computing…' : 'no ensemble';
  const xName = circle ? 'γ' : 'x';
  const xLabel = circle ? 'angle γ on the unit circle (rad)' : 'input x';
  const grid = payload.data.plotXTest;
  const outside = grid.length > 0 && (x0 < Math.min(...grid) || x0 > Math.max(...grid));
  return (
    <section className="panel panel-lens" data-testid="kernel-lens" aria-labelledby="lens-title">
      <div className="panel-head">
        <h2 id="lens-title">Kernel lens: empirical NTK of the nets vs the analytic Θ</h2>
      </div>
      {!ensemble && (
        <p className="lens-note muted" data-testid="lens-no-ensemble" role="status">
          No finite ensemble is trained (at width ∞ there is none): only the analytic Θ is drawn.
          The nets&apos; empirical kernels appear here once an ensemble is trained.
        </p>
      )}
      {lens.error && (
        <p className="lens-note warn-text" role="status">
          The kernel lens could not update: {lens.error}
        </p>
      )}
      {n > HEATMAP_MAX_N && (
        <p className="lens-note muted">
          Heatmaps are drawn for at most {HEATMAP_MAX_N} training points.
        </p>
      )}
      <div className="lens-heats">
        <LensHeatmap
          testId="lens-heatmap-init"
          title="Θ̂ at init (mean over nets)"
          values={heatInit}
          n={n}
          order={geometry.order}
          sortedX={geometry.sortedX}
          domain={domain}
          symbol="Θ̂₀"
          empty={waiting}
        />
        <LensHeatmap
          testId="lens-heatmap-current"
          title={`Θ̂ at step k = ${step}`}
          values={heatCurrent}
          n={n}
          order={geometry.order}
          sortedX={geometry.sortedX}
          domain={domain}
          symbol="Θ̂ₖ"
          empty={waiting}
        />
        <LensHeatmap
          testId="lens-heatmap-theory"
          title="Θ analytic (width ∞)"
          values={theoryNtk}
          n={n}
          order={geometry.order}
          sortedX={geometry.sortedX}
          domain={domain}
          symbol="Θ"
          empty="too many points"
        />
      </div>
      <div className="lens-scale">
        <LensColorBar domain={domain} />
        <dl className="lens-errors">
          <ErrorReadout testId="lens-error-init" label="‖Θ̂₀ − Θ‖/‖Θ‖ at init" value={errInit} />
          <ErrorReadout
            testId="lens-error-current"
            label={`‖Θ̂ₖ − Θ‖/‖Θ‖ at k = ${step}`}
            value={errCurrent}
          />
        </dl>
      </div>
      <p className="caption muted">
        Rows and columns are the training inputs sorted by {xName} (axis labels: {xName}). One
        colour scale for all three; hover a cell for its value.
      </p>
      <div className="lens-row-head">
        <ul className="legend" aria-label="Legend">
          <li>
            <span className="key key-lens-analytic" aria-hidden="true" /> Θ(x₀, {xName}) analytic
          </li>
          <li>
            <span className="key key-lens-init" aria-hidden="true" /> Θ̂ at init
          </li>
          <li>
            <span className="key key-lens-current" aria-hidden="true" /> Θ̂ at step k = {rowStep}
          </li>
        </ul>
        <div className="lens-x0">
          <NumberControl
            id="lens-x0-input"
            testId="lens-x0"
            def={SCHEMA.lensX0}
            value={x0}
            onChange={(v) => setParam('lensX0', v)}
            note={
              outside ? <span className="muted">x₀ is outside the plotted range.</span> : undefined
            }
          />
        </div>
      </div>
      <LensRowPlot
        data={rowData}
        xLabel={xLabel}
        stale={status === 'computing' || lens.analytic?.theoryGen !== payload.gen}
        onPick={(v) => setParam('lensX0', v)}
      />
      <p className="caption muted">
        The NTK row at x₀ = {formatValue(x0)}
        {circle ? ' (the point (cos x₀, sin x₀))' : ''}; click the plot to move x₀.
      </p>
    </section>
  );
}
