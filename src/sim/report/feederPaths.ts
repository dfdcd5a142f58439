/**
 * The feeder as paths for the voltage profile (docs/model.md §3: a radial feeder
 * oriented away from the substation): the main path from the substation to the
 * electrically farthest bus, then each lateral from the bus where it branches off to
 * its own farthest bus. Consecutive buses of a path are always joined by a branch,
 * so a profile drawn along a path never joins buses that are not connected.
 */
import type { Feeder } from '../../grid/model/feeder.js';

/** The topology the report needs. */
export interface FeederTree {
  /** Substation bus (root of the radial tree). */
  readonly rootBus: number;
  readonly branches: readonly {
    readonly id: number;
    readonly fromBus: number;
    readonly toBus: number;
    readonly rPu: number;
    readonly xPu: number;
    readonly inService: boolean;
  }[];
  /** Impedance base, Ω per pu (kV² / MVA). */
  readonly ohmPerPu: number;
}

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
 * The tree of a feeder: root at its substation connection (the first bus when none).
 *
 * @example
 * feederTree(feeder).ohmPerPu; // 16.03 for case33bw (12.66 kV, 10 MVA)
 */
export function feederTree(feeder: Pick<Feeder, 'branches' | 'generators' | 'baseKv' | 'baseMva' | 'buses'>): FeederTree {
  const substation = feeder.generators.find((g) => g.kind === 'substation');
  return {
    rootBus: substation?.bus ?? feeder.buses[0]?.id ?? 1,
    branches: feeder.branches,
    ohmPerPu: (feeder.baseKv * feeder.baseKv) / feeder.baseMva,
  };
}

/**
 * Decompose the in-service tree into paths.
 *
 * 1. Breadth-first from the root over in-service, non-outaged branches (a branch
 *    closing a loop is ignored): parent, children, distance Σ|Z| = Σ √(r² + x²) · Z_base.
 * 2. For every bus, the farthest distance reachable below it.
 * 3. From the root follow the child with the farthest reach (the main path); every
 *    other child starts a lateral that begins at its junction bus.
 *
 * @param buses - all bus ids (to list the unreachable ones).
 * @param outagedBranches - branch ids out of service in the interval drawn.
 * @example
 * feederPaths(tree, [1, …, 33], []).paths.map((p) => p.buses.at(-1)); // [18, 33, 22, 25] on case33bw
 */
export function feederPaths(tree: FeederTree, buses: readonly number[], outagedBranches: readonly number[] = []): FeederPathSet {
  const outaged = new Set(outagedBranches);
  const adjacent = new Map<number, { bus: number; ohm: number }[]>();
  const link = (a: number, b: number, ohm: number): void => {
    const list = adjacent.get(a) ?? [];
    list.push({ bus: b, ohm });
    adjacent.set(a, list);
  };
  for (const br of tree.branches) {
    if (!br.inService || outaged.has(br.id)) continue;
    const ohm = Math.hypot(br.rPu, br.xPu) * tree.ohmPerPu;
    link(br.fromBus, br.toBus, ohm);
    link(br.toBus, br.fromBus, ohm);
  }
  const distance = new Map<number, number>([[tree.rootBus, 0]]);
  const children = new Map<number, number[]>();
  const order = [tree.rootBus];
  for (let k = 0; k < order.length; k++) {
    const bus = order[k];
    for (const next of adjacent.get(bus) ?? []) {
      if (distance.has(next.bus)) continue;
      distance.set(next.bus, (distance.get(bus) ?? 0) + next.ohm);
      children.set(bus, [...(children.get(bus) ?? []), next.bus]);
      order.push(next.bus);
    }
  }
  const reach = new Map<number, number>();
  for (let k = order.length - 1; k >= 0; k--) {
    const bus = order[k];
    reach.set(bus, Math.max(distance.get(bus) ?? 0, ...(children.get(bus) ?? []).map((c) => reach.get(c) ?? 0)));
  }
  const paths: FeederPath[] = [];
  const walk = (start: number[]): void => {
    const path = [...start];
    const branchesOff: number[][] = [];
    for (;;) {
      const kids = [...(children.get(path[path.length - 1]) ?? [])].sort((a, b) => (reach.get(b) ?? 0) - (reach.get(a) ?? 0) || a - b);
      if (kids.length === 0) break;
      const junction = path[path.length - 1];
      for (const other of kids.slice(1)) branchesOff.push([junction, other]);
      path.push(kids[0]);
    }
    if (path.length > 1 || paths.length === 0) paths.push({ buses: path, distanceOhm: path.map((b) => distance.get(b) ?? 0) });
    for (const lateral of branchesOff) walk(lateral);
  };
  if (buses.includes(tree.rootBus) || adjacent.has(tree.rootBus)) walk([tree.rootBus]);
  return { paths, unreachable: buses.filter((b) => !distance.has(b)) };
}
