/**
 * The outputs of seed 000 §IV from a solved coupled V2G equilibrium: load
 * shedding, DLMPs, station visit and V2G shares, gross energies, waiting and
 * service time, active V2G OD pairs, dominant paths by cost component, social cost.
 */
import type { MarketLpSolution } from '../../grid/formulations/marketLpSession.ts';
import { expandedPathNodes } from '../../traffic/v2g/expandedNetwork.ts';
import type { V2gEvaluation, V2gPathCost } from './v2gEvaluate.ts';
import type { V2gEquilibriumInput, V2gModel } from './v2gModel.ts';

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
  readonly retailSalesMw: number;
  readonly socialCost: V2gSocialCost;
  readonly dominantPaths: readonly V2gDominantPath[];
  /** The dominant path of `input.reportOd` (the rerouting example). */
  readonly reroute: V2gDominantPath | null;
}

/** Build the report from a solution and its evaluation. */
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
  for (let od = 0; od < paths.ods.length; od++) {
    let odV2g = 0;
    let best = -1;
    for (let p = paths.odStart[od]; p < paths.odStart[od + 1]; p++) {
      const f = flow(p);
      const path = paths.paths[p];
      if (path.stops.length > 0) visit += f;
      if (path.dischargedKwh > 0) { v2g += f; odV2g += f; }
      charged += (f * path.chargedKwh) / 1000;
      discharged += (f * path.dischargedKwh) / 1000;
      service += (f * model.pathServiceMin[p]) / 60;
      const c = ev.evPathCost[p];
      energyPay += f * (c.energyUsd + c.degradationUsd);
      travel += f * (c.timeUsd + c.waitUsd + c.serviceUsd);
      if (best < 0 || f > flow(best)) best = p;
    }
    if (odV2g > 1e-6 * Math.max(1, input.evDemandVehPerH[od])) activeOds.push(odName(od));
    if (best >= 0 && input.evDemandVehPerH[od] > 0) {
      const path = paths.paths[best];
      const route = paths.routes[od][path.route];
      dominantPaths.push({
        od: odName(od), pattern: path.pattern, nodes: expandedPathNodes(net, route, path).join('-'),
        flowShare: flow(best) / input.evDemandVehPerH[od],
        lengthKm: Array.from(route).reduce((s, a) => s + net.lengthKm[a], 0), cost: ev.evPathCost[best],
      });
    }
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
  spec.lses.forEach((lse, f) => {
    let total = 0;
    lse.generators.forEach((g, k) => {
      const p = x[m.genCol[f][k]];
      total += p;
      genCost += g.costUsdPerMw2h * p * p + g.costUsdPerMwh * p;
    });
    lseGenerationMw[lse.id] = total;
  });
  let retail = 0;
  m.totalSalesCol.forEach((c) => (retail += c >= 0 ? x[c] : 0));
  const dlmpByBus: Record<string, number> = {};
  m.busIds.forEach((id, p) => (dlmpByBus[String(id)] = ev.dlmpUsdPerMwh[p]));
  const sheddingCost = spec.sheddingPenaltyUsdPerMwh * shed;
  const reportOd = input.reportOd;
  return {
    loadShedMw: shed,
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
    retailSalesMw: retail,
    socialCost: {
      generationUsdPerH: genCost, sheddingUsdPerH: sheddingCost, travelUsdPerH: travel, energyUsdPerH: energyPay,
      totalUsdPerH: genCost + sheddingCost + travel + energyPay,
    },
    dominantPaths,
    reroute: reportOd === undefined ? null : (dominantPaths.find((d) => d.od === odName(reportOd)) ?? null),
  };
}
