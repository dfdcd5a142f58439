/**
 * The traffic relaxation of the outer bound (docs/flexibility.md "Outer bound"): the operator
 * assigns EV flows freely (no equilibrium condition) under the same demand, departure times,
 * station servers and service times; what is left is a small LP that links vehicles to each
 * station's net load at t*.
 */
import type { OuterBoundInputs } from '../../sim/index.js';

/** Occupancy a vehicle of group `g` can add at station `s` during t*, in vehicles (per vehicle). */
export interface OccupancyCoefficients {
  /** Per group, per station (index `g * stations + s`): mean in-service share over t* per vehicle, 0 when it cannot be there. */
  readonly perVehicle: Float64Array;
  readonly stations: number;
}

/**
 * Largest share of t* one vehicle of each group can spend drawing power at each station.
 *
 * DTA (`dynamic` propagation), in loading steps δ (n = Δt/δ per interval, t* = steps k0 … k0+n−1,
 * power read at the step starts, stationPower.ts):
 * 1. a vehicle departs at the earliest at the start of its interval τ (step τn) and cannot reach
 *    the station before its free-flow time T (every experienced time is at least the free-flow
 *    time), so its service starts at step ≥ a = τn + ⌊T/δ⌋ − 1 (one step of slack for the fluid
 *    curves' interpolation);
 * 2. once started it is counted in L = ⌈t_draw/δ⌉ consecutive steps (service time en route,
 *    need / kW at a destination station);
 * 3. so it is counted in at most min(L, n, k0 + n − a) of the n steps of t*: share = that / n (≥ 0).
 * STA (`instantaneous`, hard servers with a carried queue, `staStationQueue.ts`): a service
 * started in interval u adds the occupancy weight w_{t*−u} = min(1, max(0, t_draw/Δt − (t*−u)))
 * in t*; departures of any τ ≤ t* may start in any u ∈ [τ, t*] (queue), and the weights do not
 * grow with the lag, so the share is w_0 = min(1, t_draw/Δt) for every τ ≤ t*.
 *
 * @example
 * const c = occupancyCoefficients(inputs);
 * c.perVehicle[g * c.stations + s]; // e.g. 1 for a vehicle that can be in service during all of t*
 */
export function occupancyCoefficients(inputs: OuterBoundInputs): OccupancyCoefficients {
  const stations = inputs.stations.length;
  const out = new Float64Array(inputs.groups.length * stations);
  const n = Math.max(1, Math.round((inputs.intervalMin * 60) / inputs.stepSec));
  const k0 = inputs.timeIndex * n;
  const instantaneous = inputs.propagation === 'instantaneous';
  inputs.groups.forEach((g, gi) => {
    g.freeFlowMinToStation.forEach((ffMin, s) => {
      if (ffMin === null) return;
      const st = inputs.stations[s];
      const drawMin = g.link === 'v2g' ? st.v2gServiceMin : st.chargeDrawMinByClass[g.userClass];
      if (!(drawMin > 0)) return;
      if (instantaneous) {
        out[gi * stations + s] = Math.min(1, drawMin / inputs.intervalMin);
        return;
      }
      const stepMin = inputs.stepSec / 60;
      const a = Math.max(0, g.departureInterval * n + Math.floor(ffMin / stepMin + 1e-9) - 1);
      const L = Math.max(1, Math.ceil(drawMin / stepMin - 1e-9));
      const steps = Math.min(L, n, k0 + n - a);
      out[gi * stations + s] = steps > 0 ? steps / n : 0;
    });
  });
  return { perVehicle: out, stations };
}

/** Where {@link addTrafficRows} put the station loads. */
export interface TrafficBlock {
  /** Column of each station's net load (MW), scenario order. */
  readonly stationCols: Int32Array;
}

/** What the traffic rows need of an LP (the feeder block of sim's `createStationFeederSupport`). */
export interface LpRows {
  addCol(lower: number, upper: number): number;
  addRow(cols: readonly number[], vals: readonly number[], lower: number, upper: number): number;
}

/**
 * Largest occupancy of each station's charge and V2G links over t* (vehicles): the servers
 * (when `serverLimit`) and what every group could bring at most.
 *
 * @example
 * const cap = occupancyCaps(inputs, occupancyCoefficients(inputs), true);
 * cap.charge[0]; // ≤ chargers of station 0
 */
export function occupancyCaps(inputs: OuterBoundInputs, coef: OccupancyCoefficients, serverLimit: boolean): { charge: Float64Array; v2g: Float64Array } {
  const S = inputs.stations.length;
  const charge = new Float64Array(S);
  const v2g = new Float64Array(S);
  inputs.groups.forEach((g, gi) => {
    for (let s = 0; s < S; s++) {
      const c = coef.perVehicle[gi * S + s];
      if (c > 0) (g.link === 'v2g' ? v2g : charge)[s] += c * g.vehicles;
    }
  });
  if (serverLimit) {
    inputs.stations.forEach((st, s) => {
      charge[s] = Math.min(charge[s], st.chargers);
      v2g[s] = Math.min(v2g[s], st.v2gPorts);
    });
  }
  return { charge, v2g };
}

/**
 * Add the traffic relaxation to an LP whose station net-load columns (MW) already exist.
 *
 * Columns: x_{g,s} ≥ 0 vehicles of group g served at s (only where the share c_{g,s} > 0),
 * occupancies o^ch_s, o^v2g_s ∈ [0, cap]. Rows:
 * 1. Σ_s x_{g,s} ≤ Q_g (each vehicle is served at one station of its link kind);
 * 2. o^ch_s ≤ Σ_g c_{g,s} x_{g,s} over charge groups, o^v2g_s likewise (a vehicle adds at most
 *    its share; queued vehicles add nothing), o ≤ servers (in the caps);
 * 3. P_s = (p^ch_s o^ch_s − p^v2g_s o^v2g_s) / 1000, MW — stationPower.ts's definition.
 *
 * @example
 * addTrafficRows(lp, inputs, coef, caps, lp.stationCols);
 */
export function addTrafficRows(
  lp: LpRows,
  inputs: OuterBoundInputs,
  coef: OccupancyCoefficients,
  caps: { charge: Float64Array; v2g: Float64Array },
  stationCols: Int32Array,
): TrafficBlock {
  const S = inputs.stations.length;
  const chargeTerms: { cols: number[]; vals: number[] }[] = Array.from({ length: S }, () => ({ cols: [], vals: [] }));
  const v2gTerms: { cols: number[]; vals: number[] }[] = Array.from({ length: S }, () => ({ cols: [], vals: [] }));
  inputs.groups.forEach((g, gi) => {
    const cols: number[] = [];
    for (let s = 0; s < S; s++) {
      const c = coef.perVehicle[gi * S + s];
      if (!(c > 0)) continue;
      const x = lp.addCol(0, g.vehicles);
      cols.push(x);
      const terms = g.link === 'v2g' ? v2gTerms[s] : chargeTerms[s];
      terms.cols.push(x);
      terms.vals.push(-c);
    }
    if (cols.length > 1) lp.addRow(cols, cols.map(() => 1), -Infinity, g.vehicles);
  });
  inputs.stations.forEach((st, s) => {
    const och = lp.addCol(0, caps.charge[s]);
    const ov = lp.addCol(0, caps.v2g[s]);
    lp.addRow([och, ...chargeTerms[s].cols], [1, ...chargeTerms[s].vals], -Infinity, 0);
    lp.addRow([ov, ...v2gTerms[s].cols], [1, ...v2gTerms[s].vals], -Infinity, 0);
    lp.addRow([stationCols[s], och, ov], [1, -st.chargeKw / 1000, st.v2gKw / 1000], 0, 0);
  });
  return { stationCols };
}
