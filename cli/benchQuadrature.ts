// Speed and accuracy of the fast quadrature kernel maps (tanh, sigmoid, softplus, swish).
// Realistic (q11, q22, q12) triples: a 1-D grid of 64 training and 256 test points on [−5, 5]
// (d = 1, σ_w = 2, σ_b = 0.1), propagated through 8 layers by the map itself; per layer the page
// needs 2,080 train-train + 16,384 test-train pairs + 256 test diagonals (≈ 150,000 entries for
// depth 8). Timed: all those entries for each activation; then "large q": the same grid with
// |x| ≤ 50 (layer-1 variances up to 1e4, growing with depth for softplus/swish).
// Error: a sample of the entries against the slow generic path (nested graded Gauss–Legendre,
// independent of the mixture method), relative to √(S(q11,q11)·S(q22,q22)) (and likewise Ṡ).
// Run: npx vite-node cli/benchQuadrature.ts [--sample 60] [--order 8]

import { performance } from 'node:perf_hooks';
import { quadratureMap, type QuadratureKind } from '../src/core/quadrature';
import { scalarActivation } from '../src/core/activations';
import { DEFAULT_ARCH } from '../src/core/arch';
import type { KernelMap } from '../src/core/kernelMap';

const args = process.argv.slice(2);
const argValue = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
};
const SAMPLE = argValue('--sample', 60);
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
  const t0 = performance.now();
  for (let layer = 1; layer < DEPTH; layer++) {
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
        if (record) (q11.push(a), q22.push(b), q12.push(c));
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
        if (record) (q11.push(a), q22.push(b), q12.push(c));
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
  const ms = performance.now() - t0;
  const triples: Triples = {
    q11: Float64Array.from(q11),
    q22: Float64Array.from(q22),
    q12: Float64Array.from(q12),
  };
  return { ms, count, triples };
}

function maxError(
  fast: KernelMap,
  slow: KernelMap,
  t: Triples,
  sample: number,
): [number, number, number] {
  const o = new Float64Array(2);
  const r = new Float64Array(2);
  const da = new Float64Array(2);
  const db = new Float64Array(2);
  let e0 = 0;
  let e1 = 0;
  let qMax = 0;
  const len = t.q11.length;
  for (let k = 0; k < sample; k++) {
    // deterministic spread over the entries, weighted toward the deep layers (largest q)
    const idx = Math.min(len - 1, Math.floor(len * Math.sqrt((k + 0.5) / sample)));
    const a = t.q11[idx] as number;
    const b = t.q22[idx] as number;
    const c = t.q12[idx] as number;
    qMax = Math.max(qMax, a, b);
    fast.pair(a, b, c, o);
    slow.pair(a, b, c, r);
    slow.diag(a, da);
    slow.diag(b, db);
    const s0 = Math.max(
      Math.abs(r[0] as number),
      Math.sqrt(Math.abs((da[0] as number) * (db[0] as number))),
    );
    const s1 = Math.max(
      Math.abs(r[1] as number),
      Math.sqrt(Math.abs((da[1] as number) * (db[1] as number))),
    );
    e0 = Math.max(e0, Math.abs((o[0] as number) - (r[0] as number)) / s0);
    e1 = Math.max(e1, Math.abs((o[1] as number) - (r[1] as number)) / s1);
  }
  return [e0, e1, qMax];
}

const KINDS = ['tanh', 'sigmoid', 'softplus', 'swish'] as const satisfies readonly QuadratureKind[];
out(
  `fast quadrature maps (mixture order ${ORDER}); depth ${DEPTH}, N = 64, M = 256, σ_w 2, σ_b 0.1`,
);
out(
  `${'activation'.padEnd(10)}${'grid'.padStart(8)}${'entries'.padStart(9)}${'total ms'.padStart(10)}${'µs/entry'.padStart(10)}${'max q'.padStart(10)}${'err S'.padStart(10)}${'err Ṡ'.padStart(10)}`,
);
for (const kind of KINDS) {
  const act = scalarActivation({ ...DEFAULT_ARCH, activation: kind });
  const fast = quadratureMap(act, { kind, order: ORDER });
  const slow = quadratureMap(act, { kind: 'generic' });
  for (const xMax of [5, 50]) {
    const xTrain = linspace(64, -xMax, xMax);
    const xTest = linspace(256, -1.002 * xMax, 0.998 * xMax);
    propagate(fast, xTrain, xTest, false); // warm-up
    let best = Infinity;
    let run = propagate(fast, xTrain, xTest, true);
    for (let rep = 0; rep < 3; rep++) {
      run = propagate(fast, xTrain, xTest, rep === 2);
      best = Math.min(best, run.ms);
    }
    const [e0, e1, qMax] = maxError(fast, slow, run.triples, SAMPLE);
    out(
      `${kind.padEnd(10)}${`±${xMax}`.padStart(8)}${String(run.count).padStart(9)}${best.toFixed(1).padStart(10)}` +
        `${((1000 * best) / run.count).toFixed(2).padStart(10)}${qMax.toExponential(1).padStart(10)}` +
        `${e0.toExponential(1).padStart(10)}${e1.toExponential(1).padStart(10)}`,
    );
  }
}
