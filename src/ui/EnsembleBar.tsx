import { estimatedMsToK, formatDuration as duration } from '../params/ensemblePlan';
import { SCHEMA } from '../params/schema';
import { formatValue } from '../plots/ticks';
import { useApp } from '../store';
import type { EnsembleState } from '../store';

function bytes(v: number): string {
  if (v >= 1e9) return `${(v / 1e9).toFixed(v >= 1e10 ? 0 : 1)} GB`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(v >= 1e7 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(v / 1e3))} kB`;
}

const STATUS_TEXT: Record<EnsembleState['status'], string> = {
  idle: 'Not trained yet',
  off: 'No finite networks',
  refused: 'Not started: over the memory budget',
  starting: 'Building the networks…',
  training: 'Training',
  paused: 'Paused',
  done: 'Trained to K',
  error: 'Training failed',
};

function Refusal({ e }: { e: EnsembleState }) {
  const setParam = useApp((s) => s.setParam);
  const plan = e.plan;
  if (!plan) return null;
  const { size, width } = plan.largest;
  return (
    <div className="ensemble-refusal warn-text" data-testid="ensemble-refusal" role="alert">
      <p>
        {plan.size} networks of width {plan.width} and depth {plan.depth} would need about{' '}
        {bytes(plan.memoryBytes)} to train, more than the memory budget of {bytes(plan.budgetBytes)}
        , so they were not started.{' '}
        {size > 0
          ? `At width ${plan.width} up to ${size} network${size === 1 ? '' : 's'} fit.`
          : `Not even one network of width ${plan.width} fits.`}{' '}
        {width > 0
          ? `With ${plan.size} networks the width can be at most ${width}.`
          : `No width fits ${plan.size} networks.`}
      </p>
      <div className="ensemble-actions">
        {size > 0 && (
          <button
            type="button"
            className="btn"
            data-testid="ensemble-fix-nets"
            onClick={() => setParam('nets', size)}
          >
            Use {size} network{size === 1 ? '' : 's'}
          </button>
        )}
        {width > 0 && (
          <button
            type="button"
            className="btn"
            data-testid="ensemble-fix-width"
            onClick={() => setParam('width', width)}
          >
            Use width {width}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The finite ensemble's controls and status: Train / Pause / Resume, Step (the `advance`
 * command: to the next recorded step), Reset (to the initial nets); what backend runs and why; memory and time per step
 * (estimated before training, measured once it runs); the refusal when over budget.
 */
export function EnsembleBar() {
  const e = useApp((s) => s.ensemble);
  const K = useApp((s) => s.params.maxSteps);
  const command = useApp((s) => s.ensembleCommand);
  const plan = e.plan;
  const active = e.status !== 'off' && e.status !== 'refused';
  const training = e.status === 'training' || e.status === 'starting';
  const trainLabel =
    e.status === 'paused' && e.latestStep > 0
      ? 'Resume'
      : e.status === 'done'
        ? 'Trained'
        : 'Train';
  // measured: the steps left at the measured rate; before that, the plan's whole estimate to K
  const left =
    e.msPerStep !== null
      ? Math.max(0, K - e.latestStep) * e.msPerStep
      : plan
        ? estimatedMsToK(plan, K, e.latestStep)
        : NaN;
  return (
    <div className="ensemble-bar" data-testid="ensemble-bar">
      <div className="ensemble-actions">
        {training ? (
          <button
            type="button"
            className="btn"
            data-testid="ensemble-pause"
            onClick={() => command('pause')}
          >
            ❚❚ Pause
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="ensemble-train"
            disabled={!active || e.status === 'done'}
            onClick={() => command('train')}
          >
            ▶ {trainLabel}
          </button>
        )}
        <button
          type="button"
          className="btn"
          data-testid="ensemble-step-button"
          disabled={e.status !== 'paused'}
          onClick={() => command('advance')}
          title="Train to the next recorded step"
        >
          Step
        </button>
        <button
          type="button"
          className="btn"
          data-testid="ensemble-reset"
          disabled={e.gen === 0 || e.status === 'starting'}
          onClick={() => command('reset')}
          title="Back to the initial networks (the same random start)"
        >
          Reset
        </button>
      </div>
      <div className="ensemble-info" role="status" aria-live="polite">
        <span
          data-testid="ensemble-status"
          data-state={e.status}
          data-latest={e.latestStep}
          className={e.status === 'error' ? 'warn-text' : undefined}
        >
          {STATUS_TEXT[e.status]}
          {e.gen !== 0 && e.status !== 'starting' ? ` — step ${e.latestStep} of ${K}` : ''}
          {e.status === 'error' && e.message ? `: ${e.message}` : ''}
        </span>
        {e.backend && active && (
          <span
            data-testid="ensemble-backend"
            data-backend={e.backend.backend}
            title={e.backend.notes.join(' ')}
          >
            on {SCHEMA.backend.labels[e.backend.backend]}
            {e.backend.choice === 'auto' ? ' (automatic)' : ''}
          </span>
        )}
        {plan && active && (
          <span data-testid="ensemble-memory">
            {plan.size} nets × width {plan.width}: ≈ {bytes(plan.memoryBytes)} of{' '}
            {bytes(plan.budgetBytes)}
          </span>
        )}
        {plan && active && (
          <span data-testid="ensemble-time">
            {e.msPerStep !== null
              ? `${duration(e.msPerStep)} per step (measured)`
              : `≈ ${duration(plan.estimatedMsPerStep)} per step (estimate)`}
            {e.stepsPerSec !== null && e.status === 'training'
              ? `, ${formatValue(e.stepsPerSec)} steps/s`
              : ''}
            {e.status !== 'done' && active && Number.isFinite(left) && left > 0
              ? `; to K: ${e.msPerStep === null ? '≈ ' : ''}${duration(left)}`
              : ''}
          </span>
        )}
      </div>
      {e.status === 'idle' && e.message && (
        <p className="muted ensemble-message" data-testid="ensemble-not-started">
          {e.message}
        </p>
      )}
      {e.status === 'off' && e.message && (
        <p className="muted ensemble-message" data-testid="ensemble-off">
          {e.message}
        </p>
      )}
      {e.status === 'refused' && <Refusal e={e} />}
      {e.backend && e.backend.notes.length > 0 && active && (
        <p className="muted ensemble-message" data-testid="ensemble-notes">
          {e.backend.notes.join(' ')}
        </p>
      )}
    </div>
  );
}
