import { useMemo } from 'react';
import type { LossPlotData } from '../plots/lossPlot';
import { formatValue } from '../plots/ticks';
import { resolveCursor, useApp } from '../store';
import { LossPlot } from './LossPlot';

/** Expected loss vs t (log–log) with the values at the cursor and at t = ∞. */
export function LossPanel() {
  const payload = useApp((s) => s.theory.payload);
  const cursor = useApp((s) => s.theory.cursor);
  const step = useApp((s) => s.params.step);
  const status = useApp((s) => s.theory.status);
  const lr = useApp((s) => s.params.lr);
  const band = useMemo(
    () => (payload ? resolveCursor(payload, cursor, step) : null),
    [payload, cursor, step],
  );
  const cursorTime = band?.time ?? 0;
  const data = useMemo<LossPlotData | null>(() => {
    if (!payload) return null;
    const t = payload.theory;
    return {
      times: t.times,
      lossTrain: t.lossTrain,
      lossTest: t.lossTest,
      lossTrainInf: t.lossTrainInf,
      lossTestInf: t.lossTestInf,
      cursorTime,
    };
  }, [payload, cursorTime]);
  if (!payload || !data || !band) return null;
  const t = payload.theory;
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
      <div className="loss-body">
        <LossPlot data={data} stale={status === 'computing'} />
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
