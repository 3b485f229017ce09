// Dense float64 matrices, row-major. Kernel algebra stays in float64 end to end.

export interface Matrix {
  rows: number;
  cols: number;
  /** rows x cols, row-major */
  data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** From nested arrays (rows of equal length). */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : (rows[0]?.length ?? 0);
  const m = zeros(r, c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new Error(`row ${i} has ${row.length} entries, expected ${c}`);
    m.data.set(row, i * c);
  });
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j] as number;
}

export function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j] as number;
  return t;
}

/** a (n x k) · b (k x m) */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matmul: ${a.rows}x${a.cols} · ${b.rows}x${b.cols}`);
  const out = zeros(a.rows, b.cols);
  const { data: ad } = a;
  const { data: bd } = b;
  const od = out.data;
  const n = a.rows;
  const k = a.cols;
  const m = b.cols;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = ad[i * k + p] as number;
      if (aip === 0) continue;
      const bo = p * m;
      const oo = i * m;
      for (let j = 0; j < m; j++) od[oo + j] = (od[oo + j] as number) + aip * (bd[bo + j] as number);
    }
  }
  return out;
}

/** (m + mᵀ)/2 for a square matrix */
export function symmetrize(m: Matrix): Matrix {
  const n = m.rows;
  const s = zeros(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      s.data[i * n + j] = 0.5 * ((m.data[i * n + j] as number) + (m.data[j * n + i] as number));
  return s;
}

export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] as number));
  return m;
}
