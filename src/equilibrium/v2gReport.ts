/**
 * The outputs of seed 000 §IV from a solved coupled V2G equilibrium: load
 * shedding, DLMPs, station visit and V2G shares, gross energies, waiting and
 * service time, active V2G OD pairs, dominant paths by cost component, social cost.
 */
import type { MarketLpSolution } from '../grid/formulations/marketLpSession.js';
import { expandedPathNodes } from '../traffic/v2g/expandedNetwork.js';
import type { V2gEvaluation, V2gPathCost } from './v2gEvaluate.js';
import type { V2gEquilibriumInput, V2gModel } from './v2gModel.js';

/** The dominant (largest-flow) EV path of one OD pair. */
export interface V2gDominantPath {
  readonly od: string;
  readonly pattern: string;
  /** Expanded-network nodes: `12+` = charge at 12, `12-` = discharge at 12. */
  readonly nodes: string;
  readonly flowShare: number;
  readonly lengthKm: number;
  readonly cost: V2gPathCost;
}

/** Per-station results. */
export interface V2gStationResult {
  readonly id: string;
  readonly node: number;
  readonly bus: number;
  readonly visitsVehPerH: number;
  readonly chargedMw: number;
  readonly dischargedMw: number;
  readonly netMw: number;
  readonly waitMin: number;
  readonly priceUsdPerMwh: number;
  readonly dlmpUsdPerMwh: number;
}

/** Social cost split, $/h (energy = EV net payments + degradation; see docs §1.6). */
export interface V2gSocialCost {
  readonly generationUsdPerH: number;
  readonly sheddingUsdPerH: number;
  readonly travelUsdPerH: number;
  readonly energyUsdPerH: number;
  readonly totalUsdPerH: number;
}

/** What the paper reports, for one scenario (study period of 1 h: MW = MWh). */
export interface V2gReport {
  readonly loadShedMw: number;
  /** Shed energy over the 1-h study period, MWh (= `loadShedMw`). */
  readonly loadShedMwh: number;
  /**
   * Price-sensitive household demand at the reference retail price (nominal elastic load
   * × load scale, the quantity the inverse demand p = α − βS gives at
   * `elasticRefPriceUsdPerMwh`), MW, summed over buses.
   */
  readonly priceSensitiveRefMw: number;
  /**
   * Price-sensitive demand priced out: Σ_bus max(0, reference demand − retail sales), MW.
   * Not shedding (no penalty), but load the households would buy at the reference price
   * and do not get (docs/static-equilibria.md §1.6).
   */
  readonly unservedPriceSensitiveMw: number;
  /** The same over the 1-h study period, MWh. */
  readonly unservedPriceSensitiveMwh: number;
  readonly maxDlmpUsdPerMwh: number;
  readonly minDlmpUsdPerMwh: number;
  readonly dlmpUsdPerMwhByBus: Record<string, number>;
  readonly stationVisitShare: number;
  readonly v2gPathShare: number;
  readonly chargedMwh: number;
  readonly dischargedMwh: number;
  readonly waitingVehH: number;
  readonly serviceVehH: number;
  readonly activeV2gOdPairs: readonly string[];
  readonly stations: readonly V2gStationResult[];
  readonly importMw: number;
  readonly lseGenerationMw: Record<string, number>;
  /** Every LSE unit: output, linear cost and the DLMP at its bus. */
  readonly generators: readonly { readonly lse: string; readonly bus: number; readonly pMw: number; readonly costUsdPerMwh: number; readonly dlmpUsdPerMwh: number }[];
  /** Fixed (inelastic) household load, MW, and shedding per bus id (non-zero only). */
  readonly fixedLoadMw: number;
  readonly sheddingMwByBus: Record<string, number>;
  /** Path flows (veh/h), in the order of `input.paths.paths` and FV routes CSR by OD. */
  readonly evPathFlowVehPerH: Float64Array;
  readonly fvRouteFlowVehPerH: Float64Array;
  readonly retailSalesMw: number;
  readonly socialCost: V2gSocialCost;
  readonly dominantPaths: readonly V2gDominantPath[];
  /** Per OD with discharge flow: its largest-flow path with a discharge stop. */
  readonly dominantV2gPaths: readonly V2gDominantPath[];
  /** The rerouting example (`input.reportOd`): dominant path and dominant V2G path (null when none). */
  readonly reroute: { readonly dominant: V2gDominantPath; readonly dominantV2g: V2gDominantPath | null } | null;
}

/**
 * Build the report from a solution and its evaluation.
 * @example
 * const report = buildV2gReport(input, model, solution, evaluateV2g(input, model, solution));
 */
export function buildV2gReport(input: V2gEquilibriumInput, model: V2gModel, sol: MarketLpSolution, ev: V2gEvaluation): V2gReport {
  const x = sol.colValue;
  const { paths, stations, network: net } = input;
  const m = model.market;
  const spec = input.market;
  const flow = (p: number): number => Math.max(0, x[model.evCol[p]]);
  const evTotal = input.evDemandVehPerH.reduce((s, v) => s + v, 0);
  let visit = 0;
  let v2g = 0;
  let charged = 0;
  let discharged = 0;
  let service = 0;
  let energyPay = 0;
  let travel = 0;
  const activeOds: string[] = [];
  const odName = (od: number): string => `${paths.ods[od].origin}->${paths.ods[od].destination}`;
  const dominantPaths: V2gDominantPath[] = [];
  const dominantV2gPaths: V2gDominantPath[] = [];
  const describe = (od: number, p: number): V2gDominantPath => {
    const path = paths.paths[p];
    const route = paths.routes[od][path.route];
    return {
      od: odName(od), pattern: path.pattern, nodes: expandedPathNodes(net, route, path).join('-'),
      flowShare: flow(p) / input.evDemandVehPerH[od],
      lengthKm: Array.from(route).reduce((s, a) => s + net.lengthKm[a], 0), cost: ev.evPathCost[p],
    };
  };
  for (let od = 0; od < paths.ods.length; od++) {
    let odV2g = 0;
    let best = -1;
    let bestV2g = -1;
    for (let p = paths.odStart[od]; p < paths.odStart[od + 1]; p++) {
      const f = flow(p);
      const path = paths.paths[p];
      if (path.stops.length > 0) visit += f;
      if (path.dischargedKwh > 0) {
        v2g += f;
        odV2g += f;
        if (bestV2g < 0 || f > flow(bestV2g)) bestV2g = p;
      }
      charged += (f * path.chargedKwh) / 1000;
      discharged += (f * path.dischargedKwh) / 1000;
      service += (f * model.pathServiceMin[p]) / 60;
      const c = ev.evPathCost[p];
      energyPay += f * (c.energyUsd + c.degradationUsd);
      travel += f * (c.timeUsd + c.waitUsd + c.serviceUsd);
      if (best < 0 || f > flow(best)) best = p;
    }
    const active = odV2g > 1e-6 * Math.max(1, input.evDemandVehPerH[od]);
    if (active) activeOds.push(odName(od));
    if (best >= 0 && input.evDemandVehPerH[od] > 0) dominantPaths.push(describe(od, best));
    if (active && bestV2g >= 0) dominantV2gPaths.push(describe(od, bestV2g));
  }
  for (let r = 0; r < model.fvCol.length; r++) travel += Math.max(0, x[model.fvCol[r]]) * ev.fvRouteCostUsd[r];
  let waitingVehH = 0;
  const stationResults: V2gStationResult[] = stations.map((s, j) => {
    const visits = Math.max(0, x[model.visitCol[j]]);
    waitingVehH += (visits * ev.waitMin[j]) / 60;
    let ch = 0;
    let dis = 0;
    paths.paths.forEach((p, i) => {
      const e = model.pathStationKwh[i * stations.length + j];
      if (e > 0) ch += (flow(i) * e) / 1000;
      else if (e < 0) dis -= (flow(i) * e) / 1000;
    });
    return {
      id: s.id, node: s.node, bus: s.bus, visitsVehPerH: visits, chargedMw: ch, dischargedMw: dis, netMw: x[m.stationCol[j]],
      waitMin: ev.waitMin[j], priceUsdPerMwh: ev.stationPriceUsdPerMwh[j], dlmpUsdPerMwh: ev.dlmpUsdPerMwh[m.stationBusPosition[j]],
    };
  });
  let shed = 0;
  m.shedCol.forEach((c) => (shed += c >= 0 ? x[c] : 0));
  let genCost = spec.importPriceUsdPerMwh * x[m.importCol];
  const lseGenerationMw: Record<string, number> = {};
  const generators: V2gReport['generators'][number][] = [];
  spec.lses.forEach((lse, f) => {
    let total = 0;
    lse.generators.forEach((g, k) => {
      const p = x[m.genCol[f][k]];
      total += p;
      generators.push({ lse: lse.id, bus: g.bus, pMw: p, costUsdPerMwh: g.costUsdPerMwh, dlmpUsdPerMwh: ev.dlmpUsdPerMwh[m.busIds.indexOf(g.bus)] });
      genCost += g.costUsdPerMw2h * p * p + g.costUsdPerMwh * p;
    });
    lseGenerationMw[lse.id] = total;
  });
  let retail = 0;
  let priceSensitiveRef = 0;
  let unservedPriceSensitive = 0;
  m.totalSalesCol.forEach((c, p) => {
    if (c < 0) return;
    retail += x[c];
    // α = p_ref(1 + 1/ε), β = p_ref/(ε·S_ref) (marketProblem.ts) ⇒ S_ref = (α − p_ref)/β.
    const ref = (m.alpha[p] - spec.elasticRefPriceUsdPerMwh) / m.beta[p];
    priceSensitiveRef += ref;
    unservedPriceSensitive += Math.max(0, ref - Math.max(0, x[c]));
  });
  const dlmpByBus: Record<string, number> = {};
  m.busIds.forEach((id, p) => (dlmpByBus[String(id)] = ev.dlmpUsdPerMwh[p]));
  const sheddingCost = spec.sheddingPenaltyUsdPerMwh * shed;
  const reportOd = input.reportOd;
  return {
    loadShedMw: shed,
    loadShedMwh: shed,
    priceSensitiveRefMw: priceSensitiveRef,
    unservedPriceSensitiveMw: unservedPriceSensitive,
    unservedPriceSensitiveMwh: unservedPriceSensitive,
    maxDlmpUsdPerMwh: Math.max(...ev.dlmpUsdPerMwh),
    minDlmpUsdPerMwh: Math.min(...ev.dlmpUsdPerMwh),
    dlmpUsdPerMwhByBus: dlmpByBus,
    stationVisitShare: evTotal > 0 ? visit / evTotal : 0,
    v2gPathShare: evTotal > 0 ? v2g / evTotal : 0,
    chargedMwh: charged,
    dischargedMwh: discharged,
    waitingVehH,
    serviceVehH: service,
    activeV2gOdPairs: activeOds,
    stations: stationResults,
    importMw: x[m.importCol],
    lseGenerationMw,
    generators,
    fixedLoadMw: m.fixedLoadMw.reduce((t, v) => t + v, 0),
    sheddingMwByBus: Object.fromEntries(Array.from(m.shedCol).flatMap((c, p) => (c >= 0 && x[c] > 1e-9 ? [[String(m.busIds[p]), x[c]]] : []))),
    evPathFlowVehPerH: Float64Array.from(model.evCol, (c) => Math.max(0, x[c])),
    fvRouteFlowVehPerH: Float64Array.from(model.fvCol, (c) => Math.max(0, x[c])),
    retailSalesMw: retail,
    socialCost: {
      generationUsdPerH: genCost, sheddingUsdPerH: sheddingCost, travelUsdPerH: travel, energyUsdPerH: energyPay,
      totalUsdPerH: genCost + sheddingCost + travel + energyPay,
    },
    dominantPaths,
    dominantV2gPaths,
    reroute: reportOd === undefined ? null : {
      dominant: dominantPaths.find((d) => d.od === odName(reportOd))!,
      dominantV2g: dominantV2gPaths.find((d) => d.od === odName(reportOd)) ?? null,
    },
  };
}
