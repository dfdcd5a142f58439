import { describe, expect, it } from 'vitest';
import { packCohorts, type SwapScratch } from '../../../src/traffic/dynamic/routeSwap.ts';
import { dueProblem } from '../../../src/traffic/dynamic/dueProblem.ts';
import { addPath, createDueContext } from '../../../src/traffic/dynamic/dueState.ts';
import { ndDueScenario } from './ndDueScenario.ts';

function scratch(): SwapScratch {
  return { delta: new Float64Array(0), slots: 4, queueFrom: new Int32Array(0), queueCoef: new Float64Array(0) };
}

describe('route swap: packed cohorts', () => {
  it('pack the free cohorts with 2+ paths in sweep order, with each path\'s flow, cost, links, walked slots and sensitivities', () => {
    const sc = ndDueScenario();
    const problem = dueProblem(sc);
    const ctx = createDueContext(sc, problem, 0);
    // group 0 gets two paths, group 1 one (not packed)
    const g0 = problem.groups[0];
    const a = addPath(ctx, 0, Int32Array.of(0, 1));
    const b = addPath(ctx, 0, Int32Array.of(2));
    addPath(ctx, 1, Int32Array.of(3));
    const I = ctx.intervals;
    for (let t = 0; t < I; t++) {
      ctx.paths[a].flow[t] = 10 + t;
      ctx.paths[b].flow[t] = 1;
      ctx.paths[a].cost[t] = 5 + t;
      ctx.paths[b].cost[t] = 6;
      ctx.paths[a].walkSlot.set([t, t + 9], 2 * t);
      ctx.paths[a].walkSens.set([0.1 * t, 0.2], 2 * t);
      ctx.paths[b].walkSlot[t] = t + 1;
      ctx.paths[b].walkSens[t] = 0.3;
    }
    const s = scratch();
    s.slots = 12;
    const pk = packCohorts(ctx, s);
    const withDemand = Array.from({ length: I }, (_, t) => t).filter((t) => g0.demandVeh[t] > 0);
    expect(pk.cohorts).toBe(withDemand.length);
    withDemand.forEach((t, k) => {
      expect(pk.cohortAt[k]).toBe(0 * I + t);
      const m = pk.cohortMembers[k];
      expect(pk.cohortMembers[k + 1] - m).toBe(2);
      expect([pk.memberPath[m], pk.memberPath[m + 1]]).toEqual([a, b]);
      expect([pk.memberFlow[m], pk.memberCost[m], pk.memberFlow[m + 1], pk.memberCost[m + 1]]).toEqual([10 + t, 5 + t, 1, 6]);
      const e = pk.memberFrom[m];
      expect(pk.memberFrom[m + 1] - e).toBe(2);
      expect(Array.from(pk.entryLink.subarray(e, e + 3))).toEqual([0, 1, 2]);
      // slots as walked (the swap clamps them to its δ buffer)
      expect(Array.from(pk.entryWalk.subarray(e, e + 3))).toEqual([t, t + 9, t + 1]);
      expect(pk.entrySens[e]).toBeCloseTo(0.1 * t, 12);
      expect(pk.entrySens[e + 2]).toBe(0.3);
    });
    // buffers are reused by the next packing
    const before = pk.entryLink;
    expect(packCohorts(ctx, s).entryLink).toBe(before);
  });
});
