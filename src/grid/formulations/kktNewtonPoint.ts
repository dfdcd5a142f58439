/**
 * Newton step of the cut loop (docs/model.md §3.3): from an LP iterate of the outer
 * approximation, solve the KKT equations of the SOCP restricted to the LP's active set with the
 * exact cones as equalities,
 *   c − Aᵀλ − Σ_k μ_k ∇g_k(x) = 0 (basic columns),   A x = b,   g_k(x) = 0 (active sets),
 * where the nonbasic columns stay at their bounds, A are the DistFlow rows, and g is
 * P² + Q² − v_a·ℓ (branch cone), P² + Q² − S² (rating) or c2·p² − z (quadratic cost). Tangents
 * placed at the solution are supporting planes at the SOCP's KKT point, so the next LP lands on
 * it when the active set was right (quadratic instead of Kelley's linear convergence in an
 * interior decision such as inverter Q). The result only places cuts: the loop's answer and its
 * duals still come from a solved LP. Same method as the reference polish
 * (test/grid/reference/kktPolish.ts), without its certification (the LP decides).
 */
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { DistFlowLayout } from './distFlowLp.js';
import { sparseSolveDynamic, type SparseRows } from './sparseLuSolve.js';

/** Nonlinear sets held as equalities, with first guesses of their multipliers (HiGHS sign: ≤ 0). */
export interface NewtonActiveSet {
  /** Bus positions b of branch cones P_b² + Q_b² = v_a ℓ_b. */
  readonly coneBus: number[];
  readonly coneMu: number[];
  /** Bus positions of binding ratings P_b² + Q_b² = S_b². */
  readonly ratingBus: number[];
  readonly ratingMu: number[];
  /** Generators whose cost epigraph binds, z_g = c2 p_g². */
  readonly costGen: number[];
  readonly costMu: number[];
}

/** The linear part of the LP the step needs (DistFlow rows only, not the cuts). */
export interface NewtonLinearPart {
  /** CSR of the DistFlow rows (layout.numRows rows). */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** Objective coefficients now in the model, per column. */
  readonly cost: Float64Array;
}

/** Outcome of {@link kktNewtonPoint}. */
export interface NewtonPoint {
  /** The KKT point (all columns; nonbasic ones as in the LP). */
  readonly x: Float64Array;
  readonly steps: number;
  /** Scaled ‖KKT residual‖∞ at the end. */
  readonly residual: number;
}

const MAX_STEPS = 8;
const RESIDUAL_TOLERANCE = 1e-10;
/** Tiny primal regularisation: keeps degenerate directions (an unpriced voltage) solvable. */
const PRIMAL_REGULARISATION = 1e-12;

/**
 * Newton's method on the active-set KKT system from the point `x0` (an LP iterate, or the last
 * interval's solution with its nonbasic columns at the new bounds) with row duals `rowDual`,
 * column basis statuses `colStatus` (1 = basic, i.e. free in the step) and the DistFlow rows'
 * right-hand sides `rowRhs` (layout.numRows).
 * Returns undefined when the system is singular or Newton does not converge.
 *
 * @example
 * const pt = kktNewtonPoint(net, layout, linear, x, rowDual, basis.colStatus, active, rhs);
 * if (pt) pool.stageAt(pt.x); // tangents at the SOCP's KKT point of this active set
 */
export function kktNewtonPoint(
  net: NetworkTemplate, layout: DistFlowLayout, linear: NewtonLinearPart,
  x0: Float64Array, rowDual: Float64Array, colStatus: Int32Array, active: NewtonActiveSet, rowRhs: Float64Array,
): NewtonPoint | undefined {
  const nCol = layout.numCols;
  const freeIndex = new Int32Array(nCol).fill(-1);
  let nf = 0;
  for (let j = 0; j < nCol; j++) if (colStatus[j] === 1) freeIndex[j] = nf++;
  // DistFlow rows that touch a free column.
  const rowsUsed: number[] = [];
  for (let i = 0; i < layout.numRows; i++) {
    for (let t = linear.starts[i]; t < linear.starts[i + 1]; t++) {
      if (freeIndex[linear.indices[t]] >= 0 && linear.values[t] !== 0) {
        rowsUsed.push(i);
        break;
      }
    }
  }
  const nl = rowsUsed.length;
  const L = layout;
  // Nonlinear sets as (column indices, kind); columns of the derivative.
  interface Set3 { kind: 0 | 1 | 2; p: number; q: number; v: number; l: number; c2: number; r2: number }
  const sets: Set3[] = [];
  const mu0: number[] = [];
  active.coneBus.forEach((b, k) => {
    sets.push({ kind: 0, p: L.colP + b, q: L.colQ + b, v: L.colV + net.parent[b], l: L.colL + b, c2: 0, r2: 0 });
    mu0.push(active.coneMu[k]);
  });
  active.ratingBus.forEach((b, k) => {
    sets.push({ kind: 1, p: L.colP + b, q: L.colQ + b, v: -1, l: -1, c2: 0, r2: net.rateSqPu[b] });
    mu0.push(active.ratingMu[k]);
  });
  active.costGen.forEach((g, k) => {
    sets.push({ kind: 2, p: L.colPg + g, q: -1, v: -1, l: L.colZ + g, c2: net.genC2UsdPerHPu2[g], r2: 0 });
    mu0.push(active.costMu[k]);
  });
  const ns = sets.length;
  const N = nf + nl + ns;
  const x = Float64Array.from(x0);
  const lam = new Float64Array(nl);
  rowsUsed.forEach((i, k) => (lam[k] = rowDual[i]));
  const mu = Float64Array.from(mu0);
  let residual = Infinity;
  let steps = 0;
  const gradient = (s: Set3, out: [number, number][]): void => {
    out.length = 0;
    if (s.kind === 2) {
      out.push([s.p, 2 * s.c2 * x[s.p]], [s.l, -1]);
      return;
    }
    out.push([s.p, 2 * x[s.p]], [s.q, 2 * x[s.q]]);
    if (s.kind === 0) out.push([s.v, -x[s.l]], [s.l, -x[s.v]]);
  };
  const value = (s: Set3): number =>
    s.kind === 0 ? x[s.p] ** 2 + x[s.q] ** 2 - x[s.v] * x[s.l] : s.kind === 1 ? x[s.p] ** 2 + x[s.q] ** 2 - s.r2 : s.c2 * x[s.p] ** 2 - x[s.l];
  const grad: [number, number][] = [];
  for (;;) {
    // Residual F = [c − Aᵀλ − Gᵀμ ; A x − b ; g].
    const F = new Float64Array(N);
    rowsUsed.forEach((i, k) => {
      let ax = -rowRhs[i];
      for (let t = linear.starts[i]; t < linear.starts[i + 1]; t++) ax += linear.values[t] * x[linear.indices[t]];
      F[nf + k] = ax;
    });
    for (let j = 0; j < nCol; j++) if (freeIndex[j] >= 0) F[freeIndex[j]] = linear.cost[j];
    rowsUsed.forEach((i, k) => {
      for (let t = linear.starts[i]; t < linear.starts[i + 1]; t++) {
        const f = freeIndex[linear.indices[t]];
        if (f >= 0) F[f] -= linear.values[t] * lam[k];
      }
    });
    sets.forEach((s, k) => {
      gradient(s, grad);
      for (const [j, d] of grad) if (freeIndex[j] >= 0) F[freeIndex[j]] -= mu[k] * d;
      F[nf + nl + k] = value(s);
    });
    residual = 0;
    for (let j = 0; j < nCol; j++) {
      const f = freeIndex[j];
      if (f >= 0) residual = Math.max(residual, Math.abs(F[f]) / (1 + Math.abs(linear.cost[j])));
    }
    for (let k = nf; k < N; k++) residual = Math.max(residual, Math.abs(F[k]));
    if (!(residual > RESIDUAL_TOLERANCE)) break;
    if (steps >= MAX_STEPS) return undefined;
    const K: SparseRows = Array.from({ length: N }, () => new Map<number, number>());
    const add = (i: number, j: number, v: number): void => {
      if (v !== 0) K[i].set(j, (K[i].get(j) ?? 0) + v);
    };
    for (let f = 0; f < nf; f++) add(f, f, PRIMAL_REGULARISATION);
    rowsUsed.forEach((i, k) => {
      for (let t = linear.starts[i]; t < linear.starts[i + 1]; t++) {
        const f = freeIndex[linear.indices[t]];
        if (f < 0) continue;
        add(f, nf + k, -linear.values[t]);
        add(nf + k, f, linear.values[t]);
      }
    });
    sets.forEach((s, k) => {
      const r = nf + nl + k;
      gradient(s, grad);
      for (const [j, d] of grad) {
        const f = freeIndex[j];
        if (f < 0) continue;
        add(f, r, -d);
        add(r, f, d);
      }
      // −μ ∇²g
      const fp = freeIndex[s.p];
      if (s.kind === 2) {
        if (fp >= 0) add(fp, fp, -2 * s.c2 * mu[k]);
        return;
      }
      const fq = freeIndex[s.q];
      if (fp >= 0) add(fp, fp, -2 * mu[k]);
      if (fq >= 0) add(fq, fq, -2 * mu[k]);
      if (s.kind === 0) {
        const fv = freeIndex[s.v];
        const fl = freeIndex[s.l];
        if (fv >= 0 && fl >= 0) {
          add(fv, fl, mu[k]);
          add(fl, fv, mu[k]);
        }
      }
    });
    const d = sparseSolveDynamic(K, F);
    if (d === undefined) return undefined;
    for (let j = 0; j < nCol; j++) if (freeIndex[j] >= 0) x[j] -= d[freeIndex[j]];
    for (let k = 0; k < nl; k++) lam[k] -= d[nf + k];
    for (let k = 0; k < ns; k++) mu[k] -= d[nf + nl + k];
    steps++;
    if (!x.every(Number.isFinite)) return undefined;
  }
  return { x, steps, residual };
}

/** {@link NewtonLinearPart} with the positions of the shed columns' reactive coefficients (changed per interval). */
export interface MutableNewtonLinearPart extends NewtonLinearPart {
  readonly values: Float64Array;
  readonly cost: Float64Array;
  /** Index into `values` of (reactive balance of bus b, shed column of b). */
  readonly shedQEntry: Int32Array;
}

/**
 * Copy the DistFlow rows (CSR) and costs of the LP built by `buildDistFlowLp`, with an entry
 * for every shed column in its reactive balance (zero ones included, so the shedding
 * convention's Q/P can be written in place).
 *
 * @example
 * const lp = buildDistFlowLp(net, true, highs.infinity);
 * const linear = newtonLinearPart(lp.data.matrix, lp.data.colCost, lp.layout, net.nBus);
 */
export function newtonLinearPart(
  matrix: { starts: ArrayLike<number>; indices: ArrayLike<number>; values: ArrayLike<number> },
  colCost: ArrayLike<number>, layout: DistFlowLayout, nBus: number,
): MutableNewtonLinearPart {
  const cols: number[] = [];
  const vals: number[] = [];
  const starts = new Int32Array(layout.numRows + 1);
  const shedQEntry = new Int32Array(nBus);
  for (let i = 0; i < layout.numRows; i++) {
    const b = i - layout.rowBalQ;
    const isBalQ = b >= 0 && b < nBus;
    let seen = false;
    for (let t = matrix.starts[i]; t < matrix.starts[i + 1]; t++) {
      if (isBalQ && matrix.indices[t] === layout.colShed + b) {
        seen = true;
        shedQEntry[b] = cols.length;
      }
      cols.push(matrix.indices[t]);
      vals.push(matrix.values[t]);
    }
    if (isBalQ && !seen) {
      shedQEntry[b] = cols.length;
      cols.push(layout.colShed + b);
      vals.push(0);
    }
    starts[i + 1] = cols.length;
  }
  return { starts, indices: Int32Array.from(cols), values: Float64Array.from(vals), cost: Float64Array.from(colCost), shedQEntry };
}
