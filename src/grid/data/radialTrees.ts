import { InputError } from '../../common/errors.js';
import type { Feeder } from '../model/feeder.js';
import { busIndexById } from './busIndexById.js';

/**
 * One island of a feeder as a rooted tree, in breadth-first order from its root.
 * Every array has one entry per bus of the island; entry 0 is the root.
 */
export interface RadialTree {
  /** Bus id of the root (the slack bus for the slack's island). */
  readonly rootBus: number;
  /** True for the island that holds the slack bus. */
  readonly hasSlack: boolean;
  /** Bus ids in BFS order from the root (root first). */
  readonly busIds: Int32Array;
  /** Index into `feeder.buses` for each entry of `busIds`. */
  readonly busPosition: Int32Array;
  /** Position (in `busIds`) of the parent, -1 for the root. Parents come before children. */
  readonly parent: Int32Array;
  /** Index into `feeder.branches` of the branch to the parent, -1 for the root. */
  readonly branchIndex: Int32Array;
  /** 1 when that branch's `fromBus` is the child (data orientation opposite to the tree). */
  readonly reversed: Uint8Array;
}

/**
 * Split a feeder into islands of in-service, non-outaged branches and orient each
 * island as a tree from its root (docs/model.md §3 "Stress features": islands from outages).
 *
 * 1. Index buses by id; check that every outaged branch id exists and every active
 *    branch end is a known bus.
 * 2. Label islands by BFS over active branches (buses without any active branch are
 *    single-bus islands).
 * 3. Pick each island's root: the slack bus for the slack's island; otherwise the bus
 *    of the island's generator with the largest `pMaxMw`; otherwise its lowest bus id.
 * 4. BFS from each root; a branch that reaches an already visited bus closes a cycle
 *    and is reported as non-radial.
 *
 * Trees are returned slack island first, then in the order of their lowest bus position.
 *
 * @param feeder - the feeder (bus ids, branches, generators, slack).
 * @param outagedBranches - ids (`FeederBranch.id`) of branches out of service in addition to `inService: false`.
 * @returns one `RadialTree` per island; their `busIds` partition `feeder.buses`.
 * @throws InputError naming the branch that closes a cycle, an unknown outage id or an unknown bus.
 * @example
 * const [main, ...islands] = radialTrees(feeder, [7]);
 * main.hasSlack; // true
 */
export function radialTrees(feeder: Feeder, outagedBranches: readonly number[] = []): RadialTree[] {
  const busCount = feeder.buses.length;
  const positionOf = busIndexById(feeder);
  const active = activeBranchMask(feeder, outagedBranches);
  const { start, neighbor, via } = adjacency(feeder, positionOf, active);

  // Step 2: island labels.
  const island = new Int32Array(busCount).fill(-1);
  const queue = new Int32Array(busCount);
  let islandCount = 0;
  for (let seed = 0; seed < busCount; seed += 1) {
    if (island[seed] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = seed;
    island[seed] = islandCount;
    while (head < tail) {
      const u = queue[head++];
      for (let k = start[u]; k < start[u + 1]; k += 1) {
        const w = neighbor[k];
        if (island[w] === -1) {
          island[w] = islandCount;
          queue[tail++] = w;
        }
      }
    }
    islandCount += 1;
  }

  const roots = chooseRoots(feeder, positionOf, island, islandCount);
  const slackPosition = positionOf.get(feeder.slackBus);
  const slackIsland = slackPosition === undefined ? -1 : island[slackPosition];
  const order: number[] = [];
  if (slackIsland >= 0) order.push(slackIsland);
  for (let i = 0; i < islandCount; i += 1) if (i !== slackIsland) order.push(i);

  // Step 4: orient each island from its root.
  const visited = new Uint8Array(busCount);
  const parentBranch = new Int32Array(busCount).fill(-1);
  return order.map((label) => {
    const root = roots[label];
    const positions: number[] = [root];
    const parentAt: number[] = [-1];
    visited[root] = 1;
    for (let head = 0; head < positions.length; head += 1) {
      const u = positions[head];
      for (let k = start[u]; k < start[u + 1]; k += 1) {
        const b = via[k];
        if (b === parentBranch[u]) continue;
        const w = neighbor[k];
        if (visited[w]) throw cycleError(feeder, b);
        visited[w] = 1;
        parentBranch[w] = b;
        positions.push(w);
        parentAt.push(head);
      }
    }
    const n = positions.length;
    const tree = {
      rootBus: feeder.buses[root].id,
      hasSlack: label === slackIsland,
      busIds: new Int32Array(n),
      busPosition: Int32Array.from(positions),
      parent: Int32Array.from(parentAt),
      branchIndex: new Int32Array(n),
      reversed: new Uint8Array(n),
    };
    for (let i = 0; i < n; i += 1) {
      const p = positions[i];
      tree.busIds[i] = feeder.buses[p].id;
      tree.branchIndex[i] = i === 0 ? -1 : parentBranch[p];
      if (i > 0) tree.reversed[i] = feeder.branches[parentBranch[p]].fromBus === feeder.buses[p].id ? 1 : 0;
    }
    return tree;
  });
}

function activeBranchMask(feeder: Feeder, outagedBranches: readonly number[]): Uint8Array {
  const active = new Uint8Array(feeder.branches.length);
  const indexById = new Map<number, number>();
  feeder.branches.forEach((branch, i) => {
    active[i] = branch.inService ? 1 : 0;
    indexById.set(branch.id, i);
  });
  for (const id of outagedBranches) {
    const i = indexById.get(id);
    if (i === undefined) {
      throw new InputError(
        { source: feeder.source, field: 'outagedBranches', value: id },
        `no branch has this id (branch ids are ${describeIds(feeder.branches.map((b) => b.id))})`,
      );
    }
    active[i] = 0;
  }
  return active;
}

/** CSR adjacency over active branches: neighbors of bus position u are neighbor[start[u]..start[u+1]). */
function adjacency(feeder: Feeder, positionOf: Map<number, number>, active: Uint8Array) {
  const busCount = feeder.buses.length;
  const ends: Array<[number, number, number]> = [];
  feeder.branches.forEach((branch, b) => {
    if (!active[b]) return;
    const f = positionOf.get(branch.fromBus);
    const t = positionOf.get(branch.toBus);
    if (f === undefined || t === undefined) {
      throw new InputError(
        { source: feeder.source, field: `branch ${branch.id}: ${f === undefined ? 'fromBus' : 'toBus'}`, value: f === undefined ? branch.fromBus : branch.toBus },
        'unknown bus',
      );
    }
    ends.push([f, t, b]);
  });
  const start = new Int32Array(busCount + 1);
  for (const [f, t] of ends) {
    start[f + 1] += 1;
    if (t !== f) start[t + 1] += 1;
  }
  for (let u = 0; u < busCount; u += 1) start[u + 1] += start[u];
  const fill = start.slice(0, busCount);
  const neighbor = new Int32Array(start[busCount]);
  const via = new Int32Array(start[busCount]);
  for (const [f, t, b] of ends) {
    neighbor[fill[f]] = t;
    via[fill[f]++] = b;
    // A self-loop is listed once; BFS then sees its own (visited) bus and reports a cycle.
    if (t !== f) {
      neighbor[fill[t]] = f;
      via[fill[t]++] = b;
    }
  }
  return { start, neighbor, via };
}

function chooseRoots(feeder: Feeder, positionOf: Map<number, number>, island: Int32Array, islandCount: number): Int32Array {
  const roots = new Int32Array(islandCount).fill(-1);
  const bestPMaxMw = new Float64Array(islandCount).fill(-Infinity);
  // Lowest bus id per island by default.
  feeder.buses.forEach((bus, p) => {
    const r = roots[island[p]];
    if (r === -1 || bus.id < feeder.buses[r].id) roots[island[p]] = p;
  });
  for (const gen of feeder.generators) {
    const p = positionOf.get(gen.bus);
    if (p === undefined) continue;
    // Strictly larger keeps the first generator on ties, so the choice is deterministic.
    if (gen.pMaxMw > bestPMaxMw[island[p]]) {
      bestPMaxMw[island[p]] = gen.pMaxMw;
      roots[island[p]] = p;
    }
  }
  const slack = positionOf.get(feeder.slackBus);
  if (slack !== undefined) roots[island[slack]] = slack;
  return roots;
}

function cycleError(feeder: Feeder, branchIndex: number): InputError {
  const branch = feeder.branches[branchIndex];
  return new InputError(
    { source: feeder.source, field: `branch ${branch.id} (bus ${branch.fromBus} - bus ${branch.toBus})`, value: 'in service' },
    'closes a cycle among in-service branches: the feeder is not radial (open a tie or declare it out of service)',
  );
}

function describeIds(ids: readonly number[]): string {
  if (ids.length === 0) return 'none';
  return ids.length <= 12 ? ids.join(', ') : `${ids.slice(0, 12).join(', ')}, …`;
}
