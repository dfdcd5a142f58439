/**
 * The seed-000 coupled V2G equilibrium written as one linearly constrained convex
 * program (docs/static-equilibria.md §1.4): the market program of
 * `buildMarketProblem` plus EV path flows, FV route flows, link and station-visit
 * flows, and the station energy rows that link EV paths to station net exchange.
 */
import type { Feeder } from '../grid/model/feeder.js';
import { buildMarketProblem, type MarketModel, type MarketSpec } from '../grid/problems/marketProblem.js';
import { LinkKind, type Network } from '../traffic/network/network.js';
import type { V2gPathSet } from '../traffic/v2g/v2gPaths.js';
import { bprTerm, quadraticTerm, waitTerm, type ConvexTerm } from './convexTerm.js';

/** A fast-charging station: road node, feeder bus, queue and CNO parameters. */
export interface V2gStationSpec {
  readonly id: string;
  /** Road node (external id); must equal the path set's `stationNodes` order. */
  readonly node: number;
  readonly bus: number;
  /** Vehicular capacity C (piles × turnover), veh/h (seed 000 eq. 4b). */
  readonly capacityVehPerH: number;
  /** Base waiting time w₀, minutes. */
  readonly baseWaitMin: number;
  /** Slope of waiting time in the excess flow, min per veh/h. */
  readonly waitSlopeMinPerVehPerH: number;
  /** Smoothing ε of eq. (7), veh/h. */
  readonly smoothingVehPerH: number;
  /** Pile power, kW: service time = energy / power. */
  readonly pileKw: number;
  /** CNO net-exchange limits, MW (negative = injection to the grid). */
  readonly pMinMw: number;
  readonly pMaxMw: number;
}

/** Everything the coupled model needs (already loaded and validated). */
export interface V2gEquilibriumInput {
  readonly network: Network;
  readonly feeder: Feeder;
  readonly paths: V2gPathSet;
  readonly stations: readonly V2gStationSpec[];
  /** Per OD of `paths.ods`, veh/h. */
  readonly evDemandVehPerH: Float64Array;
  readonly fvDemandVehPerH: Float64Array;
  /** Value of time θ, $/h (common to EVs and FVs, docs §1.3). */
  readonly valueOfTimeUsdPerH: number;
  /** Battery degradation per kWh discharged, $/kWh. */
  readonly degradationUsdPerKwh: number;
  readonly market: Omit<MarketSpec, 'stations'>;
  /** OD index whose dominant path is reported as the rerouting example. */
  readonly reportOd?: number;
}

/** Indices of the coupled program. */
export interface V2gModel {
  readonly market: MarketModel;
  /** Columns/rows 0…count−1 belong to the market program (DSO, LSEs, CNO). */
  readonly marketColCount: number;
  readonly marketRowCount: number;
  readonly terms: readonly ConvexTerm[];
  readonly evCol: Int32Array;
  /** FV route columns, CSR by OD: fvCol[fvStart[od] + r]. */
  readonly fvCol: Int32Array;
  readonly fvStart: Int32Array;
  /** Link-flow column per link (−1 for unused links). */
  readonly linkCol: Int32Array;
  readonly visitCol: Int32Array;
  /** Row linking station net exchange to EV energy (dual = station price ρ, $/MWh). */
  readonly stationRow: Int32Array;
  /** Fixed per-vehicle cost of each EV path: service time and degradation, $. */
  readonly pathFixedUsd: Float64Array;
  /** Service minutes per EV path (sum over its stops). */
  readonly pathServiceMin: Float64Array;
  /** Net energy per EV path per station, kWh (charge +, discharge −), dense [p * S + s]. */
  readonly pathStationKwh: Float64Array;
}

/**
 * Build the coupled program. Objective units: $/h; flows veh/h; power MW.
 *
 * 1. Market program (DSO, LSEs, TSO, shedding, CNO columns).
 * 2. EV path and FV route columns with OD demand rows.
 * 3. Link-flow rows x_a = Σ flows on a (BPR potential term, θ/60 per veh-min);
 *    visit rows y_s = Σ EV flows stopping at s (waiting potential term).
 * 4. Station rows N_s = Σ_p (E⁺ − E⁻)/1000 · f_p; the path's service time and
 *    degradation enter its linear cost.
 * @example
 * const model = buildV2gModel(prepareV2gInput(scenario, file)); model.terms.length;
 */
export function buildV2gModel(input: V2gEquilibriumInput): V2gModel {
  const { network: net, paths, stations } = input;
  const market = buildMarketProblem(input.feeder, {
    ...input.market,
    stations: stations.map((s) => ({ bus: s.bus, pMinMw: s.pMinMw, pMaxMw: s.pMaxMw })),
  });
  const qp = market.builder;
  const marketColCount = qp.numCols;
  const marketRowCount = qp.numRows;
  const k = input.valueOfTimeUsdPerH / 60;
  const S = stations.length;
  const P = paths.paths.length;
  const terms: ConvexTerm[] = market.terms.map((t) => quadraticTerm(t.col, t.quadUsdPerMw2h, t.linUsdPerMwh, t.lower, t.upper));

  // Link flows (all road links used by some route).
  const used = new Uint8Array(net.from.length);
  for (const rs of paths.routes) for (const r of rs) for (const a of r) used[a] = 1;
  const linkCol = new Int32Array(net.from.length).fill(-1);
  const linkRow = new Int32Array(net.from.length).fill(-1);
  for (let a = 0; a < net.from.length; a++) {
    if (!used[a] || net.kind[a] !== LinkKind.road) continue;
    linkCol[a] = qp.addCol({ lower: 0 });
    linkRow[a] = qp.addRow([linkCol[a]], [1], 0, 0);
    terms.push(bprTerm(linkCol[a], net.freeFlowMin[a], net.capacity[a], net.bprB[a], net.bprPower[a], k));
  }
  const visitCol = new Int32Array(S);
  const visitRow = new Int32Array(S);
  const stationRow = new Int32Array(S);
  stations.forEach((s, j) => {
    visitCol[j] = qp.addCol({ lower: 0 });
    visitRow[j] = qp.addRow([visitCol[j]], [1], 0, 0);
    terms.push(waitTerm(visitCol[j], s.baseWaitMin, s.waitSlopeMinPerVehPerH, s.capacityVehPerH, s.smoothingVehPerH, k));
    stationRow[j] = qp.addRow([market.stationCol[j]], [1], 0, 0);
  });

  const odCount = paths.ods.length;
  const evCol = new Int32Array(P);
  const pathFixedUsd = new Float64Array(P);
  const pathServiceMin = new Float64Array(P);
  const pathStationKwh = new Float64Array(P * S);
  for (let od = 0; od < odCount; od++) {
    const d = input.evDemandVehPerH[od];
    const cols: number[] = [];
    for (let p = paths.odStart[od]; p < paths.odStart[od + 1]; p++) {
      const path = paths.paths[p];
      let serviceMin = 0;
      for (const st of path.stops) {
        serviceMin += (60 * st.energyKwh) / stations[st.station].pileKw;
        pathStationKwh[p * S + st.station] += st.action === 'charge' ? st.energyKwh : -st.energyKwh;
      }
      pathServiceMin[p] = serviceMin;
      pathFixedUsd[p] = k * serviceMin + input.degradationUsdPerKwh * path.dischargedKwh;
      evCol[p] = qp.addCol({ cost: pathFixedUsd[p], lower: 0, upper: d });
      cols.push(evCol[p]);
      for (const a of paths.routes[od][path.route]) qp.addToRow(linkRow[a], evCol[p], -1);
      for (const st of path.stops) qp.addToRow(visitRow[st.station], evCol[p], -1);
      for (let j = 0; j < S; j++) {
        const e = pathStationKwh[p * S + j];
        if (e !== 0) qp.addToRow(stationRow[j], evCol[p], -e / 1000);
      }
    }
    qp.addRow(cols, cols.map(() => 1), d, d);
  }
  const fvStart = new Int32Array(odCount + 1);
  for (let od = 0; od < odCount; od++) fvStart[od + 1] = fvStart[od] + paths.routes[od].length;
  const fvCol = new Int32Array(fvStart[odCount]);
  for (let od = 0; od < odCount; od++) {
    const d = input.fvDemandVehPerH[od];
    const cols: number[] = [];
    paths.routes[od].forEach((route, r) => {
      const c = qp.addCol({ lower: 0, upper: d });
      fvCol[fvStart[od] + r] = c;
      cols.push(c);
      for (const a of route) qp.addToRow(linkRow[a], c, -1);
    });
    qp.addRow(cols, cols.map(() => 1), d, d);
  }
  return { market, marketColCount, marketRowCount, terms, evCol, fvCol, fvStart, linkCol, visitCol, stationRow, pathFixedUsd, pathServiceMin, pathStationKwh };
}
