/**
 * Tangent staging with its stall guard (tangentCuts.ts): the same tangent is never staged twice
 * in a row, a different point is, and restoring a snapshot of the guards lets an undone tangent
 * be staged again. Reference: counts of staged rows, by the documented rule.
 */
import { describe, expect, it } from 'vitest';
import { CutRows } from '../../../src/grid/formulations/distFlowCutRows.ts';
import type { DistFlowLayout } from '../../../src/grid/formulations/distFlowLp.ts';
import { TangentCuts } from '../../../src/grid/formulations/tangentCuts.ts';
import type { NetworkTemplate } from '../../../src/grid/templates/networkTemplate.ts';

const layout = {
  colV: 0, colP: 2, colQ: 4, colL: 6, colShed: 8, colQInv: 10, colShedStation: 12, colPg: 14, colQg: 15, colZ: 16,
  numCols: 17, rowBalP: 0, rowBalQ: 2, rowDrop: 4, numRows: 6,
} as unknown as DistFlowLayout;
const net = {
  nBus: 2, parent: Int32Array.of(-1, 0), rateSqPu: Float64Array.of(Infinity, 4), genBus: Int32Array.of(0), genC2UsdPerHPu2: Float64Array.of(2),
} as unknown as NetworkTemplate;

describe('tangent cuts with a stall guard', () => {
  it('stages a cone, rating or cost tangent once at the same point, again at another point', () => {
    const rows = new CutRows(layout, net.nBus, false);
    const t = new TangentCuts(net, layout, rows);
    t.cone(1, 0.3, 0.1, 0.9);
    t.cone(1, 0.3, 0.1, 0.9);
    t.cone(1, 0.6, 0.2, 1.8); // same direction and |S|/v: the same tangent plane
    expect(rows.pending).toBe(1);
    t.cone(1, 0.3, 0.1, 1.0);
    t.rating(1, 1, 0);
    t.rating(1, 1, 0);
    t.rating(1, 0, 1);
    t.cost(0, 0.5);
    t.cost(0, 0.5);
    t.cost(0, 0.25);
    expect(rows.pending).toBe(6);
  });

  it('restoring a snapshot taken before a tangent lets it be staged again', () => {
    const rows = new CutRows(layout, net.nBus, false);
    const t = new TangentCuts(net, layout, rows);
    t.rating(1, 1, 0);
    const guards = t.snapshot();
    t.cone(1, 0.3, 0.1, 0.9);
    t.cost(0, 0.5);
    rows.discard();
    t.restore(guards);
    t.cone(1, 0.3, 0.1, 0.9);
    t.cost(0, 0.5);
    t.rating(1, 1, 0); // still guarded: it was staged before the snapshot
    expect(rows.pending).toBe(2);
  });
});
