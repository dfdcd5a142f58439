/**
 * Distribution locational marginal prices (DLMPs) and their decomposition into
 * energy, loss, congestion, voltage and scarcity parts (docs/model.md §3 "DLMP"; the structure of
 * Papavasiliou 2018, "Analysis of distribution locational marginal prices",
 * IEEE Trans. Smart Grid 9(5), eqs. for the branch-flow KKT conditions).
 *
 * The DLMP of a bus is the dual of its balance row. Along every branch a→b the
 * stationarity of the flow columns P_b, Q_b and of the voltage column v_b give
 *
 *   λP_b = λP_a − 2 r_b μ_b − cP_b          (cP: Σ dual·coefficient of P_b in cone/rating cuts)
 *   λQ_b = λQ_a − 2 x_b μ_b − cQ_b
 *   −G_b λP_b + B_b λQ_b + μ_b/τ_b² − Σ_children μ_c = −d_v,b − e_b
 *
 * (μ: voltage-drop duals, d_v: reduced cost of v_b = voltage-limit dual, e_b:
 * Σ dual·coefficient of v_b in the children's cone cuts). These are linear with
 * a square, tree-structured system once the root prices are fixed, so each
 * component is the solution for its own right-hand side:
 * - energy: the root's marginal generator cost, no other input;
 * - loss: the cone-cut duals (cP, cQ, e) — the marginal losses;
 * - congestion: the rating-cut duals (branch ratings only);
 * - voltage: the voltage-limit duals d_v;
 * - scarcity: the limit dual of the resource that prices the island at its root — the
 *   root generator's P/Q bound (substation import limits; a DG or PV unit at Pmax/Qmax
 *   when it roots an island), or, at a root without a generator, the reactive limit
 *   |Q| ≤ √(S² − P²) of its station inverters (their Q costs nothing, so a non-zero
 *   reactive root price there is all scarcity).
 * By linearity the five parts add up to the balance-row dual, which is what a
 * test checks; no part is computed as a remainder. Resources away from the root
 * (a DG at its limit in mid-feeder) are priced through the network terms that bind
 * because of them: their limits do not enter the stationarity of P, Q, v.
 */
import type { BranchFlowSolution } from '../formulations/branchFlowFormulation.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';

/** DLMPs and components by bus position: active in $/MWh, reactive in $/MVArh. */
export interface DlmpBreakdown {
  readonly dlmpP: Float64Array;
  readonly dlmpQ: Float64Array;
  readonly energyP: Float64Array;
  readonly lossP: Float64Array;
  readonly congestionP: Float64Array;
  readonly voltageP: Float64Array;
  readonly scarcityP: Float64Array;
  readonly energyQ: Float64Array;
  readonly lossQ: Float64Array;
  readonly congestionQ: Float64Array;
  readonly voltageQ: Float64Array;
  readonly scarcityQ: Float64Array;
}

/**
 * Decompose the balance-row duals of `sol` into their five components.
 *
 * Steps: 1. backward pass (leaves to root) eliminating μ_b as an affine function
 * of the parent's prices; 2. for each component, a forward pass from the island
 * root with that component's root price and inputs; 3. islands without any
 * resource get the shedding penalty as DLMP (all energy) — their duals are
 * degenerate since everything is shed; 4. convert $/h per pu to $/MWh.
 *
 * @example
 * const d = decomposeDlmp(net, interval, sol);
 * d.dlmpP[b] ≈ d.energyP[b] + d.lossP[b] + d.congestionP[b] + d.voltageP[b] + d.scarcityP[b];
 */
export function decomposeDlmp(net: NetworkTemplate, interval: IntervalTemplate, sol: BranchFlowSolution): DlmpBreakdown {
  const n = net.nBus;
  const base = net.baseMva;
  const bP = new Float64Array(n);
  const bQ = new Float64Array(n);
  const uP = new Float64Array(n);
  const uQ = new Float64Array(n);
  const den = new Float64Array(n);
  // 1. RHS-independent elimination coefficients (children before parents).
  for (let k = n - 1; k >= 0; k--) {
    const b = net.order[k];
    const a = net.parent[b];
    uP[b] += -net.shuntGPu[b];
    uQ[b] += net.shuntBPu[b];
    if (a < 0) continue;
    den[b] = 1 / net.tauSq[b] - 2 * net.rPu[b] * uP[b] - 2 * net.xPu[b] * uQ[b];
    bP[b] = -uP[b] / den[b];
    bQ[b] = -uQ[b] / den[b];
    uP[a] -= bP[b];
    uQ[a] -= bQ[b];
  }

  // Root prices: energy = marginal cost of the root's resource, scarcity = its limit dual.
  const nIsl = net.islandRoot.length;
  const energyRootP = new Float64Array(nIsl);
  const energyRootQ = new Float64Array(nIsl);
  const scarcityRootP = new Float64Array(nIsl);
  const scarcityRootQ = new Float64Array(nIsl);
  for (let t = 0; t < nIsl; t++) {
    const root = net.islandRoot[t];
    let g = -1;
    for (let i = 0; i < net.genBus.length; i++) {
      if (net.genBus[i] === root && (g < 0 || net.genIsSubstation[i])) g = i;
    }
    if (g >= 0) {
      // Reduced cost of p_g = c_g − λ: non-zero only at a limit (the scarcity rent, sign flipped).
      const dP = sol.genPReducedCost[g];
      const dQ = sol.genQReducedCost[g];
      scarcityRootP[t] = -dP;
      scarcityRootQ[t] = -dQ;
      energyRootP[t] = sol.lambdaP[root] + dP;
      energyRootQ[t] = sol.lambdaQ[root] + dQ;
      continue;
    }
    energyRootP[t] = sol.lambdaP[root];
    if (interval.qInverterMaxPu[root] > 0) {
      // The inverter's Q column has cost 0 and reduced cost −λQ: its bound is what prices Q here.
      scarcityRootQ[t] = sol.lambdaQ[root];
    } else {
      energyRootQ[t] = sol.lambdaQ[root];
    }
  }

  const zeros = new Float64Array(n);
  const negVoltage = new Float64Array(n);
  for (let b = 0; b < n; b++) negVoltage[b] = net.parent[b] < 0 ? 0 : -sol.vBoundDual[b];
  const solveFor = (rootP: Float64Array, rootQ: Float64Array, cP: Float64Array, cQ: Float64Array, rhsV: Float64Array, e: Float64Array): [Float64Array, Float64Array] =>
    propagate(net, { bP, bQ, uP, uQ, den }, rootP, rootQ, cP, cQ, rhsV, e);

  const noRoot = new Float64Array(nIsl);
  const [energyP, energyQ] = solveFor(energyRootP, energyRootQ, zeros, zeros, zeros, zeros);
  const [lossP, lossQ] = solveFor(noRoot, noRoot, sol.lossP, sol.lossQ, zeros, sol.lossV);
  const [congestionP, congestionQ] = solveFor(noRoot, noRoot, sol.congP, sol.congQ, zeros, zeros);
  const [voltageP, voltageQ] = solveFor(noRoot, noRoot, zeros, zeros, negVoltage, zeros);
  const [scarcityP, scarcityQ] = solveFor(scarcityRootP, scarcityRootQ, zeros, zeros, zeros, zeros);

  const dlmpP = new Float64Array(n);
  const dlmpQ = new Float64Array(n);
  const penalty = net.shedCostUsdPerHPu;
  for (let b = 0; b < n; b++) {
    if (interval.islandWithoutResources[net.island[b]]) {
      energyP[b] = penalty;
      lossP[b] = congestionP[b] = voltageP[b] = scarcityP[b] = 0;
      energyQ[b] = lossQ[b] = congestionQ[b] = voltageQ[b] = scarcityQ[b] = 0;
      dlmpP[b] = penalty;
      dlmpQ[b] = 0;
    } else {
      dlmpP[b] = sol.lambdaP[b];
      dlmpQ[b] = sol.lambdaQ[b];
    }
  }
  for (const arr of [dlmpP, dlmpQ, energyP, lossP, congestionP, voltageP, scarcityP, energyQ, lossQ, congestionQ, voltageQ, scarcityQ]) {
    for (let b = 0; b < n; b++) arr[b] /= base;
  }
  return { dlmpP, dlmpQ, energyP, lossP, congestionP, voltageP, scarcityP, energyQ, lossQ, congestionQ, voltageQ, scarcityQ };
}

interface Elimination {
  bP: Float64Array;
  bQ: Float64Array;
  uP: Float64Array;
  uQ: Float64Array;
  den: Float64Array;
}

/** Solve the tree system for one right-hand side: backward for the affine offsets a_b, forward for prices. */
function propagate(
  net: NetworkTemplate, el: Elimination, rootP: Float64Array, rootQ: Float64Array,
  cP: Float64Array, cQ: Float64Array, rhsV: Float64Array, e: Float64Array,
): [Float64Array, Float64Array] {
  const n = net.nBus;
  const offset = new Float64Array(n); // a_b
  const sumChildOffset = new Float64Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const b = net.order[k];
    const a = net.parent[b];
    if (a < 0) continue;
    const r = rhsV[b] - e[b] + sumChildOffset[b];
    offset[b] = (r + el.uP[b] * cP[b] + el.uQ[b] * cQ[b]) / el.den[b];
    sumChildOffset[a] += offset[b];
  }
  const lamP = new Float64Array(n);
  const lamQ = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const b = net.order[k];
    const a = net.parent[b];
    if (a < 0) {
      lamP[b] = rootP[net.island[b]];
      lamQ[b] = rootQ[net.island[b]];
      continue;
    }
    const mu = offset[b] + el.bP[b] * lamP[a] + el.bQ[b] * lamQ[a];
    lamP[b] = lamP[a] - 2 * net.rPu[b] * mu - cP[b];
    lamQ[b] = lamQ[a] - 2 * net.xPu[b] * mu - cQ[b];
  }
  return [lamP, lamQ];
}
