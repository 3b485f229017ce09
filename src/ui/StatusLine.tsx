import { formatValue } from '../plots/ticks';
import { seriesStatus, useApp } from '../store';

function ms(v: number): string {
  return v < 10
    ? `${v.toFixed(1)} ms`
    : v < 1000
      ? `${Math.round(v)} ms`
      : `${(v / 1000).toFixed(2)} s`;
}

/**
 * computing / ready (with timings) / error, plus the clamped-eigenvalue count. data-state is
 * 'ready' once the band of the newest generation is drawn; data-series is 'ready' once its time
 * series (loss curves, Export JSON) has arrived too.
 */
export function StatusLine() {
  const theory = useApp((s) => s.theory);
  const state = theory.status === 'idle' ? 'computing' : theory.status;
  const curves = seriesStatus(theory);
  const payload = theory.payload;
  const clamped = payload?.theory.clampedEigs ?? 0;
  let text: string;
  if (state === 'computing') text = payload ? 'Computing the new theory…' : 'Computing the theory…';
  else if (state === 'error')
    text = `The theory could not be computed: ${theory.error ?? 'unknown error'}`;
  else {
    const t = payload?.timings;
    text = t
      ? `Ready — kernels ${ms(t.kernelsMs)}, dynamics ${ms(t.dynamicsMs)}` +
        (theory.elapsedMs !== null ? ` (${ms(theory.elapsedMs)} in all)` : '')
      : 'Ready';
    if (curves === 'ready' && theory.series) {
      text +=
        `; curves ${ms(theory.series.ms)}` +
        (theory.seriesElapsedMs !== null ? ` (${ms(theory.seriesElapsedMs)} in all)` : '');
    } else if (curves === 'computing') text += '; computing curves…';
  }
  return (
    <div className="status-line">
      <div
        data-testid="theory-status"
        data-state={state}
        data-gen={theory.gen}
        data-series={curves}
        className={`status status-${state}`}
        role="status"
        aria-live="polite"
      >
        <span className="status-dot" aria-hidden="true" />
        {text}
      </div>
      {clamped > 0 && (
        <div className="status-note" data-testid="clamped-eigs">
          {clamped} negative eigenvalue{clamped === 1 ? '' : 's'} of the kernel (round-off) clamped
          to 0.
        </div>
      )}
      {payload && (
        <div className="status-note">
          λ<sub>max</sub> ={' '}
          {formatValue(payload.theory.eigs[payload.theory.eigs.length - 1] ?? NaN)}, N ={' '}
          {payload.data.yTrain.length}, M = {payload.data.yTest.length}
        </div>
      )}
    </div>
  );
}
