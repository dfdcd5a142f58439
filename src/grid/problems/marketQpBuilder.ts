/**
 * A sparse convex-QP assembler that knows no solver (docs/architecture.md: problems never
 * import HiGHS). Market models (seed 000 DSO/LSE/CNO, seed 002 DSO) add their
 * columns and rows here; `src/equilibrium` may append traffic columns to the
 * same builder before `solveMarketQp` (src/grid/formulations/marketQpSolver.ts)
 * hands it to HiGHS.
 *
 * Objective: minimize ½ xᵀHx + cᵀx + offset, rows `lower ≤ A x ≤ upper`.
 */

/** One stored row: column indices and coefficients, with bounds. */
interface RowEntry {
  readonly cols: number[];
  readonly vals: number[];
  lower: number;
  upper: number;
}

/** Assembled arrays, ready for a solver (CSC matrix, lower-triangular CSC Hessian). */
export interface AssembledQp {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly aStart: Int32Array;
  readonly aIndex: Int32Array;
  readonly aValue: Float64Array;
  /** Lower-triangular Hessian in CSC form; `hStart.length === numCols + 1`. */
  readonly hStart: Int32Array;
  readonly hIndex: Int32Array;
  readonly hValue: Float64Array;
  readonly offset: number;
}

/**
 * Mutable QP under construction. Column and row indices are returned by `addCol`
 * / `addRow` and stay valid; costs, bounds and Hessian entries may be changed
 * before `assemble()`.
 *
 * @example
 * const qp = new MarketQpBuilder();
 * const x = qp.addCol({ cost: -1, lower: 0, upper: 10, quad: 2 }); // x² − x
 * qp.addRow([x], [1], -Infinity, 4);
 * const arrays = qp.assemble();
 */
export class MarketQpBuilder {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  private readonly rows: RowEntry[] = [];
  /** Hessian entries keyed by `i * 2^20 + j` with i ≥ j (lower triangle). */
  private readonly hess = new Map<number, number>();
  offset = 0;

  get numCols(): number {
    return this.cost.length;
  }

  get numRows(): number {
    return this.rows.length;
  }

  /** Add a column; `quad` is the diagonal Hessian entry (objective ½·quad·x²). */
  addCol(spec: { cost?: number; lower?: number; upper?: number; quad?: number }): number {
    const j = this.cost.length;
    this.cost.push(spec.cost ?? 0);
    this.lower.push(spec.lower ?? 0);
    this.upper.push(spec.upper ?? Infinity);
    if (spec.quad !== undefined && spec.quad !== 0) this.setHessian(j, j, spec.quad);
    return j;
  }

  /** Add a row `lower ≤ Σ vals[k]·x[cols[k]] ≤ upper`; duplicate columns are summed. */
  addRow(cols: readonly number[], vals: readonly number[], lower: number, upper: number): number {
    const merged = new Map<number, number>();
    cols.forEach((c, k) => merged.set(c, (merged.get(c) ?? 0) + vals[k]));
    const entry: RowEntry = { cols: [], vals: [], lower, upper };
    for (const [c, v] of merged) {
      if (v === 0) continue;
      entry.cols.push(c);
      entry.vals.push(v);
    }
    this.rows.push(entry);
    return this.rows.length - 1;
  }

  /** Append one coefficient to an existing row (summed with any existing entry). */
  addToRow(row: number, col: number, value: number): void {
    const entry = this.rows[row];
    const k = entry.cols.indexOf(col);
    if (k >= 0) entry.vals[k] += value;
    else {
      entry.cols.push(col);
      entry.vals.push(value);
    }
  }

  setRowBounds(row: number, lower: number, upper: number): void {
    this.rows[row].lower = lower;
    this.rows[row].upper = upper;
  }

  /** Set Hessian entry H[i][j] = H[j][i] = value (objective gets ½ xᵀHx). */
  setHessian(i: number, j: number, value: number): void {
    const [a, b] = i >= j ? [i, j] : [j, i];
    this.hess.set(a * 1048576 + b, value);
  }

  /** Build the CSC arrays. */
  assemble(): AssembledQp {
    const n = this.cost.length;
    const m = this.rows.length;
    const counts = new Int32Array(n + 1);
    for (const r of this.rows) for (const c of r.cols) counts[c + 1] += 1;
    for (let j = 0; j < n; j++) counts[j + 1] += counts[j];
    const aStart = Int32Array.from(counts);
    const fill = Int32Array.from(counts.subarray(0, n));
    const nnz = aStart[n];
    const aIndex = new Int32Array(nnz);
    const aValue = new Float64Array(nnz);
    this.rows.forEach((r, i) => {
      r.cols.forEach((c, k) => {
        const at = fill[c]++;
        aIndex[at] = i;
        aValue[at] = r.vals[k];
      });
    });
    const entries = [...this.hess.entries()]
      .map(([key, v]) => ({ row: Math.floor(key / 1048576), col: key % 1048576, v }))
      .filter((e) => e.v !== 0)
      .sort((p, q) => p.col - q.col || p.row - q.row);
    const hStart = new Int32Array(n + 1);
    for (const e of entries) hStart[e.col + 1] += 1;
    for (let j = 0; j < n; j++) hStart[j + 1] += hStart[j];
    return {
      numCols: n,
      numRows: m,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      rowLower: Float64Array.from(this.rows, (r) => r.lower),
      rowUpper: Float64Array.from(this.rows, (r) => r.upper),
      aStart,
      aIndex,
      aValue,
      hStart,
      hIndex: Int32Array.from(entries, (e) => e.row),
      hValue: Float64Array.from(entries, (e) => e.v),
      offset: this.offset,
    };
  }
}
