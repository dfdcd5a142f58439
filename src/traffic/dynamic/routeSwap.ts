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
  /** The swap's cohorts packed in sweep order (`packCohorts`; buffers reused across swaps). */
  packed?: PackedCohorts;
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
 * 4. The sweeps read the cohorts packed in sweep order (`packCohorts`); flows are written back to
 *    the paths at the end.
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
  const I = ctx.intervals;
  const cohortMu = ensureCohorts(ctx, scratch);
  const cohortTo = scratch.cohortTo!;
  const moved = scratch.moved!;
  const cohortDiff = scratch.cohortDiff!;
  adaptCohortSteps(ctx, cohortMu, cohortTo, cohortDiff, moved, scratch.cohortResponse!);
  const pk = packCohorts(ctx, scratch);
  const { memberPath, memberFlow, memberCost, memberFrom, entryLink, entryWalk, entrySens, cohortAt, cohortMembers } = pk;
  const last = slots - 1;
  // the estimated cost of member m: its priced cost plus Σ s·δ over its link-slots, plus on a
  // queued bottleneck the 1/c delay of the vehicles moved into earlier slots of the same episode
  const estimate = (m: number): number => {
    let g = memberCost[m];
    const e1 = memberFrom[m + 1];
    for (let e = memberFrom[m]; e < e1; e++) {
      const o = entryLink[e] * slots;
      const walked = entryWalk[e];
      const slot = walked < slots ? walked : last;
      g += entrySens[e] * delta[o + slot];
      const coef = queueCoef[o + slot];
      if (coef > 0) for (let u = queueFrom[o + slot]; u < slot; u++) g += coef * delta[o + u];
    }
    return g;
  };
  const move = (m: number, amount: number): void => {
    memberFlow[m] += amount;
    const e1 = memberFrom[m + 1];
    for (let e = memberFrom[m]; e < e1; e++) {
      const walked = entryWalk[e];
      delta[entryLink[e] * slots + (walked < slots ? walked : last)] += amount;
    }
  };
  let est = new Float64Array(8);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    // cohorts in packing order: departure intervals in time order (earlier departures are mostly
    // upstream of later ones), groups within; committed intervals and lone paths are not packed
    for (let k = 0; k < pk.cohorts; k++) {
      const c = cohortAt[k];
      const t = c % I;
      const step = cohortMu[c];
      const m0 = cohortMembers[k];
      const count = cohortMembers[k + 1] - m0;
      if (est.length < count) est = new Float64Array(2 * count);
      let bi = 0;
      for (let i = 0; i < count; i++) {
        est[i] = estimate(m0 + i);
        if (est[i] < est[bi]) bi = i;
      }
      const mb = m0 + bi;
      const b = memberPath[mb];
      // the estimates above hold until this group's first move changes δ
      let fresh = true;
      for (let i = 0; i < count; i++) {
        const m = m0 + i;
        if (m === mb || memberFlow[m] <= 0) continue;
        const diff = fresh ? est[i] - est[bi] : estimate(m) - estimate(mb);
        if (diff <= 0) continue;
        const scale = distinctSensitivity(pk, m, mb);
        const shift = scale > 0 ? Math.min(memberFlow[m], (step * diff) / scale) : memberFlow[m];
        if (!(shift > 0)) continue;
        fresh = false;
        move(m, -shift);
        move(mb, shift);
        moved[memberPath[m] * I + t] -= shift;
        moved[b * I + t] += shift;
        cohortTo[c] = b;
        if (diff > cohortDiff[c]) cohortDiff[c] = diff;
      }
    }
  }
  for (let k = 0; k < pk.cohorts; k++) {
    const t = cohortAt[k] % I;
    for (let m = cohortMembers[k]; m < cohortMembers[k + 1]; m++) paths[memberPath[m]].flow[t] = memberFlow[m];
  }
}

/**
 * The swap's cohorts packed contiguously (`packCohorts`), in sweep order: per cohort its members
 * (paths), per member its flow and priced cost and its link-slots with their sensitivities. The
 * sweeps read these in sequence instead of chasing every path's own arrays (the swap was bound by
 * memory: ~120,000 member estimates per sweep on Sioux Falls ×1.0, each in other arrays).
 */
export interface PackedCohorts {
  /** Number of packed cohorts. */
  cohorts: number;
  /** Per packed cohort: its cohort index `g * intervals + t`; its members are `cohortMembers[k] … cohortMembers[k + 1])`. */
  cohortAt: Int32Array;
  cohortMembers: Int32Array;
  /** Per member: path index, flow (veh, written back after the sweeps), priced cost ¥; its entries are `memberFrom[m] … memberFrom[m + 1])`. */
  memberPath: Int32Array;
  memberFlow: Float64Array;
  memberCost: Float64Array;
  memberFrom: Int32Array;
  /** Per entry (link of a member's path): link, slot as walked (the δ buffer clamps it to its last slot), sensitivity ¥/veh. */
  entryLink: Int32Array;
  entryWalk: Int32Array;
  entrySens: Float64Array;
}

/**
 * Pack the cohorts the swap visits (free intervals with demand, groups with 2+ paths) into the
 * reusable buffers of `scratch` (grown as needed, never shrunk).
 *
 * @example
 * const pk = packCohorts(ctx, scratch); // pk.cohorts cohorts, in sweep order
 */
export function packCohorts(ctx: DueContext, scratch: SwapScratch): PackedCohorts {
  const I = ctx.intervals;
  const groups = ctx.problem.groups;
  const paths = ctx.paths;
  let cohorts = 0;
  let members = 0;
  let entries = 0;
  for (let t = ctx.committed; t < I; t++) {
    for (const group of groups) {
      if (group.demandVeh[t] === 0 || group.paths.length < 2) continue;
      cohorts++;
      members += group.paths.length;
      for (const p of group.paths) entries += paths[p].links.length;
    }
  }
  const pk = growPacked(scratch, cohorts, members, entries);
  let k = 0;
  let m = 0;
  let e = 0;
  for (let t = ctx.committed; t < I; t++) {
    for (let gi = 0; gi < groups.length; gi++) {
      const group = groups[gi];
      if (group.demandVeh[t] === 0 || group.paths.length < 2) continue;
      pk.cohortAt[k] = gi * I + t;
      pk.cohortMembers[k] = m;
      k++;
      for (const p of group.paths) {
        const path = paths[p];
        const n = path.links.length;
        pk.memberPath[m] = p;
        pk.memberFlow[m] = path.flow[t];
        pk.memberCost[m] = path.cost[t];
        pk.memberFrom[m] = e;
        m++;
        for (let i = 0; i < n; i++) {
          const walked = path.walkSlot[t * n + i];
          pk.entryLink[e] = path.links[i];
          pk.entryWalk[e] = walked;
          pk.entrySens[e] = path.walkSens[t * n + i];
          e++;
        }
      }
    }
  }
  pk.cohortMembers[k] = m;
  pk.memberFrom[m] = e;
  pk.cohorts = cohorts;
  return pk;
}

function growPacked(scratch: SwapScratch, cohorts: number, members: number, entries: number): PackedCohorts {
  let pk = scratch.packed;
  const grow = (need: number, have: number) => (need > have ? Math.ceil(need * 1.25) : 0);
  if (pk === undefined) {
    pk = {
      cohorts: 0, cohortAt: new Int32Array(0), cohortMembers: new Int32Array(1), memberPath: new Int32Array(0), memberFlow: new Float64Array(0),
      memberCost: new Float64Array(0), memberFrom: new Int32Array(1), entryLink: new Int32Array(0),
      entryWalk: new Int32Array(0), entrySens: new Float64Array(0),
    };
    scratch.packed = pk;
  }
  let n = grow(cohorts + 1, pk.cohortMembers.length);
  if (n > 0) { pk.cohortAt = new Int32Array(n); pk.cohortMembers = new Int32Array(n); }
  n = grow(members + 1, pk.memberFrom.length);
  if (n > 0) {
    pk.memberPath = new Int32Array(n); pk.memberFlow = new Float64Array(n); pk.memberCost = new Float64Array(n); pk.memberFrom = new Int32Array(n);
  }
  n = grow(entries, pk.entryLink.length);
  if (n > 0) { pk.entryLink = new Int32Array(n); pk.entryWalk = new Int32Array(n); pk.entrySens = new Float64Array(n); }
  return pk;
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

/** Σ s over link-intervals used by exactly one of members m and b of a packed cohort (their paths, departing in its interval). */
function distinctSensitivity(pk: PackedCohorts, m: number, b: number): number {
  const { memberFrom, entrySens } = pk;
  const m0 = memberFrom[m], m1 = memberFrom[m + 1];
  const b0 = memberFrom[b], b1 = memberFrom[b + 1];
  let s = 0;
  for (let e = m0; e < m1; e++) if (!shares(pk, b0, b1, e)) s += entrySens[e];
  for (let e = b0; e < b1; e++) if (!shares(pk, m0, m1, e)) s += entrySens[e];
  return s;
}

/** Whether entries `from … to)` hold the link and walked slot of entry e. */
function shares(pk: PackedCohorts, from: number, to: number, e: number): boolean {
  const { entryLink, entryWalk } = pk;
  const link = entryLink[e];
  const slot = entryWalk[e];
  for (let i = from; i < to; i++) if (entryLink[i] === link && entryWalk[i] === slot) return true;
  return false;
}
