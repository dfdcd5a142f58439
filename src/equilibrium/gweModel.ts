/**
 * The seed-002 game as an extended monotone operator (seed 002 eqs. 22–24):
 * variables z = (EV option probabilities x, DSO outputs p, q, multipliers of the
 * coupling constraints: energy balance λ, reactive balance λ_q, line limits μ±,
 * voltage limits η±, road limits (tolls) and station capacities ν), its mapping F
 * and the projection onto the local sets (simplices, boxes, nonnegative orthants).
 */
import type { Feeder } from '../grid/model/feeder.js';
import type { DistFlowSensitivity } from '../grid/problems/marketDistFlowSensitivity.js';
import type { Network } from '../traffic/network/network.js';
import { projectOntoSimplex, type StationChoiceAgent, type StationChoiceOptions } from '../traffic/stationChoice/stationChoiceOptions.js';
import type { GweScenario } from './gweScenario.js';

/** Everything the operator needs, resolved to indices. */
export interface GweModel {
  readonly network: Network;
  readonly feeder: Feeder;
  readonly sens: DistFlowSensitivity;
  readonly agents: readonly StationChoiceAgent[];
  readonly options: StationChoiceOptions;
  readonly scenario: GweScenario;
  readonly stationBus: Int32Array;
  readonly genBus: Int32Array;
  /** Limited branches (index) and ratings MW. */
  readonly lineBranch: Int32Array;
  readonly lineRateMw: Float64Array;
  readonly backgroundVehPerH: Float64Array;
  readonly roadLimitVehPerH: Float64Array;
  readonly loadMw: Float64Array;
  readonly loadMvar: Float64Array;
  /** Layout of z. */
  readonly off: { x: number; p: number; q: number; lam: number; lamQ: number; muUp: number; muDn: number; etaUp: number; etaDn: number; toll: number; nu: number; size: number };
  /** Step scale per component (the diagonal metric of the splitting). */
  readonly scale: Float64Array;
}

/** Intermediate state of one evaluation. */
export interface GweState {
  readonly linkFlow: Float64Array;
  readonly linkTimeMin: Float64Array;
  readonly arrivalsVehPerH: Float64Array;
  readonly energyKw: Float64Array;
  readonly dlmp: Float64Array;
  readonly dlmpQ: Float64Array;
  readonly lineFlowMw: Float64Array;
  readonly v2: Float64Array;
  /** Cost per option, $ per vehicle (without the agent's mass). */
  readonly optionCost: Float64Array;
}

/**
 * Allocate a state buffer for `model`.
 * @example
 * const st = createGweState(model);
 */
export function createGweState(m: GweModel): GweState {
  const n = m.feeder.buses.length;
  const S = m.scenario.stations.length;
  return {
    linkFlow: new Float64Array(m.network.from.length), linkTimeMin: new Float64Array(m.network.from.length),
    arrivalsVehPerH: new Float64Array(S), energyKw: new Float64Array(S), dlmp: new Float64Array(n), dlmpQ: new Float64Array(n),
    lineFlowMw: new Float64Array(m.lineBranch.length), v2: new Float64Array(n), optionCost: new Float64Array(m.options.optStation.length),
  };
}

/**
 * Evaluate F(z) into `out` (and the state). EV components are mass × cost (the
 * population-weighted Wardrop operator); DSO components are marginal cost minus
 * nodal price; multiplier components are minus the constraint function.
 * @example
 * evaluateGwe(model, z, f, createGweState(model)); // f = F(z)
 */
export function evaluateGwe(m: GweModel, z: Float64Array, out: Float64Array, st: GweState): void {
  const { network: net, options: opt, off, sens, scenario: sc } = m;
  const n = m.feeder.buses.length;
  const base = m.feeder.baseMva;
  st.linkFlow.set(m.backgroundVehPerH);
  st.arrivalsVehPerH.fill(0);
  st.energyKw.fill(0);
  m.agents.forEach((a, i) => {
    for (let o = opt.optStart[i]; o < opt.optStart[i + 1]; o++) {
      const f = a.vehPerH * z[off.x + o];
      for (let e = opt.linkStart[o]; e < opt.linkStart[o + 1]; e++) st.linkFlow[opt.links[e]] += f;
      st.arrivalsVehPerH[opt.optStation[o]] += f;
      st.energyKw[opt.optStation[o]] += f * a.energyKwh;
    }
  });
  for (let l = 0; l < net.from.length; l++) {
    st.linkTimeMin[l] = net.freeFlowMin[l] * (1 + net.bprB[l] * Math.pow(st.linkFlow[l] / net.capacity[l], net.bprPower[l]));
  }
  // Net withdrawals (MW, MVAr) per bus.
  const netP = new Float64Array(n);
  const netQ = new Float64Array(n);
  netP.set(m.loadMw);
  netQ.set(m.loadMvar);
  sc.stations.forEach((_, s) => (netP[m.stationBus[s]] += st.energyKw[s] / 1000));
  m.genBus.forEach((b, g) => {
    netP[b] -= z[off.p + g];
    netQ[b] -= z[off.q + g];
  });
  let totalP = 0;
  let totalQ = 0;
  for (let i = 0; i < n; i++) { totalP += netP[i]; totalQ += netQ[i]; }
  m.lineBranch.forEach((b, l) => {
    let flow = 0;
    for (let i = 0; i < n; i++) if (sens.subtree[b * n + i]) flow += netP[i];
    st.lineFlowMw[l] = flow;
  });
  const v0 = m.feeder.slackVoltagePu * m.feeder.slackVoltagePu;
  for (let j = 0; j < n; j++) {
    let drop = 0;
    for (let i = 0; i < n; i++) drop += sens.commonR[j * n + i] * netP[i] + sens.commonX[j * n + i] * netQ[i];
    st.v2[j] = v0 - (2 * drop) / base;
  }
  // Nodal prices from the multipliers ($/MWh): d(Lagrangian)/d(withdrawal at i).
  for (let i = 0; i < n; i++) {
    let p = z[off.lam];
    let q = z[off.lamQ];
    m.lineBranch.forEach((b, l) => {
      if (sens.subtree[b * n + i]) p += z[off.muUp + l] - z[off.muDn + l];
    });
    for (let j = 0; j < n; j++) {
      const eta = z[off.etaDn + j] - z[off.etaUp + j];
      if (eta === 0) continue;
      p += (eta * 2 * sens.commonR[j * n + i]) / base;
      q += (eta * 2 * sens.commonX[j * n + i]) / base;
    }
    st.dlmp[i] = p;
    st.dlmpQ[i] = q;
  }
  const congestion = sc.stations.map((s, k) => (s.congestionUsd * st.arrivalsVehPerH[k]) / (s.chargers * s.serviceRatePerH));
  m.agents.forEach((a, i) => {
    for (let o = opt.optStart[i]; o < opt.optStart[i + 1]; o++) {
      const s = opt.optStation[o];
      let minutes = 0;
      let tolls = 0;
      for (let e = opt.linkStart[o]; e < opt.linkStart[o + 1]; e++) {
        minutes += st.linkTimeMin[opt.links[e]];
        tolls += z[off.toll + opt.links[e]];
      }
      const cost = (a.valueOfTimeUsdPerH / 60) * minutes + congestion[s] + (opt.preferred[o] ? 0 : sc.preferenceUsd)
        + (a.energyKwh * st.dlmp[m.stationBus[s]]) / 1000 + tolls + a.energyKwh * z[off.nu + s];
      st.optionCost[o] = cost;
      out[off.x + o] = a.vehPerH * cost;
    }
  });
  sc.generators.forEach((g, k) => {
    out[off.p + k] = 2 * g.costUsdPerMw2h * z[off.p + k] + g.costUsdPerMwh - st.dlmp[m.genBus[k]];
    out[off.q + k] = -st.dlmpQ[m.genBus[k]];
  });
  out[off.lam] = -totalP;
  out[off.lamQ] = -totalQ;
  m.lineBranch.forEach((_, l) => {
    out[off.muUp + l] = m.lineRateMw[l] - st.lineFlowMw[l];
    out[off.muDn + l] = m.lineRateMw[l] + st.lineFlowMw[l];
  });
  const vMax2 = sc.vMaxPu * sc.vMaxPu;
  const vMin2 = sc.vMinPu * sc.vMinPu;
  for (let j = 0; j < n; j++) {
    out[off.etaUp + j] = vMax2 - st.v2[j];
    out[off.etaDn + j] = st.v2[j] - vMin2;
  }
  for (let l = 0; l < net.from.length; l++) out[off.toll + l] = m.roadLimitVehPerH[l] - st.linkFlow[l];
  sc.stations.forEach((s, k) => (out[off.nu + k] = s.capacityKw - st.energyKw[k]));
}

/**
 * Project z onto the local sets in place (simplices, generator boxes, multiplier signs).
 * @example
 * projectGwe(model, z); // z now in C
 */
export function projectGwe(m: GweModel, z: Float64Array): void {
  const { off, options: opt, scenario: sc } = m;
  m.agents.forEach((_, i) => projectOntoSimplex(z, off.x + opt.optStart[i], off.x + opt.optStart[i + 1]));
  sc.generators.forEach((g, k) => {
    z[off.p + k] = Math.min(g.pMaxMw, Math.max(0, z[off.p + k]));
    z[off.q + k] = Math.min(g.qMaxMvar, Math.max(-g.qMaxMvar, z[off.q + k]));
  });
  for (let j = off.muUp; j < off.size; j++) z[j] = Math.max(0, z[j]);
}
