/**
 * One co-simulation interval — the tick order, written once (docs/model.md §4, docs/architecture.md):
 * traffic (DUE, warm-started) → station net load → OPF → DLMPs → prices for the
 * next tick, or iterated to a damped fixed point inside the tick.
 */
import { SolverError } from '../../common/errors.js';
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
 * 1. **Traffic**: solve the DUE over the horizon for the current price book
 *    (warm-started from the last DUE; reused as is when the prices have not changed).
 * 2. **Coupling**: average the vehicles in charge / V2G service over the interval's
 *    loading steps → P_ch, P_v2g, net = P_ch − P_v2g per station, MW, at its bus.
 * 3. **Grid**: solve the OPF of this interval (household load scale, outages,
 *    station injections). Infeasible or failed → `SolverError`.
 * 4. **DLMPs → prices**: the DLMP at each station's bus gives the implied tariff
 *    F(ω); residual = max |F(ω) − ω| over stations.
 * 5. **Feedback**: `next-tick` publishes F(ω) for intervals t+1…; `fixed-point`
 *    sets ω ← damping·ω + (1 − damping)·F(ω) for intervals t… and repeats 1–4
 *    until the residual ≤ tolerance or `maxRounds` (then the interval is flagged
 *    not converged). Fixed tariffs have no feedback: one round, residual 0.
 *
 * @param ctx - prepared context (engines behind ports, coupling data, controls).
 * @param state - prices, last DUE and results so far (mutated and returned, for `scan`).
 * @param tick - the interval to simulate.
 * @throws SolverError when the OPF of the interval is infeasible or fails.
 * @example
 * clock$.pipe(scan((state, tick) => cosimTick(ctx, state, tick), initialCosimState(book)));
 */
export function cosimTick<D extends DueOutcome>(ctx: CosimContext<D>, state: CosimState<D>, tick: ClockTick): CosimState<D> {
  const t = tick.index;
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
    due = loadTraffic(ctx, state); // 1
    let mark = performance.now();
    aggregateStationPower(due, ctx.rates, t, ctx.stepsPerInterval, power); // 2
    const injections = stationInjections(ctx.map, power.netMw);
    ctx.timing.couplingMs += performance.now() - mark;
    mark = performance.now();
    opf = ctx.grid({ loadScale: ctx.loadScale[t], injections, outagedBranches: ctx.outages[t] }); // 3
    ctx.timing.gridMs += performance.now() - mark;
    ctx.timing.opfSolves++;
    if (opf.status === 'infeasible' || opf.status === 'error') {
      throw new SolverError('sim/cosimTick', `OPF ${opf.status}`, `interval ${t} (${tick.start}): ${opf.message ?? 'no solution'}`);
    }
    mark = performance.now();
    atStationBuses(ctx.map, opf.dlmpP, dlmp); // 4
    impliedPrices(ctx.tariffs, dlmp, t, nextCharge, nextV2g);
    residual = linked ? Math.max(maxAbsDiff(nextCharge, usedCharge), maxAbsDiff(nextV2g, usedV2g)) : 0;
    const done = ctx.feedback === 'next-tick' || !linked || residual <= ctx.fixedPoint.tolerance;
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
  noteProblems(ctx, state, tick, due, opf, converged, residual);
  state.results.push(
    recordInterval({ ctx, tick, due, opf, power, dlmp, usedCharge, usedV2g, residual, rounds, fixedPointConverged: converged }),
  );
  return state;
}

/** Step 1: the DUE for the current book, from cache when the prices are unchanged. */
function loadTraffic<D extends DueOutcome>(ctx: CosimContext<D>, state: CosimState<D>): D {
  const book = state.book;
  if (
    state.due !== undefined && state.dueCharge !== undefined && state.dueV2g !== undefined &&
    sameValues(state.dueCharge, book.chargeYuanPerKWh) && sameValues(state.dueV2g, book.v2gYuanPerKWh)
  ) {
    return state.due;
  }
  const mark = performance.now();
  const due = ctx.traffic(book, state.due);
  ctx.timing.trafficMs += performance.now() - mark;
  ctx.timing.dueSolves++;
  state.due = due;
  state.dueCharge = Float64Array.from(book.chargeYuanPerKWh);
  state.dueV2g = Float64Array.from(book.v2gYuanPerKWh);
  return due;
}

function readPricesAt<D extends DueOutcome>(state: CosimState<D>, t: number, intervals: number, charge: Float64Array, v2g: Float64Array): void {
  for (let s = 0; s < charge.length; s++) {
    charge[s] = state.book.chargeYuanPerKWh[s * intervals + t];
    v2g[s] = state.book.v2gYuanPerKWh[s * intervals + t];
  }
}

function noteProblems<D extends DueOutcome>(
  ctx: CosimContext<D>, state: CosimState<D>, tick: ClockTick, due: D, opf: OpfOutcome, converged: boolean, residual: number,
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
  if (opf.status === 'inexact') {
    state.problems.push(`${tick.start}: OPF cone relaxation inexact (largest cone gap ${opf.maxConeGapPu.toExponential(3)} pu)`);
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
