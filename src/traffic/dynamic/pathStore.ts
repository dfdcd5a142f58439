/**
 * Column dropping of the DUE path store (issue 13 "column pooling with dropping of unused
 * paths"): a generated path that has carried no vehicle in any departure interval for
 * several iterations in a row leaves its group, so that pricing, swaps and the result stop
 * carrying it. Column generation adds it back if it becomes a group's cheapest path again.
 */
import type { DueContext } from './dueState.js';

/**
 * After a route swap: count, per path, the iterations in a row it ended without flow in
 * every interval (committed ones included, so committed paths are never dropped), and drop a
 * path from its group once the count reaches `idleLimit`, unless it is the group's only path
 * or its cheapest priced path in some free interval with demand. A dropped path keeps its
 * index in `ctx.paths` (flagged `dropped`, zero flow): indices held by checkpoints and swap
 * buffers stay valid. Returns the number of paths dropped.
 *
 * @example
 * swapRoutes(ctx, scratch, 5);
 * dropIdlePaths(ctx, 4); // e.g. 1,200 of 17,000 Sioux Falls paths after the 6th iteration
 */
export function dropIdlePaths(ctx: DueContext, idleLimit: number): number {
  const I = ctx.intervals;
  let dropped = 0;
  ctx.problem.groups.forEach((group, g) => {
    if (group.paths.length < 2) return;
    const keep: number[] = [];
    for (const p of group.paths) {
      const path = ctx.paths[p];
      let used = false;
      for (let t = 0; t < I && !used; t++) used = path.flow[t] > 0;
      path.idleIterations = used ? 0 : path.idleIterations + 1;
      if (used || path.idleIterations < idleLimit || isCheapestSomewhere(ctx, group.paths, p)) keep.push(p);
    }
    if (keep.length === group.paths.length) return;
    for (const p of group.paths) {
      if (keep.includes(p)) continue;
      const path = ctx.paths[p];
      path.dropped = true;
      ctx.pathKeys[g].delete(path.key);
      dropped++;
    }
    group.paths.length = 0;
    group.paths.push(...keep);
  });
  return dropped;
}

/** True when path p has the least priced cost of its group in some free interval with demand. */
function isCheapestSomewhere(ctx: DueContext, members: readonly number[], p: number): boolean {
  const group = ctx.problem.groups[ctx.paths[p].group];
  const cost = ctx.paths[p].cost;
  for (let t = ctx.committed; t < ctx.intervals; t++) {
    if (group.demandVeh[t] === 0) continue;
    let cheapest = true;
    for (const q of members) if (q !== p && ctx.paths[q].cost[t] < cost[t]) { cheapest = false; break; }
    if (cheapest) return true;
  }
  return false;
}
