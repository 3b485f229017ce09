import { useMemo } from 'react';
import type { EnsembleLosses, LossPlotData } from '../plots/lossPlot';
import type { RecordedFrame } from '../store';
import { formatValue } from '../plots/ticks';
import { meanLoss, seriesStatus, useApp } from '../store';
import { LossPlot } from './LossPlot';
import { useCursorBand } from './useCursorBand';

/** the finite nets' per-net and mean losses over their recorded steps, against t = η·k */
function ensembleLosses(frames: readonly RecordedFrame[], lr: number): EnsembleLosses | null {
  if (frames.length === 0) return null;
  const nets = frames[0]!.lossTrain.length;
  const hasTest = frames.every((f) => f.lossTest !== null);
  const perNet = (pick: (f: RecordedFrame) => Float32Array | null) =>
    Array.from({ length: nets }, (_, e) => frames.map((f) => pick(f)?.[e] ?? NaN));
  return {
    times: frames.map((f) => lr * f.step),
    train: perNet((f) => f.lossTrain),
    test: hasTest ? perNet((f) => f.lossTest) : null,
    meanTrain: frames.map((f) => meanLoss(f.lossTrain)),
    meanTest: hasTest ? frames.map((f) => meanLoss(f.lossTest)) : null,
  };
}

/**
 * Expected loss vs t (log–log) with the values at the cursor and at t = ∞. The values come
 * with the band; the curves need the time series, which arrives a moment later: until then
 * the previous curves stay, dimmed, or a note says they are being computed.
 */
export function LossPanel() {
  const { payload, series, band } = useCursorBand();
  const curves = useApp((s) => seriesStatus(s.theory));
  const seriesError = useApp((s) => s.theory.seriesError);
  const status = useApp((s) => s.theory.status);
  const lr = useApp((s) => s.params.lr);
  const cursorTime = band?.time ?? 0;
  const frames = useApp((s) => s.ensemble.frames);
  const ensembleLr = useApp((s) => s.ensemble.lr);
  const ensemble = useMemo(() => ensembleLosses(frames, ensembleLr), [frames, ensembleLr]);
  const data = useMemo<LossPlotData | null>(() => {
    if (!payload || !series) return null;
    const t = payload.theory;
    return {
      times: series.times,
      lossTrain: series.lossTrain,
      lossTest: series.lossTest,
      lossTrainInf: t.lossTrainInf,
      lossTestInf: t.lossTestInf,
      cursorTime: 0,
      ensemble,
    };
  }, [payload, series, ensemble]);
  if (!payload || !band) return null;
  const t = payload.theory;
  const note =
    curves === 'error'
      ? `The loss curves could not be computed: ${seriesError ?? 'unknown error'}`
      : curves === 'computing'
        ? 'Computing curves…'
        : '';
  return (
    <section className="panel panel-loss" aria-labelledby="loss-title">
      <div className="panel-head">
        <h2 id="loss-title">Loss: the infinite ensemble and the finite nets</h2>
        <ul className="legend" aria-label="Legend">
          <li>
            <span className="key key-train" aria-hidden="true" /> train
          </li>
          <li>
            <span className="key key-test" aria-hidden="true" /> test (on the plot grid)
          </li>
          <li>
            <span className="key key-inf" aria-hidden="true" /> t = ∞
          </li>
          {ensemble && (
            <li data-testid="loss-ensemble-legend">thin: each finite net; dashed: their mean</li>
          )}
        </ul>
      </div>
      <p
        className={curves === 'error' ? 'series-status warn-text' : 'series-status muted'}
        data-testid="series-status"
        data-state={curves}
        role="status"
      >
        {note}
      </p>
      <div className="loss-body">
        {data ? (
          <LossPlot
            data={data}
            cursorTime={cursorTime}
            stale={status === 'computing' || curves !== 'ready'}
          />
        ) : (
          <div className="plot loss-waiting" aria-busy="true" />
        )}
        <dl className="readout" data-testid="loss-readout">
          <dt>at t = {formatValue(band.time)}</dt>
          <dd>
            <span className="swatch-text loss-train-text">train {formatValue(band.lossTrain)}</span>
            <span className="swatch-text loss-test-text">test {formatValue(band.lossTest)}</span>
          </dd>
          <dt>at t = ∞</dt>
          {lr > t.etaCrit ? (
            <dd>
              <span className="warn-text">never reached: η &gt; η_crit, the loss diverges</span>
              <span className="muted">
                (kernel regression: train {formatValue(t.lossTrainInf)}, test{' '}
                {formatValue(t.lossTestInf)})
              </span>
            </dd>
          ) : (
            <dd>
              <span className="swatch-text loss-train-text">
                train {formatValue(t.lossTrainInf)}
              </span>
              <span className="swatch-text loss-test-text">test {formatValue(t.lossTestInf)}</span>
            </dd>
          )}
          <dt>loss</dt>
          <dd className="muted">
            ½·mean of (f − y)², averaged over the ensemble (mean² + variance)
          </dd>
        </dl>
      </div>
    </section>
  );
}
