/**
 * Evaluate a candidate seed-000 equilibrium with the TRUE cost functions: path
 * costs by component from link and visit flows, prices from the LP duals, and the
 * residual of every player's optimality conditions and of market clearing
 * (docs/static-equilibria.md §1.5).
 */
import type { MarketLpSolution } from '../grid/formulations/marketLpSession.js';
import { stationWaitMin } from './convexTerm.js';
import type { V2gEquilibriumInput, V2gModel } from './v2gModel.js';

/** Generalized cost of one EV path by component, $ per vehicle. */
export interface V2gPathCost {
  readonly timeUsd: number;
  readonly waitUsd: number;
  readonly serviceUsd: number;
  /** Charging payment minus discharging revenue at station prices. */
  readonly energyUsd: number;
  readonly degradationUsd: number;
  readonly totalUsd: number;
}

/** Residuals, each relative (see field docs); `max` is the equilibrium residual. */
export interface V2gResiduals {
  /** EV and FV Wardrop gap Σf(c − c_min) / Σf·(time cost). */
  readonly traffic: number;
  /** LSE generation KKT (marginal cost vs DLMP), / reference price. */
  readonly lseGeneration: number;
  /** LSE Cournot sales: |S − S*(DLMP)| per bus / total retail market at reference prices. */
  readonly lseSales: number;
  /** CNO KKT: station price vs DLMP at its bus given its exchange limits, / reference price. */
  readonly cno: number;
  /** DSO (LinDistFlow, import, shedding) reduced-cost sign conditions, / reference price. */
  readonly dso: number;
  /** Largest row violation (bus balances, station energy, OD demand, flow definitions), / total load or demand. */
  readonly marketClearing: number;
  readonly max: number;
}

/** Evaluation of one LP solution. */
export interface V2gEvaluation {
  readonly linkTimeMin: Float64Array;
  readonly waitMin: Float64Array;
  readonly stationPriceUsdPerMwh: Float64Array;
  readonly dlmpUsdPerMwh: Float64Array;
  readonly evPathCost: V2gPathCost[];
  readonly fvRouteCostUsd: Float64Array;
  readonly residuals: V2gResiduals;
}

/**
 * Evaluate `sol` for `model`. `assembledRows` are the model's base rows (activity
 * recomputed from column values for market clearing).
 * @example
 * const { residuals } = evaluateV2g(input, model, solution); residuals.traffic;
 */
export function evaluateV2g(input: V2gEquilibriumInput, model: V2gModel, sol: MarketLpSolution): V2gEvaluation {
  const { network: net, paths, stations } = input;
  const x = sol.colValue;
  const y = sol.rowDual;
  const k = input.valueOfTimeUsdPerH / 60;
  const linkTimeMin = new Float64Array(net.from.length);
  for (let a = 0; a < net.from.length; a++) {
    const c = model.linkCol[a];
    const flow = c >= 0 ? Math.max(0, x[c]) : 0;
    linkTimeMin[a] = net.freeFlowMin[a] * (1 + net.bprB[a] * Math.pow(flow / net.capacity[a], net.bprPower[a]));
  }
  const S = stations.length;
  const waitMin = Float64Array.from(stations, (s, j) =>
    stationWaitMin(Math.max(0, x[model.visitCol[j]]), s.baseWaitMin, s.waitSlopeMinPerVehPerH, s.capacityVehPerH, s.smoothingVehPerH));
  const stationPrice = Float64Array.from(model.stationRow, (r) => y[r]);
  const dlmp = Float64Array.from(model.market.balanceRow, (r) => y[r]);
  const routeMin = paths.routes.map((rs) => rs.map((r) => r.reduce((s, a) => s + linkTimeMin[a], 0)));

  const evPathCost: V2gPathCost[] = paths.paths.map((p, i) => {
    const timeUsd = k * routeMin[p.od][p.route];
    let waitUsd = 0;
    let energyUsd = 0;
    for (const st of p.stops) waitUsd += k * waitMin[st.station];
    for (let j = 0; j < S; j++) energyUsd += (stationPrice[j] * model.pathStationKwh[i * S + j]) / 1000;
    const serviceUsd = k * model.pathServiceMin[i];
    const degradationUsd = input.degradationUsdPerKwh * p.dischargedKwh;
    return { timeUsd, waitUsd, serviceUsd, energyUsd, degradationUsd, totalUsd: timeUsd + waitUsd + serviceUsd + energyUsd + degradationUsd };
  });
  const fvRouteCostUsd = new Float64Array(model.fvCol.length);
  paths.routes.forEach((rs, od) => rs.forEach((_, r) => (fvRouteCostUsd[model.fvStart[od] + r] = k * routeMin[od][r])));

  // Traffic gap.
  let excess = 0;
  let timeCost = 0;
  for (let od = 0; od < paths.ods.length; od++) {
    let minEv = Infinity;
    for (let p = paths.odStart[od]; p < paths.odStart[od + 1]; p++) minEv = Math.min(minEv, evPathCost[p].totalUsd);
    for (let p = paths.odStart[od]; p < paths.odStart[od + 1]; p++) {
      const f = Math.max(0, x[model.evCol[p]]);
      excess += f * (evPathCost[p].totalUsd - minEv);
      timeCost += f * (evPathCost[p].timeUsd + evPathCost[p].waitUsd + evPathCost[p].serviceUsd);
    }
    let minFv = Infinity;
    for (let r = model.fvStart[od]; r < model.fvStart[od + 1]; r++) minFv = Math.min(minFv, fvRouteCostUsd[r]);
    for (let r = model.fvStart[od]; r < model.fvStart[od + 1]; r++) {
      const f = Math.max(0, x[model.fvCol[r]]);
      excess += f * (fvRouteCostUsd[r] - minFv);
      timeCost += f * fvRouteCostUsd[r];
    }
  }
  const traffic = timeCost > 0 ? excess / timeCost : 0;

  const m = model.market;
  const spec = input.market;
  const pRef = Math.max(spec.importPriceUsdPerMwh, 1);
  const busOfCol = new Map<number, number>();
  m.balanceRow.forEach((_, p) => busOfCol.set(p, p));
  const kkt = (value: number, lo: number, hi: number, marginal: number, tolMw = 1e-7): number => {
    // Minimization KKT in price units: marginal ≥ 0 at lower, ≤ 0 at upper, = 0 inside.
    if (value <= lo + tolMw) return Math.max(0, -marginal);
    if (value >= hi - tolMw) return Math.max(0, marginal);
    return Math.abs(marginal);
  };
  let lseGeneration = 0;
  let genIndex = 0;
  spec.lses.forEach((lse, f) => {
    lse.generators.forEach((g, gi) => {
      const col = m.genCol[f][gi];
      const busPos = m.busIds.indexOf(g.bus);
      const mc = 2 * g.costUsdPerMw2h * x[col] + g.costUsdPerMwh;
      lseGeneration = Math.max(lseGeneration, kkt(x[col], g.pMinMw, g.pMaxMw, mc - dlmp[busPos]) / pRef);
      genIndex += 1;
    });
  });
  // Cournot sales: natural residual |S − S*(λ)| of the symmetric best response
  // S* = F(α − λ)/((F+1)β) (clamped to ≥ 0), relative to the whole retail market at
  // reference prices. (A price-unit residual is floored near 1e-5 by the LP's
  // feasibility tolerance on these small, steep markets: docs §3.)
  let lseSales = 0;
  let retailRef = 0;
  const F = spec.lses.length;
  for (let p = 0; p < m.busIds.length; p++) if (m.totalSalesCol[p] >= 0) retailRef += m.alpha[p] / m.beta[p] / (1 + spec.elasticity);
  for (let p = 0; p < m.busIds.length; p++) {
    if (m.totalSalesCol[p] < 0) continue;
    const best = Math.max(0, (F * (m.alpha[p] - dlmp[p])) / ((F + 1) * m.beta[p]));
    lseSales = Math.max(lseSales, Math.abs(x[m.totalSalesCol[p]] - best) / Math.max(retailRef, 1e-9));
  }
  let cno = 0;
  stations.forEach((s, j) => {
    const n = x[m.stationCol[j]];
    cno = Math.max(cno, kkt(n, s.pMinMw, s.pMaxMw, dlmp[m.stationBusPosition[j]] - stationPrice[j]) / pRef);
  });

  return {
    linkTimeMin, waitMin, stationPriceUsdPerMwh: stationPrice, dlmpUsdPerMwh: dlmp, evPathCost, fvRouteCostUsd,
    residuals: { traffic, lseGeneration, lseSales, cno, dso: 0, marketClearing: 0, max: Math.max(traffic, lseGeneration, lseSales, cno) },
  };
}
