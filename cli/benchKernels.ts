// Kernel timing: N = 64 training and M = 256 test points (1-D, evenly spaced on [−5, 5]), depth 8,
// σ_w = 2, σ_b = 0.1, every activation. Columns: train-train (symmetric path), test-train,
// test self-kernels, their sum (what the page needs per change) and the full test-test block.
// Then the same with method 'quadrature' for the closed-form activations (cross-check cost).
// Run: npx vite-node cli/benchKernels.ts [--reps 7] [--no-quadrature] [--quad-full]

import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ACTIVATION_IDS, DEFAULT_ARCH, type ActivationId, type ArchSpec } from '../src/core/arch';
import { hasClosedForm, type KernelMethod } from '../src/core/kernelMaps';
import { kernelDiag, kernelFn } from '../src/core/kernels';
import { zeros, type Matrix } from '../src/core/linalg/matrix';

const args = process.argv.slice(2);
const repsArg = args.indexOf('--reps');
const REPS = repsArg >= 0 ? Math.max(1, Number(args[repsArg + 1]) || 7) : 7;
const WITH_QUADRATURE = !args.includes('--no-quadrature');
const QUAD_FULL = args.includes('--quad-full');

function linspace(n: number, lo: number, hi: number): Matrix {
  const m = zeros(n, 1);
  for (let i = 0; i < n; i++) m.data[i] = lo + ((hi - lo) * i) / (n - 1);
  return m;
}

interface Timing {
  /** process CPU time, ms: robust when other processes share the cores */
  cpu: number;
  /** wall clock, ms */
  wall: number;
}

/** fastest of `reps` runs (after one warm-up run when reps > 1), CPU and wall time separately */
function time(reps: number, run: () => void): Timing {
  if (reps > 1) run();
  const best = { cpu: Infinity, wall: Infinity };
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    best.cpu = Math.min(best.cpu, (c.user + c.system) / 1000);
    best.wall = Math.min(best.wall, wall);
  }
  return best;
}

const xTrain = linspace(64, -5, 5);
// offset so that no test point coincides with a training point (the general off-diagonal path)
const xTest = linspace(256, -5.01, 4.99);

const fmt = (ms: number): string =>
  (ms < 10 ? ms.toFixed(2) : ms < 1e5 ? ms.toFixed(1) : `${(ms / 1000).toFixed(0)} s`).padStart(10);
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function row(label: string, arch: ArchSpec, method: KernelMethod, reps: number, tt: boolean): void {
  const opts = { method };
  const trTr = time(reps, () => kernelFn(arch, xTrain, xTrain, opts));
  const teTr = time(reps, () => kernelFn(arch, xTest, xTrain, opts));
  const teDiag = time(reps, () => kernelDiag(arch, xTest, opts));
  const teTe = tt
    ? fmt(time(reps, () => kernelFn(arch, xTest, xTest, opts)).cpu)
    : '–'.padStart(10);
  const page = fmt(trTr.cpu + teTr.cpu + teDiag.cpu);
  const wall = fmt(trTr.wall + teTr.wall + teDiag.wall);
  out(`${label.padEnd(24)}${fmt(trTr.cpu)}${fmt(teTr.cpu)}${fmt(teDiag.cpu)}${page}${wall}${teTe}`);
}

out(`kernelFn CPU ms (best of ${REPS}), N = 64, M = 256, d = 1, depth 8, σ_w 2, σ_b 0.1`);
out(`load average ${loadavg()[0]?.toFixed(1)}; 'page wall' = wall clock of the page sum`);
out(
  `${'activation (method)'.padEnd(24)}  trTr sym      teTr    teDiag  page sum page wall  teTe sym`,
);
const base: ArchSpec = { ...DEFAULT_ARCH, depth: 8, wStd: 2, bStd: 0.1 };
const archFor = (activation: ActivationId): ArchSpec => ({ ...base, activation, a: -0.3, b: 1.7 });
for (const activation of ACTIVATION_IDS) {
  const arch = archFor(activation);
  const method = hasClosedForm(activation) ? 'closed' : 'quadrature';
  row(
    `${activation} (${method})`,
    arch,
    'auto',
    method === 'closed' ? REPS : Math.min(REPS, 3),
    true,
  );
}
if (WITH_QUADRATURE) {
  out('');
  if (QUAD_FULL) {
    out(`closed-form activations with method 'quadrature' (1 run each, full blocks)`);
    for (const activation of ACTIVATION_IDS.filter(hasClosedForm))
      row(`${activation} (quadrature)`, archFor(activation), 'quadrature', 1, false);
  } else {
    // The generic rule costs ~10–100 ms per entry and layer, so the full blocks would take
    // minutes to hours: time a 1 x 16 sample of test-train and scale by the entry counts.
    out(`closed-form activations with method 'quadrature': CPU ms estimated from a 1 x 16 sample`);
    out(`${'activation'.padEnd(24)}  trTr sym      teTr    teDiag  page sum  teTe sym  ms/entry`);
    const sample = zeros(16, 1);
    for (let i = 0; i < 16; i++) sample.data[i] = xTrain.data[4 * i] as number;
    const probe = zeros(1, 1);
    probe.data[0] = xTest.data[100] as number;
    for (const activation of ACTIVATION_IDS.filter(hasClosedForm)) {
      const arch = archFor(activation);
      const opts = { method: 'quadrature' as const };
      const perEntry = time(1, () => kernelFn(arch, probe, sample, opts)).cpu / 16;
      const teDiag = time(1, () => kernelDiag(arch, xTest, opts)).cpu;
      const trTr = perEntry * ((64 * 63) / 2) + (teDiag * 64) / 256;
      const teTr = perEntry * 256 * 64;
      const teTe = perEntry * ((256 * 255) / 2) + teDiag;
      const cols = [trTr, teTr, teDiag, trTr + teTr + teDiag, teTe].map(fmt).join('');
      out(`${`${activation} (quadrature)`.padEnd(24)}${cols}${fmt(perEntry)}`);
    }
  }
}
