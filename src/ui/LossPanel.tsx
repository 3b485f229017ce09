import { useMemo } from 'react';
import type { LossPlotData } from '../plots/lossPlot';
import { formatValue } from '../plots/ticks';
import { seriesStatus, useApp } from '../store';
import { LossPlot } from './LossPlot';
import { useCursorBand } from './useCursorBand';

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
  const data = useMemo<LossPlotData | null>(() => {
    if (!payload || !series) return null;
    const t = payload.theory;
    return {
      times: series.times,
      lossTrain: series.lossTrain,
      lossTest: series.lossTest,
      lossTrainInf: t.lossTrainInf,
      lossTestInf: t.lossTestInf,
      cursorTime,
    };
  }, [payload, series, cursorTime]);
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
        <h2 id="loss-title">Expected loss of the infinite ensemble</h2>
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
          <LossPlot data={data} stale={status === 'computing' || curves !== 'ready'} />
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
