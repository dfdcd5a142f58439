/**
 * Column dropping of the DUE path store (`dropIdlePaths`, issue 13 item 1): which paths leave a
 * group, and that a dropped path can come back through `addPath`.
 */
import { describe, expect, it } from 'vitest';
import { dueProblem } from '../../../src/traffic/dynamic/dueProblem.ts';
import { addPath, createDueContext } from '../../../src/traffic/dynamic/dueState.ts';
import { dropIdlePaths } from '../../../src/traffic/dynamic/pathStore.ts';
import { ndDueScenario } from './ndDueScenario.ts';

describe('dropIdlePaths', () => {
  it('drops a path only after `idleLimit` flowless iterations in a row, never the cheapest of an interval or a group\'s last path', () => {
    const scenario = ndDueScenario();
    const ctx = createDueContext(scenario, dueProblem(scenario));
    const g = 0;
    const used = addPath(ctx, g, Int32Array.of(0, 1));
    const idle = addPath(ctx, g, Int32Array.of(2, 3));
    const cheapIdle = addPath(ctx, g, Int32Array.of(4, 5));
    const lone = addPath(ctx, 1, Int32Array.of(6));
    const I = ctx.intervals;
    ctx.paths[used].flow.fill(1);
    ctx.paths[used].cost.fill(10);
    ctx.paths[idle].cost.fill(12);
    ctx.paths[cheapIdle].cost.fill(11);
    ctx.paths[cheapIdle].cost[I - 1] = 9; // cheapest in the last interval (the group has demand there)
    ctx.paths[lone].cost.fill(5);
    expect(ctx.problem.groups[g].demandVeh[I - 1]).toBeGreaterThan(0);

    expect(dropIdlePaths(ctx, 3)).toBe(0);
    expect(dropIdlePaths(ctx, 3)).toBe(0);
    // a vehicle on the idle path resets its count
    ctx.paths[idle].flow[2] = 0.5;
    expect(dropIdlePaths(ctx, 3)).toBe(0);
    ctx.paths[idle].flow[2] = 0;
    expect(dropIdlePaths(ctx, 3)).toBe(0);
    expect(dropIdlePaths(ctx, 3)).toBe(0);
    expect(dropIdlePaths(ctx, 3)).toBe(1);
    expect(ctx.problem.groups[g].paths).toEqual([used, cheapIdle]);
    expect(ctx.paths[idle].dropped).toBe(true);
    expect(ctx.problem.groups[1].paths).toEqual([lone]);

    // column generation may add it back: a new entry, the old index stays reserved
    const back = addPath(ctx, g, Int32Array.of(2, 3));
    expect(back).toBe(ctx.paths.length - 1);
    expect(back).not.toBe(idle);
    expect(ctx.problem.groups[g].paths).toEqual([used, cheapIdle, back]);
  });
});
