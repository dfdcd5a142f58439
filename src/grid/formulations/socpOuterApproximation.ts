/**
 * SOCP branch-flow OPF (DistFlow with the cone relaxation `P² + Q² ≤ v·ℓ`,
 * docs/model.md §3, seed 003 §1.2 eqs. for the branch-flow model; Farivar & Low 2013)
 * solved on HiGHS by outer approximation: tangent cuts of the cone (at the
 * iterate and at the dual point, distFlowCuts.ts) are added and the LP re-solved
 * warm until every cone is within the scale-aware tolerance (relative 1e-9 of
 * P² + Q², floored at the LP feasibility tolerance; docs/model.md §3.3). Cuts are
 * kept across intervals. Where inverter Q is an interior decision, a Newton step on the
 * SOCP's KKT system (kktNewtonPoint.ts) places the tangents at the optimum of the active set.
 *
 * A point where some branch has `v·ℓ − P² − Q²` above tolerance is reported as
 * `inexact` — the relaxation is not tight there (e.g. reverse flow at negative
 * import prices) and ℓ is not a physical current; a loop that runs out of
 * `maxCutRounds` returns `cut-limit` (the last solved LP, not exact).
 */
import type { Highs } from 'highs';
import type { BranchFlowFormulation, BranchFlowFormulationFactory, FormulationOptions } from './branchFlowFormulation.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import { DistFlowModel } from './distFlowInternals.js';

/**
 * Create the SOCP outer-approximation formulation of one topology.
 *
 * @example
 * const f = createSocpOuterApproximation(highs, net, {});
 * f.update(buildIntervalTemplate(net, {}));
 * const sol = f.solve(); // sol.status 'optimal', sol.maxConeGapPu tiny when the relaxation is exact
 */
export const createSocpOuterApproximation: BranchFlowFormulationFactory = (
  highs: Highs, net: NetworkTemplate, options: FormulationOptions,
): BranchFlowFormulation => {
  const model = new DistFlowModel(highs, net, { ...options, withLosses: true });
  return {
    name: 'socp',
    update: (interval) => model.update(interval),
    solve: () => model.solve(),
    dispose: () => model.dispose(),
  };
};
