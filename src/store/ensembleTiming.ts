// Adaptive chunk size for pull-based training: a chunk of k steps takes about F + k·s ms (F the
// frame every chunk returns, s one GD step of the ensemble). A least-squares fit over the last
// chunks gives F and s; the next chunk aims at `targetMs`, or at 2F when the frame alone takes
// longer (so at least half of the time is spent training).

export interface ChunkTiming {
  k: number;
  ms: number;
}

export interface ChunkModel {
  /** ms per GD step */
  msPerStep: number;
  /** ms of fixed cost per chunk (the frame) */
  overheadMs: number;
}

const KEEP = 8;

export class ChunkTimer {
  private samples: ChunkTiming[] = [];

  constructor(
    private readonly targetMs = 40,
    private readonly maxK = 100_000,
  ) {}

  reset(): void {
    this.samples = [];
  }

  add(k: number, ms: number): void {
    if (!(k > 0) || !Number.isFinite(ms) || ms < 0) return;
    this.samples.push({ k, ms });
    if (this.samples.length > KEEP) this.samples.shift();
  }

  /** the fitted model, or null before the first chunk */
  model(): ChunkModel | null {
    const n = this.samples.length;
    if (n === 0) return null;
    let sk = 0;
    let sm = 0;
    for (const { k, ms } of this.samples) {
      sk += k;
      sm += ms;
    }
    const kMean = sk / n;
    const mMean = sm / n;
    let skk = 0;
    let skm = 0;
    for (const { k, ms } of this.samples) {
      skk += (k - kMean) ** 2;
      skm += (k - kMean) * (ms - mMean);
    }
    const slope = skk > 0 ? skm / skk : NaN;
    const overhead = mMean - slope * kMean;
    // too little spread in k, or noise giving a non-physical fit: all the time is per step
    if (!(slope > 0) || !(overhead >= 0)) return { msPerStep: sm / sk, overheadMs: 0 };
    return { msPerStep: slope, overheadMs: overhead };
  }

  /** steps per second over the recorded chunks */
  stepsPerSec(): number | null {
    let sk = 0;
    let sm = 0;
    for (const { k, ms } of this.samples) {
      sk += k;
      sm += ms;
    }
    return sm > 0 ? (1000 * sk) / sm : null;
  }

  /** the next chunk's step count */
  nextK(): number {
    const m = this.model();
    if (!m) return 1;
    const budget = Math.max(this.targetMs, 2 * m.overheadMs) - m.overheadMs;
    const k = Math.floor(budget / Math.max(m.msPerStep, 1e-6));
    return Math.min(this.maxK, Math.max(1, k));
  }
}
