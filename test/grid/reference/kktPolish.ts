/**
 * Newton polish of an SCS point on the KKT conditions of the reference program (test helper).
 *
 * SCS is first-order: on ieee123 it needs > 10⁵ iterations for 1e-9. Instead, a loose SCS point
 * fixes the active set (linear rows with slack ≈ 0, cones on their boundary), and Newton's method
 * solves the KKT equations of that set to machine precision:
 *   ∇f(x) + A_zᵀλ_z + A_Lᵀλ_L + Σ_k μ_k ∇g_k(x) = 0,   A_z x = b_z,   A_L x = b_L,   g_k(x) = 0,
 * with g = P² + Q² − v_a·ℓ for a branch cone and g = P² + Q² − S² for a rating. The result is then
 * *certified* by the convex problem's sufficient conditions — every inactive row and cone feasible,
 * λ_L ≥ 0, μ ≥ 0 — and the active set is corrected (drop negative multipliers, add violated rows)
 * when a check fails. Linear systems by sparse LU (`sparseLu.ts`).
 */
import type { ScsConeSpec, ScsProblem } from './scsModule.ts';
import { sparseSolve, type SparseRows } from './sparseLu.ts';

/** One second-order cone of the program in "g(x) ≤ 0" form. */
export interface PolishCone {
  /** `'rotated'`: P² + Q² ≤ v·ℓ (columns p, q, v, l); `'disc'`: P² + Q² ≤ r² (columns p, q). */
  readonly kind: 'rotated' | 'disc';
  readonly p: number;
  readonly q: number;
  readonly v: number;
  readonly l: number;
  readonly radius: number;
  /** First row of this cone in the SCS program (to read its SCS dual). */
  readonly row: number;
}

/** Outcome of {@link polishKkt}. */
export interface PolishResult {
  readonly ok: boolean;
  readonly x: Float64Array;
  /** Multipliers of the zero-cone rows (same sign as SCS's y). */
  readonly yZero: Float64Array;
  /** ‖KKT residual‖∞ at the end, and the worst sign / feasibility violation. */
  readonly residual: number;
  readonly worstViolation: number;
  readonly newtonSteps: number;
  readonly activeSetRounds: number;
  readonly message: string;
}

const g = (c: PolishCone, x: ArrayLike<number>): number =>
  x[c.p] ** 2 + x[c.q] ** 2 - (c.kind === 'rotated' ? x[c.v] * x[c.l] : c.radius ** 2);

/**
 * Polish `x, y, s` from SCS on the program `data`/`cone` whose SOC blocks are described by `cones`
 * (`y0` in the program's cost units, `yScaled` as SCS returned it for the scaled cost).
 *
 * @example
 * const pol = polishKkt(data, cone, cones, sol.x, sol.y, sol.s);
 * if (pol.ok) dlmp = -pol.yZero[row] / base;
 */
export function polishKkt(
  data: ScsProblem, cone: ScsConeSpec, cones: readonly PolishCone[],
  x0: readonly number[], y0: readonly number[], s0: readonly number[], yScaled: readonly number[] = y0,
): PolishResult {
  const nx = data.n;
  // Rows of A by row (CSR) for the z + l blocks.
  const nLin = cone.z + cone.l;
  const rowCols: number[][] = Array.from({ length: nLin }, () => []);
  const rowVals: number[][] = Array.from({ length: nLin }, () => []);
  for (let j = 0; j < nx; j++) {
    for (let k = data.A_p[j]; k < data.A_p[j + 1]; k++) {
      const i = data.A_i[k];
      if (i < nLin) {
        rowCols[i].push(j);
        rowVals[i].push(data.A_x[k]);
      }
    }
  }
  const pDiag = new Float64Array(nx);
  if (data.P_p && data.P_i && data.P_x) {
    for (let j = 0; j < nx; j++) for (let k = data.P_p[j]; k < data.P_p[j + 1]; k++) if (data.P_i[k] === j) pDiag[j] = data.P_x[k];
  }
  const rowValue = (i: number, x: ArrayLike<number>): number => {
    let s = 0;
    for (let k = 0; k < rowCols[i].length; k++) s += rowVals[i][k] * x[rowCols[i][k]];
    return s;
  };

  // Initial active set from the SCS point: by complementarity, a row or cone is active when its
  // dual (in SCS's scaled units, `yScaled`) is larger than its primal slack.
  const activeLin = new Set<number>();
  for (let i = cone.z; i < nLin; i++) if (yScaled[i] > s0[i]) activeLin.add(i);
  // Both bounds of one column active (a box of width ~0): keep the one with the larger dual,
  // otherwise the two rows are dependent and the KKT matrix singular.
  const boundOfCol = new Map<number, number>();
  for (const i of [...activeLin]) {
    if (rowCols[i].length !== 1) continue;
    const j = rowCols[i][0];
    const other = boundOfCol.get(j);
    if (other === undefined) {
      boundOfCol.set(j, i);
      continue;
    }
    const keep = yScaled[other] >= yScaled[i] ? other : i;
    activeLin.delete(keep === i ? other : i);
    boundOfCol.set(j, keep);
  }
  const activeCone = new Set<number>();
  const mu = new Float64Array(cones.length);
  cones.forEach((c, k) => {
    const t = s0[c.row];
    const size = c.kind === 'rotated' ? 4 : 3;
    let norm = 0;
    for (let r = 1; r < size; r++) norm += s0[c.row + r] ** 2;
    const dist = t - Math.sqrt(norm);
    if (yScaled[c.row] > dist) activeCone.add(k);
    mu[k] = c.kind === 'rotated' ? (2 * y0[c.row]) / Math.max(t, 1e-12) : y0[c.row] / (2 * c.radius);
  });

  const x = Float64Array.from(x0);
  let yZero = new Float64Array(cone.z);
  let newtonSteps = 0;
  let residual = Infinity;
  let worst = Infinity;
  let message = '';
  for (let round = 1; round <= 8; round++) {
    const lin = [...Array(cone.z).keys(), ...[...activeLin].sort((a, b) => a - b)];
    const cs = [...activeCone].sort((a, b) => a - b);
    const nc = lin.length + cs.length;
    const N = nx + nc;
    const lam = new Float64Array(nc);
    lin.forEach((i, k) => (lam[k] = y0[i]));
    cs.forEach((c, k) => (lam[lin.length + k] = mu[c]));
    for (let it = 0; it < 30; it++) {
      // Residual F = [∇f + Jᵀλ ; h].
      const F = new Float64Array(N);
      for (let j = 0; j < nx; j++) F[j] = data.c[j] + pDiag[j] * x[j];
      lin.forEach((i, k) => {
        for (let t = 0; t < rowCols[i].length; t++) F[rowCols[i][t]] += rowVals[i][t] * lam[k];
        F[nx + k] = rowValue(i, x) - data.b[i];
      });
      cs.forEach((ci, k) => {
        const c = cones[ci];
        const m = lam[lin.length + k];
        F[c.p] += 2 * x[c.p] * m;
        F[c.q] += 2 * x[c.q] * m;
        if (c.kind === 'rotated') {
          F[c.v] -= x[c.l] * m;
          F[c.l] -= x[c.v] * m;
        }
        F[nx + lin.length + k] = g(c, x);
      });
      residual = 0;
      for (let j = 0; j < N; j++) residual = Math.max(residual, Math.abs(F[j]) / (j < nx ? 1 + Math.abs(data.c[j]) : 1));
      if (residual < 1e-13 || (it > 0 && residual < 1e-11 && it >= 6)) break;
      // Jacobian (sparse rows).
      const K: SparseRows = Array.from({ length: N }, () => new Map<number, number>());
      const add = (i: number, j: number, v: number): void => {
        if (v !== 0) K[i].set(j, (K[i].get(j) ?? 0) + v);
      };
      for (let j = 0; j < nx; j++) add(j, j, pDiag[j]);
      lin.forEach((i, k) => {
        for (let t = 0; t < rowCols[i].length; t++) {
          add(rowCols[i][t], nx + k, rowVals[i][t]);
          add(nx + k, rowCols[i][t], rowVals[i][t]);
        }
      });
      cs.forEach((ci, k) => {
        const c = cones[ci];
        const m = lam[lin.length + k];
        const r = nx + lin.length + k;
        add(c.p, c.p, 2 * m);
        add(c.q, c.q, 2 * m);
        add(c.p, r, 2 * x[c.p]);
        add(r, c.p, 2 * x[c.p]);
        add(c.q, r, 2 * x[c.q]);
        add(r, c.q, 2 * x[c.q]);
        if (c.kind === 'rotated') {
          add(c.v, c.l, -m);
          add(c.l, c.v, -m);
          add(c.v, r, -x[c.l]);
          add(r, c.v, -x[c.l]);
          add(c.l, r, -x[c.v]);
          add(r, c.l, -x[c.v]);
        }
      });
      // Tiny primal regularisation keeps degenerate directions (e.g. an unpriced root voltage) solvable.
      for (let j = 0; j < nx; j++) add(j, j, 1e-14);
      const d = sparseSolve(K, F);
      if (d === undefined) {
        message = 'singular KKT matrix';
        break;
      }
      for (let j = 0; j < nx; j++) x[j] -= d[j];
      for (let k = 0; k < nc; k++) lam[k] -= d[nx + k];
      newtonSteps++;
    }
    yZero = lam.slice(0, cone.z);
    // Certify: sign of multipliers, feasibility of inactive rows and cones.
    worst = 0;
    let changed = false;
    const scaleY = 1e-9 * (1 + Math.max(...Array.from(data.c, Math.abs)));
    lin.forEach((i, k) => {
      if (i < cone.z) return;
      if (lam[k] < -scaleY) {
        worst = Math.max(worst, -lam[k] / (scaleY * 1e9));
        activeLin.delete(i);
        changed = true;
      }
    });
    cs.forEach((ci, k) => {
      const m = lam[lin.length + k];
      mu[ci] = m;
      if (m < -scaleY) {
        worst = Math.max(worst, -m / (scaleY * 1e9));
        activeCone.delete(ci);
        changed = true;
      }
    });
    for (let i = cone.z; i < nLin; i++) {
      if (activeLin.has(i)) continue;
      const viol = rowValue(i, x) - data.b[i];
      if (viol > 1e-10) {
        worst = Math.max(worst, viol);
        activeLin.add(i);
        changed = true;
      }
    }
    cones.forEach((c, k) => {
      if (activeCone.has(k)) return;
      const viol = g(c, x);
      if (viol > 1e-11) {
        worst = Math.max(worst, viol);
        activeCone.add(k);
        mu[k] = 0;
        changed = true;
      }
    });
    if (!changed && residual < 1e-9 && message === '') {
      return { ok: true, x, yZero, residual, worstViolation: worst, newtonSteps, activeSetRounds: round, message: 'KKT point certified' };
    }
    if (message !== '') break;
  }
  return { ok: false, x, yZero, residual, worstViolation: worst, newtonSteps, activeSetRounds: 8, message: message || 'active set did not settle' };
}
