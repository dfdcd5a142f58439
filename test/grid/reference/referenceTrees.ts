/**
 * Islands and tree orientation for the conic reference, written from the feeder data alone
 * (no project tree code): in-service, non-outaged branches split the buses into islands;
 * each island is a tree rooted at the slack bus (its island), else at the bus of the island's
 * generator with the largest P_max, else at its lowest bus id (docs/model.md §3.1–3.2).
 */
import type { Feeder } from '../../../src/grid/model/feeder.ts';

/** One bus position's place in its island tree. */
export interface ReferenceTree {
  /** Parent bus position, −1 at an island root. */
  readonly parent: Int32Array;
  /** Index into `feeder.branches` of the branch to the parent, −1 at a root. */
  readonly branchIndex: Int32Array;
  /** 1 when the branch's data `fromBus` is the child (tree against data orientation). */
  readonly reversed: Uint8Array;
  /** Island number of each bus position; root position of each island. */
  readonly island: Int32Array;
  readonly roots: number[];
  /** Bus positions, parents before children. */
  readonly order: number[];
}

/**
 * Orient `feeder` minus `outagedBranches` as rooted trees.
 *
 * @throws Error when active branches close a cycle (the reference needs a radial network).
 * @example
 * const t = referenceTrees(feeder, [7]);
 * t.roots.length; // number of islands
 */
export function referenceTrees(feeder: Feeder, outagedBranches: readonly number[] = []): ReferenceTree {
  const n = feeder.buses.length;
  const pos = new Map(feeder.buses.map((b, i) => [b.id, i]));
  const out = new Set(outagedBranches);
  const adj: [number, number][][] = Array.from({ length: n }, () => []);
  feeder.branches.forEach((br, k) => {
    if (!br.inService || out.has(br.id)) return;
    const f = pos.get(br.fromBus);
    const t = pos.get(br.toBus);
    if (f === undefined || t === undefined) throw new Error(`reference: branch ${br.id} joins an unknown bus`);
    adj[f].push([t, k]);
    adj[t].push([f, k]);
  });
  // Islands by flood fill.
  const island = new Int32Array(n).fill(-1);
  const members: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (island[s] >= 0) continue;
    const id = members.length;
    const list = [s];
    island[s] = id;
    for (let h = 0; h < list.length; h++) {
      for (const [w] of adj[list[h]]) {
        if (island[w] < 0) {
          island[w] = id;
          list.push(w);
        }
      }
    }
    members.push(list);
  }
  // Roots: slack, else largest-P_max generator bus (first on ties), else lowest bus id.
  const roots = members.map((list) => list.reduce((best, b) => (feeder.buses[b].id < feeder.buses[best].id ? b : best), list[0]));
  const bestPMax = members.map(() => -Infinity);
  for (const g of feeder.generators) {
    const b = pos.get(g.bus);
    if (b === undefined) throw new Error(`reference: generator ${g.id} at unknown bus ${g.bus}`);
    if (g.pMaxMw > bestPMax[island[b]]) {
      bestPMax[island[b]] = g.pMaxMw;
      roots[island[b]] = b;
    }
  }
  const slack = pos.get(feeder.slackBus);
  if (slack === undefined) throw new Error(`reference: slack bus ${feeder.slackBus} not in the feeder`);
  roots[island[slack]] = slack;

  const parent = new Int32Array(n).fill(-1);
  const branchIndex = new Int32Array(n).fill(-1);
  const reversed = new Uint8Array(n);
  const seen = new Uint8Array(n);
  const order: number[] = [];
  for (const root of roots) {
    const queue = [root];
    seen[root] = 1;
    for (let h = 0; h < queue.length; h++) {
      const u = queue[h];
      order.push(u);
      for (const [w, k] of adj[u]) {
        if (k === branchIndex[u]) continue;
        if (seen[w]) throw new Error(`reference: branch ${feeder.branches[k].id} closes a cycle`);
        seen[w] = 1;
        parent[w] = u;
        branchIndex[w] = k;
        reversed[w] = feeder.branches[k].fromBus === feeder.buses[w].id ? 1 : 0;
        queue.push(w);
      }
    }
  }
  return { parent, branchIndex, reversed, island, roots, order };
}
