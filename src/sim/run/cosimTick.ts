/**
 * One co-simulation interval — the tick order, written once (docs/model.md §4, docs/architecture.md):
 * traffic (DUE, warm-started) → station net load → OPF → DLMPs → prices for the
 * next tick, or iterated to a damped fixed point inside the tick.
 */
import { impliedPrices, isDlmpLinked, publishPrices } from '../coupling/priceBook.js';
import { atStationBuses, stationInjections } from '../coupling/stationBusMap.js';
import { aggregateStationPower, type StationPowerMw } from '../coupling/stationPower.js';
import type { ClockTick } from '../clock/intervalClock.js';
import type { CosimContext, CosimState } from './cosimContext.js';
import type { DueOutcome, OpfOutcome } from './cosimTypes.js';
import { recordInterval } from './recordInterval.js';

/**
 * Advance the co-simulation by one interval and return the (same, updated) state.
 *
 * 0. **Clearance** (tail intervals t ≥ window only): when every vehicle of the DUE in force
 *    has arrived by the interval's start, the run stops here (the interval is not simulated).
 * 1. **Traffic**: solve the DUE for the current price book (warm-started from the last DUE;
 *    reused as is when the prices have not changed). `committed`: departures before t keep
 *    their routes (`committedIntervals = t`); in the tail nothing departs, so the DUE in
 *    force is kept. `whole-horizon`: every departure re-equilibrates.
 * 2. **Coupling**: average the vehicles in charge / V2G service over the interval's
 *    loading steps → P_ch, P_v2g, net = P_ch − P_v2g per station, MW, at its bus.
 * 3. **Grid**: solve the OPF of this interval (household load scale, outages,
 *    station injections). Infeasible or failed → the run stops (status `infeasible`,
 *    the interval is not recorded).
 * 4. **DLMPs → prices**: the DLMP at each station's bus gives the implied tariff
 *    F(ω); residual = max |F(ω) − ω| over stations. An OPF whose point is not physical
 *    (`inexact`, `cut-limit`) does not set prices: the last physical DLMPs are held.
 * 5. **Feedback**: `next-tick` publishes F(ω) for intervals t+1…; `fixed-point`
 *    sets ω ← damping·ω + (1 − damping)·F(ω) for intervals t… and repeats 1–4
 *    until the residual ≤ tolerance or `maxRounds` (then the interval is flagged
 *    not converged). Fixed tariffs have no feedback: one round, residual 0.
 *
 * @param ctx - prepared context (engines behind ports, coupling data, controls).
 * @param state - prices, last DUE and results so far (mutated and returned, for `scan`).
 * @param tick - the interval to simulate.
 * @example
 * clock$.pipe(scan((state, tick) => cosimTick(ctx, state, tick), initialCosimState(book)));
 */
export function cosimTick<D extends DueOutcome>(ctx: CosimContext<D>, state: CosimState<D>, tick: ClockTick): CosimState<D> {
  if (state.stopped) return state;
  const t = tick.index;
  if (t >= ctx.windowIntervals && isClearAt(ctx, loadTraffic(ctx, state, t), t)) {
    state.stopped = true;
    state.cleared = true;
    return state;
  }
  const n = ctx.map.busId.length;
  const linked = isDlmpLinked(ctx.tariffs);
  const usedCharge = new Float64Array(n);
  const usedV2g = new Float64Array(n);
  const nextCharge = new Float64Array(n);
  const nextV2g = new Float64Array(n);
  const dlmp = new Float64Array(n);
  const power: StationPowerMw = { chargeMw: new Float64Array(n), v2gMw: new Float64Array(n), netMw: new Float64Array(n) };
  let due: D;
  let opf: OpfOutcome;
  let residual = 0;
  let rounds = 0;
  let converged = true;
  for (;;) {
    rounds++;
    readPricesAt(state, t, ctx.intervals, usedCharge, usedV2g);
    due = loadTraffic(ctx, state, t); // 1
    let mark = performance.now();
    aggregateStationPower(due, ctx.rates, t, ctx.stepsPerInterval, power); // 2
    const injections = stationInjections(ctx.map, power.netMw);
    ctx.timing.couplingMs += performance.now() - mark;
    mark = performance.now();
    const importPrice = ctx.importPriceUsdPerMwh?.[t];
    opf = ctx.grid({
      loadScale: ctx.loadScale[t], injections, outagedBranches: ctx.outages[t],
      ...(importPrice === undefined ? {} : { importPriceUsdPerMwh: importPrice }),
    }); // 3
    ctx.timing.gridMs += performance.now() - mark;
    ctx.timing.opfSolves++;
    if (opf.status === 'infeasible' || opf.status === 'error') {
      state.problems.push(`${tick.start}: OPF ${opf.status} (${opf.message ?? 'no solution'}); the run stops at this interval, later intervals are not simulated`);
      state.stopped = true;
      state.infeasible = true;
      return state;
    }
    mark = performance.now();
    atStationBuses(ctx.map, opf.dlmpP, dlmp); // 4
    const physical = opf.status === 'optimal';
    if (physical) state.lastPhysicalDlmp = Float64Array.from(dlmp);
    const priceDlmp = physical ? dlmp : state.lastPhysicalDlmp;
    if (priceDlmp !== undefined) impliedPrices(ctx.tariffs, priceDlmp, t, nextCharge, nextV2g);
    else {
      nextCharge.set(usedCharge);
      nextV2g.set(usedV2g);
    }
    residual = linked ? Math.max(maxAbsDiff(nextCharge, usedCharge), maxAbsDiff(nextV2g, usedV2g)) : 0;
    // a non-physical point cannot move the prices further: hold them and stop the rounds
    const done = ctx.feedback === 'next-tick' || !linked || !physical || residual <= ctx.fixedPoint.tolerance;
    if (!done && rounds >= ctx.fixedPoint.maxRounds) converged = false;
    if (done || !converged) {
      if (ctx.feedback === 'next-tick' && linked && t + 1 < ctx.intervals) {
        publishPrices(state.book, ctx.tariffs, t + 1, ctx.intervals, nextCharge, nextV2g); // 5
      }
      ctx.timing.couplingMs += performance.now() - mark;
      break;
    }
    damp(nextCharge, usedCharge, ctx.fixedPoint.damping);
    damp(nextV2g, usedV2g, ctx.fixedPoint.damping);
    publishPrices(state.book, ctx.tariffs, t, ctx.intervals, nextCharge, nextV2g); // 5
    ctx.timing.couplingMs += performance.now() - mark;
  }
  noteProblems(ctx, state, tick, due, opf, converged, residual, linked);
  state.results.push(
    recordInterval({ ctx, tick, due, opf, power, dlmp, usedCharge, usedV2g, residual, rounds, fixedPointConverged: converged }),
  );
  return state;
}

/**
 * True when every vehicle of `due` has arrived by the start of interval `t` (step t·n_δ).
 *
 * @example
 * if (isClearAt(ctx, state.due, ctx.intervals)) state.cleared = true;
 */
export function isClearAt<D extends DueOutcome>(ctx: CosimContext<D>, due: D | undefined, t: number): boolean {
  if (due === undefined) return false;
  const step = ctx.clearance(due);
  return step !== undefined && step <= t * ctx.stepsPerInterval;
}

/**
 * Step 1: the DUE for the current book at tick t, from cache when the prices are unchanged,
 * or when the past is committed and nothing departs any more (the tail).
 */
function loadTraffic<D extends DueOutcome>(ctx: CosimContext<D>, state: CosimState<D>, t: number): D {
  const book = state.book;
  const committed = ctx.replan === 'committed';
  if (committed && t >= ctx.windowIntervals && state.due !== undefined) return state.due;
  if (
    state.due !== undefined && state.dueCharge !== undefined && state.dueV2g !== undefined &&
    sameValues(state.dueCharge, book.chargeYuanPerKWh) && sameValues(state.dueV2g, book.v2gYuanPerKWh)
  ) {
    return state.due;
  }
  const mark = performance.now();
  const due = ctx.traffic(book, state.due, committed && state.due !== undefined ? Math.min(t, ctx.windowIntervals) : 0);
  ctx.timing.trafficMs += performance.now() - mark;
  ctx.timing.dueSolves++;
  if (state.due !== undefined && state.due !== due) releaseCheckpoint(state.due);
  state.due = due;
  state.dueCharge = Float64Array.from(book.chargeYuanPerKWh);
  state.dueV2g = Float64Array.from(book.v2gYuanPerKWh);
  return due;
}

/**
 * Drop the loading checkpoint a superseded DUE result carries (several MB: the curves of its
 * final loading). Only the latest result warm-starts the next solve and gives the clearance, so
 * the results of earlier ticks keep their series but not their checkpoint: memory stays one
 * checkpoint per run instead of one per tick.
 */
function releaseCheckpoint(due: DueOutcome): void {
  const held = due as { checkpoint?: unknown };
  if (held.checkpoint !== undefined) held.checkpoint = undefined;
}

function readPricesAt<D extends DueOutcome>(state: CosimState<D>, t: number, intervals: number, charge: Float64Array, v2g: Float64Array): void {
  for (let s = 0; s < charge.length; s++) {
    charge[s] = state.book.chargeYuanPerKWh[s * intervals + t];
    v2g[s] = state.book.v2gYuanPerKWh[s * intervals + t];
  }
}

function noteProblems<D extends DueOutcome>(
  ctx: CosimContext<D>, state: CosimState<D>, tick: ClockTick, due: D, opf: OpfOutcome, converged: boolean, residual: number, linked: boolean,
): void {
  if (!due.converged && !state.flaggedDue.has(due)) {
    state.flaggedDue.add(due);
    state.problems.push(`${tick.start}: DUE did not converge (relative gap ${due.relativeGap.toExponential(3)} after ${due.iterations} iterations)`);
  }
  if (!converged) {
    state.problems.push(
      `${tick.start}: price fixed point did not converge in ${ctx.fixedPoint.maxRounds} rounds (residual ${residual.toExponential(3)} ¥/kWh > ${ctx.fixedPoint.tolerance})`,
    );
  }
  if (opf.status === 'inexact' || opf.status === 'cut-limit') {
    const what = opf.status === 'inexact' ? 'cone relaxation inexact' : 'outer approximation stopped at its cut limit';
    const held = linked ? '; its DLMPs are not physical and do not feed the prices (the last physical DLMPs are held)' : '';
    state.problems.push(`${tick.start}: OPF ${what} (largest cone gap ${opf.maxConeGapPu.toExponential(3)} pu²)${held}`);
  }
}

/** `next ← damping·used + (1 − damping)·next` in place. */
function damp(next: Float64Array, used: Float64Array, damping: number): void {
  for (let i = 0; i < next.length; i++) next[i] = damping * used[i] + (1 - damping) * next[i];
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
