/**
 * Sparse Gaussian elimination for the KKT systems of the cut loop's Newton step
 * (kktNewtonPoint.ts). Unlike the reference polish's solver (test/grid/reference/sparseLu.ts:
 * a symmetric minimum-degree order fixed in advance), the pivot order is chosen during the
 * elimination: a KKT matrix has a zero diagonal block, so off-diagonal pivots break a
 * symmetric order and cause fill (measured on ieee123, 911 unknowns: the Newton step took about
 * half the time of the symmetric order with the reference's Map-based elimination).
 */

/** A square sparse matrix as rows of (column → value). */
export type SparseRows = Map<number, number>[];

/**
 * Solve A d = f by LU with the pivot order chosen during elimination (Markowitz-like: the active
 * column with the fewest entries, in it the shortest row within 1 % of the column's largest
 * entry). For saddle-point (KKT) matrices, whose zero diagonal defeats a symmetric ordering,
 * this keeps fill small. Rows are kept as (column, value) arrays and updated through a dense
 * scatter array. `rows` is read, not changed; undefined when a column has no usable pivot.
 *
 * @example
 * sparseSolveDynamic([new Map([[1, 2]]), new Map([[0, 4]])], Float64Array.of(2, 8)); // [2, 1]
 */
export function sparseSolveDynamic(rows: SparseRows, f: Float64Array): Float64Array | undefined {
  const n = rows.length;
  const b = Float64Array.from(f);
  const rc: number[][] = [];
  const rv: number[][] = [];
  const cols: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    const c: number[] = [];
    const v: number[] = [];
    for (const [j, x] of rows[i]) {
      c.push(j);
      v.push(x);
      cols[j].add(i);
    }
    rc.push(c);
    rv.push(v);
  }
  // Active entries per column; done columns read n + 1.
  const count = new Int32Array(n);
  for (let j = 0; j < n; j++) count[j] = cols[j].size;
  const work = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const pivotRow = new Int32Array(n).fill(-1);
  const pivotAt = new Float64Array(n);
  const order = new Int32Array(n);
  const valueAt = (r: number, k: number): number => {
    const c = rc[r];
    for (let t = 0; t < c.length; t++) if (c[t] === k) return rv[r][t];
    return 0;
  };
  for (let step = 0; step < n; step++) {
    let k = -1;
    let best = n + 1;
    for (let j = 0; j < n; j++) {
      const c = count[j];
      if (c < best) {
        best = c;
        k = j;
        if (c <= 1) break;
      }
    }
    if (k < 0) return undefined;
    count[k] = n + 1;
    order[step] = k;
    let max = 0;
    for (const r of cols[k]) max = Math.max(max, Math.abs(valueAt(r, k)));
    if (!(max > 0)) return undefined;
    let p = -1;
    let pLen = Infinity;
    for (const r of cols[k]) {
      const v = Math.abs(valueAt(r, k));
      if (v >= 0.01 * max && rc[r].length < pLen) {
        pLen = rc[r].length;
        p = r;
      }
    }
    pivotRow[k] = p;
    cols[k].delete(p);
    const pc = rc[p];
    const pv = rv[p];
    let piv = 0;
    for (let t = 0; t < pc.length; t++) if (pc[t] === k) piv = pv[t];
    pivotAt[k] = piv;
    for (const r of cols[k]) {
      // Scatter row r, subtract factor × pivot row, gather back without column k.
      const c = rc[r];
      const v = rv[r];
      for (let t = 0; t < c.length; t++) {
        work[c[t]] = v[t];
        mark[c[t]] = r;
      }
      const factor = work[k] / piv;
      for (let t = 0; t < pc.length; t++) {
        const j = pc[t];
        if (j === k) continue;
        if (mark[j] !== r) {
          mark[j] = r;
          work[j] = 0;
          c.push(j);
          cols[j].add(r);
          count[j]++;
        }
        work[j] -= factor * pv[t];
      }
      let w = 0;
      for (let t = 0; t < c.length; t++) {
        const j = c[t];
        if (j === k) continue;
        c[w] = j;
        v[w] = work[j];
        w++;
      }
      c.length = w;
      v.length = w;
      b[r] -= factor * b[p];
    }
    for (let t = 0; t < pc.length; t++) {
      const j = pc[t];
      if (j !== k && cols[j].delete(p)) count[j]--;
    }
    cols[k].clear();
  }
  const x = new Float64Array(n);
  for (let t = n - 1; t >= 0; t--) {
    const k = order[t];
    const p = pivotRow[k];
    const pc = rc[p];
    const pv = rv[p];
    let s = b[p];
    for (let u = 0; u < pc.length; u++) if (pc[u] !== k) s -= pv[u] * x[pc[u]];
    x[k] = s / pivotAt[k];
  }
  return x;
}
