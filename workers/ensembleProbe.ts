// The speed probe behind the plan's time estimate (src/core/ensembleSpeed.ts): a few timed GD
// steps of small ensembles on the engine that will train, so the estimate is this machine's.
// Two probes at width 32 that differ in flops per call separate the per-call overhead from the
// rate; widths 256 and 1024 give the rate where products are large (wider probes would spend
// seconds just building their nets). Building the probes' nets is timed too. About 0.3–1 s.

import { DEFAULT_ARCH } from '../src/core/arch';
import { parameterCount, stepFlops } from '../src/core/ensembleCost';
import { fitSpeed, type EngineSpeed, type SpeedSample } from '../src/core/ensembleSpeed';
import { createEngine } from './engines/createEngine';
import type { EngineKind } from './engines/engine';

interface ProbeConfig {
  width: number;
  nets: number;
  points: number;
}

export const PROBES: readonly ProbeConfig[] = [
  { width: 32, nets: 8, points: 2 },
  { width: 32, nets: 2, points: 64 },
  { width: 256, nets: 2, points: 16 },
  { width: 1024, nets: 1, points: 16 },
];
const DEPTH = 2;
/** each probe runs doubling step counts until one run takes this long */
const MIN_MS = 8;
const MAX_STEPS = 4096;

function probeOne(kind: EngineKind, c: ProbeConfig, now: () => number): SpeedSample {
  const arch = { ...DEFAULT_ARCH, width: c.width, depth: DEPTH };
  const xTrain = Float64Array.from({ length: c.points }, (_, i) => -1 + (2 * i) / c.points);
  const built = now();
  const engine = createEngine(kind, {
    arch,
    inputDim: 1,
    seed: 1,
    firstNet: 0,
    size: c.nets,
    xTrain,
    yTrain: Array.from(xTrain, Math.sin),
    lr: 0.01,
  });
  const initMs = now() - built;
  try {
    // the first step pays one-off costs (buffers, compiled kernels): not part of the rate
    engine.step(1);
    const timed = (k: number): number => {
      const t0 = now();
      engine.step(k);
      return now() - t0;
    };
    let k = 1;
    while (timed(k) < MIN_MS && k < MAX_STEPS) k *= 2;
    // the median of three runs: other work on a busy machine lands in single runs
    const runs = [timed(k), timed(k), timed(k)].sort((a, b) => a - b);
    const ms = runs[1]!;
    const flops = stepFlops({ arch, size: c.nets, dim: 1, nTrain: c.points });
    const params = c.nets * parameterCount({ arch, dim: 1 });
    return { width: c.width, flops, calls: c.nets * (DEPTH + 1), ms: ms / k, params, initMs };
  } finally {
    engine.dispose();
  }
}

/** this machine's speed on `kind`, from timed GD steps of the PROBES */
export function probeSpeed(
  kind: EngineKind,
  now: () => number = () => performance.now(),
): EngineSpeed {
  return fitSpeed(PROBES.map((c) => probeOne(kind, c, now)));
}
