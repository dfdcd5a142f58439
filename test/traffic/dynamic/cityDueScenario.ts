/**
 * Test and benchmark fixture: city-scale DUE cases (issue 13 item 1) built from the bundled
 * TNTP networks with three en-route stations inserted as the co-simulation does
 * (`insertStations`), and a generated 33 × 33 grid (1,089 nodes, 4,224 links).
 *
 * Choices (fixture, not a calibrated study):
 * - demand: the trip table's OD rates (veh/h) × `demandScale`, constant over the departure
 *   window (`intervals` × `intervalMin`); 10-min intervals, δ = 30 s, θ = 30 ¥/h;
 * - classes: λ = 0.05 charging, φ = 0.02 V2G (the city's share of EVs that stop en route);
 * - stations: 3 at central road nodes, each with `chargers` chargers / `ports` V2G ports
 *   sized so the stations queue at the peak but are not the city's only bottleneck,
 *   60 kW / 40 kW, 20-min service, 10-min crowding term, 2 ¥/kWh charging, 3 ¥/kWh V2G.
 */
import type { Network, OdDemand, Station } from '../../../src/traffic/network/network.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { buildNetwork, type LinkSpec } from '../../../src/traffic/network/buildNetwork.ts';
import { loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';
import type { DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';

export type CityCase = 'SiouxFalls' | 'Anaheim' | 'Grid33';

/** Station nodes per case (road nodes through which traffic may pass). */
const STATION_NODES: Record<CityCase, number[]> = {
  SiouxFalls: [10, 16, 20],
  Anaheim: [100, 250, 380],
  Grid33: [33 * 10 + 11, 33 * 16 + 17, 33 * 22 + 23],
};

function stations(nodes: number[], chargers: number, ports: number): Station[] {
  return nodes.map((node, i) => ({
    id: `CS${i + 1}`, node, chargers, v2gPorts: ports, chargeKw: 60, chargeServiceMin: 20, v2gKw: 40, v2gServiceMin: 20,
    chargeCongestionMaxMin: 10, v2gCongestionMaxMin: 10,
  }));
}

/**
 * The 33 × 33 grid: node id = 1 + row · 33 + column, two directed links per neighbouring pair
 * (1 km, 1.2 min, 1,800 veh/h, BPR 0.15/4); demand from the 16 border nodes at every
 * second position of the west and north edges to those of the east and south edges, 300 veh/h each.
 */
export function gridNetwork(): { network: Network; demand: OdDemand[] } {
  const n = 33;
  const id = (r: number, c: number) => 1 + r * n + c;
  const links: LinkSpec[] = [];
  const add = (a: number, b: number) => {
    links.push({ from: a, to: b, capacity: 1800, freeFlowMin: 1.2, lengthKm: 1 });
    links.push({ from: b, to: a, capacity: 1800, freeFlowMin: 1.2, lengthKm: 1 });
  };
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
    if (c + 1 < n) add(id(r, c), id(r, c + 1));
    if (r + 1 < n) add(id(r, c), id(r + 1, c));
  }
  const network = buildNetwork({ name: 'Grid33', source: 'test/traffic/dynamic/cityDueScenario', links });
  const west: number[] = [];
  const east: number[] = [];
  for (let r = 1; r < n; r += 4) { west.push(id(r, 0)); east.push(id(r, n - 1)); }
  for (let c = 1; c < n; c += 4) { west.push(id(0, c)); east.push(id(n - 1, c)); }
  const demand: OdDemand[] = [];
  for (const o of west) for (const d of east) demand.push({ origin: o, destination: d, vehPerH: 300 / 8 });
  return { network, demand };
}

/**
 * A city DUE scenario.
 *
 * @example
 * const sc = cityDueScenario('SiouxFalls', { demandScale: 1, intervals: 12 }); // 2 h of departures
 */
export function cityDueScenario(
  name: CityCase,
  options: { demandScale?: number; intervals?: number; stepSec?: number; chargers?: number; ports?: number } = {},
): DueScenario {
  const base = name === 'Grid33' ? gridNetwork() : loadBundledNetwork(name);
  const scale = options.demandScale ?? 1;
  const intervals = options.intervals ?? 12;
  const chargers = options.chargers ?? (name === 'Grid33' ? 40 : 400);
  const ports = options.ports ?? (name === 'Grid33' ? 20 : 200);
  const network = insertStations(base.network, stations(STATION_NODES[name], chargers, ports));
  const cells = network.stations.length * intervals;
  return {
    network,
    demand: base.demand
      .filter((d) => d.vehPerH > 0 && d.origin !== d.destination)
      .map((d) => ({ origin: d.origin, destination: d.destination, vehPerHByInterval: new Array(intervals).fill(d.vehPerH * scale) })),
    shares: { charging: 0.05, v2g: 0.02 },
    intervalMin: 10,
    intervals,
    stepSec: options.stepSec ?? 30,
    valueOfTimeYuanPerH: 30,
    prices: { chargeYuanPerKWh: new Float64Array(cells).fill(2), v2gYuanPerKWh: new Float64Array(cells).fill(3) },
    coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells) },
  };
}
