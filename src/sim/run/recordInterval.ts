/**
 * Snapshot of one interval for the results (docs/model.md §4 "Results per interval"): copies
 * what later ticks would overwrite, keeps references to immutable engine outputs.
 */
import type { ClockTick } from '../clock/intervalClock.js';
import type { StationPowerMw } from '../coupling/stationPower.js';
import { intervalMean } from '../coupling/stationPower.js';
import type { CosimContext } from './cosimContext.js';
import type { DueOutcome, IntervalResult, OpfOutcome } from './cosimTypes.js';

/** Inputs of `recordInterval`. */
export interface IntervalRecordInput<D extends DueOutcome> {
  readonly ctx: CosimContext<D>;
  readonly tick: ClockTick;
  readonly due: D;
  readonly opf: OpfOutcome;
  readonly power: StationPowerMw;
  /** DLMP at each station's bus, $/MWh. */
  readonly dlmp: Float64Array;
  /** Tariffs in force in the interval, ¥/kWh. */
  readonly usedCharge: Float64Array;
  readonly usedV2g: Float64Array;
  readonly residual: number;
  readonly rounds: number;
  readonly fixedPointConverged: boolean;
}

/**
 * Build the `IntervalResult` of interval `tick.index`.
 *
 * Queues and in-service counts are means over the interval's loading steps;
 * arrivals are the DUE's per-interval counts; link values are this interval's
 * column of the DUE's `link * intervals + t` arrays.
 *
 * @example
 * state.results.push(recordInterval({ ctx, tick, due, opf, power, dlmp, usedCharge, usedV2g, residual, rounds, fixedPointConverged }));
 */
export function recordInterval<D extends DueOutcome>(input: IntervalRecordInput<D>): IntervalResult {
  const { ctx, tick, due, opf, power } = input;
  const t = tick.index;
  const T = ctx.intervals;
  const n = power.netMw.length;
  const spi = ctx.stepsPerInterval;
  const perStation = (f: (s: number) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let s = 0; s < n; s++) out[s] = f(s);
    return out;
  };
  const links = due.linkInflowVehPerH.length / T;
  const inflow = new Float64Array(links);
  const time = new Float64Array(links);
  for (let a = 0; a < links; a++) {
    inflow[a] = due.linkInflowVehPerH[a * T + t];
    time[a] = due.linkTravelTimeMin[a * T + t];
  }
  return {
    index: t,
    phase: t < ctx.windowIntervals ? 'window' : 'tail',
    startMin: tick.startMin,
    start: tick.start,
    chargeMw: Float64Array.from(power.chargeMw),
    v2gMw: Float64Array.from(power.v2gMw),
    netMw: Float64Array.from(power.netMw),
    chargingInServiceVeh: perStation((s) => intervalMean(due.stationChargingInService, due.steps, s, t, spi)),
    v2gInServiceVeh: perStation((s) => intervalMean(due.stationV2gInService, due.steps, s, t, spi)),
    chargeQueueVeh: perStation((s) => intervalMean(due.stationChargeQueue, due.steps, s, t, spi)),
    v2gQueueVeh: perStation((s) => intervalMean(due.stationV2gQueue, due.steps, s, t, spi)),
    chargeArrivalsVeh: perStation((s) => due.stationChargeArrivals[s * T + t]),
    v2gArrivalsVeh: perStation((s) => due.stationV2gArrivals[s * T + t]),
    chargePriceYuanPerKWh: Float64Array.from(input.usedCharge),
    v2gPriceYuanPerKWh: Float64Array.from(input.usedV2g),
    chargeCouponYuanPerKWh: perStation((s) => ctx.coupons.chargeYuanPerKWh[s * T + t]),
    v2gCouponYuanPerVisit: perStation((s) => ctx.coupons.v2gYuanPerVisit[s * T + t]),
    dlmpAtStationUsdPerMwh: Float64Array.from(input.dlmp),
    loadScale: ctx.loadScale[t],
    outagedBranches: ctx.outages[t],
    opf,
    due,
    dueGap: due.relativeGap,
    dueIterations: due.iterations,
    dueConverged: due.converged,
    linkInflowVehPerH: inflow,
    linkTravelTimeMin: time,
    fixedPointResidual: input.residual,
    rounds: input.rounds,
    fixedPointConverged: input.fixedPointConverged,
  };
}
