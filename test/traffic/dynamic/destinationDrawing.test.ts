/**
 * Destination charging in the DUE outputs (docs/model.md §2 "Destination charging"): the
 * drawing series on a 2-node case traced by hand from the loading rules of
 * `loadNetworkDynamic` (one-step links, FIFO servers, service time = dwell).
 */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import type { Station } from '../../../src/traffic/network/network.ts';
import { destinationDrawingSteps, drawingMin } from '../../../src/traffic/dynamic/destinationCharging.ts';
import { loadNetworkDynamic } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';

/** Home station: 2 chargers, 60 kW, dwell 10 min; charging needs 5 kWh (5 min), V2G 2 kWh (2 min). */
const HOME: Station = {
  id: 'H2', kind: 'destination', node: 2, chargers: 2, v2gPorts: 0, chargeKw: 60, chargeServiceMin: 10,
  v2gKw: 0, v2gServiceMin: 0, chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0, energyNeedKwh: { charging: 5, v2g: 2 },
};

function twoNodes() {
  const road = buildNetwork({ name: 'two', source: 'test', links: [{ from: 1, to: 2, capacity: 1e6, freeFlowMin: 1 }] });
  return insertStations(road, [HOME]);
}

describe('destination drawing series', () => {
  it('drawing minutes = need / kW · 60 per class (exact)', () => {
    expect(drawingMin(HOME, 1)).toBe(5);
    expect(drawingMin(HOME, 2)).toBe(2);
    expect(drawingMin(HOME, 0)).toBe(0);
  });

  it('matches the hand-traced drawing and plugged-in counts on 1 → 2 → sink, 1-min steps (1e-12)', () => {
    const net = twoNodes();
    const a = net.stationChargeLink[0];
    const links = Int32Array.of(0, a);
    // one vehicle each: charging in step 0, V2G in step 1, charging in step 2 (queues: 2 chargers)
    const paths = [
      { links, departureVehByStep: Float64Array.of(1, 0, 1), classCode: 1 },
      { links, departureVehByStep: Float64Array.of(0, 1, 0), classCode: 2 },
    ];
    const steps = 30;
    const dnl = loadNetworkDynamic(net, paths, { stepSec: 60, horizonSteps: steps });
    const drawing = destinationDrawingSteps(net, dnl, paths, steps);
    // Hand trace: service starts S(3) = 1 (charging), S(4) = 2 (V2G), the third vehicle waits for
    // the first to leave at 13 (dwell 10): S(13) = 3. Charging draws 5 steps after its start,
    // V2G 2 steps.
    const expected = new Array(steps).fill(0);
    for (const k of [3, 6, 7, 13, 14, 15, 16, 17]) expected[k] = 1;
    for (const k of [4, 5]) expected[k] = 2;
    drawing.forEach((v, k) => expect(v, `step ${k}`).toBeCloseTo(expected[k], 12));
    // plugged in S − D: 1 at 3, 2 from 4 to 13, 1 from 14 to 22, 0 from 23
    const W = dnl.steps + 1;
    const plugged = (k: number) => dnl.linkCumServiceStart[a * W + k] - dnl.linkCumOut[a * W + k];
    const expectedPlugged = (k: number) => (k < 3 ? 0 : k === 3 ? 1 : k <= 13 ? 2 : k <= 22 ? 1 : 0);
    for (let k = 0; k < steps; k++) expect(plugged(k), `step ${k}`).toBeCloseTo(expectedPlugged(k), 12);
  });

  it('STA: drawing = rate × need / kW (Little\'s law), plugged in = rate × dwell, per interval, below the chargers (1e-9)', () => {
    // 100 chargers: the 25 and 50 occupied stay below the hard server limit (staServers.test.ts covers the queue)
    const net = insertStations(buildNetwork({ name: 'two', source: 'test', links: [{ from: 1, to: 2, capacity: 1e6, freeFlowMin: 1 }] }), [{ ...HOME, chargers: 100 }]);
    const cells = 2;
    const due = solveDue({
      network: net, demand: [{ origin: 1, destination: 2, vehPerHByInterval: [300, 600] }], shares: { charging: 0.5, v2g: 0 },
      intervalMin: 10, intervals: 2, stepSec: 60, valueOfTimeYuanPerH: 30, propagation: 'instantaneous',
      prices: { chargeYuanPerKWh: new Float64Array(cells).fill(1), v2gYuanPerKWh: new Float64Array(cells) },
      coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells) },
    });
    // charging trips 150 and 300 veh/h plug in; each draws 5 min and occupies a charger 10 min
    expect(due.stationChargingInServiceByInterval[0]).toBeCloseTo((150 * 5) / 60, 9);
    expect(due.stationChargingInServiceByInterval[1]).toBeCloseTo((300 * 5) / 60, 9);
    expect(due.stationChargingInService[0]).toBeCloseTo(12.5, 9);
    expect(due.stationChargingInService[10]).toBeCloseTo(25, 9);
    expect(due.stationPluggedIn[0]).toBeCloseTo((150 * 10) / 60, 9);
    expect(due.stationPluggedIn[19]).toBeCloseTo((300 * 10) / 60, 9);
  });
});
