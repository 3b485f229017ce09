// An engine factory for fallback tests: engines of kind `kind` are real engines (createEngine)
// that throw on their `failAt`-th GD step, as a GPU backend that loses its device mid-run does.
// A predict call can be made to fail once as well.

import { createEngine } from '../engines/createEngine';
import type { EngineKind, EnsembleEngine } from '../engines/engine';
import type { EngineFactory } from '../ensembleApi';

export interface FailingFactory {
  make: EngineFactory;
  /** the next predict call of a failing-kind engine throws */
  failNextPredict(): void;
  /** engines built, by kind, in order */
  built: EngineKind[];
}

export function failingEngines(kind: EngineKind, failAt: number): FailingFactory {
  const built: EngineKind[] = [];
  let predictFails = false;
  const make: EngineFactory = (k, init) => {
    built.push(k);
    const inner = createEngine(k, init);
    if (k !== kind) return inner;
    let taken = 0;
    const engine: EnsembleEngine = {
      kind: inner.kind,
      size: inner.size,
      step(n) {
        for (let i = 0; i < n; i++) {
          if (taken + 1 === failAt) throw new Error(`device lost at step ${failAt}`);
          inner.step(1);
          taken++;
        }
      },
      predict(x, rows) {
        if (predictFails) {
          predictFails = false;
          throw new Error('readback failed');
        }
        return inner.predict(x, rows);
      },
      empiricalKernels: (...args) => inner.empiricalKernels(...args),
      parameters: (net) => inner.parameters(net),
      dispose: () => inner.dispose(),
    };
    return engine;
  };
  return {
    make,
    built,
    failNextPredict: () => {
      predictFails = true;
    },
  };
}
