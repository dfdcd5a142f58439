import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { kShortestPaths } from '../../../src/traffic/v2g/kShortestPaths.ts';
import { expandedArcs, expandedPathNodes } from '../../../src/traffic/v2g/expandedNetwork.ts';
import { generateV2gPaths, simulateV2gEnergy, type V2gEnergyModel } from '../../../src/traffic/v2g/v2gPaths.ts';

// 1 →(10 km) 2 →(10 km) 3 →(10 km) 4, and a bypass 1 →(12 km) 5 →(12 km) 4. Minutes = km.
const road = (from: number, to: number, km: number) => ({ from, to, capacity: 1000, freeFlowMin: km, lengthKm: km });
const net = buildNetwork({
  name: 'line', source: 'test',
  links: [road(1, 2, 10), road(2, 3, 10), road(3, 4, 10), road(1, 5, 12), road(5, 4, 12)],
});
const energy: V2gEnergyModel = { batteryKwh: 10, consumptionKwhPerKm: 0.2, reserveShare: 0.2, postDischargeShare: 0.3, minExchangeKwh: 0.5 };
const id = (n: number) => net.nodeIndex.get(n)!;
const links = (...pairs: [number, number][]) => pairs.map(([a, b]) => {
  for (let l = 0; l < net.from.length; l++) if (net.from[l] === id(a) && net.to[l] === id(b)) return l;
  throw new Error('no link');
});

describe('kShortestPaths (Yen)', () => {
  it('returns loopless paths cheapest first', () => {
    const paths = kShortestPaths(net, net.freeFlowMin, id(1), id(4), 5);
    expect(paths.map((p) => p.reduce((s, a) => s + net.freeFlowMin[a], 0))).toEqual([24, 30]);
  });
  it('returns nothing when the destination is unreachable', () => {
    expect(kShortestPaths(net, net.freeFlowMin, id(4), id(1), 3)).toEqual([]);
  });
});

describe('simulateV2gEnergy (A2–A4)', () => {
  const route = links([1, 2], [2, 3], [3, 4]);
  it('charges to full: 10 km used 2 kWh, so a charge at node 2 adds 2 kWh', () => {
    expect(simulateV2gEnergy(net, route, [{ afterLink: 0, action: 'charge' }], energy)).toEqual([2]);
  });
  it('discharges down to max(post level, reserve + energy to destination)', () => {
    // At node 2: 8 kWh left, 20 km (4 kWh) to go, reserve 2 kWh → keep 6 kWh, discharge 2.
    expect(simulateV2gEnergy(net, route, [{ afterLink: 0, action: 'discharge' }], energy)![0]).toBeCloseTo(2, 12);
    // Discharge at 2 then charge at 3: keep reserve + 10 km to node 3 = 4 kWh → discharge 4, then charge 10 − 2 = 8.
    const both = simulateV2gEnergy(net, route, [{ afterLink: 0, action: 'discharge' }, { afterLink: 1, action: 'charge' }], energy)!;
    expect(both[0]).toBeCloseTo(4, 12);
    expect(both[1]).toBeCloseTo(8, 12);
  });
  it('rejects a plan that arrives below the reserve', () => {
    const small = { ...energy, batteryKwh: 5 }; // 30 km use 6 kWh > 5 − 1
    expect(simulateV2gEnergy(net, route, [], small)).toBeNull();
  });
});

describe('generateV2gPaths', () => {
  const base = { ods: [{ origin: 1, destination: 4 }], stationNodes: [2, 3], kShortest: 3, maxDetourRatio: 2, energy };
  it('enumerates patterns 0, 1-1, 1-2, 2, 3, 4 with energies as fixed attributes', () => {
    const set = generateV2gPaths(net, { ...base, v2g: true });
    const patterns = new Set(set.paths.map((p) => p.pattern));
    expect([...patterns].sort()).toEqual(['0', '1-1', '1-2', '2', '3', '4']);
    for (const p of set.paths) {
      expect(p.chargedKwh).toBeCloseTo(p.stops.filter((s) => s.action === 'charge').reduce((t, s) => t + s.energyKwh, 0), 12);
      expect(p.stops.length).toBeLessThanOrEqual(2);
    }
  });
  it('without V2G only charging patterns remain', () => {
    const set = generateV2gPaths(net, { ...base, v2g: false });
    expect(set.paths.every((p) => p.dischargedKwh === 0 && ['0', '1-1', '1-2'].includes(p.pattern))).toBe(true);
  });
  it('forces a charging stop when the battery cannot cover the trip', () => {
    const set = generateV2gPaths(net, { ...base, v2g: false, energy: { ...energy, batteryKwh: 5.5, postDischargeShare: 0.5 } });
    expect(set.paths.length).toBeGreaterThan(0);
    expect(set.paths.every((p) => p.stops.length > 0)).toBe(true);
  });
  it('names the OD pair when no path is energy-feasible', () => {
    expect(() => generateV2gPaths(net, { ...base, v2g: true, energy: { ...energy, batteryKwh: 1 } })).toThrow(InputError);
    expect(() => generateV2gPaths(net, { ...base, v2g: true, energy: { ...energy, batteryKwh: 1 } })).toThrow(/ods\[0\].*1->4/);
  });
  it('rejects unknown nodes with the field name', () => {
    expect(() => generateV2gPaths(net, { ...base, v2g: true, stationNodes: [99] })).toThrow(/stationNodes\[0\] = 99/);
  });
  it('labels expanded-network nodes: k+ charge, k- discharge', () => {
    const set = generateV2gPaths(net, { ...base, v2g: true });
    const p = set.paths.find((q) => q.pattern === '4')!;
    expect(expandedPathNodes(net, set.routes[0][p.route], p).join('-')).toBe('1-2-2--3-3+-4');
    const arcs = expandedArcs(net, [2]);
    expect(arcs.filter((a) => a.virtual).map((a) => `${a.from}>${a.to}:${a.lengthKm}`).sort()).toEqual(['2+>3:10', '2->3:10', '2>2+:0', '2>2-:0']);
  });
});
