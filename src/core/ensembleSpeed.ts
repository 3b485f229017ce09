// How fast this machine trains, fitted from a short measured probe (workers/ensembleProbe.ts), so
// the plan's time estimate (src/params/ensemblePlan.ts) is the user's own machine's, not a fixed
// constant. One GD step costs a fixed overhead per net and layer (kernel calls, bookkeeping) plus
// a cost per flop that depends on the width: small products run far below the engine's peak, and
// a single rate fitted at one width is off by more than 2× at the other end of 32…4096.
//   ms ≈ msPerCall · calls + msPerFlop(width) · flops
// msPerFlop is interpolated linearly in log-log between the probed widths and held constant
// outside them. Building the initial nets costs about msPerInitParam per parameter (the seeded
// random draws), which dominates the start of wide ensembles.

/** one probe: a measured GD step (ms) of an ensemble with this many flops and net-layer calls */
export interface SpeedSample {
  width: number;
  flops: number;
  /** nets × layers: the kernel calls of one step */
  calls: number;
  ms: number;
  /** parameters built and the ms it took (building the probe's nets) */
  params: number;
  initMs: number;
}

export interface EngineSpeed {
  msPerCall: number;
  /** ms per flop at each probed width, ascending in width */
  rates: { width: number; msPerFlop: number }[];
  /** ms to build one parameter of the initial nets */
  msPerInitParam: number;
}

/**
 * A typical desktop core on the fused WASM SIMD kernel (measured in Node on a 2-core machine):
 * used only until the probe of the user's machine has answered.
 */
export const ASSUMED_SPEED: EngineSpeed = {
  msPerCall: 0.02,
  rates: [
    { width: 32, msPerFlop: 2e-7 },
    { width: 256, msPerFlop: 1.2e-7 },
    { width: 2048, msPerFlop: 6e-8 },
  ],
  msPerInitParam: 4e-4,
};

/** the smallest rate kept: a probe dominated by overhead must not claim infinite speed */
const MIN_MS_PER_FLOP = 1e-12;

/** ms per flop at `width`: log-log interpolation between the probed widths, constant outside */
export function msPerFlopAt(speed: EngineSpeed, width: number): number {
  const r = speed.rates;
  const first = r[0];
  const last = r[r.length - 1];
  if (!first || !last) return ASSUMED_SPEED.rates[1]!.msPerFlop;
  if (width <= first.width) return first.msPerFlop;
  if (width >= last.width) return last.msPerFlop;
  for (let i = 1; i < r.length; i++) {
    const a = r[i - 1]!;
    const b = r[i]!;
    if (width <= b.width) {
      const u = Math.log(width / a.width) / Math.log(b.width / a.width);
      return Math.exp((1 - u) * Math.log(a.msPerFlop) + u * Math.log(b.msPerFlop));
    }
  }
  return last.msPerFlop;
}

/** estimated ms of work with these flops and kernel calls at this width */
export function estimateMs(
  speed: EngineSpeed,
  width: number,
  flops: number,
  calls: number,
): number {
  return speed.msPerCall * calls + msPerFlopAt(speed, width) * flops;
}

/** least squares of ms ≈ c·calls + f·flops through the origin; null when singular */
function fitTwo(samples: SpeedSample[]): { c: number; f: number } | null {
  let scc = 0;
  let sff = 0;
  let scf = 0;
  let scm = 0;
  let sfm = 0;
  for (const s of samples) {
    scc += s.calls * s.calls;
    sff += s.flops * s.flops;
    scf += s.calls * s.flops;
    scm += s.calls * s.ms;
    sfm += s.flops * s.ms;
  }
  const det = scc * sff - scf * scf;
  if (!(Math.abs(det) > 1e-9 * scc * sff)) return null;
  return { c: (scm * sff - sfm * scf) / det, f: (sfm * scc - scm * scf) / det };
}

/**
 * The speed from probe samples: the overhead per call and the smallest width's rate from the
 * samples at the smallest width (which must differ in flops per call), then each wider width's
 * rate from what is left after the overhead. Noisy timings that give a negative overhead or rate
 * put all of that width's time on the flops.
 */
export function fitSpeed(samples: SpeedSample[]): EngineSpeed {
  const good = samples.filter(
    (s) => s.width > 0 && s.flops > 0 && s.calls >= 0 && Number.isFinite(s.ms) && s.ms > 0,
  );
  if (good.length === 0) throw new Error('no usable speed samples');
  const widths = [...new Set(good.map((s) => s.width))].sort((a, b) => a - b);
  const at = (w: number) => good.filter((s) => s.width === w);
  const smallest = at(widths[0]!);
  const two = fitTwo(smallest);
  const msPerCall = two && two.c >= 0 && two.f > 0 ? two.c : 0;
  const rates = widths.map((width) => {
    const group = at(width);
    let ms = 0;
    let flops = 0;
    for (const s of group) {
      ms += Math.max(0, s.ms - msPerCall * s.calls);
      flops += s.flops;
    }
    const fallback = group.reduce((sum, s) => sum + s.ms, 0) / flops;
    const msPerFlop = ms > 0 ? ms / flops : fallback;
    return { width, msPerFlop: Math.max(MIN_MS_PER_FLOP, msPerFlop) };
  });
  // the widest probe: the most parameters, so the least fixed cost per parameter
  const widest = at(widths[widths.length - 1]!).filter((s) => s.params > 0 && s.initMs >= 0);
  const params = widest.reduce((sum, s) => sum + s.params, 0);
  const initMs = widest.reduce((sum, s) => sum + s.initMs, 0);
  const msPerInitParam = params > 0 ? initMs / params : ASSUMED_SPEED.msPerInitParam;
  return { msPerCall, rates, msPerInitParam };
}
