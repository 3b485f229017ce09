import { formatValue } from '../plots/ticks';
import { useApp } from '../store';

/** ½·η_crit rounded down to two significant digits: safely stable and readable in a link */
export function halfCritical(etaCrit: number): number {
  const half = etaCrit / 2;
  const scale = 10 ** (Math.floor(Math.log10(half)) - 1);
  return Number((Math.floor(half / scale) * scale).toPrecision(2));
}

/** A plain, prominent warning when η is above the stability limit of gradient descent. */
export function EtaWarning() {
  const lr = useApp((s) => s.params.lr);
  const etaCrit = useApp((s) => s.theory.payload?.theory.etaCrit);
  const setParam = useApp((s) => s.setParam);
  if (etaCrit === undefined || !(lr > etaCrit)) return null;
  const safe = Number.isFinite(etaCrit) && etaCrit > 0 ? halfCritical(etaCrit) : null;
  return (
    <div className="banner banner-warning" data-testid="eta-warning" role="alert">
      <p>
        <strong>
          η = {formatValue(lr)} exceeds η<sub>crit</sub> = 2N/λ<sub>max</sub> ={' '}
          {formatValue(etaCrit)}:
        </strong>{' '}
        gradient descent diverges; the theory below oscillates and grows.
      </p>
      {safe !== null && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="eta-fix"
          onClick={() => setParam('lr', safe)}
        >
          Use η = {formatValue(safe)} (about ½·η<sub>crit</sub>)
        </button>
      )}
    </div>
  );
}
