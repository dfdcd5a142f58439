/**
 * Destination stations in `insertStations` (docs/model.md §2 "Destination charging"): one
 * charge link k → k* into a sink, k left unsplit, and the boundary checks of
 * `validateStation` for destination records.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { LinkKind, type Network, type Station } from '../../../src/traffic/network/network.ts';

/** 1→2, 2→3, 1→3 (links 0, 1, 2). */
function triangle(): Network {
  return buildNetwork({ name: 'tri', source: 'test', links: [
    { from: 1, to: 2, capacity: 100, freeFlowMin: 1 },
    { from: 2, to: 3, capacity: 100, freeFlowMin: 1 },
    { from: 1, to: 3, capacity: 100, freeFlowMin: 3 },
  ] });
}

function home(node: number, over: Partial<Station> = {}): Station {
  return {
    id: `H${node}`, kind: 'destination', node, chargers: 20, v2gPorts: 0, chargeKw: 7, chargeServiceMin: 120,
    v2gKw: 0, v2gServiceMin: 0, chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0, energyNeedKwh: { charging: 10, v2g: 14 }, ...over,
  };
}

function enRoute(node: number): Station {
  return { id: `CS${node}`, node, chargers: 5, v2gPorts: 5, chargeKw: 50, chargeServiceMin: 20, v2gKw: 30, v2gServiceMin: 20,
    chargeCongestionMaxMin: 5, v2gCongestionMaxMin: 5 };
}

describe('insertStations with a destination station', () => {
  it('appends one charge link k → k* into a new sink and leaves k and its out-links alone', () => {
    const net = insertStations(triangle(), [home(2)]);
    const k = net.nodeIndex.get(2)!;
    const sink = net.stationVirtualNode[0];
    expect(net.nodeIds[sink]).toBe(4); // max id + 1
    expect(net.from.length).toBe(4);
    const a = net.stationChargeLink[0];
    expect(a).toBe(3);
    expect([net.kind[a], net.from[a], net.to[a], net.station[a], net.capacity[a], net.freeFlowMin[a]])
      .toEqual([LinkKind.charge, k, sink, 0, 20, 0]);
    expect(net.stationV2gLink[0]).toBe(-1);
    expect(net.stationBypassLink[0]).toBe(-1);
    expect(net.from[1]).toBe(k); // 2→3 still leaves node 2
    expect(net.outStart[sink + 1] - net.outStart[sink]).toBe(0); // the sink has no out-links
    expect(net.stations[0].kind).toBe('destination');
  });

  it('mixes with en-route stations: the later one gets the next node id and links', () => {
    const net = insertStations(triangle(), [enRoute(2), home(3)]);
    expect(net.from.length).toBe(3 + 3 + 1);
    expect(net.stationChargeLink[1]).toBe(6);
    expect(net.nodeIds[net.stationVirtualNode[1]]).toBe(5);
    expect(net.from[6]).toBe(net.nodeIndex.get(3)!);
  });

  it.each([
    ['a dwell of 0', { chargeServiceMin: 0 }, 'test: stations[0] (H2).chargeServiceMin = 0: the dwell of a destination station must be > 0'],
    ['V2G ports', { v2gPorts: 3 }, 'test: stations[0] (H2).v2gPorts = 3: a destination station has no V2G ports (must be 0)'],
    ['a need above chargeKw · dwell / 60', { energyNeedKwh: { charging: 14.5, v2g: 1 } },
      'test: stations[0] (H2).energyNeedKwh.charging = 14.5: exceeds what the dwell can deliver: chargeKw · dwell / 60 = 14 kWh'],
    ['a missing need', { energyNeedKwh: undefined }, 'test: stations[0] (H2).energyNeedKwh.charging: must be a finite number ≥ 0 for a destination station'],
    ['a plug-in share of 0', { plugInShare: 0 }, 'test: stations[0] (H2).plugInShare = 0: must be in (0, 1]'],
  ])('rejects %s with one InputError naming the field and value', (_name, over, message) => {
    expect(() => insertStations(triangle(), [home(2, over)])).toThrow(InputError);
    expect(() => insertStations(triangle(), [home(2, over)])).toThrow(message);
  });

  it('accepts a need equal to what the dwell delivers (7 kW · 2 h = 14 kWh)', () => {
    expect(() => insertStations(triangle(), [home(2, { energyNeedKwh: { charging: 14, v2g: 14 } })])).not.toThrow();
  });
});
