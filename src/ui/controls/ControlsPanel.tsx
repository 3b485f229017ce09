import type { ReactNode } from 'react';
import { ACTIVATIONS } from '../../core/activations';
import { DATASETS } from '../../core/datasets';
import { PARAM_KEYS, SCHEMA, isRelevant, theoryDependsOn } from '../../params/schema';
import type { ParamGroup, ParamKey } from '../../params/schema';
import { formatValue } from '../../plots/ticks';
import { useApp } from '../../store';
import { ParamControl } from './ParamControl';

const GROUPS: { id: ParamGroup; title: string }[] = [
  { id: 'data', title: 'Data' },
  { id: 'architecture', title: 'Architecture' },
  { id: 'training', title: 'Training' },
  { id: 'networks', title: 'Finite networks' },
  { id: 'drift', title: 'NTK drift sweep' },
  { id: 'view', title: 'View' },
];

/** keys with their own widget elsewhere on the page (the time cursor sits under the plot) */
const SPECIAL: ReadonlySet<ParamKey> = new Set<ParamKey>(['cursor']);

function EtaCritNote() {
  const etaCrit = useApp((s) => s.theory.payload?.theory.etaCrit);
  const lr = useApp((s) => s.params.lr);
  if (etaCrit === undefined) return null;
  const over = lr > etaCrit;
  return (
    <span className={over ? 'eta-crit over' : 'eta-crit'}>
      η<sub>crit</sub> = 2N/λ<sub>max</sub> = <strong>{formatValue(etaCrit)}</strong>
      {over ? ' — η is above it' : ''}
    </span>
  );
}

function useNotes(): Partial<Record<ParamKey, ReactNode>> {
  const activation = useApp((s) => s.params.activation);
  const dataset = useApp((s) => s.params.dataset);
  const theoryUsesWidth = useApp((s) => theoryDependsOn('width', s.params));
  return {
    width: (
      <span className="muted" data-testid="width-note">
        {theoryUsesWidth
          ? 'Standard parameterization: the NTK grows with the width, so there is no ∞.'
          : 'The theory does not depend on it; the last stop, ∞, draws the theory alone.'}
      </span>
    ),
    activation: <span className="formula">φ(x) = {ACTIVATIONS[activation].formula}</span>,
    dataset: <span className="formula">target: {DATASETS[dataset].formula}</span>,
    lr: <EtaCritNote />,
  };
}

/** Every parameter of the schema, grouped; controls that have no effect right now are hidden. */
export function ControlsPanel() {
  // which controls show, as one string: the panel re-renders when that changes, not for every
  // parameter change (the time cursor moves many times a second while the nets train)
  const shown = useApp((s) =>
    PARAM_KEYS.filter((k) => !SPECIAL.has(k) && isRelevant(k, s.params)).join(' '),
  );
  const visible = new Set(shown.split(' '));
  const notes = useNotes();
  return (
    <nav className="controls" aria-label="Experiment parameters">
      {GROUPS.map((group) => {
        const keys = PARAM_KEYS.filter((k) => SCHEMA[k].group === group.id && visible.has(k));
        if (keys.length === 0) return null;
        return (
          <details key={group.id} className="control-group" open>
            <summary>
              <h2>{group.title}</h2>
            </summary>
            {keys.map((k) => (
              <ParamControl key={k} k={k} note={notes[k]} />
            ))}
          </details>
        );
      })}
    </nav>
  );
}
