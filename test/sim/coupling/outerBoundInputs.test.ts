import { describe, expect, it } from 'vitest';
import { outerBoundInputs } from '../../../src/sim/coupling/outerBoundInputs.ts';
import { readScenarioFile, resolveScenario } from '../../../src/sim/index.ts';

const FILE = 'scenarios/nguyen-dupuis-ieee33-evening-peak.json';

/** All-pairs free-flow minutes by Floyd–Warshall on the link arrays (independent of the Dijkstra used by the code). */
function floydWarshall(net: ReturnType<typeof resolveScenario>['network']): Float64Array {
  const n = net.nodeIds.length;
  const d = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (let a = 0; a < net.from.length; a++) d[net.from[a] * n + net.to[a]] = Math.min(d[net.from[a] * n + net.to[a]], net.freeFlowMin[a]);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = Math.min(d[i * n + j], d[i * n + k] + d[k * n + j]);
  return d;
}

describe('outerBoundInputs on the reference scenario at t* = 6', () => {
  const { scenario, baseDir, file } = readScenarioFile(FILE);
  const inputs = outerBoundInputs(scenario, baseDir, file, 6);

  it('should split every OD departure of intervals 0…6 into charging (λ) and V2G (φ) vehicles, π = 0.4 of those ending at a home station plugging in there (1e-9 veh)', () => {
    const { demand } = resolveScenario(scenario, baseDir, file);
    const perH = (t: number): number => demand.reduce((acc, d) => acc + d.vehPerHByInterval[t], 0);
    let departures = 0;
    for (let t = 0; t <= 6; t++) departures += (perH(t) * 10) / 60;
    const sum = (pred: (g: (typeof inputs.groups)[number]) => boolean): number => inputs.groups.filter(pred).reduce((acc, g) => acc + g.vehicles, 0);
    // every trip of the reference ends at node 2 or 3, both home stations: charging = λ·(1 − π) en route + λ·π at home
    expect(sum((g) => g.userClass === 'charging')).toBeCloseTo(0.2 * departures, 9);
    expect(sum((g) => g.userClass === 'v2g' && g.link === 'v2g')).toBeCloseTo(0.1 * departures, 9);
    expect(sum((g) => g.userClass === 'v2g' && g.link === 'charge')).toBeCloseTo(0.1 * 0.4 * departures, 9);
    expect(sum((g) => g.userClass === 'charging' && g.freeFlowMinToStation[3] === null && g.freeFlowMinToStation[4] === null)).toBeCloseTo(0.2 * 0.6 * departures, 9);
    expect(Math.max(...inputs.groups.map((g) => g.departureInterval))).toBe(6);
  });

  it('should give the free-flow minutes origin → station node of an all-pairs shortest path (1e-9 min), en-route stations for en-route groups only', () => {
    const { network } = resolveScenario(scenario, baseDir, file);
    const d = floydWarshall(network);
    const n = network.nodeIds.length;
    for (const g of inputs.groups) {
      const o = network.nodeIndex.get(g.origin) as number;
      g.freeFlowMinToStation.forEach((t, s) => {
        const st = scenario.stations[s];
        const home = st.kind === 'destination';
        const enRouteGroup = g.link === 'v2g' || g.freeFlowMinToStation.some((x, k) => x !== null && scenario.stations[k].kind !== 'destination');
        if (home && (enRouteGroup || st.node !== g.destination)) expect(t).toBeNull();
        if (!home && !enRouteGroup) expect(t).toBeNull();
        if (t !== null) expect(Math.abs(t - d[o * n + (network.nodeIndex.get(st.node) as number)])).toBeLessThan(1e-9);
      });
    }
  });

  it('should read the feeder of t*: load scale 0.96 (the scenario\'s ramp at 18:00), no outages, stations with their servers and powers', () => {
    expect(inputs.loadScale).toBeCloseTo(0.96, 12);
    expect(inputs.outagedBranches).toEqual([]);
    expect(inputs.stations.map((s) => [s.id, s.bus, s.chargers, s.v2gPorts])).toEqual([
      ['CS1', 22, 60, 40], ['CS2', 16, 60, 40], ['CS3', 30, 60, 40], ['H2', 25, 200, 0], ['H3', 4, 200, 0],
    ]);
    // home drawing time = need / kW: 12 kWh / 7.4 kW and 15 kWh / 7.4 kW, in minutes
    expect(inputs.stations[3].chargeDrawMinByClass.charging).toBeCloseTo((12 / 7.4) * 60, 9);
    expect(inputs.stations[3].chargeDrawMinByClass.v2g).toBeCloseTo((15 / 7.4) * 60, 9);
    expect(inputs.stations[0].chargeDrawMinByClass.charging).toBe(20);
  });

  it('should refuse a t* outside the window', () => {
    expect(() => outerBoundInputs(scenario, baseDir, file, 12)).toThrow(/timeIndex/);
  });
});
