// Speed and accuracy of the fast quadrature kernel maps (tanh, sigmoid, softplus, swish).
// Realistic (q11, q22, q12) triples: a 1-D grid of 64 training and 256 test points on [−5, 5]
// (d = 1, σ_w = 2, σ_b = 0.1), propagated through 8 layers by the map itself; per layer the page
// needs 2,080 train-train + 16,384 test-train pairs + 256 test diagonals (≈ 150,000 entries for
// depth 8). Timed: all those entries for each activation; then "large q": the same grid with
// |x| ≤ 50 (layer-1 variances up to 1e4, growing with depth for softplus/swish).
// Error: a sample of the entries (evenly spread, the largest variances, |ρ| closest to 1) against
// a slow reference independent of the mixture method — nested adaptive Gauss–Kronrod (default) or
// the generic graded Gauss–Legendre path — relative to max(|ref|, √(ref(q11)·ref(q22))).
// Run: npx vite-node cli/benchQuadrature.ts [--sample 24] [--order 8] [--reference generic]

import { performance } from 'node:perf_hooks';
import { quadratureMap, type QuadratureKind } from '../src/core/quadrature';
import { scalarActivation } from '../src/core/activations';
import { DEFAULT_ARCH } from '../src/core/arch';
import type { KernelMap } from '../src/core/kernelMap';
import { adaptiveReferenceMap } from '../src/core/quadrature/adaptiveReference';

const args = process.argv.slice(2);
const argValue = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
};
const SAMPLE = argValue('--sample', 24);
const GENERIC_REFERENCE =
  args.includes('--reference') && args[args.indexOf('--reference') + 1] === 'generic';
const ORDER = argValue('--order', 8);
const DEPTH = 8;
const W2 = 4;
const B2 = 0.01;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function linspace(n: number, lo: number, hi: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = lo + ((hi - lo) * i) / (n - 1);
  return x;
}

interface Triples {
  q11: Float64Array;
  q22: Float64Array;
  q12: Float64Array;
}

/** every entry the page evaluates, layer by layer; returns the triples and the elapsed ms */
function propagate(map: KernelMap, xTrain: Float64Array, xTest: Float64Array, record: boolean) {
  const n = xTrain.length;
  const m = xTest.length;
  const q11: number[] = [];
  const q22: number[] = [];
  const q12: number[] = [];
  // layer-1 pre-activation covariances
  let kTr = new Float64Array(n * n);
  let kTe = new Float64Array(m * n);
  let dTr = new Float64Array(n);
  let dTe = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const xi = xTrain[i] as number;
    dTr[i] = W2 * xi * xi + B2;
    for (let j = 0; j < n; j++) kTr[i * n + j] = W2 * xi * (xTrain[j] as number) + B2;
  }
  for (let i = 0; i < m; i++) {
    const xi = xTest[i] as number;
    dTe[i] = W2 * xi * xi + B2;
    for (let j = 0; j < n; j++) kTe[i * n + j] = W2 * xi * (xTrain[j] as number) + B2;
  }
  const o = new Float64Array(2);
  let count = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let layer = 0; layer < DEPTH; layer++) {
    const nTr = new Float64Array(n * n);
    const nTe = new Float64Array(m * n);
    const ndTr = new Float64Array(n);
    const ndTe = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      map.diag(dTr[i] as number, o);
      ndTr[i] = W2 * (o[0] as number) + B2;
      count++;
    }
    for (let i = 0; i < m; i++) {
      map.diag(dTe[i] as number, o);
      ndTe[i] = W2 * (o[0] as number) + B2;
      count++;
    }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = dTr[i] as number;
        const b = dTr[j] as number;
        const c = kTr[i * n + j] as number;
        if (record) {
          q11.push(a);
          q22.push(b);
          q12.push(c);
        }
        map.pair(a, b, c, o);
        nTr[i * n + j] = nTr[j * n + i] = W2 * (o[0] as number) + B2;
        count++;
      }
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const a = dTe[i] as number;
        const b = dTr[j] as number;
        const c = kTe[i * n + j] as number;
        if (record) {
          q11.push(a);
          q22.push(b);
          q12.push(c);
        }
        map.pair(a, b, c, o);
        nTe[i * n + j] = W2 * (o[0] as number) + B2;
        count++;
      }
    }
    kTr = nTr;
    kTe = nTe;
    dTr = ndTr;
    dTe = ndTe;
  }
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  const triples: Triples = {
    q11: Float64Array.from(q11),
    q22: Float64Array.from(q22),
    q12: Float64Array.from(q12),
  };
  return { ms, wall, count, triples };
}

/** sample indices: evenly spread, the largest variances, and |ρ| closest to 1 */
function sampleIndices(t: Triples, sample: number): number[] {
  const len = t.q11.length;
  const all = Array.from({ length: len }, (_, i) => i);
  const third = Math.max(1, Math.floor(sample / 3));
  const picked = new Set<number>();
  for (let k = 0; k < third; k++) picked.add(Math.floor(((k + 0.5) * len) / third));
  const q = (i: number): number => Math.max(t.q11[i] as number, t.q22[i] as number);
  const rho = (i: number): number =>
    Math.abs(t.q12[i] as number) / Math.sqrt((t.q11[i] as number) * (t.q22[i] as number));
  for (const i of [...all].sort((x, y) => q(y) - q(x)).slice(0, third)) picked.add(i);
  for (const i of [...all].sort((x, y) => rho(y) - rho(x)).slice(0, third)) picked.add(i);
  return [...picked];
}

/** max scaled error of S and Ṡ: |fast − slow| / max(|slow|, √(slow(q11)·slow(q22))) */
function maxError(fast: KernelMap, slow: KernelMap, t: Triples, idx: number[]): [number, number] {
  const o = new Float64Array(2);
  const r = new Float64Array(2);
  const da = new Float64Array(2);
  const db = new Float64Array(2);
  const err = [0, 0];
  for (const i of idx) {
    const a = t.q11[i] as number;
    const b = t.q22[i] as number;
    fast.pair(a, b, t.q12[i] as number, o);
    slow.pair(a, b, t.q12[i] as number, r);
    slow.diag(a, da);
    slow.diag(b, db);
    for (const k of [0, 1]) {
      const scale = Math.max(
        Math.abs(r[k] as number),
        Math.sqrt(Math.abs((da[k] as number) * (db[k] as number))),
      );
      err[k] = Math.max(err[k] as number, Math.abs((o[k] as number) - (r[k] as number)) / scale);
    }
  }
  return [err[0] as number, err[1] as number];
}

const KINDS = ['tanh', 'sigmoid', 'softplus', 'swish'] as const satisfies readonly QuadratureKind[];
const cols: [string, number][] = [
  ['activation', -10],
  ['|x| ≤', 6],
  ['entries', 9],
  ['CPU ms', 9],
  ['wall ms', 9],
  ['µs/entry', 10],
  ['max q', 9],
  ['err S', 9],
  ['err Ṡ', 9],
];
const line = (cells: string[]): string =>
  cells
    .map((c, i) => {
      const w = (cols[i] as [string, number])[1];
      return w < 0 ? c.padEnd(-w) : c.padStart(w);
    })
    .join('');
out(
  `fast quadrature maps, mixture order ${ORDER}: depth ${DEPTH}, N = 64, M = 256, σ_w 2, σ_b 0.1`,
);
const refName = GENERIC_REFERENCE ? 'generic graded Gauss–Legendre' : 'adaptive Gauss–Kronrod';
out(`(CPU/wall: best of 3 runs; errors vs ${refName} on ~${SAMPLE} sampled entries per row)`);
out(line(cols.map((c) => c[0])));
for (const kind of KINDS) {
  const act = scalarActivation({ ...DEFAULT_ARCH, activation: kind });
  const fast = quadratureMap(act, { kind, order: ORDER });
  const slow = GENERIC_REFERENCE
    ? quadratureMap(act, { kind: 'generic' })
    : adaptiveReferenceMap(act);
  for (const xMax of [5, 50]) {
    const xTrain = linspace(64, -xMax, xMax);
    const xTest = linspace(256, -1.002 * xMax, 0.998 * xMax);
    const { triples, count } = propagate(fast, xTrain, xTest, true);
    let cpu = Infinity;
    let wall = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const run = propagate(fast, xTrain, xTest, false);
      cpu = Math.min(cpu, run.ms);
      wall = Math.min(wall, run.wall);
    }
    let qMax = 0;
    for (let i = 0; i < triples.q11.length; i++) qMax = Math.max(qMax, triples.q11[i] as number);
    const [e0, e1] = maxError(fast, slow, triples, sampleIndices(triples, SAMPLE));
    out(
      line([
        kind,
        String(xMax),
        String(count),
        cpu.toFixed(0),
        wall.toFixed(0),
        ((1000 * cpu) / count).toFixed(2),
        qMax.toExponential(1),
        e0.toExponential(1),
        e1.toExponential(1),
      ]),
    );
  }
}
