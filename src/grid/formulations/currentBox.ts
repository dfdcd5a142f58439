/**
 * The box on ℓ (squared branch current, pu²) of the DistFlow LP, sized from the
 * feeder and the interval rather than a fixed constant (docs/model.md §3.2).
 *
 * In a radial feeder the apparent power through any branch is at most the
 * total of what can be injected or consumed in the feeder (loads, stations,
 * generator capacity, inverter and shunt reactive power), so the squared current
 * is at most that total squared over the lowest squared voltage. The box is
 * 4× that bound on |I| (16× on ℓ): it never binds at a physical point, and it
 * keeps an inexact relaxation (e.g. negative import prices, where the LP would
 * like ℓ without limit) bounded so it can be reported. Branch limits come only
 * from the data's ratings; when the box binds, the result says so
 * (`currentBoxBinding`).
 */
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';

/** Safety factor on the physical bound of |I| (the box is its square times ℓ's bound). */
const CURRENT_MARGIN = 4;

/**
 * Upper bound for every ℓ column in `interval`, pu².
 *
 * @example
 * const box = currentBoxPu(net, buildIntervalTemplate(net, {})); // ≫ any physical ℓ
 */
export function currentBoxPu(net: NetworkTemplate, interval: IntervalTemplate): number {
  let total = 0;
  let vMinSq = Infinity;
  for (let b = 0; b < net.nBus; b++) {
    total += Math.abs(interval.pDemandPu[b]) + Math.abs(interval.qDemandPu[b]) + interval.qInverterMaxPu[b];
    total += Math.abs(net.shuntGPu[b]) + Math.abs(net.shuntBPu[b]);
    if (net.vMinSqPu[b] > 0 && net.vMinSqPu[b] < vMinSq) vMinSq = net.vMinSqPu[b];
  }
  for (let g = 0; g < net.genBus.length; g++) {
    const finite = (v: number): number => (Number.isFinite(v) ? Math.abs(v) : 0);
    total += Math.max(finite(net.genPMaxPu[g]), finite(net.genPMinPu[g])) + Math.max(finite(net.genQMaxPu[g]), finite(net.genQMinPu[g]));
  }
  if (!Number.isFinite(vMinSq)) vMinSq = 1;
  const i = (CURRENT_MARGIN * total) / Math.sqrt(vMinSq);
  return Math.max(i * i, 1e-6);
}
