/**
 * Properties of destination charging on random small networks (docs/model.md §2
 * "Destination charging"): vehicles are conserved, 0 ≤ drawing ≤ plugged in ≤ chargers at
 * every step, the home visits follow the shares (V2G-class arrivals separately), and the drawn energy equals visits × need.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { destinationVisitsByClass } from '../../../src/traffic/dynamic/destinationCharging.ts';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import type { DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';
import { networkArb } from './randomCases.ts';

const caseArb = fc.record({
  road: networkArb,
  // sized so that the network clears within the DUE's longest horizon (50 × the departure window)
  rates: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
  charging: fc.constantFrom(0.2, 0.5),
  v2g: fc.constantFrom(0, 0.1),
  chargers: fc.integer({ min: 5, max: 40 }),
  chargeKw: fc.integer({ min: 3, max: 60 }),
  dwellMin: fc.integer({ min: 2, max: 20 }),
  needFraction: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
  plugInShare: fc.constantFrom(0.3, 1),
});

describe('destination charging properties (random small networks, fast-check)', () => {
  it('conserves vehicles, keeps 0 ≤ drawing ≤ plugged in ≤ chargers, and drawn kWh = visits × need (1e-6)', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const last = Math.max(...c.road.nodeIds) - c.road.stations.length;
      const deliverable = (c.chargeKw * c.dwellMin) / 60;
      // trips not plugging in must charge en route: a share < 1 needs an en-route station
      const plugInShare = c.road.stations.length > 0 ? c.plugInShare : 1;
      const need = { charging: c.needFraction[0] * deliverable, v2g: c.needFraction[1] * deliverable };
      const network = insertStations(c.road, [{
        id: 'H', kind: 'destination', node: last, chargers: c.chargers, v2gPorts: 0, chargeKw: c.chargeKw, chargeServiceMin: c.dwellMin,
        v2gKw: 0, v2gServiceMin: 0, chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0, energyNeedKwh: need, plugInShare,
      }]);
      const nS = network.stations.length;
      const h = nS - 1;
      const v2g = c.road.stations.length > 0 ? c.v2g : 0; // V2G needs an en-route V2G link
      const scenario: DueScenario = {
        network, demand: [{ origin: 1, destination: last, vehPerHByInterval: c.rates }], shares: { charging: c.charging, v2g },
        intervalMin: 10, intervals: 3, stepSec: 60, valueOfTimeYuanPerH: 30,
        prices: { chargeYuanPerKWh: new Float64Array(nS * 3).fill(1.5), v2gYuanPerKWh: new Float64Array(nS * 3).fill(2) },
        coupons: { chargeYuanPerKWh: new Float64Array(nS * 3), v2gYuanPerVisit: new Float64Array(nS * 3) },
      };
      const due = solveDue(scenario, { gapTolerance: 1e-3, maxIterations: 30 });
      const demandVeh = c.rates.reduce((x, y) => x + y, 0) / 6;
      // conservation: every departing vehicle is on a path and the network has emptied
      const assigned = due.paths.reduce((s, p) => s + p.flowVehByInterval.reduce((x, y) => x + y, 0), 0);
      expect(assigned).toBeCloseTo(demandVeh, 6);
      expect(Math.abs(due.vehiclesOnNetworkAtEnd)).toBeLessThan(1e-6 * Math.max(1, demandVeh));
      // home visits per class follow the shares exactly
      const visits = destinationVisitsByClass(network, due.paths);
      expect(visits[h * 3 + 1]).toBeCloseTo(demandVeh * c.charging * plugInShare, 6);
      expect(visits[h * 3 + 2]).toBeCloseTo(demandVeh * v2g * plugInShare, 6);
      const arrivals = due.stationChargeArrivals.slice(h * 3, h * 3 + 3).reduce((x, y) => x + y, 0);
      expect(arrivals).toBeCloseTo(visits[h * 3 + 1] + visits[h * 3 + 2], 6);
      const v2gArrivals = due.stationChargeArrivalsV2gClass.slice(h * 3, h * 3 + 3).reduce((x, y) => x + y, 0);
      expect(v2gArrivals).toBeCloseTo(visits[h * 3 + 2], 6);
      for (let s = 0; s < h; s++) for (let t = 0; t < 3; t++) expect(due.stationChargeArrivalsV2gClass[s * 3 + t]).toBe(0);
      // bounds at every step
      const tol = 1e-9 * Math.max(1, demandVeh);
      let drawnVehSteps = 0;
      for (let k = 0; k < due.steps; k++) {
        const drawing = due.stationChargingInService[h * due.steps + k];
        const plugged = due.stationPluggedIn[h * due.steps + k];
        expect(drawing).toBeGreaterThanOrEqual(-tol);
        expect(drawing).toBeLessThanOrEqual(plugged + tol);
        expect(plugged).toBeLessThanOrEqual(c.chargers + tol);
        drawnVehSteps += drawing;
      }
      // energy: Σ_k drawing · δ · kW = Σ_c visits_c · need_c
      const drawnKwh = (drawnVehSteps * c.chargeKw) / 60; // δ = 1 min
      const expectedKwh = visits[h * 3 + 1] * need.charging + visits[h * 3 + 2] * need.v2g;
      expect(Math.abs(drawnKwh - expectedKwh)).toBeLessThanOrEqual(1e-6 * Math.max(1, expectedKwh));
    }), { numRuns: 25 });
  });
});
