/**
 * The active set the Newton step (kktNewtonPoint.ts) holds as equalities, read off an LP of the
 * DistFlow cut loop: which branch cones, ratings and quadratic costs the LP keeps binding through
 * their cut rows (distFlowCutRows.ts), or violates beyond the cut loop's tolerance
 * (cutTolerance.ts), with first guesses of their multipliers from the cut duals. It reads the
 * pool's rows and never changes them; where the tangents then go is the pool's job (distFlowCuts.ts).
 */
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { DistFlowLayout } from './distFlowLp.js';
import type { NewtonActiveSet } from './kktNewtonPoint.js';
import type { CutRows } from './distFlowCutRows.js';
import { BASIS_BASIC } from './basisHandover.js';
import { CUT_CONE, CUT_RATING } from './distFlowCutRows.js';
import { coneTolerance, costTolerance, ratingTolerance, type CutTolerances } from './cutTolerance.js';

/** What reading the active set needs of a cut pool: its feeder, LP layout, tolerances and cut rows. */
export interface ActiveSetSource {
  readonly net: NetworkTemplate;
  readonly layout: DistFlowLayout;
  /** False for LinDistFlow (no cones). */
  readonly withLosses: boolean;
  readonly tol: CutTolerances;
  /** Kind, target and ℓ coefficient of each cut row (row k is model row layout.numRows + k). */
  readonly rows: Pick<CutRows, 'kind' | 'target' | 'coefL'>;
}

/**
 * The nonlinear sets the LP holds active: a cone, rating or cost whose cut row is nonbasic in
 * `rowStatus`, or that `x` violates beyond tolerance; cones only where ℓ is basic in `colStatus`.
 * First multiplier guesses from the cut duals `rowDual` times each row's normalisation (HiGHS
 * sign, ≤ 0; 0 for a set found only by its violation).
 *
 * @example
 * const basis = model.getBasis();
 * const active = newtonActiveSet(pool, x, sol.rowDual, basis.rowStatus, basis.colStatus);
 * kktNewtonPoint(net, layout, linear, x, sol.rowDual, basis.colStatus, active, rowRhs);
 */
export function newtonActiveSet(source: ActiveSetSource, x: Float64Array, rowDual: Float64Array, rowStatus: Int32Array, colStatus: Int32Array): NewtonActiveSet {
  const { net, layout: L, rows, tol } = source;
  const first = L.numRows;
  const coneK = new Map<number, number>();
  const rateK = new Map<number, number>();
  const costK = new Map<number, number>();
  for (let k = 0; k < rows.kind.length; k++) {
    if (rowStatus[first + k] === BASIS_BASIC) continue;
    const y = rowDual[first + k];
    const t = rows.target[k];
    if (rows.kind[k] === CUT_CONE) {
      if (colStatus[L.colL + t] !== BASIS_BASIC) continue;
      const va = x[L.colV + net.parent[t]];
      coneK.set(t, (coneK.get(t) ?? 0) + (y * -rows.coefL[k]) / va);
    } else if (rows.kind[k] === CUT_RATING) {
      rateK.set(t, (rateK.get(t) ?? 0) + y / (2 * Math.sqrt(net.rateSqPu[t])));
    } else costK.set(t, (costK.get(t) ?? 0) - y);
  }
  for (let b = 0; b < net.nBus; b++) {
    const a = net.parent[b];
    if (a < 0) continue;
    const p = x[L.colP + b];
    const q = x[L.colQ + b];
    const s2 = p * p + q * q;
    if (source.withLosses && !coneK.has(b) && colStatus[L.colL + b] === BASIS_BASIC) {
      const va = x[L.colV + a];
      if (s2 - va * x[L.colL + b] > coneTolerance(tol, s2, va, x[L.colL + b])) coneK.set(b, 0);
    }
    const rate2 = net.rateSqPu[b];
    if (rate2 < Infinity && !rateK.has(b) && Math.sqrt(s2) - Math.sqrt(rate2) > ratingTolerance(tol, Math.sqrt(rate2))) rateK.set(b, 0);
  }
  for (let g = 0; g < net.genBus.length; g++) {
    const c2 = net.genC2UsdPerHPu2[g];
    if (!(c2 > 0) || costK.has(g)) continue;
    const p = x[L.colPg + g];
    if (c2 * p * p - x[L.colZ + g] > costTolerance(tol, c2 * p * p)) costK.set(g, 0);
  }
  return {
    coneBus: [...coneK.keys()], coneMu: [...coneK.values()],
    ratingBus: [...rateK.keys()], ratingMu: [...rateK.values()],
    costGen: [...costK.keys()], costMu: [...costK.values()],
  };
}
