/**
 * The route swap of the DUE (docs/model.md §2 "route swapping with a convergent step rule"):
 * gradient projection toward each group's cheapest path, swept group by group with
 * linearized cost updates so that groups sharing links do not all overshoot at once.
 */
import type { DueContext } from './dueState.js';
import type { LinkCostModel } from './linkCostModel.js';

/**
 * Largest growth of a cohort's step per loading, reached when no cohort overshot in the last swap;
 * it falls linearly to none when `OVERSHOOT_NO_GROWTH` of the cohorts overshot (`adaptCohortSteps`).
 */
const MU_GROWTH = 1.25;
/**
 * Share of overshooting cohorts at which steps stop growing. Sioux Falls ×1.0 (worst class gap after
 * 12 iterations; ~30 % of its cohorts overshoot each swap): growth ≤ 25 % 4.6e-3, ≤ 5 % 8.3e-4,
 * ≤ 1 % 6.6e-4; but a fixed 1 % takes the reference co-simulation from 68 to 140 iterations.
 */
const OVERSHOOT_NO_GROWTH = 0.5;
/** Bounds of a cohort's step factor μ. */
const MU_MIN = 1 / 256;
const MU_MAX = 1;
/** Scratch of `swapRoutes`: flow moved per link and slot, and the loading's queue episodes. */
export interface SwapScratch {
  delta: Float64Array;
  slots: number;
  /** Per link and slot: first slot of the queue episode containing it (itself when not queued). */
  queueFrom: Int32Array;
  /** Per link and slot: ¥ of delay per vehicle ahead while queued, else 0. */
  queueCoef: Float64Array;
  /** Per cohort (group × interval, `g * intervals + t`): self-adaptive step factor in (0, 1]. */
  cohortMu?: Float64Array;
  /** Per cohort: the path that received flow in the last swap, −1 = none. */
  cohortTo?: Int32Array;
  /** Per cohort: largest estimated cost difference ¥ a move of the last swap closed. */
  cohortDiff?: Float64Array;
  /** Per cohort: its response r to the last swap (`adaptCohortSteps`), NaN when it moved nothing. */
  cohortResponse?: Float64Array;
  /** Per path and interval (`p * intervals + t`): flow moved in the last swap (< 0: given away). */
  moved?: Float64Array;
}

/**
 * Fill the queue episodes of `scratch` from the current cost model, sampling each
 * slot's (interval's) middle; grows the buffers to links × `scratch.slots`.
 *
 * @example
 * markQueueEpisodes(ctx, loading.model, scratch);
 */
export function markQueueEpisodes(ctx: DueContext, model: LinkCostModel, scratch: SwapScratch): void {
  const L = ctx.network.from.length;
  const slots = scratch.slots;
  if (scratch.delta.length < L * slots) {
    scratch.delta = new Float64Array(L * slots);
    scratch.queueFrom = new Int32Array(L * slots);
    scratch.queueCoef = new Float64Array(L * slots);
  }
  for (let a = 0; a < L; a++) {
    let from = 0;
    for (let u = 0; u < slots; u++) {
      const coef = model.queueCoefficient(a, (u + 0.5) * ctx.spi);
      if (coef === 0 || (u > 0 && scratch.queueCoef[a * slots + u - 1] === 0)) from = u;
      scratch.queueCoef[a * slots + u] = coef;
      scratch.queueFrom[a * slots + u] = from;
    }
  }
}

/**
 * `sweeps` passes over departure intervals (in time order: earlier departures are
 * mostly upstream of later ones) and groups, all on the loading's linearization.
 *
 * 1. A path's estimated cost is its priced cost plus Σ_links s_i·δ(link, entry slot)
 *    plus, on a queued bottleneck, (1/c-delay) · Σ δ(link, earlier slots of the same
 *    queue episode); δ accumulates the flow moved since the loading and s_i is the
 *    link's cost sensitivity (¥/veh) met by the path (linearized Gauss–Seidel).
 * 2. Each path p with flow moves Δ = min(f_p, μ_c·(ĝ_p − ĝ_b) / Σ_{p ⊕ b} s) to the
 *    cheapest path b, the denominator summing sensitivities over the link-intervals
 *    not shared by p and b (Jayakrishnan et al. 1994 gradient projection).
 * 3. μ_c is the cohort's (OD × class × departure interval) self-adaptive step, a secant
 *    correction of the sensitivity estimate from the cohort's response to its last swap
 *    (`adaptCohortSteps`; start ½, in [1/256, 1]).
 *
 * @param scratch δ buffer and queue episodes (`markQueueEpisodes` first); keeps the cohort steps across calls
 * @example
 * markQueueEpisodes(ctx, loading.model, scratch);
 * swapRoutes(ctx, scratch, 5);
 */
export function swapRoutes(ctx: DueContext, scratch: SwapScratch, sweeps: number): void {
  const { delta, slots, queueFrom, queueCoef } = scratch;
  delta.fill(0);
  const paths = ctx.paths;
  const slotOf = (s: number) => (s < slots ? s : slots - 1);
  const estimate = (p: number, t: number): number => {
    const path = paths[p];
    const n = path.links.length;
    let g = path.cost[t];
    for (let i = 0; i < n; i++) {
      const o = path.links[i] * slots;
      const slot = slotOf(path.walkSlot[t * n + i]);
      g += path.walkSens[t * n + i] * delta[o + slot];
      // vehicles moved into earlier slots of the same queue episode delay this one by 1/c each
      const coef = queueCoef[o + slot];
      if (coef > 0) for (let u = queueFrom[o + slot]; u < slot; u++) g += coef * delta[o + u];
    }
    return g;
  };
  const move = (p: number, t: number, amount: number): void => {
    const path = paths[p];
    const n = path.links.length;
    path.flow[t] += amount;
    for (let i = 0; i < n; i++) delta[path.links[i] * slots + slotOf(path.walkSlot[t * n + i])] += amount;
  };
  const I = ctx.intervals;
  const groups = ctx.problem.groups;
  const cohortMu = ensureCohorts(ctx, scratch);
  const cohortTo = scratch.cohortTo!;
  const moved = scratch.moved!;
  const cohortDiff = scratch.cohortDiff!;
  adaptCohortSteps(ctx, cohortMu, cohortTo, cohortDiff, moved, scratch.cohortResponse!);
  let est = new Float64Array(8);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    // committed departure intervals (< ctx.committed) are frozen
    for (let t = ctx.committed; t < I; t++) {
      for (let gi = 0; gi < groups.length; gi++) {
        const group = groups[gi];
        if (group.demandVeh[t] === 0 || group.paths.length < 2) continue;
        const step = cohortMu[gi * I + t];
        const members = group.paths;
        if (est.length < members.length) est = new Float64Array(2 * members.length);
        let bi = 0;
        for (let i = 0; i < members.length; i++) {
          est[i] = estimate(members[i], t);
          if (est[i] < est[bi]) bi = i;
        }
        const b = members[bi];
        // the estimates above hold until this group's first move changes δ
        let fresh = true;
        for (let i = 0; i < members.length; i++) {
          const p = members[i];
          if (p === b || paths[p].flow[t] <= 0) continue;
          const diff = fresh ? est[i] - est[bi] : estimate(p, t) - estimate(b, t);
          if (diff <= 0) continue;
          const scale = distinctSensitivity(ctx, p, b, t);
          const shift = scale > 0 ? Math.min(paths[p].flow[t], (step * diff) / scale) : paths[p].flow[t];
          if (!(shift > 0)) continue;
          fresh = false;
          move(p, t, -shift);
          move(b, t, shift);
          moved[p * I + t] -= shift;
          moved[b * I + t] += shift;
          cohortTo[gi * I + t] = b;
          if (diff > cohortDiff[gi * I + t]) cohortDiff[gi * I + t] = diff;
        }
      }
    }
  }
}

/** Grow the cohort buffers of `scratch` to the current groups and paths (new cohorts start at μ = ½). */
function ensureCohorts(ctx: DueContext, scratch: SwapScratch): Float64Array {
  const I = ctx.intervals;
  const cells = ctx.problem.groups.length * I;
  if (scratch.cohortMu === undefined || scratch.cohortMu.length < cells) {
    scratch.cohortMu = new Float64Array(cells).fill(0.5);
    scratch.cohortTo = new Int32Array(cells).fill(-1);
    scratch.cohortDiff = new Float64Array(cells);
    scratch.cohortResponse = new Float64Array(cells);
  }
  const need = ctx.paths.length * I;
  if (scratch.moved === undefined || scratch.moved.length < need) {
    const grown = new Float64Array(Math.max(need, 2 * (scratch.moved?.length ?? 0)));
    if (scratch.moved !== undefined) grown.set(scratch.moved);
    scratch.moved = grown;
  }
  return scratch.cohortMu;
}

/**
 * Self-adaptive step per cohort (OD × class × departure interval), a secant on the route swap's
 * sensitivity estimate. The last swap moved flow to path b with step μ, to close an estimated
 * cost difference d (the largest of its moves); the new loading gives r = (g_b − g_donor) / d,
 * g_donor the cheapest path that gave flow. A Newton step on the true slope would leave r = 0;
 * the swap's estimated slope was off by (1 + r) / μ, so the next step is μ / (1 + r):
 * r > 0 (overshot) shrinks it (floor 1/256), −1 < r < 0 (short) grows it by at most a factor
 * γ, r ≤ −1 (the difference grew: other cohorts moved onto b) grows it by γ; cap 1. The growth
 * γ = 1 + ¼·max(0, 1 − F/½) falls with the share F of judged cohorts that overshot: in a city
 * most short steps come from other cohorts' moves, not from this one's slope, and growing
 * back by a quarter per loading whatever happened kept overshooting (Sioux Falls ×1.0 stalled
 * near 1e-3 for 20 iterations).
 * The per-interval step of earlier versions, adapted on the interval's gap, let the many
 * well-behaved cohorts of a city mask the few that overshoot (Sioux Falls ×0.5 stalled at
 * 2e-3). Clears the cohorts' records of the swap; `response` is scratch (one entry per cohort).
 */
function adaptCohortSteps(
  ctx: DueContext, cohortMu: Float64Array, cohortTo: Int32Array, cohortDiff: Float64Array, moved: Float64Array, response: Float64Array,
): void {
  const I = ctx.intervals;
  const paths = ctx.paths;
  let judged = 0;
  let overshot = 0;
  response.fill(Number.NaN);
  ctx.problem.groups.forEach((group, gi) => {
    for (let t = ctx.committed; t < I; t++) {
      const c = gi * I + t;
      const b = cohortTo[c];
      if (b < 0) continue;
      let donor = Infinity;
      for (const p of group.paths) if (moved[p * I + t] < 0 && paths[p].cost[t] < donor) donor = paths[p].cost[t];
      const r = (paths[b].cost[t] - donor) / cohortDiff[c];
      response[c] = r;
      judged++;
      if (r > 0) overshot++;
      cohortTo[c] = -1;
      cohortDiff[c] = 0;
      for (const p of group.paths) moved[p * I + t] = 0;
    }
  });
  const share = judged > 0 ? overshot / judged : 0;
  const growth = 1 + (MU_GROWTH - 1) * Math.max(0, 1 - share / OVERSHOOT_NO_GROWTH);
  for (let c = 0; c < response.length; c++) {
    const r = response[c];
    if (Number.isNaN(r)) continue;
    if (r > 0) cohortMu[c] = Math.max(MU_MIN, cohortMu[c] / (1 + r));
    else if (r > -1) cohortMu[c] = Math.min(MU_MAX, cohortMu[c] / Math.max(1 / growth, 1 + r));
    else cohortMu[c] = Math.min(MU_MAX, cohortMu[c] * growth);
  }
}

/** Σ s over link-intervals used by exactly one of paths p and b (departing in t). */
function distinctSensitivity(ctx: DueContext, p: number, b: number, t: number): number {
  const P = ctx.paths[p];
  const B = ctx.paths[b];
  const np = P.links.length;
  const nb = B.links.length;
  let s = 0;
  for (let i = 0; i < np; i++) {
    if (!shares(B, nb, t, P.links[i], P.walkSlot[t * np + i])) s += P.walkSens[t * np + i];
  }
  for (let i = 0; i < nb; i++) {
    if (!shares(P, np, t, B.links[i], B.walkSlot[t * nb + i])) s += B.walkSens[t * nb + i];
  }
  return s;
}

function shares(path: DueContext['paths'][number], n: number, t: number, link: number, slot: number): boolean {
  for (let i = 0; i < n; i++) if (path.links[i] === link && path.walkSlot[t * n + i] === slot) return true;
  return false;
}

