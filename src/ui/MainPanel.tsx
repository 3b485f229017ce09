import { useMemo } from 'react';
import type { MainPlotData } from '../plots/mainPlot';
import { stepGrid } from '../params/experiment';
import { formatValue } from '../plots/ticks';
import { lastStep, payloadRate, seriesOf, useApp } from '../store';
import { Legend } from './Legend';
import type { LegendItem } from './Legend';
import { MainPlot } from './MainPlot';
import { TimeControl } from './TimeControl';
import { useCursorBand } from './useCursorBand';
import { usePlayback } from './usePlayback';
import { useTimeKeyboard } from './useKeyboard';

/** The main figure: legend, the function-space plot, the time cursor and the caption. */
export function MainPanel() {
  const { payload, series, band } = useCursorBand();
  const priorSamples = useApp((s) => s.theory.priorSamples);
  const status = useApp((s) => s.theory.status);
  const samples = useApp((s) => s.params.samples);
  const showBand = useApp((s) => s.params.showBand);
  const showInf = useApp((s) => s.params.showInf);
  const mode = useApp((s) => s.params.mode);
  const kMax = payload ? lastStep(payload) : null;
  const lr = payload ? payloadRate(payload) : NaN;
  // the keys walk the time grid: the series' own, or until it arrives the same grid rebuilt
  const ownGrid = payload ? seriesOf(payload, series)?.steps : undefined;
  const grid = useMemo(() => ownGrid ?? (kMax === null ? null : stepGrid(kMax)), [ownGrid, kMax]);
  usePlayback(kMax);
  useTimeKeyboard(grid);

  const data = useMemo<MainPlotData | null>(() => {
    if (!payload) return null;
    const { data: d, theory } = payload;
    return {
      xTest: d.plotXTest,
      yTest: d.yTest,
      xTrain: d.plotXTrain,
      yTrain: d.yTrain,
      priorStd: theory.priorStd,
      priorSamples: priorSamples.slice(0, samples),
      mean: band?.mean ?? null,
      std: showBand ? (band?.std ?? null) : null,
      meanInf: theory.meanInf,
      stdInf: theory.stdInf,
      showMeanInf: showInf,
    };
  }, [payload, band, priorSamples, samples, showBand, showInf]);

  if (!payload || !data) {
    return (
      <section className="panel panel-main" aria-busy="true">
        <div className="placeholder">
          {status === 'error' ? 'No theory to show yet.' : 'Computing the infinite-width theory…'}
        </div>
      </section>
    );
  }

  const circle = payload.data.dim === 2;
  const xLabel = circle ? 'angle γ on the unit circle (rad)' : 'input x';
  const yLabel = circle ? 'output f(γ)' : 'output f(x)';
  const items: LegendItem[] = [
    { key: 'points', label: 'training data', swatch: 'points' },
    { key: 'target', label: 'target function', swatch: 'target' },
    { key: 'prior', label: 'NNGP prior ±2σ (t = 0)', swatch: 'prior' },
  ];
  if (samples > 0) items.push({ key: 'samples', label: 'prior samples', swatch: 'samples' });
  items.push({
    key: 'band',
    label: showBand ? 'trained ensemble at t: mean ±2σ' : 'trained ensemble at t: mean',
    swatch: 'band',
  });
  if (showInf) {
    items.push({
      key: 'inf',
      label: mode === 'nngp' ? 't = ∞: GP posterior mean' : 't = ∞: kernel regression mean',
      swatch: 'inf',
    });
  }
  const k = band?.step ?? 0;
  return (
    <section className="panel panel-main" aria-labelledby="main-title">
      <div className="panel-head">
        <h2 id="main-title">Function space</h2>
        <Legend items={items} />
      </div>
      <MainPlot data={data} xLabel={xLabel} yLabel={yLabel} stale={status === 'computing'} />
      <TimeControl kMax={kMax} lr={lr} shownStep={band && !band.exact ? band.step : null} />
      <p className="caption" data-testid="main-caption" data-step={k}>
        Bands are ±2σ (≈ 95%) of the infinite ensemble of networks: grey is the NNGP prior before
        training; blue is the ensemble after <strong>k = {k}</strong> gradient-descent step
        {k === 1 ? '' : 's'}, at time{' '}
        <strong>
          t = η·k = {formatValue(lr)} × {k} = {formatValue(band?.time ?? lr * k)}
        </strong>
        .{showInf ? ' The dotted curve is where training ends as t → ∞.' : ''}
      </p>
    </section>
  );
}
