import { formatValue } from '../plots/ticks';
import { useApp } from '../store';

/** A plain, prominent warning when η is above the stability limit of gradient descent. */
export function EtaWarning() {
  const lr = useApp((s) => s.params.lr);
  const etaCrit = useApp((s) => s.theory.payload?.theory.etaCrit);
  if (etaCrit === undefined || !(lr > etaCrit)) return null;
  return (
    <div className="banner banner-warning" data-testid="eta-warning" role="alert">
      <p>
        <strong>
          η = {formatValue(lr)} exceeds η<sub>crit</sub> = {formatValue(etaCrit)}:
        </strong>{' '}
        gradient descent diverges; the theory below oscillates and grows.
      </p>
    </div>
  );
}
