/**
 * Which coupon components load the feeder, read from the design's single-coupon probes: the
 * boundary search backs these off first when the grid does not serve a combination
 * (docs/flexibility.md §3, step 3).
 */
import type { DesignProbe } from './designPoints.js';
import type { EvaluatedPoint } from './flexEvaluation.js';

/**
 * Per component, whether it raises the load the feeder must serve: its highest-level probe
 * that has a response (the OPF answered) either shed household load or curtailed EV charging,
 * or raised the stations' total net load at t* above the base (by more than `epsilonMw`).
 * A component without such a probe (none run, every one failed) counts as raising: the
 * back-off then treats it as before, scaled with the rest.
 *
 * V2G bonuses (discharge) and charge coupons that move charging away from t* usually lower
 * the load at t*; charge coupons at t* and coupons that draw drivers to a weak bus raise it.
 * A coupon that lowers the load at t* but sheds at another interval on its own is caught by
 * its probe's shedding.
 *
 * @param probes - design probes (base first), in the order of `designProbes`
 * @param evaluated - their evaluations, same order
 * @param components - m, the number of components
 * @param epsilonMw - change of the total load that counts as none [1e-6 MW]
 * @example
 * const raising = loadRaisingComponents(design.probes, design.evaluated, window.components);
 * raising[7]; // false for a V2G bonus that lowers the stations' load at t*
 */
export function loadRaisingComponents(
  probes: readonly DesignProbe[], evaluated: readonly EvaluatedPoint[], components: number, epsilonMw = 1e-6,
): boolean[] {
  const total = (p: EvaluatedPoint): number => p.netMw.reduce((a, v) => a + v, 0);
  const baseMw = total(evaluated[0]);
  const level = new Float64Array(components).fill(-1);
  const raising = new Array<boolean>(components).fill(true);
  probes.forEach((probe, i) => {
    const j = probe.component;
    const e = evaluated[i];
    if (j < 0 || e === undefined || !e.feasible || probe.level <= level[j]) return;
    level[j] = probe.level;
    raising[j] = e.rejection === 'shed' || e.rejection === 'curtailed' || total(e) - baseMw > epsilonMw;
  });
  return raising;
}
