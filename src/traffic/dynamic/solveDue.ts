/**
 * Dynamic user equilibrium (DUE) with charging and V2G classes (docs/model.md §2, seed 003
 * §1.1), and its static special case (STA, `propagation: 'instantaneous'`).
 */
import { InputError } from '../../common/errors.js';
import { USER_CLASSES, UserClassCode, type DueOptions, type DueResult, type DueScenario } from './dueTypes.js';
import { buildDueResult } from './dueOutputs.js';
import { dueGapSums, excessPerVehicle, overallGap, worstClassGap } from './dueGap.js';
import { checkCommittedIntervals, dueProblem } from './dueProblem.js';
import { markQueueEpisodes, swapRoutes, type SwapScratch } from './routeSwap.js';
import {
  addPath, assignMissingDemand, createDueContext, generateColumns, loadCurrentFlows, type DueContext, type DueLoading,
} from './dueState.js';
import { pricePaths } from './duePricing.js';
import { dropIdlePaths } from './pathStore.js';

/** Linearized route-swap sweeps per loading (more sweeps = closer to a Newton step on the linearization). */
const SWEEPS = 5;
/** Iterations in a row without flow after which a generated path leaves its group (`dropIdlePaths`). */
const IDLE_LIMIT = 4;
/** A loading keeps the states of all interval boundaries when its predicted worst class gap is within this factor of the target (`likelyLast`). */
const CAPTURE_NEAR = 1.1;

/**
 * Solve the path-based DUE: for each OD pair, class and departure interval, every
 * used path has the least mean experienced generalized cost (0 ≤ f ⊥ g − c_min ≥ 0).
 *
 * 1. Start: the warm start's paths and route split (rescaled to this demand), else
 *    all-or-nothing on free-flow time-dependent least-cost paths.
 * 2. Iterate: load the flows (`loadNetworkDynamic`, or interval BPR flows for STA);
 *    price every path as the mean over its interval's departures of the link costs
 *    met on the way (docs/model.md §2); grow the path sets by time-dependent least-cost
 *    trees (column generation); compute the relative gap per class
 *    Σ f·(g − c_min) / Σ Q·(θ·T_b + |M_b|), b the cheapest path (its time cost plus
 *    |money|: well scaled for V2G, whose time cost and revenue nearly cancel; equal to
 *    Σ f·(g − c_min) / Σ Q·c_min when money ≥ 0; `dueGapSums`); stop when every class
 *    with demand is at `gapTolerance` (`relativeGap` reports all classes together).
 * 3. Route swap (gradient projection, Jayakrishnan et al. 1994, on dynamic costs;
 *    `swapRoutes`): per group and interval move Δ = min(f_p, μ_c·(ĝ_p − ĝ_b)/Σ s)
 *    from each path to the cheapest b, where s are the link cost sensitivities ¥/veh
 *    estimated from the loading (BPR slope, 1/(2c) per (nearly) queued bottleneck,
 *    crowding slope) over the link-intervals the two paths do not share. ĝ updates
 *    the priced cost linearly for flow already moved in this swap, incl. the 1/c
 *    delay a vehicle imposes on later entrants of the same queue episode; the swap
 *    makes 5 such sweeps per loading (a Newton-like step on the linearization).
 *    μ_c ∈ [1/256, 1] is self-adaptive per cohort c (OD × class × departure interval):
 *    a secant correction from the cohort's response to its previous swap (overshoot
 *    shrinks it, a short step grows it by up to a quarter, less the more cohorts overshot; `routeSwap.ts`).
 * 4. Lean path store: a generated path without flow in every interval for 4 iterations in a
 *    row leaves its group (`dropIdlePaths`; not reported in `paths`); column generation adds
 *    it back should it become the cheapest again. Loadings keep the network states of the
 *    interval boundaries (the checkpoint a later committed solve resumes from) only when its
 *    gap, predicted from the last ones (same-parity trend when they zig-zag), is within 1.1× the
 *    target; a final loading without them is loaded again.
 *
 * Convergence is not guaranteed (point-queue DUE is not monotone); a run that hits
 * `maxIterations` returns `converged: false` with the gap reached. Heavy, long
 * queues converge slowly (Nguyen-Dupuis at 0.3× its OD rates: ~33 iterations to
 * 1e-4; at 0.5×: ~60; Sioux Falls ×0.5 over 2 h: gap 5e-4 after 15 iterations,
 * bench/traffic-due-scale.bench.ts). Warm starts (the co-simulator re-solves with new prices)
 * reuse paths and flows: an unchanged scenario costs one loading, a 10–20 % price
 * change at one interval about half the iterations of a cold start.
 *
 * Committed past (`committedIntervals` = t0 > 0, with a warm start): the departures of
 * intervals < t0 keep the warm start's paths, flows and costs (the costs priced when they
 * were last free); pricing, column generation, route swaps and the gap cover intervals
 * ≥ t0 only (`byClass` and `relativeGap` too); every loading resumes at step t0 · spi
 * from a checkpoint (the warm start's final loading, then the solve's previous one),
 * identical to a full loading by causality. The warm start's flows must meet the
 * committed demand, and the first loading keeps its horizon (no horizon given), so
 * t0 = intervals is one loading that reproduces the warm start's station series exactly.
 * A warm start without a checkpoint (STA, or built by hand) loads from step 0.
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
  const committed = checkCommittedIntervals(options.committedIntervals, options.warmStart?.intervals, scenario.intervals);
  const ctx = createDueContext(scenario, problem, committed);
  if (options.warmStart) seedFromWarmStart(ctx, options.warmStart);
  if (committed > 0) checkCommittedDemand(ctx);
  const out = new Float64Array(3);

  if (problem.groups.some((g) => g.paths.length === 0)) {
    const start = loadCurrentFlows(ctx, false);
    pricePaths(ctx, start.model, out);
    generateColumns(ctx, start.model, out);
  }
  assignMissingDemand(ctx);

  const history: number[] = [];
  const worstHistory: number[] = [];
  const scratch: SwapScratch = { delta: new Float64Array(0), slots: 1, queueFrom: new Int32Array(0), queueCoef: new Float64Array(0) };
  let iterations = 0;
  let gap = Infinity;
  let converged = false;
  // the first loading keeps its states: a warm start often converges right there
  let capture = true;
  for (;;) {
    const loading = loadCurrentFlows(ctx, capture);
    pricePaths(ctx, loading.model, out);
    generateColumns(ctx, loading.model, out);
    const sums = dueGapSums(ctx);
    gap = overallGap(sums);
    history.push(gap);
    const worst = worstClassGap(sums);
    worstHistory.push(worst);
    options.onIteration?.(iterations, gap, { worstClassGap: worst, excessCostYuanPerVeh: excessPerVehicle(sums) });
    if (worst <= tolerance) converged = true;
    if (converged || iterations >= maxIterations) {
      return buildDueResult(ctx, withStates(ctx, loading), { converged, relativeGap: gap, iterations, gapHistory: history });
    }
    scratch.slots = Math.ceil(ctx.horizon / ctx.spi) + 2;
    markQueueEpisodes(ctx, loading.model, scratch);
    swapRoutes(ctx, scratch, SWEEPS);
    dropIdlePaths(ctx, IDLE_LIMIT);
    iterations++;
    capture = iterations >= maxIterations || likelyLast(worstHistory, tolerance);
  }
}

/**
 * Whether the next loading is likely the last (its states then become the result's checkpoint):
 * its worst class gap, predicted from the last ones, is within `CAPTURE_NEAR` of the target.
 * The prediction follows the trend of the last two gaps, or, when the gaps zig-zag (up, down,
 * up), the trend of the gaps of the same parity (Sioux Falls ×1.0 alternates for its last 15
 * iterations: the current gap alone kept the states of every other loading for nothing).
 * A wrong guess costs a loading (`withStates` loads the final flows again) or the copying of
 * the states (kept for nothing); it never changes the result.
 */
function likelyLast(worst: readonly number[], tolerance: number): boolean {
  const n = worst.length;
  const w = (i: number) => worst[n - 1 - i];
  let predicted = w(0);
  if (n >= 4 && (w(0) - w(1)) * (w(1) - w(2)) < 0) predicted = w(1) * Math.min(1, w(1) / w(3));
  else if (n >= 2) predicted = w(0) * Math.min(1, w(0) / w(1));
  return predicted <= CAPTURE_NEAR * tolerance;
}

/**
 * The final loading with the states of every interval boundary (the result's checkpoint): the
 * loading itself when it kept them, else the same flows loaded again over the same horizon
 * (the loading is deterministic, so the curves are identical). Called before any flow changes.
 */
function withStates(ctx: DueContext, loading: DueLoading): DueLoading {
  if (!ctx.dynamic || loading.capturedStates !== false || loading.dnl === undefined) return loading;
  const next = ctx.horizon;
  ctx.horizon = loading.dnl.steps;
  const again = loadCurrentFlows(ctx, true);
  ctx.horizon = next;
  return again;
}

/**
 * Copy the warm start's paths and flows for the groups this scenario has (same network
 * assumed); with committed intervals also their costs there, its checkpoint and its horizon.
 */
function seedFromWarmStart(ctx: DueContext, warm: DueResult): void {
  const index = new Map<string, number>();
  ctx.problem.groups.forEach((g, i) => index.set(`${g.originId}>${g.destinationId}>${g.classCode}`, i));
  const linkCount = ctx.network.from.length;
  const t0 = ctx.committed;
  const ctxIndex = new Int32Array(warm.paths.length).fill(-1);
  warm.paths.forEach((path, w) => {
    const g = index.get(`${path.origin}>${path.destination}>${UserClassCode[path.userClass]}`);
    if (g === undefined || path.flowVehByInterval.length !== ctx.intervals || path.links.some((a) => a < 0 || a >= linkCount)) {
      for (let t = 0; t < t0; t++) {
        if (path.flowVehByInterval[t] > 0) {
          throw new InputError(
            { source: 'traffic/dynamic/solveDue', field: `options.warmStart.paths[${w}] (${path.origin}→${path.destination}, ${path.userClass})`, value: path.flowVehByInterval[t] },
            `carries committed vehicles in interval ${t} but matches no group or link of this scenario`,
          );
        }
      }
      return;
    }
    const i = addPath(ctx, g, path.links);
    const p = ctx.paths[i];
    p.flow.set(path.flowVehByInterval);
    // committed cohorts keep the costs priced when they were last free
    if (t0 > 0) {
      p.cost.set(path.costYuanByInterval.subarray(0, t0));
      p.time.set(path.travelTimeMinByInterval.subarray(0, t0));
      p.money.set(path.moneyYuanByInterval.subarray(0, t0));
    }
    ctxIndex[w] = i;
  });
  if (t0 === 0 || !ctx.dynamic) return;
  if (warm.checkpoint !== undefined) {
    ctx.checkpoint = { dnl: warm.checkpoint.dnl, loadedPaths: Int32Array.from(warm.checkpoint.loadedPaths, (w) => ctxIndex[w]) };
  }
  if (ctx.scenario.horizonSteps === undefined && warm.steps >= ctx.intervals * ctx.spi) ctx.horizon = warm.steps;
}

/** Committed intervals: the warm start's flows of each group must meet its demand (to 1e-9 relative). */
function checkCommittedDemand(ctx: DueContext): void {
  for (const group of ctx.problem.groups) {
    for (let t = 0; t < ctx.committed; t++) {
      let sum = 0;
      for (const p of group.paths) sum += ctx.paths[p].flow[t];
      const q = group.demandVeh[t];
      if (Math.abs(sum - q) > 1e-9 * Math.max(1, q)) {
        throw new InputError(
          {
            source: 'traffic/dynamic/solveDue',
            field: `options.warmStart flows ${group.originId}→${group.destinationId} (${USER_CLASSES[group.classCode]}) in interval ${t}`,
            value: sum,
          },
          `must equal the demand ${q} veh of a committed interval (committedIntervals = ${ctx.committed})`,
        );
      }
    }
  }
}
