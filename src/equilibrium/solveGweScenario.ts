/**
 * Seed-002 generalized Wardrop equilibrium (station + route choice of heterogeneous
 * EVs, LinDistFlow DSO with DLMPs, road tolls and station capacity prices as multipliers
 * of the coupling constraints), docs/static-equilibria.md §2.2:
 *
 * 0. Feasibility of the road and station limits (`gweFeasibility.ts`), else an InputError.
 * 1. Restricted problem: the equilibrium conditions on the current route set as a
 *    complementarity problem (`gweSystem.ts`), solved by a semismooth Newton method on
 *    its natural map (`gweNewton.ts`), warm-started across rounds.
 * 2. Column generation (`gweColumns.ts`): each agent's cheapest option over all routes
 *    of the network on the priced network; cheaper options are added, until none is.
 * 3. Convergence test: residual = max(natural residual, Wardrop gap over all routes,
 *    coupling violation, complementarity, DSO optimality, energy balance) ≤ tolerance, so
 *    "converged" never coexists with a violated limit or a cheaper route outside the set.
 */
import { SolverError } from '../common/errors.js';
import { gweBestOptions } from './gweColumns.js';
import { assertGweFeasible } from './gweFeasibility.js';
import { addGweColumn, buildGweModel, type GweModel } from './gweModel.js';
import { gweNaturalResidual, solveGweNewton, type GweMcp } from './gweNewton.js';
import { gweReport, type GweReport } from './gweReport.js';
import type { GweScenario } from './gweScenario.js';
import { createGweState, gweEvaluate, gweJacobian, gweLayout, type GweLayout, type GweState } from './gweSystem.js';

export { buildGweModel } from './gweModel.js';

/** Result of a seed-002 solve. */
export interface GweResult extends GweReport {
  readonly status: 'converged' | 'not-converged';
  /** Largest of the natural residual and every check in `residuals` (relative). */
  readonly residual: number;
  /** Newton iterations over all column-generation rounds. */
  readonly iterations: number;
  /** Natural residual after each Newton iteration (all rounds). */
  readonly residualHistory: readonly number[];
  /** Column-generation rounds (restricted solves) and the final number of routes. */
  readonly columnRounds: number;
  readonly routeCount: number;
}

const BLOCKS = ['u', 'p', 'q', 'lam', 'lamQ', 'muUp', 'muDn', 'etaUp', 'etaDn', 'toll', 'nu'] as const;

/** Carry z over to a layout with more columns (new columns start at 0). */
function extend(z: Float64Array, from: GweLayout, to: GweLayout): Float64Array {
  const out = new Float64Array(to.size);
  out.set(z.subarray(from.f, from.u), to.f);
  BLOCKS.forEach((b, k) => {
    const end = k + 1 < BLOCKS.length ? from[BLOCKS[k + 1]] : from.size;
    out.set(z.subarray(from[b], end), to[b]);
  });
  return out;
}

/** Initial point: preferred options, agent costs at that point, DGs at half output, λ at the cheapest cost. */
function initialPoint(m: GweModel, lay: GweLayout, st: GweState): Float64Array {
  const z = new Float64Array(lay.size);
  m.columns.preferred.forEach((p, c) => (z[lay.f + c] = p * m.agents[m.columns.agent[c]].vehPerH));
  m.scenario.generators.forEach((g, k) => (z[lay.p + k] = g.pMaxMw / 2));
  z[lay.lam] = Math.min(...m.scenario.generators.map((g) => g.costUsdPerMwh));
  const g = new Float64Array(lay.size);
  gweEvaluate(m, lay, z, g, st);
  m.columns.preferred.forEach((p, c) => {
    if (p) z[lay.u + m.columns.agent[c]] = st.columnCostUsd[c];
  });
  return z;
}

function problem(m: GweModel, lay: GweLayout, st: GweState): GweMcp {
  return {
    size: lay.size, lo: lay.lo, hi: lay.hi, scale: lay.scale,
    evaluate: (z, g) => gweEvaluate(m, lay, z, g, st),
    jacobian: (jac) => gweJacobian(m, lay, st, jac),
  };
}

/** Options of `solveGweScenario`. */
export interface GweSolveOptions {
  readonly tolerance?: number;
  /** Newton iterations per round. */
  readonly maxIterations?: number;
  /** Default true: throw a SolverError above tolerance; false: return the result with `status: 'not-converged'`. */
  readonly throwOnNonConvergence?: boolean;
}

/**
 * Solve a seed-002 scenario.
 *
 * @throws InputError when the road or station limits cannot be met by any flow;
 *   SolverError when the residual stays above tolerance (with the residual reached and
 *   every check), unless `throwOnNonConvergence: false`.
 * @example
 * const r = await solveGweScenario(parseGweScenario(raw, file), file);
 * r.roadTolls; // links at their limit, with the toll that keeps them there
 */
export async function solveGweScenario(sc: GweScenario, source: string, overrides: GweSolveOptions = {}): Promise<GweResult> {
  const m = buildGweModel(sc, source);
  assertGweFeasible(m);
  const tol = overrides.tolerance ?? sc.solver.tolerance;
  const maxIt = overrides.maxIterations ?? sc.solver.maxIterations;
  let lay = gweLayout(m);
  let st = createGweState(m);
  let z = initialPoint(m, lay, st);
  const history: number[] = [];
  let iterations = 0;
  let rounds = 0;
  for (rounds = 1; rounds <= sc.solver.maxColumnRounds; rounds++) {
    const r = solveGweNewton(problem(m, lay, st), z, { tolerance: Math.min(1e-11, tol * 1e-3), maxIterations: maxIt });
    iterations += r.iterations;
    history.push(...r.history);
    const g = new Float64Array(lay.size);
    gweEvaluate(m, lay, z, g, st);
    const best = gweBestOptions(m, lay, z, st);
    let added = 0;
    best.forEach((b, i) => {
      const u = z[lay.u + i];
      if (b.costUsd < u - 1e-10 * Math.max(1, Math.abs(u)) && addGweColumn(m.columns, i, b.station, b.route, b.preferred) >= 0) added++;
    });
    if (added === 0) break;
    const next = gweLayout(m);
    z = extend(z, lay, next);
    lay = next;
    st = createGweState(m);
  }
  const columnRounds = Math.min(rounds, sc.solver.maxColumnRounds);
  const g = new Float64Array(lay.size);
  gweEvaluate(m, lay, z, g, st);
  const natural = gweNaturalResidual(problem(m, lay, st), z, g, new Float64Array(lay.size));
  const report = gweReport(m, lay, z, st);
  const residual = Math.max(natural, ...Object.values(report.residuals));
  const converged = residual <= tol;
  if (!converged && overrides.throwOnNonConvergence !== false) {
    const checks = Object.entries({ natural, ...report.residuals }).map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ');
    throw new SolverError('equilibrium/gwe', 'not-converged',
      `residual above ${tol} after ${iterations} Newton iterations in ${columnRounds} column-generation rounds (${checks}; a coupling violation that does not vanish means the limits cannot all be met)`, residual);
  }
  return { status: converged ? 'converged' : 'not-converged', residual, iterations, residualHistory: history, columnRounds, routeCount: m.columns.agent.length, ...report };
}
