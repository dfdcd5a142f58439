/**
 * Dynamic user equilibrium (DUE) with charging and V2G classes (SPEC §2, seed 003
 * §1.1), and its static special case (STA, `propagation: 'instantaneous'`).
 */
import type { DueOptions, DueResult, DueScenario } from './dueTypes.ts';
import { buildDueResult } from './dueOutputs.ts';
import { dueProblem } from './dueProblem.ts';
import { markQueueEpisodes, responseRatio, swapRoutes, type SwapScratch } from './routeSwap.ts';
import {
  addPath, assignMissingDemand, createDueContext, generateColumns, loadCurrentFlows, pricePath, type DueContext,
} from './dueState.ts';

/**
 * Solve the path-based DUE: for each OD pair, class and departure interval, every
 * used path has the least mean experienced generalized cost (0 ≤ f ⊥ g − c_min ≥ 0).
 *
 * 1. Start: the warm start's paths and route split (rescaled to this demand), else
 *    all-or-nothing on free-flow time-dependent least-cost paths.
 * 2. Iterate: load the flows (`loadNetworkDynamic`, or interval BPR flows for STA);
 *    price every path as the mean over its interval's departures of the link costs
 *    met on the way (SPEC §2); grow the path sets by time-dependent least-cost
 *    trees (column generation); compute the relative gap
 *    Σ f·(g − c_min) / Σ f·|c_min| (|·| because V2G costs can be negative; equal to
 *    SPEC's Σ f·c_min when costs are positive); stop at `gapTolerance`.
 * 3. Route swap (gradient projection, Jayakrishnan et al. 1994, on dynamic costs):
 *    per group and interval move Δ = min(f_p, μ·(g_p − g_b)/(s_p + s_b)) from each
 *    path to the cheapest b, where s is the path's cost sensitivity ¥/veh estimated
 *    from the loading (BPR slope, 1/(2c) per queued bottleneck, crowding slope).
 *    The step factor μ ∈ [0.02, 1] is self-adaptive: halved when the gap rises,
 *    grown by 10 % otherwise.
 *
 * Warm starts (the co-simulator re-solves with new prices) reuse paths and flows,
 * so a nearly unchanged equilibrium costs one or a few loadings.
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
  const ratio = new Float64Array(ctx.intervals);
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
    if (process.env.MUMODE === 'ratio') {
      responseRatio(ctx, ratio);
      for (let t = 0; t < ctx.intervals; t++) {
        const r = ratio[t];
        if (Number.isNaN(r)) continue;
        mu[t] = r > 0 ? Math.min(2, Math.max(0.02, Math.sqrt(mu[t] * (0.8 / Math.max(r, 1e-3)) * mu[t]))) : Math.max(0.02, mu[t] * 0.5);
      }
    } else {
      for (let t = 0; t < ctx.intervals; t++) {
        mu[t] = process.env.MU ? Number(process.env.MU) : intervalGap[t] > previousIntervalGap[t] ? Math.max(0.02, mu[t] * 0.5) : Math.min(1, mu[t] * 1.1);
        previousIntervalGap[t] = intervalGap[t];
      }
    }
    if (process.env.DUE_DEBUG) console.log("mu", Array.from(mu).map((m) => m.toFixed(2)).join(" "), "paths", ctx.paths.length, "horizon", ctx.horizon, classGaps(ctx));
    scratch.slots = Math.ceil(ctx.horizon / ctx.spi) + 2;
    markQueueEpisodes(ctx, loading.model, scratch);
    if (process.env.GS) {
      for (let t = 0; t < ctx.intervals; t++) {
        const l2 = t === 0 ? loading : loadCurrentFlows(ctx);
        if (t > 0) for (const p of ctx.paths) pricePath(ctx, l2.model, p, out);
        markQueueEpisodes(ctx, l2.model, scratch);
        swapRoutes(ctx, mu, scratch, Number(process.env.SWEEPS ?? 1), { from: t, to: t + 1 });
      }
    } else swapRoutes(ctx, mu, scratch, Number(process.env.SWEEPS ?? 1));
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

function classGaps(ctx: DueContext): string {
  if (process.env.DUE_DEBUG === '2') {
    const ex = new Float64Array(ctx.intervals);
    for (const group of ctx.problem.groups) for (let t = 0; t < ctx.intervals; t++) {
      let cmin = Infinity;
      for (const p of group.paths) cmin = Math.min(cmin, ctx.paths[p].cost[t]);
      for (const p of group.paths) ex[t] += ctx.paths[p].flow[t] * (ctx.paths[p].cost[t] - cmin);
    }
    return Array.from(ex).map((x) => x.toExponential(0)).join(' ');
  }
  const ex = [0, 0, 0];
  for (const group of ctx.problem.groups) {
    for (let t = 0; t < ctx.intervals; t++) {
      let cmin = Infinity;
      for (const p of group.paths) cmin = Math.min(cmin, ctx.paths[p].cost[t]);
      for (const p of group.paths) ex[group.classCode] += ctx.paths[p].flow[t] * (ctx.paths[p].cost[t] - cmin);
    }
  }
  return ex.map((x) => x.toExponential(2)).join(' ');
}
