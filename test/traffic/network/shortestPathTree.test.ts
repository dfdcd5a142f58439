import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { createShortestPathTree, shortestPathTree } from '../../../src/traffic/network/shortestPathTree.ts';

/** Zones 1, 2 (no through traffic when firstThruNode = 3); 1→2 direct is slow, 1→2→... shortcut via zone 2 forbidden. */
function net(firstThruNode: number) {
  return buildNetwork({ name: 'z', source: 'test', zoneCount: 2, firstThruNode, links: [
    { from: 1, to: 2, capacity: 1, freeFlowMin: 1 },
    { from: 2, to: 4, capacity: 1, freeFlowMin: 1 },
    { from: 1, to: 3, capacity: 1, freeFlowMin: 5 },
    { from: 3, to: 4, capacity: 1, freeFlowMin: 5 },
    { from: 4, to: 2, capacity: 1, freeFlowMin: 1 },
  ] });
}

describe('shortestPathTree', () => {
  it('finds cheapest costs, predecessor links and settle order', () => {
    const n = net(1);
    const t = shortestPathTree(n, n.freeFlowMin, n.nodeIndex.get(1)!);
    expect([...t.cost]).toEqual([0, 1, 5, 2]);
    expect([...t.predLink]).toEqual([-1, 0, 2, 1]);
    expect(t.settled).toBe(4);
    expect([...t.order]).toEqual([0, 1, 3, 2]);
  });

  it('never passes through a zone below firstThruNode, but may start or end there', () => {
    const n = net(3);
    const t = shortestPathTree(n, n.freeFlowMin, n.nodeIndex.get(1)!);
    expect(t.cost[n.nodeIndex.get(4)!]).toBe(10); // not 2 via zone 2
    expect(t.cost[n.nodeIndex.get(2)!]).toBe(1); // ending at zone 2 is fine
    const fromZone2 = shortestPathTree(n, n.freeFlowMin, n.nodeIndex.get(2)!);
    expect(fromZone2.cost[n.nodeIndex.get(4)!]).toBe(1); // starting at zone 2 is fine
  });

  it('honours the rule after a station is inserted at a zone (trips from the zone still leave)', () => {
    const n = insertStations(net(3), [{ id: 'S', node: 2, chargers: 1, v2gPorts: 1, chargeKw: 1, chargeServiceMin: 1,
      v2gKw: 1, v2gServiceMin: 1, chargeCongestionMaxMin: 1, v2gCongestionMaxMin: 1 }]);
    const costs = Float64Array.from(n.freeFlowMin);
    const t = shortestPathTree(n, costs, n.nodeIndex.get(1)!);
    expect(t.cost[n.nodeIndex.get(4)!]).toBe(10);
    const fromZone2 = shortestPathTree(n, costs, n.nodeIndex.get(2)!);
    expect(fromZone2.cost[n.nodeIndex.get(4)!]).toBe(1);
    expect(n.station[fromZone2.predLink[n.stationVirtualNode[0]]]).toBe(0);
  });

  it('stops at a target with its final label and path, having settled only nodes no farther', () => {
    const n = net(1);
    const full = shortestPathTree(n, n.freeFlowMin, 0);
    const fullCost = Float64Array.from(full.cost);
    const fullPred = Int32Array.from(full.predLink);
    const t = shortestPathTree(n, n.freeFlowMin, 0, createShortestPathTree(4), n.nodeIndex.get(4)!);
    expect(t.cost[3]).toBe(fullCost[3]);
    expect(t.predLink[3]).toBe(fullPred[3]);
    expect([...t.order.slice(0, t.settled)]).toEqual([0, 1, 3]); // node 3 (cost 5) not yet settled
  });

  it('settles equal labels in node order, so ties give the same tree whatever the heap layout', () => {
    // Four equal-cost routes 1 → {2, 3, 4, 5} → 6, links listed in reverse node order.
    const spec = { name: 'ties', source: 'test', links: [5, 4, 3, 2].flatMap((m) => [
      { from: 1, to: m, capacity: 1, freeFlowMin: 1 }, { from: m, to: 6, capacity: 1, freeFlowMin: 1 }]) };
    const n = buildNetwork(spec);
    const t = shortestPathTree(n, n.freeFlowMin, n.nodeIndex.get(1)!);
    expect([...t.order]).toEqual([0, 1, 2, 3, 4, 5]);
    // Node 2 is settled first among the middle nodes, so it labels node 6 first and keeps it.
    expect(n.from[t.predLink[n.nodeIndex.get(6)!]]).toBe(n.nodeIndex.get(2)!);
  });

  it('treats Infinity as a closed link and reports unreachable nodes', () => {
    const n = net(1);
    const costs = Float64Array.from(n.freeFlowMin);
    costs[0] = Infinity;
    costs[2] = Infinity;
    const t = shortestPathTree(n, costs, n.nodeIndex.get(1)!, createShortestPathTree(4));
    expect(t.cost[1]).toBe(Infinity);
    expect(t.predLink[1]).toBe(-1);
    expect(t.settled).toBe(1);
  });
});
