/**
 * Single-class static user equilibrium (TNTP conventions).
 */
import type { Network, OdDemand } from '../network/network.js';
import { solveMultiClassUe } from './solveMultiClassUe.js';
import type { StaticUeOptions, StaticUeResult } from './ueTypes.js';

/**
 * Static traffic assignment to user equilibrium for one class, with the network's
 * TNTP generalized cost c_a = t_a(x_a) + tollFactor·toll_a + distanceFactor·length_a
 * (minutes). Station `charge`/`v2g` links are closed (traffic uses the bypass).
 *
 * Algorithm B (Dial 2006) on bushes stored as typed arrays; see `solveMultiClassUe`
 * for the steps. Convergence: relative gap (Σ x·c − Σ d·c_min) / Σ x·c ≤ `gapTarget`
 * (default 1e-8); `objective` is the Beckmann objective Σ ∫₀^{x_a} t_a + Σ m_a x_a in
 * TNTP units (minutes·veh/h). Sioux Falls gives 42.31335287107440 ×1e5 at 1e-10.
 *
 * @param demand OD demand, external node ids, veh/h (intrazonal entries are skipped)
 * @example
 * const { network, demand } = loadBundledNetwork('SiouxFalls');
 * const r = solveStaticUe(network, demand, { gapTarget: 1e-10 });
 * r.objective; // ≈ 4231335.287
 */
export function solveStaticUe(network: Network, demand: readonly OdDemand[], options: StaticUeOptions = {}): StaticUeResult {
  return solveMultiClassUe(network, [{ name: 'all', demand }], options);
}
