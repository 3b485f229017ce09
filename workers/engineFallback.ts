// Mid-run fallback (docs/architecture.md#training-backends): when the engine training the
// ensemble throws in the middle of a run (a step, a frame, a kernel), the ensemble moves to the
// next backend of the plan that starts, continues from the step it had reached (ensembleApi's
// `resume`: the same seeded nets, GD replayed) and the call is made again. Each move adds a plain
// note to the backend report, and the next frame reply carries the report so the page shows it.
// Free of tfjs: backends are activated by the caller's `activate` (backendLoader.ts in the worker).

import { errorMessage } from '../src/core/errorMessage';
import type { EnsembleApi, EnsembleFrame } from './ensembleApi';
import {
  BACKEND_LABELS,
  engineFor,
  fallbackNote,
  type BackendReport,
  type RunningBackend,
} from './ensembleBackends';

/** a frame, with the backend report when it changed since the last frame reply */
export type FrameReply = EnsembleFrame & { backend?: BackendReport };

/** what runs now and the backends still left to fall back to, best first */
export interface BackendRun {
  report: BackendReport;
  rest: RunningBackend[];
}

/** one sentence for an engine that failed mid-run */
export function midRunNote(
  failed: RunningBackend,
  step: number,
  reason: string,
  next: RunningBackend,
): string {
  return (
    `${BACKEND_LABELS[failed]} failed after step ${step} (${reason}); training continued ` +
    `from step ${step} on ${BACKEND_LABELS[next]}, with the same nets replayed there.`
  );
}

export interface FallbackRunner {
  /** start tracking a run that initWith began (null: no fallback, e.g. a plain `init`) */
  begin(run: BackendRun | null): void;
  /** `work()`, or after a failure, `work()` again on the next backend that takes the nets */
  guard<T>(work: () => T): Promise<T>;
  /** a frame call, guarded, with the report attached when it changed */
  frame(work: () => EnsembleFrame): Promise<FrameReply>;
}

export function createFallbackRunner(
  api: EnsembleApi,
  activate: (backend: RunningBackend) => Promise<void>,
): FallbackRunner {
  let run: BackendRun | null = null;
  /** the report changed and no frame reply has carried it yet */
  let unreported = false;

  /** move the nets to the next backend that takes them, at `step`; rethrows when none does */
  const fallBack = async (error: unknown, step: number): Promise<void> => {
    if (!run) throw error;
    const { report } = run;
    let failed = report.backend;
    let reason = errorMessage(error);
    while (run.rest.length > 0) {
      const next = run.rest.shift()!;
      try {
        await activate(next);
        api.resume(engineFor(next), step);
        report.notes.push(midRunNote(failed, step, reason, next));
        run.report = { ...report, backend: next, engine: engineFor(next) };
        unreported = true;
        return;
      } catch (e) {
        report.notes.push(fallbackNote(next, errorMessage(e)));
        failed = next;
        reason = errorMessage(e);
      }
    }
    throw new Error(
      `${errorMessage(error)} (no other backend could continue: ${report.notes.join(' ')})`,
    );
  };

  const guard = async <T>(work: () => T): Promise<T> => {
    for (;;) {
      const step = api.steps();
      try {
        return work();
      } catch (error) {
        await fallBack(error, step);
      }
    }
  };

  return {
    begin(r) {
      run = r;
      unreported = false;
    },
    guard,
    async frame(work) {
      const value: FrameReply = await guard(work);
      if (!unreported || !run) return value;
      unreported = false;
      return { ...value, backend: { ...run.report, notes: [...run.report.notes] } };
    },
  };
}
