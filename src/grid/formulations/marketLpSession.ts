/**
 * A persistent HiGHS LP for the market models (seed 000 / 002): created once from
 * a `MarketQpBuilder` assembly (its Hessian must be empty — quadratic and other
 * convex terms are handled by the caller's outer approximation), then re-solved
 * after cut rows are appended, warm-started from the previous simplex basis.
 *
 * Why not the HiGHS QP solver: its active-set method cycled or ended in "solve
 * error" on the LinDistFlow + Cournot market of the IEEE 123-bus feeder
 * (docs/static-equilibria.md §3), while dual simplex with appended cuts is robust.
 *
 * Dual convention: `rowDual[i]` = d(objective)/d(rhs of row i) (checked in tests).
 */
import { SolverError } from '../../common/errors.js';
import type { AssembledQp } from '../problems/marketQpBuilder.js';
import { loadHighs, type HighsRuntime } from '../solver/loadHighs.js';

/** Primal-dual solution of a market LP. */
export interface MarketLpSolution {
  readonly objective: number;
  readonly colValue: Float64Array;
  /** d(objective)/d(row rhs). */
  readonly rowDual: Float64Array;
  readonly colDual: Float64Array;
}

/** One row to append: `lower ≤ Σ vals·x[cols] ≤ upper` (distinct columns). */
export interface MarketLpRow {
  readonly cols: readonly number[];
  readonly vals: readonly number[];
  readonly lower: number;
  readonly upper: number;
}

type HighsModel = ReturnType<HighsRuntime['createModel']>;

/**
 * Persistent LP session. Always `dispose()` it (HiGHS memory is not garbage-collected).
 *
 * @example
 * const lp = await MarketLpSession.create(builder.assemble(), 'equilibrium');
 * try { const sol = lp.solve(); lp.addRows([{ cols: [0, 3], vals: [1, -2], lower: 1, upper: Infinity }]); } finally { lp.dispose(); }
 */
export class MarketLpSession {
  private rowCount: number;

  private constructor(
    private readonly highs: HighsRuntime,
    private readonly model: HighsModel,
    private readonly numCols: number,
    numRows: number,
    private readonly module: string,
  ) {
    this.rowCount = numRows;
  }

  /** Load HiGHS (once per process) and pass the model. */
  static async create(qp: AssembledQp, module: string): Promise<MarketLpSession> {
    if (qp.hValue.length > 0) throw new SolverError(module, 'bad-model', 'market LP session takes no Hessian');
    const highs = await loadHighs();
    const inf = highs.infinity;
    const fix = (a: Float64Array): Float64Array => a.map((x) => (x === Infinity ? inf : x === -Infinity ? -inf : x));
    const model = highs.createModel({
      numCols: qp.numCols,
      numRows: qp.numRows,
      offset: qp.offset,
      colCost: qp.colCost,
      colLower: fix(qp.colLower),
      colUpper: fix(qp.colUpper),
      rowLower: fix(qp.rowLower),
      rowUpper: fix(qp.rowUpper),
      matrix: { format: 'csc', numRows: qp.numRows, numCols: qp.numCols, starts: qp.aStart, indices: qp.aIndex, values: qp.aValue },
    });
    model.options.set({ output_flag: false, primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9 });
    return new MarketLpSession(highs, model, qp.numCols, qp.numRows, module);
  }

  /** Number of rows currently in the model. */
  get numRows(): number {
    return this.rowCount;
  }

  /** Append rows (e.g. tangent cuts); the next `solve` warm-starts. */
  addRows(rows: readonly MarketLpRow[]): void {
    if (rows.length === 0) return;
    const inf = this.highs.infinity;
    const starts = new Int32Array(rows.length + 1);
    rows.forEach((r, i) => (starts[i + 1] = starts[i] + r.cols.length));
    const indices = new Int32Array(starts[rows.length]);
    const values = new Float64Array(starts[rows.length]);
    rows.forEach((r, i) => {
      indices.set(r.cols, starts[i]);
      values.set(r.vals, starts[i]);
    });
    const bound = (x: number): number => (x === Infinity ? inf : x === -Infinity ? -inf : x);
    this.model.addRows({
      lower: Float64Array.from(rows, (r) => bound(r.lower)),
      upper: Float64Array.from(rows, (r) => bound(r.upper)),
      matrix: { format: 'csr', numRows: rows.length, numCols: this.numCols, starts, indices, values },
    });
    this.rowCount += rows.length;
  }

  /** Change one column's cost (e.g. a price in a decomposition step). */
  setColCost(col: number, cost: number): void {
    this.model.changeColCost(col, cost);
  }

  /**
   * Solve (dual simplex, warm start from the last basis).
   * @throws SolverError unless HiGHS reports optimal.
   */
  solve(): MarketLpSolution {
    this.model.run();
    let status = this.model.getModelStatus();
    const codes = this.highs.constants.modelStatus;
    if (status !== codes.optimal && status !== codes.infeasible) {
      // Numerical trouble after many near-parallel cuts: cold start, then default tolerances.
      this.model.clearSolver();
      this.model.run();
      status = this.model.getModelStatus();
      if (status !== codes.optimal && status !== codes.infeasible) {
        this.model.options.set({ primal_feasibility_tolerance: 1e-7, dual_feasibility_tolerance: 1e-7 });
        this.model.clearSolver();
        this.model.run();
        status = this.model.getModelStatus();
        this.model.options.set({ primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9 });
      }
    }
    if (status !== this.highs.constants.modelStatus.optimal) {
      const infeasible = status === this.highs.constants.modelStatus.infeasible;
      throw new SolverError(this.module, infeasible ? 'infeasible' : 'not-optimal', `HiGHS LP ended with model status ${status} (${this.numCols} columns, ${this.rowCount} rows)`);
    }
    const sol = this.model.getSolution();
    return { objective: this.model.getObjectiveValue(), colValue: sol.colValue, rowDual: sol.rowDual, colDual: sol.colDual };
  }

  dispose(): void {
    this.model.dispose();
  }
}
