import type { Feeder, FeederBranch } from '../model/feeder.js';
import { radialTrees } from './radialTrees.js';

/**
 * Return a copy of a feeder whose in-service branches point away from their island's
 * root (`fromBus` = the end nearer the substation), as `feeder.ts` promises readers do.
 *
 * 1. Build the radial trees (no outages).
 * 2. For each tree branch whose `fromBus` is the child, swap its ends. A fixed ratio
 *    `a` at the old to-end becomes an ideal transformer at the new *from*-end; moving
 *    it across the series impedance gives the exact equivalent at the new to-end:
 *    ratio `1/a` and impedance `z·a²` (then `v_to = (1/a)²·(v_from − 2(rP+xQ) + |z|²ℓ)`
 *    reproduces the original voltages and currents).
 * 3. Branches out of service keep their data orientation.
 *
 * @param feeder - a radial feeder (call `validateFeeder` first or expect its errors).
 * @returns the same feeder when nothing needs flipping, else a copy with flipped branches.
 * @example
 * const oriented = orientFeeder(feeder);
 * radialTrees(oriented)[0].reversed.every((r) => r === 0); // true
 */
export function orientFeeder(feeder: Feeder): Feeder {
  const flip = new Uint8Array(feeder.branches.length);
  let any = false;
  for (const tree of radialTrees(feeder)) {
    for (let i = 1; i < tree.busIds.length; i += 1) {
      if (tree.reversed[i]) {
        flip[tree.branchIndex[i]] = 1;
        any = true;
      }
    }
  }
  if (!any) return feeder;
  const branches = feeder.branches.map((branch, b): FeederBranch => {
    if (!flip[b]) return branch;
    const a = branch.ratio;
    return {
      ...branch,
      fromBus: branch.toBus,
      toBus: branch.fromBus,
      rPu: branch.rPu * a * a,
      xPu: branch.xPu * a * a,
      ratio: 1 / a,
    };
  });
  return { ...feeder, branches };
}
