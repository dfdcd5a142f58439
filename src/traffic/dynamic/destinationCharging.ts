/**
 * Destination (home) charging in the DUE outputs (docs/model.md §2 "Destination charging"):
 * a vehicle occupies a charger for the whole dwell but draws power only for the first
 * need / chargeKw of it. The grid coupling multiplies `stationChargingInService` by
 * chargeKw, so at destination stations that series must count vehicles DRAWING power;
 * the occupied chargers are reported as `stationPluggedIn`.
 */
import { curveAt } from './dnlSteps.js';
import { isDestinationStation, type Network, type Station } from '../network/network.js';
import { type DuePath, UserClassCode } from './dueTypes.js';
import type { DueContext, DueLoading } from './dueState.js';
import type { DnlResult } from './loadNetworkDynamic.js';
import { occupancyWeights, staStationService } from './staStationQueue.js';

/** A loaded path as the DNL saw it: its links and class code (index = DNL path index). */
export interface LoadedPathClass {
  readonly links: Int32Array;
  readonly classCode: number;
}

const CLASS_COUNT = 3;

/**
 * Minutes a vehicle of class `classCode` draws power at a destination station:
 * need / chargeKw · 60 (0 for the regular class, for a station without power, or en route).
 *
 * @example
 * drawingMin({ ...home, chargeKw: 7, energyNeedKwh: { charging: 14, v2g: 7 } }, 1); // 120
 */
export function drawingMin(station: Station, classCode: number): number {
  if (!isDestinationStation(station) || !(station.chargeKw > 0)) return 0;
  const need = classCode === UserClassCode.charging ? station.energyNeedKwh?.charging
    : classCode === UserClassCode.v2g ? station.energyNeedKwh?.v2g : 0;
  return ((need ?? 0) / station.chargeKw) * 60;
}

/**
 * Vehicles drawing power at each destination station at time kδ, index `s * steps + k`
 * (0 for en-route stations), from a dynamic loading.
 *
 * Per class c and destination charge link a (FIFO queue in front of the chargers):
 * 1. A_c(k): the class's cumulative inflow into a (inflow of the last segment of its
 *    paths ending there); S(k): the link's service starts.
 * 2. S_c(k) = A_c(x) with A(x) = S(k) (FIFO: the S(k)-th vehicle to start service
 *    entered at x); Σ_c S_c = S exactly, since A and every A_c are linear per step.
 * 3. drawing(k) = Σ_c S_c(k) − S_c(k − need_c / chargeKw) (fractional steps interpolate
 *    linearly, as the loading does for the dwell). Because need_c ≤ chargeKw · dwell and
 *    departures are D(k) = S(k − dwell), 0 ≤ drawing ≤ S − D = plugged in ≤ chargers.
 *
 * @param paths the loaded paths in DNL order (length `dnl.pathCount`)
 * @param steps number of reported steps (≤ dnl.steps)
 * @example
 * const drawing = destinationDrawingSteps(net, dnl, [{ links: Int32Array.of(0, 1), classCode: 1 }], dnl.steps);
 */
export function destinationDrawingSteps(network: Network, dnl: DnlResult, paths: readonly LoadedPathClass[], steps: number): Float64Array {
  const nS = network.stations.length;
  const drawing = new Float64Array(nS * steps);
  const W = dnl.steps + 1;
  const stepMin = dnl.stepSec / 60;
  const C = Math.min(dnl.classCount, CLASS_COUNT);
  const classIn = new Float64Array(CLASS_COUNT * W);
  const started = new Float64Array(CLASS_COUNT * W);
  for (let s = 0; s < nS; s++) {
    const station = network.stations[s];
    const a = network.stationChargeLink[s];
    if (!isDestinationStation(station) || a < 0) continue;
    classIn.fill(0);
    // every vehicle entering a destination charge link ends its trip there (the link ends in a sink)
    const stationRow = dnl.stationLinkRow[a];
    for (let c = 0; c < C; c++) classIn.set(dnl.stationClassCumIn.subarray((stationRow * dnl.classCount + c) * W, (stationRow * dnl.classCount + c + 1) * W), c * W);
    const base = a * W;
    let q = 0;
    for (let k = 0; k < W; k++) {
      const sv = dnl.linkCumServiceStart[base + k];
      while (q + 1 < W && dnl.linkCumIn[base + q + 1] <= sv) q++;
      const a0 = dnl.linkCumIn[base + q];
      const span = q + 1 < W ? dnl.linkCumIn[base + q + 1] - a0 : 0;
      const f = span > 0 ? Math.min(1, Math.max(0, (sv - a0) / span)) : 0;
      for (let c = 0; c < CLASS_COUNT; c++) {
        const lo = classIn[c * W + q];
        started[c * W + k] = q + 1 < W ? lo + f * (classIn[c * W + q + 1] - lo) : lo;
      }
    }
    for (let c = 0; c < CLASS_COUNT; c++) {
      const drawSteps = drawingMin(station, c) / stepMin;
      if (!(drawSteps > 0)) continue;
      const row = c * W;
      for (let k = 0; k < steps; k++) {
        drawing[s * steps + k] += started[row + k] - curveAt(started, row, k - drawSteps);
      }
    }
  }
  return drawing;
}

/**
 * The loaded paths of `ctx` in DNL order: `loading.loadedPaths` (index in `ctx.paths` of
 * each loaded path) when the loading records it, else every path with flow in some
 * interval, in path order (what `loadCurrentFlows` loads). Throws if that does not match
 * the loading.
 *
 * @example
 * const loaded = loadedPathClasses(ctx, loading);
 */
export function loadedPathClasses(ctx: DueContext, loading: DueLoading): LoadedPathClass[] {
  const dnl = loading.dnl!;
  const order = loading.loadedPaths
    ?? Int32Array.from(ctx.paths.flatMap((p, i) => (p.flow.some((f) => f / ctx.spi > 0) ? [i] : [])));
  const loaded: LoadedPathClass[] = Array.from(order, (i) => {
    const p = ctx.paths[i];
    return { links: p.links, classCode: ctx.problem.groups[p.group].classCode };
  });
  const consistent = loaded.length === dnl.pathCount
    && loaded.every((p, i) => dnl.pathLength[i] === p.links.length);
  if (!consistent) throw new Error('destinationCharging: the loaded paths do not match the DNL (loading order changed?)');
  return loaded;
}

/** What `applyDestinationCharging` adds to a DUE result. */
export interface DestinationSeries {
  /** Vehicles occupying a charger at kδ, index `s * steps + k` (en route: = charging in service). */
  readonly pluggedIn: Float64Array;
  /** V2G-class vehicles among the charge-link arrivals, index `s * intervals + t` (0 en route). */
  readonly chargeArrivalsV2gClass: Float64Array;
}

/**
 * Turn the charge series of the destination stations into drawing series, in place, and
 * return the plugged-in series and the V2G-class share of their arrivals.
 *
 * Dynamic: `destinationDrawingSteps`; V2G arrivals in interval t are the class's entries
 * into the charge link, the last interval also counting later entries (as
 * `stationChargeArrivals`). STA (`propagation: 'instantaneous'`): Little's law on the
 * services started (`staStationService`: hard chargers, carried FIFO queue, split by class in
 * `staServedByClass`): a start of class c draws for the occupancy weights of need_c / chargeKw
 * (`occupancyWeights`), plugged in = the charge link's occupancy ≤ chargers.
 *
 * @param series the result arrays written by `buildDueResult` (charging in service per
 *   step `s * steps + k` and per interval `s * intervals + t`), overwritten for destination stations
 * @example
 * const { pluggedIn } = applyDestinationCharging(ctx, loading, steps, { inService: r.chIn, inServiceByInterval: r.chAvg });
 */
export function applyDestinationCharging(
  ctx: DueContext, loading: DueLoading, steps: number,
  series: { readonly inService: Float64Array; readonly inServiceByInterval: Float64Array },
): DestinationSeries {
  const net = ctx.network;
  const I = ctx.intervals;
  const spi = ctx.spi;
  const pluggedIn = series.inService.slice();
  const chargeArrivalsV2gClass = new Float64Array(net.stations.length * I);
  const destinations = net.stations.map((st, s) => (isDestinationStation(st) && net.stationChargeLink[s] >= 0 ? s : -1)).filter((s) => s >= 0);
  if (destinations.length === 0) return { pluggedIn, chargeArrivalsV2gClass };
  if (ctx.dynamic) {
    const dnl = loading.dnl!;
    const loaded = loadedPathClasses(ctx, loading);
    const drawing = destinationDrawingSteps(net, dnl, loaded, steps);
    const W = dnl.steps + 1;
    for (const s of destinations) {
      series.inService.set(drawing.subarray(s * steps, (s + 1) * steps), s * steps);
      for (let t = 0; t < I; t++) {
        let sum = 0;
        for (let k = t * spi; k < Math.min((t + 1) * spi, steps); k++) sum += drawing[s * steps + k];
        series.inServiceByInterval[s * I + t] = sum / spi;
      }
      const a = net.stationChargeLink[s];
      // V2G-class entries into the charge link (all of them end their trip there)
      if (UserClassCode.v2g < dnl.classCount) {
        const o = (dnl.stationLinkRow[a] * dnl.classCount + UserClassCode.v2g) * W;
        for (let t = 0; t < I; t++) {
          const end = t === I - 1 ? dnl.steps : Math.min((t + 1) * spi, dnl.steps);
          chargeArrivalsV2gClass[s * I + t] += dnl.stationClassCumIn[o + end] - dnl.stationClassCumIn[o + Math.min(t * spi, dnl.steps)];
        }
      }
    }
    return { pluggedIn, chargeArrivalsV2gClass };
  }
  const T = ctx.scenario.intervalMin;
  const service = staStationService(net, ctx.econ, loading.linkFlowVeh!);
  for (const s of destinations) {
    const a = net.stationChargeLink[s];
    const station = net.stations[s];
    const served = staServedByClass(ctx, a, service.servedVeh.subarray(a * I, (a + 1) * I));
    for (let t = 0; t < I; t++) chargeArrivalsV2gClass[s * I + t] = served.arrivalsVeh[t * CLASS_COUNT + UserClassCode.v2g];
    const drawingByInterval = new Float64Array(I);
    for (let c = 0; c < CLASS_COUNT; c++) {
      const minutes = drawingMin(station, c);
      if (!(minutes > 0)) continue;
      const w = occupancyWeights(minutes, T);
      for (let u = 0; u < I; u++) {
        const started = served.servedVeh[u * CLASS_COUNT + c];
        for (let k = 0; k < w.length && u + k < I; k++) drawingByInterval[u + k] += started * w[k];
      }
    }
    for (let t = 0; t < I; t++) {
      series.inServiceByInterval[s * I + t] = drawingByInterval[t];
      series.inService.fill(drawingByInterval[t], s * steps + t * spi, s * steps + (t + 1) * spi);
    }
  }
  return { pluggedIn, chargeArrivalsV2gClass };
}

/**
 * STA (`propagation: 'instantaneous'`) services started per interval and class at station
 * link `a`, index `t * 3 + classCode`, and the class arrivals (index alike): the link's
 * services started per interval (`servedVeh`, from `staStationService`) split FIFO by class —
 * the carried queue is served first, in its class mix, then the interval's arrivals in theirs.
 *
 * @param servedVeh services started per interval at the link (length = intervals)
 * @example
 * const { servedVeh } = staServedByClass(ctx, a, service.servedVeh.subarray(a * I, (a + 1) * I));
 */
export function staServedByClass(
  ctx: DueContext, a: number, servedVeh: Float64Array,
): { readonly servedVeh: Float64Array; readonly arrivalsVeh: Float64Array } {
  const I = ctx.intervals;
  const arrivalsVeh = new Float64Array(I * CLASS_COUNT);
  for (const p of ctx.paths) {
    if (p.links[p.links.length - 1] !== a) continue;
    const c = Math.min(Math.max(ctx.problem.groups[p.group].classCode, 0), CLASS_COUNT - 1);
    for (let t = 0; t < I; t++) if (p.flow[t] > 0) arrivalsVeh[t * CLASS_COUNT + c] += p.flow[t];
  }
  const byClass = new Float64Array(I * CLASS_COUNT);
  const queue = new Float64Array(CLASS_COUNT);
  for (let t = 0; t < I; t++) {
    let queued = 0;
    let arriving = 0;
    for (let c = 0; c < CLASS_COUNT; c++) {
      queued += queue[c];
      arriving += arrivalsVeh[t * CLASS_COUNT + c];
    }
    const total = servedVeh[t];
    const fromQueue = queued > 0 ? Math.min(1, total / queued) : 0;
    const fromArrivals = arriving > 0 ? Math.min(1, Math.max(0, total - queued) / arriving) : 0;
    for (let c = 0; c < CLASS_COUNT; c++) {
      const arr = arrivalsVeh[t * CLASS_COUNT + c];
      byClass[t * CLASS_COUNT + c] = fromQueue * queue[c] + fromArrivals * arr;
      queue[c] = (1 - fromQueue) * queue[c] + (1 - fromArrivals) * arr;
    }
  }
  return { servedVeh: byClass, arrivalsVeh };
}

/**
 * Vehicles plugging in at each destination station over the whole loading, per class,
 * index `s * 3 + classCode` (0 for en-route stations): the sum of the flows of the paths
 * ending with the station's charge link. With `energyPerVisit` this gives the energy
 * identity Σ_t station energy = Σ_c visits_c × need_c (when the loading has cleared).
 *
 * @example
 * const visits = destinationVisitsByClass(net, due.paths); visits[4 * 3 + UserClassCode.v2g]; // V2G vehicles at station 4
 */
export function destinationVisitsByClass(network: Network, paths: readonly DuePath[]): Float64Array {
  const visits = new Float64Array(network.stations.length * CLASS_COUNT);
  const stationOfLink = new Map<number, number>();
  network.stations.forEach((st, s) => {
    if (isDestinationStation(st) && network.stationChargeLink[s] >= 0) stationOfLink.set(network.stationChargeLink[s], s);
  });
  for (const p of paths) {
    const s = stationOfLink.get(p.links[p.links.length - 1]);
    if (s === undefined) continue;
    let sum = 0;
    for (const f of p.flowVehByInterval) sum += f;
    visits[s * CLASS_COUNT + UserClassCode[p.userClass]] += sum;
  }
  return visits;
}
