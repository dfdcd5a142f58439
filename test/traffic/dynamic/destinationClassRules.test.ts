/**
 * Class rules with destination stations (docs/model.md §2 "Destination charging"): a
 * charging trip ending at a destination station charges there and nowhere else, a V2G trip
 * discharges en route and then recharges at home, regular trips end at the road node;
 * `plugInShare` splits the trips ending there; zone nodes still reach their home chargers.
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { LinkKind, type Network, type Station } from '../../../src/traffic/network/network.ts';
import { dueProblem } from '../../../src/traffic/dynamic/dueProblem.ts';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import type { DueResult, DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';

const CS: Station = { id: 'CS', node: 2, chargers: 50, v2gPorts: 50, chargeKw: 50, chargeServiceMin: 10, v2gKw: 30, v2gServiceMin: 10,
  chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0 };

function home(node: number, plugInShare?: number): Station {
  return { id: 'H', kind: 'destination', node, chargers: 100, v2gPorts: 0, chargeKw: 7, chargeServiceMin: 60, v2gKw: 0, v2gServiceMin: 0,
    chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0, energyNeedKwh: { charging: 5, v2g: 7 }, ...(plugInShare === undefined ? {} : { plugInShare }) };
}

/** 1 → 2 → 3 (links 0, 1), CS at 2 (links 2 charge, 3 v2g, 4 bypass), home at 3 (link 5). */
function line(plugInShare?: number): Network {
  const road = buildNetwork({ name: 'line', source: 'test', links: [
    { from: 1, to: 2, capacity: 3000, freeFlowMin: 2 },
    { from: 2, to: 3, capacity: 3000, freeFlowMin: 2 },
  ] });
  return insertStations(road, [CS, home(3, plugInShare)]);
}

function scenario(network: Network, origin: number, destination: number, shares = { charging: 0.3, v2g: 0.2 }): DueScenario {
  const cells = network.stations.length * 2;
  return {
    network, demand: [{ origin, destination, vehPerHByInterval: [300, 300] }], shares, intervalMin: 10, intervals: 2, stepSec: 60,
    valueOfTimeYuanPerH: 30,
    prices: { chargeYuanPerKWh: new Float64Array(cells).fill(1), v2gYuanPerKWh: new Float64Array(cells).fill(2) },
    coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells) },
  };
}

const kinds = (net: Network, links: Int32Array) =>
  Array.from(links, (a) => `${['road', 'charge', 'v2g', 'bypass'][net.kind[a]]}${net.station[a] >= 0 ? `@${net.stations[net.station[a]].id}` : ''}`);

function usedPaths(due: DueResult, net: Network) {
  return due.paths.filter((p) => p.flowVehByInterval.some((f) => f > 1e-12))
    .map((p) => ({ userClass: p.userClass, destination: p.destination, kinds: kinds(net, p.links).join(' '), veh: p.flowVehByInterval.reduce((x, y) => x + y, 0) }))
    .sort((a, b) => a.userClass.localeCompare(b.userClass) || a.kinds.localeCompare(b.kinds));
}

describe('destination stations in the DUE class rules', () => {
  it('charging ends with the home charge link only, V2G discharges en route then charges at home, regular ends at the node', () => {
    const net = line();
    const due = solveDue(scenario(net, 1, 3), { gapTolerance: 1e-6 });
    // 100 vehicles over two 10-min intervals at 300 veh/h: regular 50, charging 30, V2G 20 (exact shares)
    const used = usedPaths(due, net);
    expect(used.map(({ veh, ...rest }) => rest)).toEqual([
      { userClass: 'charging', destination: 5, kinds: 'road bypass@CS road charge@H' },
      { userClass: 'regular', destination: 3, kinds: 'road bypass@CS road' },
      { userClass: 'v2g', destination: 5, kinds: 'road v2g@CS road charge@H' },
    ]);
    expect(used.map((p) => p.veh)).toEqual([expect.closeTo(30, 9), expect.closeTo(50, 9), expect.closeTo(20, 9)]);
    expect(due.vehiclesOnNetworkAtEnd).toBeCloseTo(0, 9);
  });

  it('plugInShare 0.25 sends a quarter of the charging and V2G trips home, the rest keeps today\'s rules (1e-9)', () => {
    const net = line(0.25);
    const groups = dueProblem(scenario(net, 1, 3)).groups;
    const sink = net.stationVirtualNode[1];
    const byEnd = groups.map((g) => ({ classCode: g.classCode, home: g.destination === sink, veh: g.demandVeh[0] + g.demandVeh[1] }));
    expect(byEnd).toEqual([
      { classCode: 0, home: false, veh: expect.closeTo(50, 9) },
      { classCode: 1, home: true, veh: expect.closeTo(7.5, 9) },
      { classCode: 1, home: false, veh: expect.closeTo(22.5, 9) },
      { classCode: 2, home: true, veh: expect.closeTo(5, 9) },
      { classCode: 2, home: false, veh: expect.closeTo(15, 9) },
    ]);
    const used = usedPaths(solveDue(scenario(net, 1, 3), { gapTolerance: 1e-6 }), net).map((p) => p.kinds);
    expect(used).toContain('road charge@CS road'); // the trips not plugging in charge en route
    expect(used).toContain('road bypass@CS road charge@H');
  });

  it('trips to other nodes never use the home charge link', () => {
    const net = line();
    const due = solveDue(scenario(net, 1, 2, { charging: 0, v2g: 0 }), { gapTolerance: 1e-6 });
    for (const p of due.paths) expect(Array.from(p.links).some((a) => a === net.stationChargeLink[1])).toBe(false);
    expect(due.stationChargeArrivals[1 * 2] + due.stationChargeArrivals[1 * 2 + 1]).toBe(0);
  });

  it('a destination that is a zone (id < firstThruNode) still reaches its home chargers', () => {
    const road = buildNetwork({ name: 'zones', source: 'test', firstThruNode: 3, links: [
      { from: 1, to: 3, capacity: 3000, freeFlowMin: 2 },
      { from: 3, to: 2, capacity: 3000, freeFlowMin: 2 },
    ] });
    const net = insertStations(road, [home(2)]);
    const due = solveDue(scenario(net, 1, 2, { charging: 0.5, v2g: 0 }), { gapTolerance: 1e-6 });
    const charging = due.paths.filter((p) => p.userClass === 'charging');
    expect(charging.map((p) => kinds(net, p.links).join(' '))).toEqual(['road road charge@H']);
    expect(net.kind[charging[0].links[2]]).toBe(LinkKind.charge);
  });
});
