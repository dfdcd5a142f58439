/**
 * Test and benchmark fixture: Nguyen-Dupuis (bundled) with three stations and the
 * 17:00–19:00 evening peak of docs/model.md §6 in 12 ten-minute intervals.
 *
 * Choices (fixture, not the reference scenario's calibration): stations CS1–CS3 at
 * road nodes 6, 9 and 11 (one on each corridor toward the destinations), 60 chargers
 * / 40 V2G ports, 60 kW / 40 kW, 30-min service, 10-min crowding term; λ = 0.2,
 * φ = 0.1; θ = 30 ¥/h; 2 ¥/kWh charging, 3 ¥/kWh V2G, no coupons. The OD rates
 * (1→2 400, 1→3 800, 4→2 600, 4→3 200 veh/h) follow a peak profile 0.6…1.5 times
 * `demandScale` (default 0.3: the peak loads the origins' exit links near
 * capacity, so queues form and clear; at 1.0 the origins could not discharge
 * their demand for hours under point queues).
 */
import type { Station } from '../../../src/traffic/network/network.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';
import type { DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';

export const ND_PEAK_PROFILE = [0.6, 0.8, 1, 1.2, 1.4, 1.5, 1.5, 1.4, 1.2, 1, 0.8, 0.6];

export function ndStations(): Station[] {
  return [6, 9, 11].map((node, i) => ({
    id: `CS${i + 1}`, node, chargers: 60, v2gPorts: 40, chargeKw: 60, chargeServiceMin: 30, v2gKw: 40, v2gServiceMin: 30,
    chargeCongestionMaxMin: 10, v2gCongestionMaxMin: 10,
  }));
}

export function ndDueScenario(options: { stepSec?: number; demandScale?: number } = {}): DueScenario {
  const { network, demand } = loadBundledNetwork('NguyenDupuis');
  const withStations = insertStations(network, ndStations());
  const intervals = 12;
  const scale = options.demandScale ?? 0.3;
  const cells = withStations.stations.length * intervals;
  return {
    network: withStations,
    demand: demand.map((d) => ({ origin: d.origin, destination: d.destination, vehPerHByInterval: ND_PEAK_PROFILE.map((p) => p * scale * d.vehPerH) })),
    shares: { charging: 0.2, v2g: 0.1 },
    intervalMin: 10,
    intervals,
    stepSec: options.stepSec ?? 30,
    valueOfTimeYuanPerH: 30,
    prices: { chargeYuanPerKWh: new Float64Array(cells).fill(2), v2gYuanPerKWh: new Float64Array(cells).fill(3) },
    coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells) },
  };
}
