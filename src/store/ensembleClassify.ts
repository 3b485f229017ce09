// What a parameter change does to the finite ensemble, read from the schema's `affects.nets`.

import { affectsOf, changedKeys, type NetsAction, type Params } from '../params/schema';

/** a re-plan of the nets, most work first (a larger one includes the smaller) */
export type Replan = Extract<NetsAction, 'reinit' | 'restart' | 'budget'>;
export const REPLAN_ORDER: readonly Replan[] = ['reinit', 'restart', 'budget'];

export interface EnsembleChange {
  /** the re-plan the change asks for, or null */
  nets: Replan | null;
  /** only the horizon K moved (a reinit or restart trains to the new K anyway) */
  horizon: boolean;
  /** the time cursor changed (the user moved it, or the controller followed the nets) */
  cursorMoved: boolean;
}

export function classify(prev: Params, next: Params): EnsembleChange {
  const keys = changedKeys(prev, next);
  const actions = new Set(keys.map((k) => affectsOf(k).nets));
  const nets = REPLAN_ORDER.find((a) => actions.has(a)) ?? null;
  return {
    nets,
    horizon: actions.has('horizon') && nets !== 'reinit' && nets !== 'restart',
    cursorMoved: keys.includes('cursor'),
  };
}
