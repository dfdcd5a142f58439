/**
 * The raw result of a DistFlow LP solve (`BranchFlowSolution`, by bus position): flows, cone gaps,
 * the ℓ box branches that bind, balance and cut duals; and the empty result of a failed solve.
 */
import type { BranchFlowSolution } from './branchFlowFormulation.js';
import type { CutDuals } from './distFlowCuts.js';
import type { DistFlowLayout } from './distFlowLp.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';

/** What the assembly reads from the model that solved. */
export interface SolvedModel {
  readonly net: NetworkTemplate;
  readonly layout: DistFlowLayout;
  /** SOCP (true) or LinDistFlow (false, no cone gaps). */
  readonly withLosses: boolean;
  /** The interval's box on ℓ, pu² (branches at it are reported in `currentBoxBindingIndex`). */
  readonly currentBox: number;
}

/**
 * Assemble the solution of an optimal LP.
 *
 * @example
 * const out = distFlowSolution({ net, layout, withLosses: true, currentBox }, sol, cuts.aggregateDuals(sol.rowDual), objective, lpSolves);
 */
export function distFlowSolution(
  model: SolvedModel, sol: { colValue: Float64Array; colDual: Float64Array; rowDual: Float64Array }, duals: CutDuals, objective: number, lpSolves: number,
): BranchFlowSolution {
    const n = model.net.nBus;
    const L = model.layout;
    const x = sol.colValue;
    const nGen = model.net.genBus.length;
    const vSqPu = x.slice(L.colV, L.colV + n);
    const pFlowPu = x.slice(L.colP, L.colP + n);
    const qFlowPu = x.slice(L.colQ, L.colQ + n);
    const lSqPu = x.slice(L.colL, L.colL + n);
    const coneGapPu = new Float64Array(n);
    let maxConeGapPu = 0;
    let maxConeGapBranchIndex: number | null = null;
    const currentBoxBindingIndex: number[] = [];
    if (model.withLosses) {
      for (let b = 0; b < n; b++) {
        const a = model.net.parent[b];
        if (a < 0) continue;
        const gap = Math.abs(pFlowPu[b] ** 2 + qFlowPu[b] ** 2 - vSqPu[a] * lSqPu[b]);
        coneGapPu[b] = gap;
        if (gap > maxConeGapPu) {
          maxConeGapPu = gap;
          maxConeGapBranchIndex = model.net.branchIndex[b];
        }
        if (lSqPu[b] >= model.currentBox * (1 - 1e-9)) currentBoxBindingIndex.push(model.net.branchIndex[b]);
      }
    }
    return {
      status: 'optimal',
      objectiveUsdPerH: objective,
      lpSolves,
      maxConeGapPu,
      maxConeGapBranchIndex,
      currentBoxBindingIndex,
      vSqPu, pFlowPu, qFlowPu, lSqPu, coneGapPu,
      shedPu: x.slice(L.colShed, L.colShed + n).map((v, b) => v + x[L.colShedStation + b]),
      qInverterPu: x.slice(L.colQInv, L.colQInv + n),
      pGenPu: x.slice(L.colPg, L.colPg + nGen),
      qGenPu: x.slice(L.colQg, L.colQg + nGen),
      lambdaP: sol.rowDual.slice(L.rowBalP, L.rowBalP + n),
      lambdaQ: sol.rowDual.slice(L.rowBalQ, L.rowBalQ + n),
      mu: sol.rowDual.slice(L.rowDrop, L.rowDrop + n),
      ...duals,
      vBoundDual: sol.colDual.slice(L.colV, L.colV + n),
      genPReducedCost: sol.colDual.slice(L.colPg, L.colPg + nGen),
      genQReducedCost: sol.colDual.slice(L.colQg, L.colQg + nGen),
    };
  }

/**
 * The result of a solve without an optimal point (NaN objective, zero arrays).
 *
 * @example
 * return failedDistFlowSolution(net, 'infeasible', 'HiGHS model status 8', lpSolves);
 */
export function failedDistFlowSolution(net: NetworkTemplate, status: 'infeasible' | 'error', message: string, lpSolves: number): BranchFlowSolution {
    const n = net.nBus;
    const nGen = net.genBus.length;
    const z = (): Float64Array => new Float64Array(n);
    return {
      status, message, objectiveUsdPerH: NaN, lpSolves, maxConeGapPu: NaN, maxConeGapBranchIndex: null, currentBoxBindingIndex: [],
      vSqPu: z(), pFlowPu: z(), qFlowPu: z(), lSqPu: z(), coneGapPu: z(), shedPu: z(), qInverterPu: z(),
      pGenPu: new Float64Array(nGen), qGenPu: new Float64Array(nGen),
      lambdaP: z(), lambdaQ: z(), mu: z(), lossP: z(), lossQ: z(), lossV: z(), congP: z(), congQ: z(), vBoundDual: z(),
      genPReducedCost: new Float64Array(nGen), genQReducedCost: new Float64Array(nGen),
    };
  }
