/**
 * LinDistFlow (Baran & Wu 1989; seeds 000/002): the DistFlow model with the
 * loss terms dropped (ℓ ≡ 0), a plain LP. Voltages follow
 * `v_b = τ²(v_a − 2(rP + xQ))` and power balances are lossless; branch ratings
 * and quadratic costs still use their outer cuts. No cone, so the cone gap is 0.
 */
import type { Highs } from 'highs';
import type { BranchFlowFormulation, BranchFlowFormulationFactory, FormulationOptions } from './branchFlowFormulation.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import { DistFlowModel } from './distFlowInternals.js';

/**
 * Create the LinDistFlow formulation of one topology.
 *
 * @example
 * const f = createLinDistFlow(highs, net, {});
 * f.update(buildIntervalTemplate(net, {}));
 * f.solve().lSqPu.every((l) => l === 0); // true
 */
export const createLinDistFlow: BranchFlowFormulationFactory = (
  highs: Highs, net: NetworkTemplate, options: FormulationOptions,
): BranchFlowFormulation => {
  const model = new DistFlowModel(highs, net, { ...options, withLosses: false });
  return {
    name: 'lindistflow',
    update: (interval) => model.update(interval),
    solve: () => model.solve(),
    dispose: () => model.dispose(),
  };
};
