/**
 * Dynamic user equilibrium (DUE) with charging and V2G classes (docs/model.md §2, seed 003
 * §1.1), and its static special case (STA, `propagation: 'instantaneous'`).
 */
import type { DueOptions, DueResult, DueScenario } from './dueTypes.js';
import { buildDueResult } from './dueOutputs.js';
import { dueProblem } from './dueProblem.js';
import { markQueueEpisodes, swapRoutes, type SwapScratch } from './routeSwap.js';
import {
  addPath, assignMissingDemand, createDueContext, generateColumns, loadCurrentFlows, pricePath, type DueContext,
} from './dueState.js';

/** Linearized route-swap sweeps per loading (more sweeps = closer to a Newton step on the linearization). */
const SWEEPS = 5;

/**
 * Solve the path-based DUE: for each OD pair, class and departure interval, every
 * used path has the least mean experienced generalized cost (0 ≤ f ⊥ g − c_min ≥ 0).
 *
 * 1. Start: the warm start's paths and route split (rescaled to this demand), else
 *    all-or-nothing on free-flow time-dependent least-cost paths.
 * 2. Iterate: load the flows (`loadNetworkDynamic`, or interval BPR flows for STA);
 *    price every path as the mean over its interval's departures of the link costs
 *    met on the way (docs/model.md §2); grow the path sets by time-dependent least-cost
 *    trees (column generation); compute the relative gap
 *    Σ f·(g − c_min) / Σ f·|c_min| (|·| because V2G costs can be negative; equal to
 *    docs/model.md's Σ f·c_min when costs are positive); stop at `gapTolerance`.
 * 3. Route swap (gradient projection, Jayakrishnan et al. 1994, on dynamic costs;
 *    `swapRoutes`): per group and interval move Δ = min(f_p, μ_t·(ĝ_p − ĝ_b)/Σ s)
 *    from each path to the cheapest b, where s are the link cost sensitivities ¥/veh
 *    estimated from the loading (BPR slope, 1/(2c) per (nearly) queued bottleneck,
 *    crowding slope) over the link-intervals the two paths do not share. ĝ updates
 *    the priced cost linearly for flow already moved in this swap, incl. the 1/c
 *    delay a vehicle imposes on later entrants of the same queue episode; the swap
 *    makes 5 such sweeps per loading (a Newton-like step on the linearization).
 *    μ_t ∈ [0.02, 1] adapts per departure interval: ×0.8 when the interval's gap
 *    rose, ×1.2 otherwise.
 *
 * Convergence is not guaranteed (point-queue DUE is not monotone); a run that hits
 * `maxIterations` returns `converged: false` with the gap reached. Heavy, long
 * queues converge slowly (Nguyen-Dupuis at 0.3× its OD rates: ~30 iterations to
 * 1e-4; at 0.5×: ~75). Warm starts (the co-simulator re-solves with new prices)
 * reuse paths and flows: an unchanged scenario costs one loading, a 10–20 % price
 * change at one interval about half the iterations of a cold start.
 *
 * @throws InputError for bad scenario values or demand with no path of its class
 * @example
 * const due = solveDue({ network, demand, shares: { charging: 0.2, v2g: 0.1 }, intervalMin: 10, intervals: 12,
 *   stepSec: 30, valueOfTimeYuanPerH: 30, prices, coupons });
 * due.relativeGap; // ≤ 1e-4 when due.converged
 */
export function solveDue(scenario: DueScenario, options: DueOptions = {}): DueResult {
  const tolerance = options.gapTolerance ?? 1e-4;
  const maxIterations = options.maxIterations ?? 500;
  const problem = dueProblem(scenario);
  const ctx = createDueContext(scenario, problem);
  if (options.warmStart) seedFromWarmStart(ctx, options.warmStart);
  const out = new Float64Array(3);

  if (problem.groups.some((g) => g.paths.length === 0)) {
    const start = loadCurrentFlows(ctx);
    for (const p of ctx.paths) pricePath(ctx, start.model, p, out);
    generateColumns(ctx, start.model, out);
  }
  assignMissingDemand(ctx);

  const history: number[] = [];
  const scratch: SwapScratch = { delta: new Float64Array(0), slots: 1, queueFrom: new Int32Array(0), queueCoef: new Float64Array(0) };
  const mu = new Float64Array(ctx.intervals).fill(1);
  const intervalGap = new Float64Array(ctx.intervals);
  const previousIntervalGap = new Float64Array(ctx.intervals).fill(Infinity);
  let iterations = 0;
  let gap = Infinity;
  let converged = false;
  for (;;) {
    const loading = loadCurrentFlows(ctx);
    for (const p of ctx.paths) pricePath(ctx, loading.model, p, out);
    generateColumns(ctx, loading.model, out);
    gap = relativeGap(ctx, intervalGap);
    history.push(gap);
    options.onIteration?.(iterations, gap);
    if (gap <= tolerance) converged = true;
    if (converged || iterations >= maxIterations) {
      return buildDueResult(ctx, loading, { converged, relativeGap: gap, iterations, gapHistory: history });
    }
    for (let t = 0; t < ctx.intervals; t++) {
      // self-adaptive step per departure interval: shrink by 20 % after a rise of its gap, else
      // grow by 20 % (halving, the textbook choice, stalled in the queue-dominated tail on Nguyen-Dupuis)
      mu[t] = intervalGap[t] > previousIntervalGap[t] ? Math.max(0.02, mu[t] * 0.8) : Math.min(1, mu[t] * 1.2);
      previousIntervalGap[t] = intervalGap[t];
    }
    scratch.slots = Math.ceil(ctx.horizon / ctx.spi) + 2;
    markQueueEpisodes(ctx, loading.model, scratch);
    swapRoutes(ctx, mu, scratch, SWEEPS);
    iterations++;
  }
}

/** Σ_groups,t Σ_p f·(g − c_min) / Σ f·|c_min| over the current path set. */
function relativeGap(ctx: DueContext, byInterval: Float64Array): number {
  let excess = 0;
  let base = 0;
  byInterval.fill(0);
  const baseByInterval = new Float64Array(ctx.intervals);
  for (const group of ctx.problem.groups) {
    for (let t = 0; t < ctx.intervals; t++) {
      const q = group.demandVeh[t];
      if (q === 0) continue;
      let cmin = Infinity;
      for (const p of group.paths) cmin = Math.min(cmin, ctx.paths[p].cost[t]);
      for (const p of group.paths) {
        const path = ctx.paths[p];
        excess += path.flow[t] * (path.cost[t] - cmin);
        byInterval[t] += path.flow[t] * (path.cost[t] - cmin);
      }
      base += q * Math.abs(cmin);
      baseByInterval[t] += q * Math.abs(cmin);
    }
  }
  for (let t = 0; t < ctx.intervals; t++) byInterval[t] = baseByInterval[t] > 0 ? byInterval[t] / baseByInterval[t] : 0;
  return base > 0 ? excess / base : excess > 0 ? Infinity : 0;
}

/** Copy the warm start's paths and flows for the groups this scenario has (same network assumed). */
function seedFromWarmStart(ctx: DueContext, warm: DueResult): void {
  const index = new Map<string, number>();
  ctx.problem.groups.forEach((g, i) => index.set(`${g.originId}>${g.destinationId}>${g.classCode}`, i));
  const classCode = { regular: 0, charging: 1, v2g: 2 } as const;
  const linkCount = ctx.network.from.length;
  for (const path of warm.paths) {
    const g = index.get(`${path.origin}>${path.destination}>${classCode[path.userClass]}`);
    if (g === undefined || path.flowVehByInterval.length !== ctx.intervals) continue;
    if (path.links.some((a) => a < 0 || a >= linkCount)) continue;
    const p = ctx.paths[addPath(ctx, g, path.links)];
    p.flow.set(path.flowVehByInterval);
  }
}

