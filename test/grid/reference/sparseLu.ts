/**
 * Sparse Gaussian elimination for the KKT systems of the reference polish (test helper):
 * a greedy minimum-degree ordering of the symmetric pattern (tree-structured feeders give
 * almost no fill), then LU with threshold partial pivoting inside each column (a candidate
 * row within 1 % of the column's largest entry, fewest non-zeros first, the diagonal
 * preferred), and one step of iterative refinement.
 */

/** A square sparse matrix as rows of (column → value). */
export type SparseRows = Map<number, number>[];

/**
 * Solve A d = f. `rows` is consumed. Returns undefined when a column has no usable pivot.
 *
 * @example
 * const rows = [new Map([[0, 2]]), new Map([[1, 4]])];
 * sparseSolve(rows, Float64Array.of(2, 8)); // [1, 2]
 */
export function sparseSolve(rows: SparseRows, f: Float64Array): Float64Array | undefined {
  const n = rows.length;
  const original = rows.map((r) => new Map(r));
  const order = minimumDegreeOrder(rows);
  const d = eliminate(rows, f, order);
  if (d === undefined) return undefined;
  // One refinement step against the untouched matrix when the residual is not negligible.
  const res = Float64Array.from(f);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (const [j, v] of original[i]) res[i] -= v * d[j];
    worst = Math.max(worst, Math.abs(res[i]));
    scale = Math.max(scale, Math.abs(f[i]));
  }
  if (worst > 1e-12 * scale) {
    const again = eliminate(original, res, order);
    if (again !== undefined) for (let i = 0; i < n; i++) d[i] += again[i];
  }
  return d;
}

function minimumDegreeOrder(rows: SparseRows): Int32Array {
  const n = rows.length;
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  rows.forEach((r, i) => {
    for (const j of r.keys()) {
      if (j === i) continue;
      adj[i].add(j);
      adj[j].add(i);
    }
  });
  const order = new Int32Array(n);
  const done = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    let best = -1;
    let bestDeg = Infinity;
    for (let i = 0; i < n; i++) {
      if (!done[i] && adj[i].size < bestDeg) {
        bestDeg = adj[i].size;
        best = i;
      }
    }
    order[k] = best;
    done[best] = 1;
    const nb = [...adj[best]];
    for (const a of nb) {
      adj[a].delete(best);
      for (const b of nb) if (a !== b) adj[a].add(b);
    }
    adj[best].clear();
  }
  return order;
}

function eliminate(rows: SparseRows, f: Float64Array, order: Int32Array): Float64Array | undefined {
  const n = rows.length;
  const b = Float64Array.from(f);
  const cols: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  rows.forEach((r, i) => {
    for (const j of r.keys()) cols[j].add(i);
  });
  const pivotRow = new Int32Array(n).fill(-1);
  const used = new Uint8Array(n);
  for (const k of order) {
    let max = 0;
    for (const r of cols[k]) max = Math.max(max, Math.abs(rows[r].get(k)!));
    if (!(max > 0)) return undefined;
    let p = -1;
    let pLen = Infinity;
    const diag = rows[k].get(k);
    if (!used[k] && diag !== undefined && Math.abs(diag) >= 0.01 * max) p = k;
    else {
      for (const r of cols[k]) {
        const v = Math.abs(rows[r].get(k)!);
        if (v >= 0.01 * max && rows[r].size < pLen) {
          pLen = rows[r].size;
          p = r;
        }
      }
    }
    pivotRow[k] = p;
    used[p] = 1;
    cols[k].delete(p);
    const prow = rows[p];
    const piv = prow.get(k)!;
    for (const r of cols[k]) {
      const row = rows[r];
      const factor = row.get(k)! / piv;
      row.delete(k);
      for (const [c, v] of prow) {
        if (c === k) continue;
        const old = row.get(c);
        if (old === undefined) {
          row.set(c, -factor * v);
          cols[c].add(r);
        } else row.set(c, old - factor * v);
      }
      b[r] -= factor * b[p];
    }
    // Row p leaves the active matrix: its entries no longer count in other columns.
    for (const c of prow.keys()) if (c !== k) cols[c].delete(p);
    cols[k].clear();
  }
  const x = new Float64Array(n);
  for (let t = n - 1; t >= 0; t--) {
    const k = order[t];
    const prow = rows[pivotRow[k]];
    let s = b[pivotRow[k]];
    for (const [c, v] of prow) if (c !== k) s -= v * x[c];
    x[k] = s / prow.get(k)!;
  }
  return x;
}
