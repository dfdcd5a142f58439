/**
 * The seed-002 equilibrium as a mixed complementarity problem on the current route set
 * (docs/static-equilibria.md §2.2): variables z in boxes [lo, hi], functions G(z), and
 * the solution satisfies z = P_[lo,hi](z − D·G(z)) (D a positive diagonal of units):
 *
 *   route flow f_c ≥ 0          ⊥ cost_c − u_i ≥ 0     (Wardrop, $ per vehicle)
 *   agent cost u_i free         ⊥ Σ_c f_c − m_i = 0     (demand, veh/h)
 *   DG output p_g ∈ [0, Pmax]   ⊥ 2a p + b − DLMP_bus   (DSO, $/MWh)
 *   reactive q_g ∈ [−Q, Q]      ⊥ −DLMPq_bus
 *   λ, λq free                  ⊥ generation − load (MW, MVAr)
 *   μ±_l ≥ 0                    ⊥ rate ∓ flow_l ≥ 0    (line limits, MW)
 *   η±_j ≥ 0                    ⊥ voltage slacks ≥ 0   (pu²)
 *   τ_a ≥ 0 (road toll, $)      ⊥ limit_a − w_a ≥ 0    (15b)
 *   ν_s ≥ 0 ($/kWh)             ⊥ capacity_s − E_s ≥ 0 (15a)
 *
 * cost_c = θ_i/60 Σ_a t_a(w) + κ_s A_s/(n_s μ_s) + preference + e_i DLMP_s/1000 + Σ_a τ_a + e_i ν_s,
 * DLMP_b = λ + Σ_l (μ⁺_l − μ⁻_l)[b below l] + Σ_j (η⁻_j − η⁺_j)·2R_jb/S_base.
 */
import { gweLinkSlopeMin, gweLinkTimeMin, type GweModel } from './gweModel.js';

/** Offsets of the blocks of z (and of G). */
export interface GweLayout {
  readonly f: number; readonly u: number; readonly p: number; readonly q: number; readonly lam: number; readonly lamQ: number;
  readonly muUp: number; readonly muDn: number; readonly etaUp: number; readonly etaDn: number; readonly toll: number; readonly nu: number;
  readonly size: number;
  /** Bounds and unit diagonal D of the natural map. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly scale: Float64Array;
}

/** Quantities of one evaluation. */
export interface GweState {
  readonly linkFlowVehPerH: Float64Array;
  readonly linkTimeMin: Float64Array;
  readonly arrivalsVehPerH: Float64Array;
  readonly energyKw: Float64Array;
  readonly dlmp: Float64Array;
  readonly dlmpQ: Float64Array;
  readonly lineFlowMw: Float64Array;
  readonly v2: Float64Array;
  /** Cost of each column, $ per vehicle. */
  readonly columnCostUsd: Float64Array;
}

/**
 * Layout of z for the model's current route set.
 * @example
 * const lay = gweLayout(model); lay.size;
 */
export function gweLayout(m: GweModel): GweLayout {
  const C = m.columns.agent.length;
  const I = m.agents.length;
  const G = m.scenario.generators.length;
  const L = m.lineBranch.length;
  const n = m.feeder.buses.length;
  const A = m.network.from.length;
  const S = m.scenario.stations.length;
  const f = 0, u = C, p = C + I, q = p + G, lam = q + G, lamQ = lam + 1, muUp = lamQ + 1, muDn = muUp + L;
  const etaUp = muDn + L, etaDn = etaUp + n, toll = etaDn + n, nu = toll + A, size = nu + S;
  const lo = new Float64Array(size);
  const hi = new Float64Array(size).fill(Infinity);
  const scale = new Float64Array(size);
  lo.fill(-Infinity, u, p);
  m.scenario.generators.forEach((g, k) => {
    hi[p + k] = g.pMaxMw;
    lo[q + k] = -g.qMaxMvar;
    hi[q + k] = g.qMaxMvar;
  });
  lo[lam] = -Infinity;
  lo[lamQ] = -Infinity;
  // Units: veh per $, $ per veh, MW per $/MWh, $/MWh per MW, $/MWh per pu², $ per veh, $/kWh per kW.
  scale.fill(1, f, p);
  scale.fill(0.01, p, lam);
  scale.fill(100, lam, etaUp);
  scale.fill(1e4, etaUp, toll);
  scale.fill(0.1, toll, nu);
  scale.fill(1e-4, nu, size);
  return { f, u, p, q, lam, lamQ, muUp, muDn, etaUp, etaDn, toll, nu, size, lo, hi, scale };
}

/**
 * Allocate a state buffer.
 * @example
 * const st = createGweState(model);
 */
export function createGweState(m: GweModel): GweState {
  const n = m.feeder.buses.length;
  const S = m.scenario.stations.length;
  const A = m.network.from.length;
  return {
    linkFlowVehPerH: new Float64Array(A), linkTimeMin: new Float64Array(A), arrivalsVehPerH: new Float64Array(S), energyKw: new Float64Array(S),
    dlmp: new Float64Array(n), dlmpQ: new Float64Array(n), lineFlowMw: new Float64Array(m.lineBranch.length), v2: new Float64Array(n),
    columnCostUsd: new Float64Array(m.columns.agent.length),
  };
}

/**
 * Evaluate G(z) into `out` and the state `st` (flows, times, prices, column costs).
 * @example
 * gweEvaluate(model, lay, z, g, st);
 */
export function gweEvaluate(m: GweModel, lay: GweLayout, z: Float64Array, out: Float64Array, st: GweState): void {
  const { columns: cols, roads, sens, scenario: sc } = m;
  const n = m.feeder.buses.length;
  const base = m.feeder.baseMva;
  const C = cols.agent.length;
  st.linkFlowVehPerH.set(roads.backgroundVehPerH);
  st.arrivalsVehPerH.fill(0);
  st.energyKw.fill(0);
  for (let c = 0; c < C; c++) {
    const fc = z[lay.f + c];
    for (let e = cols.linkStart[c]; e < cols.linkStart[c + 1]; e++) st.linkFlowVehPerH[cols.links[e]] += fc;
    st.arrivalsVehPerH[cols.station[c]] += fc;
    st.energyKw[cols.station[c]] += fc * m.agents[cols.agent[c]].energyKwh;
  }
  for (let a = 0; a < st.linkTimeMin.length; a++) st.linkTimeMin[a] = gweLinkTimeMin(roads, a, st.linkFlowVehPerH[a]);
  const netP = Float64Array.from(m.loadMw);
  const netQ = Float64Array.from(m.loadMvar);
  st.energyKw.forEach((kw, s) => (netP[m.stationBus[s]] += kw / 1000));
  m.genBus.forEach((b, g) => {
    netP[b] -= z[lay.p + g];
    netQ[b] -= z[lay.q + g];
  });
  let loadP = 0;
  let loadQ = 0;
  for (let i = 0; i < n; i++) {
    loadP += netP[i];
    loadQ += netQ[i];
  }
  m.lineBranch.forEach((b, l) => {
    let flow = 0;
    for (let i = 0; i < n; i++) if (sens.subtree[b * n + i]) flow += netP[i];
    st.lineFlowMw[l] = flow;
  });
  const v0 = m.feeder.slackVoltagePu ** 2;
  for (let j = 0; j < n; j++) {
    let drop = 0;
    for (let i = 0; i < n; i++) drop += sens.commonR[j * n + i] * netP[i] + sens.commonX[j * n + i] * netQ[i];
    st.v2[j] = v0 - (2 * drop) / base;
  }
  for (let i = 0; i < n; i++) {
    let p = z[lay.lam];
    let q = z[lay.lamQ];
    m.lineBranch.forEach((b, l) => {
      if (sens.subtree[b * n + i]) p += z[lay.muUp + l] - z[lay.muDn + l];
    });
    for (let j = 0; j < n; j++) {
      const eta = z[lay.etaDn + j] - z[lay.etaUp + j];
      if (eta === 0) continue;
      p += (eta * 2 * sens.commonR[j * n + i]) / base;
      q += (eta * 2 * sens.commonX[j * n + i]) / base;
    }
    st.dlmp[i] = p;
    st.dlmpQ[i] = q;
  }
  const agentUse = new Float64Array(m.agents.length);
  for (let c = 0; c < C; c++) {
    const a = m.agents[cols.agent[c]];
    const s = cols.station[c];
    let minutes = 0;
    let tolls = 0;
    for (let e = cols.linkStart[c]; e < cols.linkStart[c + 1]; e++) {
      minutes += st.linkTimeMin[cols.links[e]];
      tolls += z[lay.toll + cols.links[e]];
    }
    const cost = (a.valueOfTimeUsdPerH / 60) * minutes + m.stationSlopeUsd[s] * st.arrivalsVehPerH[s] + (cols.preferred[c] ? 0 : sc.preferenceUsd)
      + (a.energyKwh * st.dlmp[m.stationBus[s]]) / 1000 + tolls + a.energyKwh * z[lay.nu + s];
    st.columnCostUsd[c] = cost;
    out[lay.f + c] = cost - z[lay.u + cols.agent[c]];
    agentUse[cols.agent[c]] += z[lay.f + c];
  }
  m.agents.forEach((a, i) => (out[lay.u + i] = agentUse[i] - a.vehPerH));
  sc.generators.forEach((g, k) => {
    out[lay.p + k] = 2 * g.costUsdPerMw2h * z[lay.p + k] + g.costUsdPerMwh - st.dlmp[m.genBus[k]];
    out[lay.q + k] = -st.dlmpQ[m.genBus[k]];
  });
  // Balances: generation − (household + EV) load, i.e. minus the total net withdrawal.
  out[lay.lam] = -loadP;
  out[lay.lamQ] = -loadQ;
  m.lineBranch.forEach((_, l) => {
    out[lay.muUp + l] = m.lineRateMw[l] - st.lineFlowMw[l];
    out[lay.muDn + l] = m.lineRateMw[l] + st.lineFlowMw[l];
  });
  const vMax2 = sc.vMaxPu ** 2;
  const vMin2 = sc.vMinPu ** 2;
  for (let j = 0; j < n; j++) {
    out[lay.etaUp + j] = vMax2 - st.v2[j];
    out[lay.etaDn + j] = st.v2[j] - vMin2;
  }
  for (let a = 0; a < st.linkFlowVehPerH.length; a++) out[lay.toll + a] = roads.limitVehPerH[a] - st.linkFlowVehPerH[a];
  sc.stations.forEach((s, k) => (out[lay.nu + k] = s.capacityKw - st.energyKw[k]));
}

/**
 * Dense Jacobian dG/dz (row-major, size × size) at the state of the last `gweEvaluate`.
 * @example
 * gweJacobian(model, lay, st, jac);
 */
export function gweJacobian(m: GweModel, lay: GweLayout, st: GweState, jac: Float64Array): void {
  const { columns: cols, roads, sens } = m;
  const N = lay.size;
  const n = m.feeder.buses.length;
  const base = m.feeder.baseMva;
  const C = cols.agent.length;
  jac.fill(0);
  const set = (r: number, c: number, v: number): void => {
    jac[r * N + c] += v;
  };
  // Columns per link and per station.
  const A = m.network.from.length;
  const onLink: number[][] = Array.from({ length: A }, () => []);
  for (let c = 0; c < C; c++) for (let e = cols.linkStart[c]; e < cols.linkStart[c + 1]; e++) onLink[cols.links[e]].push(c);
  for (let a = 0; a < A; a++) {
    const list = onLink[a];
    if (list.length === 0) continue;
    const slope = gweLinkSlopeMin(roads, a, st.linkFlowVehPerH[a]);
    for (const c of list) {
      const w = (m.agents[cols.agent[c]].valueOfTimeUsdPerH / 60) * slope;
      for (const c2 of list) set(lay.f + c, lay.f + c2, w);
      set(lay.f + c, lay.toll + a, 1);
      set(lay.toll + a, lay.f + c, -1);
    }
  }
  const atStation: number[][] = m.scenario.stations.map(() => []);
  for (let c = 0; c < C; c++) atStation[cols.station[c]].push(c);
  atStation.forEach((list, s) => {
    for (const c of list) for (const c2 of list) set(lay.f + c, lay.f + c2, m.stationSlopeUsd[s]);
  });
  // Withdrawal at bus b by one unit (MW): line-flow and v² sensitivities; DLMP = ∂ cost / ∂ withdrawal.
  const busTerms = (b: number, row: number, weight: number): void => {
    // The row's G contains weight · DLMP_b.
    set(row, lay.lam, weight);
    m.lineBranch.forEach((br, l) => {
      if (!sens.subtree[br * n + b]) return;
      set(row, lay.muUp + l, weight);
      set(row, lay.muDn + l, -weight);
    });
    for (let j = 0; j < n; j++) {
      const r2 = (2 * sens.commonR[j * n + b]) / base;
      if (r2 === 0) continue;
      set(row, lay.etaDn + j, weight * r2);
      set(row, lay.etaUp + j, -weight * r2);
    }
  };
  const busRows = (b: number, col: number, weight: number): void => {
    // The column withdraws weight MW at bus b. Multiplier rows: G_λ = −(withdrawals), G_μ+ = rate − flow, G_μ− = rate + flow, G_η+ = vmax² − v², G_η− = v² − vmin².
    set(lay.lam, col, -weight);
    m.lineBranch.forEach((br, l) => {
      if (!sens.subtree[br * n + b]) return;
      set(lay.muUp + l, col, -weight);
      set(lay.muDn + l, col, weight);
    });
    for (let j = 0; j < n; j++) {
      const r2 = (2 * sens.commonR[j * n + b]) / base;
      if (r2 === 0) continue;
      set(lay.etaUp + j, col, weight * r2);
      set(lay.etaDn + j, col, -weight * r2);
    }
  };
  for (let c = 0; c < C; c++) {
    const i = cols.agent[c];
    const a = m.agents[i];
    const s = cols.station[c];
    set(lay.f + c, lay.u + i, -1);
    set(lay.u + i, lay.f + c, 1);
    const w = a.energyKwh / 1000;
    busTerms(m.stationBus[s], lay.f + c, w);
    busRows(m.stationBus[s], lay.f + c, w);
    set(lay.f + c, lay.nu + s, a.energyKwh);
    set(lay.nu + s, lay.f + c, -a.energyKwh);
  }
  m.scenario.generators.forEach((g, k) => {
    const b = m.genBus[k];
    set(lay.p + k, lay.p + k, 2 * g.costUsdPerMw2h);
    busTerms(b, lay.p + k, -1);
    busRows(b, lay.p + k, -1);
    // Reactive: G_q = −DLMPq_b; DLMPq = λq + Σ (η⁻ − η⁺)·2X/base; withdrawal −q.
    set(lay.q + k, lay.lamQ, -1);
    set(lay.lamQ, lay.q + k, 1);
    for (let j = 0; j < n; j++) {
      const x2 = (2 * sens.commonX[j * n + b]) / base;
      if (x2 === 0) continue;
      set(lay.q + k, lay.etaDn + j, -x2);
      set(lay.q + k, lay.etaUp + j, x2);
      set(lay.etaUp + j, lay.q + k, -x2);
      set(lay.etaDn + j, lay.q + k, x2);
    }
  });
}
