/**
 * Linear sensitivities of a radial LinDistFlow feeder (docs/model.md §3; seed 002 eq. 11):
 * with losses dropped, branch flows are sums of the net withdrawals in the branch's
 * subtree, and squared voltages drop by 2·Σ(r·P + x·Q)/S_base along the path from
 * the slack. This lets a first-order method (seed 002's I-FoRB) keep only generator
 * outputs as DSO variables and price flows and voltages through multipliers.
 */
import { InputError } from '../../common/errors.js';
import { radialTrees } from '../data/radialTrees.js';
import type { Feeder } from '../model/feeder.js';

/** Sensitivities of one connected radial feeder (the slack island). */
export interface DistFlowSensitivity {
  readonly busIds: Int32Array;
  /** Bus position (in `feeder.buses`) of the slack. */
  readonly slackPosition: number;
  /** Per branch index: 1 for buses (positions) in the branch's downstream subtree, dense [branch * n + bus]. */
  readonly subtree: Uint8Array;
  /** R[j * n + i] = Σ r_l (pu) over branches on both slack→j and slack→i paths; X likewise. */
  readonly commonR: Float64Array;
  readonly commonX: Float64Array;
  /** Branch index → +1 if the data's from-bus is the upstream end, −1 otherwise, 0 if not in the tree. */
  readonly orientation: Int8Array;
}

/**
 * Compute the sensitivities (one island only: outages that split the feeder are rejected).
 *
 * @throws InputError when the feeder is not a single radial island.
 * @example
 * const s = distFlowSensitivity(loadBundledFeeder('case33bw'));
 */
export function distFlowSensitivity(feeder: Feeder): DistFlowSensitivity {
  const trees = radialTrees(feeder);
  if (trees.length !== 1) throw new InputError({ source: feeder.source, field: 'branches', value: trees.length }, 'seed-002 DSO model needs one connected island');
  const tree = trees[0];
  const n = feeder.buses.length;
  const m = feeder.branches.length;
  const subtree = new Uint8Array(m * n);
  const orientation = new Int8Array(m);
  const commonR = new Float64Array(n * n);
  const commonX = new Float64Array(n * n);
  // Path (list of branch indices) from the root to each tree position, in BFS order.
  const paths: number[][] = new Array(tree.busIds.length);
  paths[0] = [];
  for (let k = 1; k < tree.busIds.length; k++) {
    const b = tree.branchIndex[k];
    paths[k] = [...paths[tree.parent[k]], b];
    orientation[b] = tree.reversed[k] === 1 ? -1 : 1;
  }
  for (let k = 0; k < tree.busIds.length; k++) {
    const i = tree.busPosition[k];
    for (const b of paths[k]) subtree[b * n + i] = 1;
  }
  for (let a = 0; a < tree.busIds.length; a++) {
    const onA = new Set(paths[a]);
    const j = tree.busPosition[a];
    for (let c = 0; c < tree.busIds.length; c++) {
      const i = tree.busPosition[c];
      let r = 0;
      let x = 0;
      for (const b of paths[c]) {
        if (!onA.has(b)) continue;
        r += feeder.branches[b].rPu;
        x += feeder.branches[b].xPu;
      }
      commonR[j * n + i] = r;
      commonX[j * n + i] = x;
    }
  }
  return { busIds: Int32Array.from(feeder.buses, (b) => b.id), slackPosition: tree.busPosition[0], subtree, commonR, commonX, orientation };
}
