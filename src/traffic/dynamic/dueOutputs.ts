/**
 * Assemble a `DueResult` from the solver state and its last loading: station
 * service/queue curves for the grid coupling, per-interval station arrivals for
 * subsidy accounting, link flows and experienced times, and the path table.
 */
import { LinkKind } from '../network/network.js';
import { applyDestinationCharging } from './destinationCharging.js';
import { curveAt } from './dnlSteps.js';
import { staStationService } from './staStationQueue.js';
import { USER_CLASSES, type DueResult } from './dueTypes.js';
import { dueClassAccuracy } from './dueGap.js';
import type { DueContext, DueLoading } from './dueState.js';

/** Convergence record of a run. */
export interface DueStatus {
  readonly converged: boolean;
  readonly relativeGap: number;
  readonly iterations: number;
  readonly gapHistory: number[];
}

/**
 * Build the result arrays (index conventions in `dueTypes.ts`).
 *
 * Dynamic: in service = S − D and queue = V − S of each station link at kδ; arrivals
 * in interval t = entries A((t+1)·spi) − A(t·spi), the last interval also counting
 * later entries (they pay its price). STA: per interval, the hard-server service of
 * `staStationService` (in service = services started × t_svc / Δt ≤ servers, queue = its
 * mean carried queue; what is still queued after the last interval counts as on the network).
 *
 * @example
 * const result = buildDueResult(ctx, loading, status);
 */
export function buildDueResult(ctx: DueContext, loading: DueLoading, status: DueStatus): DueResult {
  const net = ctx.network;
  const I = ctx.intervals;
  const spi = ctx.spi;
  const nS = net.stations.length;
  const linkCount = net.from.length;
  // the loading's own horizon (ctx.horizon may already be re-sized for a next loading)
  const steps = ctx.dynamic ? loading.dnl!.steps : I * spi;
  const perH = 60 / ctx.scenario.intervalMin;
  const chargeLink = new Int32Array(nS).fill(-1);
  const v2gLink = new Int32Array(nS).fill(-1);
  for (let a = 0; a < linkCount; a++) {
    if (net.kind[a] === LinkKind.charge) chargeLink[net.station[a]] = a;
    if (net.kind[a] === LinkKind.v2g) v2gLink[net.station[a]] = a;
  }
  const r = {
    chIn: new Float64Array(nS * steps), v2gIn: new Float64Array(nS * steps),
    chQ: new Float64Array(nS * steps), v2gQ: new Float64Array(nS * steps),
    chAvg: new Float64Array(nS * I), v2gAvg: new Float64Array(nS * I),
    chArr: new Float64Array(nS * I), v2gArr: new Float64Array(nS * I),
  };
  const linkInflowVehPerH = new Float64Array(linkCount * I);
  const linkTravelTimeMin = new Float64Array(linkCount * I);
  let vehiclesOnNetworkAtEnd = 0;
  const stepMin = ctx.scenario.stepSec / 60;

  if (ctx.dynamic) {
    const dnl = loading.dnl!;
    const W = dnl.steps + 1;
    const fill = (a: number, s: number, inServ: Float64Array, queue: Float64Array, avg: Float64Array, arr: Float64Array) => {
      if (a < 0) return;
      const o = a * W;
      const L = dnl.linkServiceSteps[a];
      for (let k = 0; k < steps; k++) {
        // in service = started in the last L steps, S(k) − S(k − L): equal to S − D with point
        // queues; with the LTM a vehicle done with service may wait for room downstream (not charging)
        inServ[s * steps + k] = dnl.linkCumServiceStart[o + k] - curveAt(dnl.linkCumServiceStart, o, k - L);
        queue[s * steps + k] = dnl.linkCumAtBottleneck[o + k] - dnl.linkCumServiceStart[o + k];
      }
      for (let t = 0; t < I; t++) {
        let sum = 0;
        for (let k = t * spi; k < (t + 1) * spi; k++) sum += inServ[s * steps + k];
        avg[s * I + t] = sum / spi;
        const end = t === I - 1 ? dnl.steps : (t + 1) * spi;
        arr[s * I + t] = dnl.linkCumIn[o + end] - dnl.linkCumIn[o + t * spi];
      }
    };
    for (let s = 0; s < nS; s++) {
      fill(chargeLink[s], s, r.chIn, r.chQ, r.chAvg, r.chArr);
      fill(v2gLink[s], s, r.v2gIn, r.v2gQ, r.v2gAvg, r.v2gArr);
    }
    for (let a = 0; a < linkCount; a++) {
      const o = a * W;
      for (let t = 0; t < I; t++) {
        let veh = 0;
        let vehMin = 0;
        for (let k = t * spi; k < (t + 1) * spi; k++) {
          const q = dnl.linkCumIn[o + k + 1] - dnl.linkCumIn[o + k];
          veh += q;
          vehMin += q * (loading.model.exit(a, k + 0.5) - (k + 0.5)) * stepMin;
        }
        linkInflowVehPerH[a * I + t] = veh * perH;
        const mid = t * spi + spi / 2;
        linkTravelTimeMin[a * I + t] = veh > 1e-12 ? vehMin / veh : (loading.model.exit(a, mid) - mid) * stepMin;
      }
    }
    const C = dnl.classCount;
    for (let c = 0; c < C; c++) vehiclesOnNetworkAtEnd += dnl.classCumDepartures[dnl.steps * C + c] - dnl.classCumArrivals[dnl.steps * C + c];
  } else {
    const flow = loading.linkFlowVeh!;
    for (let a = 0; a < linkCount; a++) {
      for (let t = 0; t < I; t++) {
        linkInflowVehPerH[a * I + t] = flow[a * I + t] * perH;
        const mid = t * spi + spi / 2;
        const money = loading.model.money(a, mid);
        linkTravelTimeMin[a * I + t] = ctx.econ.thetaPerMin > 0 ? (loading.model.cost(a, mid) - money) / ctx.econ.thetaPerMin : 0;
      }
    }
    // hard servers and a carried FIFO queue, as the dynamic loading (staStationQueue.ts)
    const service = staStationService(net, ctx.econ, flow);
    const fill = (a: number, s: number, inServ: Float64Array, queue: Float64Array, avg: Float64Array, arr: Float64Array) => {
      if (a < 0) return;
      for (let t = 0; t < I; t++) {
        const h = service.inServiceVeh[a * I + t];
        avg[s * I + t] = h;
        arr[s * I + t] = flow[a * I + t];
        inServ.fill(h, s * steps + t * spi, s * steps + (t + 1) * spi);
        queue.fill(service.meanQueueVeh[a * I + t], s * steps + t * spi, s * steps + (t + 1) * spi);
      }
      // still queued at the end of the horizon: on the network, not yet served
      vehiclesOnNetworkAtEnd += service.queueEndVeh[a * I + I - 1];
    };
    for (let s = 0; s < nS; s++) {
      fill(chargeLink[s], s, r.chIn, r.chQ, r.chAvg, r.chArr);
      fill(v2gLink[s], s, r.v2gIn, r.v2gQ, r.v2gAvg, r.v2gArr);
    }
  }

  // destination stations: charging in service = vehicles drawing power; occupancy → pluggedIn
  const home = applyDestinationCharging(ctx, loading, steps, { inService: r.chIn, inServiceByInterval: r.chAvg });

  // dropped paths (zero flow, `dropIdlePaths`) are not reported; loaded paths are renumbered to match
  const resultIndex = new Int32Array(ctx.paths.length).fill(-1);
  const kept: DueContext['paths'] = [];
  ctx.paths.forEach((p, i) => {
    if (p.dropped) return;
    resultIndex[i] = kept.length;
    kept.push(p);
  });
  const paths = kept.map((p) => {
    const g = ctx.problem.groups[p.group];
    return {
      origin: g.originId, destination: g.destinationId, userClass: USER_CLASSES[g.classCode], links: p.links,
      flowVehByInterval: p.flow, costYuanByInterval: p.cost, travelTimeMinByInterval: p.time, moneyYuanByInterval: p.money,
    };
  });
  return {
    ...status,
    propagation: ctx.dynamic ? 'dynamic' : 'instantaneous', intervals: I, intervalMin: ctx.scenario.intervalMin,
    stepSec: ctx.scenario.stepSec, steps,
    stationChargingInService: r.chIn, stationV2gInService: r.v2gIn, stationChargeQueue: r.chQ, stationV2gQueue: r.v2gQ,
    stationChargingInServiceByInterval: r.chAvg, stationV2gInServiceByInterval: r.v2gAvg,
    stationChargeArrivals: r.chArr, stationV2gArrivals: r.v2gArr,
    stationPluggedIn: home.pluggedIn, stationChargeArrivalsV2gClass: home.chargeArrivalsV2gClass,
    linkInflowVehPerH, linkTravelTimeMin, vehiclesOnNetworkAtEnd, paths,
    byClass: dueClassAccuracy(ctx), loadingStepsSimulated: ctx.loadingSteps,
    checkpoint: loading.dnl && loading.loadedPaths
      ? { dnl: loading.dnl, loadedPaths: Int32Array.from(loading.loadedPaths, (p) => resultIndex[p]) } : undefined,
  };
}
