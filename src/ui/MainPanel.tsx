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
import { EnsembleBar } from './EnsembleBar';
import { useEnsembleFrame } from './useEnsembleFrame';
import type { RecordedFrame } from '../store';

/** a short fingerprint of a frame's ensemble mean (e2e: the same nets give the same numbers) */
function fingerprint(frame: RecordedFrame | undefined): string {
  if (!frame) return '';
  const m = frame.mean;
  const picks = [0, m.length >> 2, m.length >> 1, m.length - 1].map((i) => m[i] ?? NaN);
  return picks.map((v) => v.toPrecision(7)).join(' ');
}

/** The main figure: legend, the function-space plot, the time cursor and the caption. */
export function MainPanel() {
  const { payload, series, band } = useCursorBand();
  const priorSamples = useApp((s) => s.theory.priorSamples);
  const status = useApp((s) => s.theory.status);
  const samples = useApp((s) => s.params.samples);
  const showBand = useApp((s) => s.params.showBand);
  const showInf = useApp((s) => s.params.showInf);
  const mode = useApp((s) => s.params.mode);
  const ensemble = useEnsembleFrame();
  const { frame } = ensemble;
  const nets = frame ? frame.lossTrain.length : 0;
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
      ensemble:
        frame && frame.mean.length === d.plotXTest.length
          ? {
              outputs: frame.outputs,
              nets: frame.lossTrain.length,
              mean: frame.mean,
              std: showBand ? frame.var.map(Math.sqrt) : null,
            }
          : null,
    };
  }, [payload, band, priorSamples, samples, showBand, showInf, frame]);

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
    label: showBand ? 'infinite-width theory at t: mean ±2σ' : 'infinite-width theory at t: mean',
    swatch: 'band',
  });
  if (nets > 0) {
    items.push({ key: 'nets', label: `${nets} finite nets (one line each)`, swatch: 'nets' });
    items.push({
      key: 'ensemble',
      label: showBand ? 'their mean ±2 empirical σ' : 'their mean',
      swatch: 'ensemble',
    });
  }
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
      <EnsembleBar />
      <MainPlot data={data} xLabel={xLabel} yLabel={yLabel} stale={status === 'computing'} />
      <TimeControl kMax={kMax} lr={lr} shownStep={band && !band.exact ? band.step : null} />
      <p className="caption" data-testid="main-caption" data-step={k}>
        Bands are ±2σ (≈ 95%) of the infinite ensemble of networks: grey is the NNGP prior before
        training; blue is the infinite ensemble after <strong>k = {k}</strong> gradient-descent step
        {k === 1 ? '' : 's'}, at time{' '}
        <strong>
          t = η·k = {formatValue(lr)} × {k} = {formatValue(band?.time ?? lr * k)}
        </strong>
        .{showInf ? ' The dotted curve is where training ends as t → ∞.' : ''}
      </p>
      <p
        className="caption"
        data-testid="ensemble-step"
        data-step={frame ? frame.step : ''}
        data-mean0={fingerprint(ensemble.first ?? undefined)}
        data-count={nets}
      >
        {frame
          ? `Finite nets: ${nets} networks of width ${ensemble.width ?? '?'} after k = ${frame.step} step${frame.step === 1 ? '' : 's'}` +
            (frame.step !== k
              ? ` (the newest recorded step at or before the cursor k = ${k}).`
              : ', the same t as the theory.')
          : ensemble.status === 'off'
            ? 'Only the infinite-width theory is drawn.'
            : 'No finite networks recorded yet.'}
      </p>
    </section>
  );
}
