import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { LinkKind, type Network, type Station } from '../../../src/traffic/network/network.ts';

function station(id: string, node: number, chargers = 60, v2gPorts = 40): Station {
  return { id, node, chargers, v2gPorts, chargeKw: 60, chargeServiceMin: 30, v2gKw: 40, v2gServiceMin: 30,
    chargeCongestionMaxMin: 10, v2gCongestionMaxMin: 10 };
}

/** 1→2→4, 1→3→4, 2→3 (a DAG): paths 1→4 are 1-2-4, 1-3-4, 1-2-3-4. */
function diamond(): Network {
  return buildNetwork({ name: 'diamond', source: 'test', links: [
    { from: 1, to: 2, capacity: 100, freeFlowMin: 1 },
    { from: 1, to: 3, capacity: 100, freeFlowMin: 1 },
    { from: 2, to: 4, capacity: 100, freeFlowMin: 1 },
    { from: 3, to: 4, capacity: 100, freeFlowMin: 1 },
    { from: 2, to: 3, capacity: 100, freeFlowMin: 1 },
  ] });
}

/** Enumerate link sequences from `o` to `d` (dense indices) by depth-first search (graph must be acyclic). */
function paths(net: Network, o: number, d: number): number[][] {
  if (o === d) return [[]];
  const result: number[][] = [];
  for (let p = net.outStart[o]; p < net.outStart[o + 1]; p++) {
    const a = net.outLinks[p];
    for (const rest of paths(net, net.to[a], d)) result.push([a, ...rest]);
  }
  return result;
}

describe('insertStations', () => {
  it('splits the node: k keeps in-links, the virtual node takes the out-links, three k→k′ links', () => {
    const net = insertStations(diamond(), [station('CS1', 2)]);
    const k = net.nodeIndex.get(2)!;
    const kPrime = net.stationVirtualNode[0];
    expect(net.nodeIds[kPrime]).toBe(5); // max id + 1
    expect(net.to[0]).toBe(k); // in-link 1→2 still ends at k
    expect(net.from[2]).toBe(kPrime); // out-links 2→4 and 2→3 now leave k′
    expect(net.from[4]).toBe(kPrime);
    const links = [net.stationChargeLink[0], net.stationV2gLink[0], net.stationBypassLink[0]];
    expect(links).toEqual([5, 6, 7]);
    expect(links.map((a) => net.kind[a])).toEqual([LinkKind.charge, LinkKind.v2g, LinkKind.bypass]);
    expect(links.map((a) => [net.from[a], net.to[a], net.station[a]])).toEqual([[k, kPrime, 0], [k, kPrime, 0], [k, kPrime, 0]]);
    expect(net.capacity[links[0]]).toBe(60);
    expect(net.capacity[links[1]]).toBe(40);
    expect(links.map((a) => net.freeFlowMin[a])).toEqual([0, 0, 0]);
    expect(net.stations[0].id).toBe('CS1');
  });

  it('triples the paths through the station and leaves the others unchanged', () => {
    const before = diamond();
    const after = insertStations(before, [station('CS1', 2)]);
    const o = after.nodeIndex.get(1)!;
    const d = after.nodeIndex.get(4)!;
    expect(paths(before, o, d).length).toBe(3); // 2 of them via node 2
    const all = paths(after, o, d);
    expect(all.length).toBe(1 + 2 * 3);
    const stationLinks = new Set([5, 6, 7]);
    const via = all.filter((p) => p.some((a) => stationLinks.has(a)));
    expect(via.length).toBe(6);
    // every path visiting node 2 uses exactly one station link
    const k = after.nodeIndex.get(2)!;
    for (const p of all) {
      const visits = p.filter((a) => after.to[a] === k).length;
      expect(p.filter((a) => stationLinks.has(a)).length).toBe(visits);
    }
  });

  it('trips ending at k end before the station; trips starting at k pass it', () => {
    const net = insertStations(diamond(), [station('CS1', 2)]);
    const k = net.nodeIndex.get(2)!;
    expect(paths(net, net.nodeIndex.get(1)!, k)).toEqual([[0]]);
    const fromK = paths(net, k, net.nodeIndex.get(4)!);
    expect(fromK.every((p) => net.station[p[0]] === 0)).toBe(true);
    expect(fromK.length).toBe(6);
  });

  it('keeps existing stations and appends new ones with distinct virtual nodes', () => {
    const net = insertStations(insertStations(diamond(), [station('A', 2)]), [station('B', 3)]);
    expect(net.stations.map((s) => s.id)).toEqual(['A', 'B']);
    expect(net.nodeIds[net.stationVirtualNode[1]]).toBe(6);
    expect(net.stationChargeLink[1]).toBe(8);
    expect(paths(net, net.nodeIndex.get(1)!, net.nodeIndex.get(4)!).length).toBe(3 + 3 + 3 * 3); // 1-2-4, 1-3-4, 1-2-3-4
  });

  it('is also reached through buildNetwork({ stations })', () => {
    const net = buildNetwork({ name: 'd', source: 'test', links: [{ from: 1, to: 2, capacity: 1, freeFlowMin: 1 }], stations: [station('S', 1)] });
    expect(net.from.length).toBe(4);
    expect(net.stationVirtualNode[0]).toBe(2);
  });

  it('rejects a station at an unknown node', () => {
    expect(() => insertStations(diamond(), [station('X', 99)])).toThrow(InputError);
    expect(() => insertStations(diamond(), [station('X', 99)])).toThrow('test: stations[0] (X).node = 99: unknown node');
  });

  it('rejects negative chargers and V2G ports', () => {
    expect(() => insertStations(diamond(), [station('X', 2, -1)])).toThrow('stations[0] (X).chargers = -1');
    expect(() => insertStations(diamond(), [station('X', 2, 1, -3)])).toThrow('stations[0] (X).v2gPorts = -3');
  });

  it('rejects two stations at one node and duplicate ids', () => {
    expect(() => insertStations(diamond(), [station('X', 2), station('Y', 2)])).toThrow('node already has a station');
    expect(() => insertStations(diamond(), [station('X', 2), station('X', 3)])).toThrow('duplicate station id');
  });
});
