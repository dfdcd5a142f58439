/**
 * Outputs and independent equilibrium checks of a seed-002 solution: per-agent
 * Wardrop gap from recomputed option costs, coupling-constraint violations
 * (energy balance, line and voltage limits, road and station capacities), prices.
 */
import type { GweModel, GweState } from './gweModel.js';
import { evaluateGwe } from './gweModel.js';

/** Per-station results. */
export interface GweStationResult {
  readonly id: string;
  readonly node: number;
  readonly bus: number;
  readonly arrivalsVehPerH: number;
  /** Charging power delivered (arrivals × energy per vehicle), kW. */
  readonly chargingKw: number;
  /** Congestion price per visiting vehicle, $. */
  readonly congestionPriceUsd: number;
  readonly dlmpUsdPerMwh: number;
  /** Multiplier of the station capacity constraint (15a), $/kWh. */
  readonly capacityPriceUsdPerKwh: number;
}

/** What `solveGweScenario` reports besides convergence data. */
export interface GweReport {
  readonly residuals: {
    /** Σ m·x·(c − c_min) / Σ m·x·c over agents, costs recomputed from the flows. */
    readonly wardrop: number;
    /** |Σ generation − Σ load| / Σ load. */
    readonly energyBalance: number;
    /** Largest violation of line, voltage, road and station limits, relative to the limit. */
    readonly couplingViolation: number;
    /** Largest complementarity product |multiplier × slack| relative to the multiplier scale. */
    readonly complementarity: number;
  };
  readonly loadShedMw: number;
  readonly maxDlmpUsdPerMwh: number;
  readonly minDlmpUsdPerMwh: number;
  readonly dlmpUsdPerMwhByBus: Record<string, number>;
  readonly chargedMwh: number;
  readonly stations: readonly GweStationResult[];
  readonly generators: readonly { readonly bus: number; readonly pMw: number; readonly marginalCostUsdPerMwh: number; readonly dlmpUsdPerMwh: number }[];
  readonly roadTolls: readonly { readonly link: string; readonly tollUsd: number }[];
  readonly socialCost: { readonly generationUsdPerH: number; readonly travelUsdPerH: number; readonly energyUsdPerH: number; readonly totalUsdPerH: number };
}

/**
 * Build the report and the independent checks at `z`.
 * @example
 * const report = gweReport(model, z, createGweState(model)); report.residuals.wardrop;
 */
export function gweReport(m: GweModel, z: Float64Array, st: GweState): GweReport {
  const f = new Float64Array(z.length);
  evaluateGwe(m, z, f, st);
  const { off, options: opt, scenario: sc, network: net } = m;
  // Wardrop gap: recompute each option's money cost from link times and prices.
  let excess = 0;
  let total = 0;
  let travel = 0;
  let energy = 0;
  m.agents.forEach((a, i) => {
    let cmin = Infinity;
    for (let o = opt.optStart[i]; o < opt.optStart[i + 1]; o++) cmin = Math.min(cmin, st.optionCost[o]);
    for (let o = opt.optStart[i]; o < opt.optStart[i + 1]; o++) {
      const flow = a.vehPerH * z[off.x + o];
      excess += flow * (st.optionCost[o] - cmin);
      total += flow * Math.abs(st.optionCost[o]);
      let minutes = 0;
      for (let e = opt.linkStart[o]; e < opt.linkStart[o + 1]; e++) minutes += st.linkTimeMin[opt.links[e]];
      travel += (flow * a.valueOfTimeUsdPerH * minutes) / 60;
      energy += (flow * a.energyKwh * st.dlmp[m.stationBus[opt.optStation[o]]]) / 1000;
    }
  });
  const load = m.loadMw.reduce((s, v) => s + v, 0) + st.energyKw.reduce((s, v) => s + v, 0) / 1000;
  let gen = 0;
  let genCost = 0;
  sc.generators.forEach((g, k) => {
    gen += z[off.p + k];
    genCost += g.costUsdPerMw2h * z[off.p + k] ** 2 + g.costUsdPerMwh * z[off.p + k];
  });
  let viol = 0;
  let comp = 0;
  const check = (slack: number, limit: number, multiplier: number, priceScale: number): void => {
    viol = Math.max(viol, -slack / Math.max(Math.abs(limit), 1e-9));
    comp = Math.max(comp, Math.abs(multiplier * slack) / (priceScale * Math.max(Math.abs(limit), 1e-9)));
  };
  m.lineBranch.forEach((_, l) => {
    check(f[off.muUp + l], m.lineRateMw[l], z[off.muUp + l], 100);
    check(f[off.muDn + l], m.lineRateMw[l], z[off.muDn + l], 100);
  });
  for (let j = 0; j < m.feeder.buses.length; j++) {
    check(f[off.etaUp + j], sc.vMaxPu ** 2, z[off.etaUp + j] * 1e-4, 1);
    check(f[off.etaDn + j], sc.vMinPu ** 2, z[off.etaDn + j] * 1e-4, 1);
  }
  for (let a = 0; a < net.from.length; a++) check(f[off.toll + a], m.roadLimitVehPerH[a], z[off.toll + a], 10);
  sc.stations.forEach((s, k) => check(f[off.nu + k], s.capacityKw, z[off.nu + k], 0.1));
  const roadTolls: { link: string; tollUsd: number }[] = [];
  for (let a = 0; a < net.from.length; a++) {
    if (z[off.toll + a] > 1e-6) roadTolls.push({ link: `${net.nodeIds[net.from[a]]}-${net.nodeIds[net.to[a]]}`, tollUsd: z[off.toll + a] });
  }
  const dlmpByBus: Record<string, number> = {};
  m.sens.busIds.forEach((id, p) => (dlmpByBus[String(id)] = st.dlmp[p]));
  return {
    residuals: { wardrop: total > 0 ? excess / total : 0, energyBalance: Math.abs(gen - load) / load, couplingViolation: Math.max(0, viol), complementarity: comp },
    loadShedMw: 0,
    maxDlmpUsdPerMwh: Math.max(...st.dlmp),
    minDlmpUsdPerMwh: Math.min(...st.dlmp),
    dlmpUsdPerMwhByBus: dlmpByBus,
    chargedMwh: st.energyKw.reduce((s, v) => s + v, 0) / 1000,
    stations: sc.stations.map((s, k) => ({
      id: s.id, node: s.node, bus: s.bus, arrivalsVehPerH: st.arrivalsVehPerH[k], chargingKw: st.energyKw[k],
      congestionPriceUsd: (s.congestionUsd * st.arrivalsVehPerH[k]) / (s.chargers * s.serviceRatePerH),
      dlmpUsdPerMwh: st.dlmp[m.stationBus[k]], capacityPriceUsdPerKwh: z[off.nu + k],
    })),
    generators: sc.generators.map((g, k) => ({
      bus: g.bus, pMw: z[off.p + k], marginalCostUsdPerMwh: 2 * g.costUsdPerMw2h * z[off.p + k] + g.costUsdPerMwh, dlmpUsdPerMwh: st.dlmp[m.genBus[k]],
    })),
    roadTolls,
    socialCost: { generationUsdPerH: genCost, travelUsdPerH: travel, energyUsdPerH: energy, totalUsdPerH: genCost + travel + energy },
  };
}
