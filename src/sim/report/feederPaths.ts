/**
 * The feeder as paths for the voltage profile (docs/model.md §3: a radial feeder
 * oriented away from the substation): the main path from the substation to the
 * electrically farthest bus, then each lateral from the bus where it branches off to
 * its own farthest bus. Consecutive buses of a path are always joined by a branch,
 * so a profile drawn along a path never joins buses that are not connected.
 */
import { radialTrees } from '../../grid/index.js';
import type { Feeder } from '../../grid/index.js';

/** One path: buses in order, with their electrical distance |Z| from the substation, Ω. */
export interface FeederPath {
  readonly buses: readonly number[];
  readonly distanceOhm: readonly number[];
}

/** Paths and the buses no in-service branch connects to the substation. */
export interface FeederPathSet {
  /** Main path first, then laterals in depth-first order from the substation. */
  readonly paths: readonly FeederPath[];
  readonly unreachable: readonly number[];
}

/**
 * Decompose the slack island of the feeder into paths.
 *
 * 1. The slack island as a rooted tree (`radialTrees` of the grid engine: in-service,
 *    non-outaged branches, breadth-first from the slack bus); distance of each bus
 *    Σ|Z| = Σ √(r² + x²) · Z_base along its branches to the root, Ω.
 * 2. For every bus, the farthest distance reachable below it.
 * 3. From the root follow the child with the farthest reach (the main path); every
 *    other child starts a lateral that begins at its junction bus (depth first).
 *
 * @param feeder - the feeder as run (buses, branches, base kV and MVA).
 * @param outagedBranches - branch ids out of service in the interval drawn.
 * @example
 * feederPaths(case33bw).paths.map((p) => p.buses.at(-1)); // [18, 22, 25, 33]
 */
export function feederPaths(feeder: Feeder, outagedBranches: readonly number[] = []): FeederPathSet {
  const tree = radialTrees(feeder, outagedBranches).find((t) => t.hasSlack);
  const busIds = feeder.buses.map((b) => b.id);
  if (tree === undefined) return { paths: [], unreachable: busIds };
  const ohmPerPu = (feeder.baseKv * feeder.baseKv) / feeder.baseMva;
  // Tree entries are in breadth-first order (parents first): distances in one pass.
  const size = tree.busIds.length;
  const distance = new Float64Array(size);
  const children: number[][] = Array.from({ length: size }, () => []);
  for (let k = 1; k < size; k++) {
    const branch = feeder.branches[tree.branchIndex[k]];
    distance[k] = distance[tree.parent[k]] + Math.hypot(branch.rPu, branch.xPu) * ohmPerPu;
    children[tree.parent[k]].push(k);
  }
  const reach = Float64Array.from(distance);
  for (let k = size - 1; k > 0; k--) reach[tree.parent[k]] = Math.max(reach[tree.parent[k]], reach[k]);
  const paths: FeederPath[] = [];
  const walk = (start: number[]): void => {
    const path = [...start];
    const branchesOff: number[][] = [];
    for (;;) {
      const kids = [...children[path[path.length - 1]]].sort((a, b) => reach[b] - reach[a] || tree.busIds[a] - tree.busIds[b]);
      if (kids.length === 0) break;
      const junction = path[path.length - 1];
      for (const other of kids.slice(1)) branchesOff.push([junction, other]);
      path.push(kids[0]);
    }
    if (path.length > 1 || paths.length === 0) paths.push({ buses: path.map((k) => tree.busIds[k]), distanceOhm: path.map((k) => distance[k]) });
    for (const lateral of branchesOff) walk(lateral);
  };
  walk([0]);
  const reached = new Set(tree.busIds);
  return { paths, unreachable: busIds.filter((b) => !reached.has(b)) };
}
