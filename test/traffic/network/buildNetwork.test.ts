import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { buildNetwork, type LinkSpec } from '../../../src/traffic/network/buildNetwork.ts';
import { LinkKind } from '../../../src/traffic/network/network.ts';

const triangle: LinkSpec[] = [
  { from: 10, to: 20, capacity: 100, freeFlowMin: 1 },
  { from: 20, to: 30, capacity: 200, freeFlowMin: 2, bprB: 0.5, bprPower: 2, toll: 3, lengthKm: 4, linkType: 2 },
  { from: 10, to: 30, capacity: 300, freeFlowMin: 5 },
  { from: 30, to: 10, capacity: 300, freeFlowMin: 5 },
];

describe('buildNetwork', () => {
  it('numbers nodes densely in ascending id order and keeps link order', () => {
    const net = buildNetwork({ name: 't', source: 'test', links: triangle });
    expect([...net.nodeIds]).toEqual([10, 20, 30]);
    expect(net.nodeIndex.get(30)).toBe(2);
    expect([...net.from]).toEqual([0, 1, 0, 2]);
    expect([...net.to]).toEqual([1, 2, 2, 0]);
    expect(net.bprB[0]).toBe(0.15);
    expect(net.bprPower[0]).toBe(4);
    expect(net.bprB[1]).toBe(0.5);
    expect(net.toll[1]).toBe(3);
    expect(net.linkType[1]).toBe(2);
    expect([...net.station]).toEqual([-1, -1, -1, -1]);
    expect([...net.kind]).toEqual([0, 0, 0, 0]);
    expect(net.zoneCount).toBe(3);
    expect(net.firstThruNode).toBe(1);
  });

  it('builds a CSR forward star listing each node’s out-links', () => {
    const net = buildNetwork({ name: 't', source: 'test', links: triangle });
    const out = (i: number) => [...net.outLinks.subarray(net.outStart[i], net.outStart[i + 1])];
    expect(out(0)).toEqual([0, 2]);
    expect(out(1)).toEqual([1]);
    expect(out(2)).toEqual([3]);
    expect(net.outStart[3]).toBe(4);
  });

  it('keeps isolated nodes given in `nodes`', () => {
    const net = buildNetwork({ name: 't', source: 'test', links: triangle, nodes: [10, 20, 30, 40] });
    expect(net.nodeIds.length).toBe(4);
    expect(net.outStart[4] - net.outStart[3]).toBe(0);
  });

  it.each([
    ['negative capacity', { capacity: -1 }, 'links[0].capacity = -1'],
    ['negative time', { freeFlowMin: -2 }, 'links[0].freeFlowMin = -2'],
    ['NaN time', { freeFlowMin: Number.NaN }, 'links[0].freeFlowMin = NaN'],
    ['self-loop', { to: 10 }, 'links[0].to = 10'],
    ['bad kind', { kind: 'ferry' }, 'links[0].kind = "ferry"'],
    ['bad node id', { from: 1.5 }, 'links[0].from = 1.5'],
  ])('rejects %s with an InputError naming source, field and value', (_name, patch, text) => {
    const links = [{ ...triangle[0], ...patch } as LinkSpec, ...triangle.slice(1)];
    expect(() => buildNetwork({ name: 't', source: 'my.tntp', links })).toThrow(InputError);
    expect(() => buildNetwork({ name: 't', source: 'my.tntp', links })).toThrow(`my.tntp: ${text}`);
  });

  it('rejects a link to a node outside `nodes`', () => {
    expect(() => buildNetwork({ name: 't', source: 'x', links: triangle, nodes: [10, 20] })).toThrow('links[1].to = 30: unknown node');
  });

  it('takes pre-wired station links as they are', () => {
    const station = { id: 'S', node: 20, chargers: 2, v2gPorts: 1, chargeKw: 50, chargeServiceMin: 20, v2gKw: 40,
      v2gServiceMin: 20, chargeCongestionMaxMin: 5, v2gCongestionMaxMin: 5 };
    const net = buildNetwork({ name: 't', source: 'x', stations: [station], links: [
      { from: 1, to: 2, capacity: 10, freeFlowMin: 1 },
      { from: 2, to: 3, kind: 'charge', station: 0, capacity: 2, freeFlowMin: 0 },
      { from: 2, to: 3, kind: 'bypass', station: 0, capacity: 99, freeFlowMin: 0 },
    ] });
    expect(net.kind[1]).toBe(LinkKind.charge);
    expect(net.stationChargeLink[0]).toBe(1);
    expect(net.stationBypassLink[0]).toBe(2);
    expect(net.stationV2gLink[0]).toBe(-1);
    expect(net.stationVirtualNode[0]).toBe(2);
    expect(net.nodeIds.length).toBe(3);
  });

  it('rejects a station index out of range', () => {
    expect(() => buildNetwork({ name: 't', source: 'x', links: [{ from: 1, to: 2, capacity: 1, freeFlowMin: 1, kind: 'charge', station: 0 }] }))
      .toThrow('links[0].station = 0');
  });
});
