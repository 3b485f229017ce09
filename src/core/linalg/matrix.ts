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
  for (let i = 0; i < m.rows; i++)
    out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
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
      for (let j = 0; j < m; j++)
        od[oo + j] = (od[oo + j] as number) + aip * (bd[bo + j] as number);
    }
  }
  return out;
}

/** (m + mᵀ)/2 (+ shift·I) for a square matrix */
export function symmetrize(m: Matrix, shift = 0): Matrix {
  const n = m.rows;
  const s = zeros(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      s.data[i * n + j] =
        0.5 * ((m.data[i * n + j] as number) + (m.data[j * n + i] as number)) +
        (i === j ? shift : 0);
  return s;
}

export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] as number));
  return m;
}

export function identity(n: number): Matrix {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** Copy of a Float64Array or plain numbers as a rows x cols matrix (row-major data). */
export function fromData(rows: number, cols: number, data: ArrayLike<number>): Matrix {
  if (data.length !== rows * cols)
    throw new Error(`fromData: ${data.length} entries, expected ${rows}x${cols}`);
  return { rows, cols, data: Float64Array.from(data) };
}

/** aᵀ (k x n)ᵀ · b (k x m) → n x m, without forming aᵀ */
export function matmulTN(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw new Error(`matmulTN: (${a.rows}x${a.cols})ᵀ · ${b.rows}x${b.cols}`);
  const n = a.cols;
  const m = b.cols;
  const out = zeros(n, m);
  const od = out.data;
  for (let p = 0; p < a.rows; p++) {
    const ao = p * n;
    const bo = p * m;
    for (let i = 0; i < n; i++) {
      const api = a.data[ao + i] as number;
      if (api === 0) continue;
      const oo = i * m;
      for (let j = 0; j < m; j++)
        od[oo + j] = (od[oo + j] as number) + api * (b.data[bo + j] as number);
    }
  }
  return out;
}

/** a (n x k) · bᵀ (m x k)ᵀ → n x m, rows of both contiguous */
export function matmulNT(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.cols) throw new Error(`matmulNT: ${a.rows}x${a.cols} · (${b.rows}x${b.cols})ᵀ`);
  const k = a.cols;
  const out = zeros(a.rows, b.rows);
  for (let i = 0; i < a.rows; i++) {
    const ao = i * k;
    for (let j = 0; j < b.rows; j++) {
      const bo = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += (a.data[ao + p] as number) * (b.data[bo + p] as number);
      out.data[i * b.rows + j] = s;
    }
  }
  return out;
}

/** a (n x k) · v (k) → n */
export function matvec(a: Matrix, v: ArrayLike<number>): Float64Array {
  if (a.cols !== v.length) throw new Error(`matvec: ${a.rows}x${a.cols} · ${v.length}`);
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    const o = i * a.cols;
    let s = 0;
    for (let p = 0; p < a.cols; p++) s += (a.data[o + p] as number) * (v[p] as number);
    out[i] = s;
  }
  return out;
}

/** aᵀ (k x n)ᵀ · v (k) → n */
export function matvecT(a: Matrix, v: ArrayLike<number>): Float64Array {
  if (a.rows !== v.length) throw new Error(`matvecT: (${a.rows}x${a.cols})ᵀ · ${v.length}`);
  const out = new Float64Array(a.cols);
  for (let p = 0; p < a.rows; p++) {
    const vp = v[p] as number;
    const o = p * a.cols;
    for (let i = 0; i < a.cols; i++) out[i] = (out[i] as number) + (a.data[o + i] as number) * vp;
  }
  return out;
}

/** a · diag(d): column j of a times d[j] */
export function scaleColumns(a: Matrix, d: ArrayLike<number>): Matrix {
  if (a.cols !== d.length) throw new Error(`scaleColumns: ${a.rows}x${a.cols} · diag(${d.length})`);
  const out = zeros(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++)
      out.data[i * a.cols + j] = (a.data[i * a.cols + j] as number) * (d[j] as number);
  return out;
}
