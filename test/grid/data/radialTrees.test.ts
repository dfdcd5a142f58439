import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { radialTrees, type RadialTree } from '../../../src/grid/data/radialTrees.ts';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { branch, bus, smallFeeder, substation } from '../feederFixtures.ts';

/** Check the structural promises of one tree against the feeder. */
function checkTree(feeder: Feeder, tree: RadialTree): void {
  expect(tree.busIds[0]).toBe(tree.rootBus);
  expect(tree.parent[0]).toBe(-1);
  expect(tree.branchIndex[0]).toBe(-1);
  for (let i = 0; i < tree.busIds.length; i += 1) {
    expect(feeder.buses[tree.busPosition[i]].id).toBe(tree.busIds[i]);
    if (i === 0) continue;
    expect(tree.parent[i]).toBeGreaterThanOrEqual(0);
    expect(tree.parent[i]).toBeLessThan(i); // BFS: parents first
    const b = feeder.branches[tree.branchIndex[i]];
    const child = tree.busIds[i];
    const parentBus = tree.busIds[tree.parent[i]];
    if (tree.reversed[i]) expect([b.fromBus, b.toBus]).toEqual([child, parentBus]);
    else expect([b.fromBus, b.toBus]).toEqual([parentBus, child]);
  }
}

describe('radialTrees', () => {
  it('gives one tree rooted at the slack for case33bw, BFS order, no reversed branch', () => {
    const feeder = loadBundledFeeder('case33bw');
    const trees = radialTrees(feeder);
    expect(trees).toHaveLength(1);
    const [tree] = trees;
    expect(tree.rootBus).toBe(1);
    expect(tree.hasSlack).toBe(true);
    expect(tree.busIds).toHaveLength(33);
    expect([...tree.busIds].sort((a, b) => a - b)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect([...tree.reversed].every((r) => r === 0)).toBe(true);
    checkTree(feeder, tree);
    // Bus 18 is the end of the main trunk: its parent is 17 through branch 17 (17-18).
    const at18 = [...tree.busIds].indexOf(18);
    expect(tree.busIds[tree.parent[at18]]).toBe(17);
    expect(feeder.branches[tree.branchIndex[at18]].id).toBe(17);
  });

  it('splits case33bw into islands when branches are opened (6-7 and 2-19)', () => {
    const feeder = loadBundledFeeder('case33bw');
    // Branch 6 is 6-7 and branch 18 is 2-19 in the MATPOWER order.
    expect([feeder.branches[5].fromBus, feeder.branches[5].toBus]).toEqual([6, 7]);
    expect([feeder.branches[17].fromBus, feeder.branches[17].toBus]).toEqual([2, 19]);
    const trees = radialTrees(feeder, [6, 18]);
    expect(trees).toHaveLength(3);
    expect(trees[0].hasSlack).toBe(true);
    expect(trees.slice(1).every((t) => !t.hasSlack)).toBe(true);
    const sets = trees.map((t) => [...t.busIds].sort((a, b) => a - b));
    expect(sets[1]).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(sets[2]).toEqual([19, 20, 21, 22]);
    // No generator in the islands → lowest bus id is the root.
    expect(trees[1].rootBus).toBe(7);
    expect(trees[2].rootBus).toBe(19);
    expect(trees.reduce((s, t) => s + t.busIds.length, 0)).toBe(33);
    for (const tree of trees) checkTree(feeder, tree);
  });

  it('closing a tie with an outage elsewhere keeps the feeder radial (reconfiguration)', () => {
    const feeder = loadBundledFeeder('case33bw');
    // Tie 33 (21-8) in service, branch 7 (7-8) out: still a tree over all 33 buses.
    const tieIndex = feeder.branches.findIndex((b) => !b.inService && b.fromBus === 21 && b.toBus === 8);
    const branches = feeder.branches.map((b, i) => (i === tieIndex ? { ...b, inService: true } : b));
    const reconfigured = { ...feeder, branches };
    expect(() => radialTrees(reconfigured)).toThrow(InputError);
    const trees = radialTrees(reconfigured, [7]);
    expect(trees).toHaveLength(1);
    checkTree(reconfigured, trees[0]);
    const at8 = [...trees[0].busIds].indexOf(8);
    expect(trees[0].busIds[trees[0].parent[at8]]).toBe(21);
  });

  it('roots an island without the slack at its largest generator, and flags reversed branches', () => {
    const feeder = smallFeeder({
      // 3-2 is written against the tree orientation.
      branches: [branch(1, 1, 2), branch(2, 3, 2), branch(3, 3, 4), branch(4, 2, 5)],
      generators: [substation(1), { ...substation(4), id: 'dg4', kind: 'dg', pMaxMw: 1 }, { ...substation(3), id: 'dg3', kind: 'dg', pMaxMw: 0.5 }],
    });
    const [main] = radialTrees(feeder);
    const at3 = [...main.busIds].indexOf(3);
    expect(main.reversed[at3]).toBe(1);
    checkTree(feeder, main);

    const trees = radialTrees(feeder, [2]);
    expect(trees).toHaveLength(2);
    expect(trees[1].rootBus).toBe(4); // dg4 (1 MW) beats dg3 (0.5 MW)
    expect([...trees[1].busIds]).toEqual([4, 3]);
    expect(trees[1].reversed[1]).toBe(1); // branch 3 is 3→4, tree is 4→3: reversed
    checkTree(feeder, trees[1]);
  });

  it('makes isolated buses single-bus islands', () => {
    const feeder = smallFeeder({ buses: [...smallFeeder().buses, bus(9, 0.1)] });
    const trees = radialTrees(feeder);
    expect(trees).toHaveLength(2);
    expect([...trees[1].busIds]).toEqual([9]);
    expect(trees[1].rootBus).toBe(9);
  });

  it('throws InputError naming a cycle-closing branch and an unknown outage id', () => {
    const feeder = smallFeeder({ branches: [...smallFeeder().branches, branch(5, 4, 5)] });
    expect(() => radialTrees(feeder)).toThrow(/not radial/);
    expect(() => radialTrees(smallFeeder(), [99])).toThrow(/outagedBranches = 99/);
  });
});
