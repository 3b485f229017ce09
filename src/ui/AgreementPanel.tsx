import { useMemo } from 'react';
import { agreementStats, reading, verdict } from '../plots/agreement';
import { formatValue } from '../plots/ticks';
import { payloadRate, resolveCursor, useApp } from '../store';
import { AgreementPlot } from './AgreementPlot';
import { useEnsembleFrame } from './useEnsembleFrame';

/**
 * Does the ensemble match the theory at the step shown? The difference of the means across x
 * with the theory's standard-error band ±2σ_k/√E (shaded) and the empirical one ±2√(var/E)
 * (dashed), the largest z = |mean − μ_k|/(σ_k/√E), and one plain sentence.
 */
export function AgreementPanel() {
  const ensemble = useEnsembleFrame();
  const { frame } = ensemble;
  const payload = useApp((s) => s.theory.payload);
  const series = useApp((s) => s.theory.series);
  const cursor = useApp((s) => s.theory.cursor);
  const diagReg = useApp((s) => s.params.diagReg);
  const nets = frame ? frame.lossTrain.length : 0;
  // the theory at exactly the step the nets are shown at, with the nets' η
  const theory = useMemo(() => {
    if (!payload || !frame || payloadRate(payload) !== ensemble.lr) return null;
    const band = resolveCursor(payload, series, cursor, frame.step);
    return band.exact && band.step === frame.step ? band : null;
  }, [payload, series, cursor, frame, ensemble.lr]);
  const stats = useMemo(
    () =>
      frame && theory && theory.mean.length === frame.mean.length
        ? agreementStats(frame.mean, theory.mean, theory.std, frame.var, nets)
        : null,
    [frame, theory, nets],
  );
  if (ensemble.status === 'off' || ensemble.status === 'refused') return null;
  const circle = payload?.data.dim === 2;
  const z = stats?.zMax ?? NaN;
  return (
    <section className="panel panel-agreement" aria-labelledby="agreement-title">
      <div className="panel-head">
        <h2 id="agreement-title">Does the ensemble match the theory?</h2>
      </div>
      <div data-testid="agreement-panel" data-ready={stats ? 'true' : 'false'}>
        {stats && payload && frame ? (
          <>
            <p className={verdict(z) === 'differs' ? 'warn-text' : undefined}>
              At k = {frame.step}: largest z ={' '}
              <strong data-testid="agreement-zmax" data-z={Number.isFinite(z) ? z : ''}>
                {Number.isFinite(z) ? z.toFixed(2) : '—'}
              </strong>{' '}
              over {stats.counted} points. {reading(z, nets)}
            </p>
            <AgreementPlot
              xs={payload.data.plotXTest}
              stats={stats}
              xLabel={circle ? 'angle γ (rad)' : 'input x'}
            />
            <p className="muted">
              Green: ensemble mean − theory mean (the dot marks the largest z). Shaded: ±2σ
              <sub>k</sub>/√E with σ<sub>k</sub> the theory’s standard deviation at this step and E
              = {nets} (what {nets} draws of the infinite ensemble scatter by); dashed: ±2 empirical
              standard errors √(var/E). z = |mean − μ<sub>k</sub>|/(σ<sub>k</sub>/√E), left out
              where σ<sub>k</sub> is below 1 % of its largest value (the theory is then nearly
              certain and float32 round-off dominates).
              {diagReg > 0
                ? ` The theory includes the regularizer λ = ${formatValue(diagReg)}; the networks do not, so expect a difference.`
                : ''}
            </p>
          </>
        ) : (
          <p className="muted">
            {frame
              ? 'Waiting for the theory at the step the networks are shown at…'
              : 'Train the networks to compare them with the theory.'}
          </p>
        )}
      </div>
    </section>
  );
}
