/**
 * Outputs and equilibrium checks of a seed-002 solution (docs/static-equilibria.md §2.4):
 * Wardrop gap against the cheapest option over ALL network routes (`gweBestOptions`),
 * coupling-constraint violations (line, voltage, road, station limits), complementarity
 * of every multiplier with its slack, DSO optimality of each generator, energy balance;
 * prices, tolls, station loads, used routes and the social cost split.
 */
import { gweBestOptions } from './gweColumns.js';
import type { GweModel } from './gweModel.js';
import { gweEvaluate, type GweLayout, type GweState } from './gweSystem.js';

/** Per-station results. */
export interface GweStationResult {
  readonly id: string;
  readonly node: number;
  readonly bus: number;
  readonly arrivalsVehPerH: number;
  /** Charging power delivered (arrivals × energy per vehicle), kW. */
  readonly chargingKw: number;
  /** Station capacity (15a), kW. */
  readonly capacityKw: number;
  /** Congestion price per visiting vehicle, $. */
  readonly congestionPriceUsd: number;
  readonly dlmpUsdPerMwh: number;
  /** Multiplier of the station capacity constraint (15a), $/kWh. */
  readonly capacityPriceUsdPerKwh: number;
}

/** A route with flow. */
export interface GweUsedRoute {
  /** Agent index (order of `agents`). */
  readonly agent: number;
  readonly station: string;
  /** Road nodes from the origin to the station, joined by `-`. */
  readonly nodes: string;
  readonly flowVehPerH: number;
  readonly costUsd: number;
}

/** What `solveGweScenario` reports besides convergence data. */
export interface GweReport {
  readonly residuals: {
    /** Σ f·(c − c_min) / Σ f·c over route flows; c_min = cheapest option over all network routes. */
    readonly wardrop: number;
    /** |Σ generation − Σ load| / Σ load. */
    readonly energyBalance: number;
    /** Largest violation of line, voltage, road and station limits, relative to the limit. */
    readonly couplingViolation: number;
    /** Largest complementarity product |multiplier × slack| relative to the multiplier scale and the limit. */
    readonly complementarity: number;
    /** Largest generator optimality violation (marginal cost vs DLMP, sign at bounds) / reference price. */
    readonly dso: number;
  };
  readonly loadShedMw: number;
  readonly maxDlmpUsdPerMwh: number;
  readonly minDlmpUsdPerMwh: number;
  readonly dlmpUsdPerMwhByBus: Record<string, number>;
  readonly chargedMwh: number;
  readonly agents: readonly { readonly origin: number; readonly vehPerH: number; readonly valueOfTimeUsdPerH: number; readonly energyKwh: number; readonly costUsd: number }[];
  readonly stations: readonly GweStationResult[];
  readonly generators: readonly { readonly bus: number; readonly pMw: number; readonly marginalCostUsdPerMwh: number; readonly dlmpUsdPerMwh: number }[];
  readonly roadTolls: readonly { readonly link: string; readonly tollUsd: number; readonly flowVehPerH: number; readonly limitVehPerH: number }[];
  readonly lineFlows: readonly { readonly from: number; readonly to: number; readonly flowMw: number; readonly rateMw: number }[];
  readonly usedRoutes: readonly GweUsedRoute[];
  readonly socialCost: { readonly generationUsdPerH: number; readonly travelUsdPerH: number; readonly energyUsdPerH: number; readonly totalUsdPerH: number };
}

/**
 * Build the report and the checks at `z`.
 * @example
 * const report = gweReport(model, lay, z, createGweState(model)); report.residuals.wardrop;
 */
export function gweReport(m: GweModel, lay: GweLayout, z: Float64Array, st: GweState): GweReport {
  const g = new Float64Array(lay.size);
  gweEvaluate(m, lay, z, g, st);
  const { columns: cols, scenario: sc, network: net } = m;
  const best = gweBestOptions(m, lay, z, st);
  let excess = 0;
  let total = 0;
  let travel = 0;
  let energy = 0;
  const usedRoutes: GweUsedRoute[] = [];
  for (let c = 0; c < cols.agent.length; c++) {
    const f = z[lay.f + c];
    const i = cols.agent[c];
    const a = m.agents[i];
    const cost = st.columnCostUsd[c];
    excess += f * Math.max(0, cost - best[i].costUsd);
    total += f * Math.abs(cost);
    let minutes = 0;
    for (let e = cols.linkStart[c]; e < cols.linkStart[c + 1]; e++) minutes += st.linkTimeMin[cols.links[e]];
    travel += (f * a.valueOfTimeUsdPerH * minutes) / 60;
    energy += (f * a.energyKwh * st.dlmp[m.stationBus[cols.station[c]]]) / 1000;
    if (f > 1e-9) {
      const nodes = [a.origin];
      for (let e = cols.linkStart[c]; e < cols.linkStart[c + 1]; e++) nodes.push(net.nodeIds[net.to[cols.links[e]]]);
      usedRoutes.push({ agent: i, station: sc.stations[cols.station[c]].id, nodes: nodes.join('-'), flowVehPerH: f, costUsd: cost });
    }
  }
  const load = m.loadMw.reduce((s, v) => s + v, 0) + st.energyKw.reduce((s, v) => s + v, 0) / 1000;
  let gen = 0;
  let genCost = 0;
  let dso = 0;
  const refPrice = Math.max(1, st.dlmp.reduce((s, v) => s + Math.abs(v), 0) / st.dlmp.length);
  sc.generators.forEach((gn, k) => {
    const p = z[lay.p + k];
    gen += p;
    genCost += gn.costUsdPerMw2h * p * p + gn.costUsdPerMwh * p;
    const rc = 2 * gn.costUsdPerMw2h * p + gn.costUsdPerMwh - st.dlmp[m.genBus[k]];
    const v = p <= 1e-12 ? Math.max(0, -rc) : p >= gn.pMaxMw - 1e-12 ? Math.max(0, rc) : Math.abs(rc);
    dso = Math.max(dso, v / refPrice);
  });
  let viol = 0;
  let comp = 0;
  const check = (slack: number, limit: number, multiplier: number, priceScale: number): void => {
    const lim = Math.max(Math.abs(limit), 1e-9);
    viol = Math.max(viol, -slack / lim);
    comp = Math.max(comp, Math.abs(multiplier * slack) / (priceScale * lim));
  };
  m.lineBranch.forEach((_, l) => {
    check(g[lay.muUp + l], m.lineRateMw[l], z[lay.muUp + l], refPrice);
    check(g[lay.muDn + l], m.lineRateMw[l], z[lay.muDn + l], refPrice);
  });
  for (let j = 0; j < m.feeder.buses.length; j++) {
    check(g[lay.etaUp + j], sc.vMaxPu ** 2, z[lay.etaUp + j], refPrice);
    check(g[lay.etaDn + j], sc.vMinPu ** 2, z[lay.etaDn + j], refPrice);
  }
  const meanCost = Math.max(1, best.reduce((s, b) => s + b.costUsd, 0) / best.length);
  for (let a = 0; a < net.from.length; a++) check(g[lay.toll + a], m.roads.limitVehPerH[a], z[lay.toll + a], meanCost);
  sc.stations.forEach((s, k) => check(g[lay.nu + k], s.capacityKw, z[lay.nu + k], meanCost / 25));
  const roadTolls: GweReport['roadTolls'][number][] = [];
  for (let a = 0; a < net.from.length; a++) {
    if (z[lay.toll + a] > 1e-9) {
      roadTolls.push({ link: `${net.nodeIds[net.from[a]]}-${net.nodeIds[net.to[a]]}`, tollUsd: z[lay.toll + a], flowVehPerH: st.linkFlowVehPerH[a], limitVehPerH: m.roads.limitVehPerH[a] });
    }
  }
  const dlmpByBus: Record<string, number> = {};
  m.sens.busIds.forEach((id, p) => (dlmpByBus[String(id)] = st.dlmp[p]));
  return {
    residuals: { wardrop: total > 0 ? excess / total : 0, energyBalance: Math.abs(gen - load) / load, couplingViolation: Math.max(0, viol), complementarity: comp, dso },
    loadShedMw: 0,
    maxDlmpUsdPerMwh: Math.max(...st.dlmp),
    minDlmpUsdPerMwh: Math.min(...st.dlmp),
    dlmpUsdPerMwhByBus: dlmpByBus,
    chargedMwh: st.energyKw.reduce((s, v) => s + v, 0) / 1000,
    agents: m.agents.map((a, i) => ({ origin: a.origin, vehPerH: a.vehPerH, valueOfTimeUsdPerH: a.valueOfTimeUsdPerH, energyKwh: a.energyKwh, costUsd: z[lay.u + i] })),
    stations: sc.stations.map((s, k) => ({
      id: s.id, node: s.node, bus: s.bus, arrivalsVehPerH: st.arrivalsVehPerH[k], chargingKw: st.energyKw[k], capacityKw: s.capacityKw,
      congestionPriceUsd: m.stationSlopeUsd[k] * st.arrivalsVehPerH[k],
      dlmpUsdPerMwh: st.dlmp[m.stationBus[k]], capacityPriceUsdPerKwh: z[lay.nu + k],
    })),
    generators: sc.generators.map((gn, k) => ({
      bus: gn.bus, pMw: z[lay.p + k], marginalCostUsdPerMwh: 2 * gn.costUsdPerMw2h * z[lay.p + k] + gn.costUsdPerMwh, dlmpUsdPerMwh: st.dlmp[m.genBus[k]],
    })),
    roadTolls,
    lineFlows: sc.lineLimits.map((l, k) => ({ from: l.from, to: l.to, flowMw: st.lineFlowMw[k], rateMw: l.rateMva })),
    usedRoutes,
    socialCost: { generationUsdPerH: genCost, travelUsdPerH: travel, energyUsdPerH: energy, totalUsdPerH: genCost + travel + energy },
  };
}
