/**
 * STA station physics (docs/model.md §2 "Static special cases"): hard servers and a carried
 * FIFO queue, as in the dynamic loading. Reference values: a fine-grid simulation of the
 * fluid queue written here, and hand-computed capacities.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { LinkKind, type Station } from '../../../src/traffic/network/network.ts';
import { fluidMeanQueue, occupancyWeights, staStationService } from '../../../src/traffic/dynamic/staStationQueue.ts';
import { linkEconomics } from '../../../src/traffic/dynamic/linkCostModel.ts';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import type { DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';
import { runCosim } from '../../../src/sim/index.ts';
import { staScenario } from '../../../src/flex/sweep/staScenario.ts';

/** En-route station on 1 → 2 → 3 (5 chargers, 20-min charging; 4 V2G ports, 45-min V2G), and a road bypass 1 → 3. */
const STATION: Station = {
  id: 'CS', node: 2, chargers: 5, v2gPorts: 4, chargeKw: 50, chargeServiceMin: 20, v2gKw: 20, v2gServiceMin: 45,
  chargeCongestionMaxMin: 10, v2gCongestionMaxMin: 10,
};

function scenario(ratesVehPerH: number[], intervalMin = 30): DueScenario {
  const road = buildNetwork({
    name: 'line', source: 'test', links: [
      { from: 1, to: 2, capacity: 1e5, freeFlowMin: 2 }, { from: 2, to: 3, capacity: 1e5, freeFlowMin: 2 },
      { from: 1, to: 3, capacity: 1e5, freeFlowMin: 5 },
    ],
  });
  const network = insertStations(road, [STATION]);
  const I = ratesVehPerH.length;
  return {
    network, demand: [{ origin: 1, destination: 3, vehPerHByInterval: ratesVehPerH }], shares: { charging: 0.5, v2g: 0.3 },
    intervalMin, intervals: I, stepSec: 60, valueOfTimeYuanPerH: 30, propagation: 'instantaneous',
    prices: { chargeYuanPerKWh: new Float64Array(I).fill(0.2), v2gYuanPerKWh: new Float64Array(I).fill(2) },
    coupons: { chargeYuanPerKWh: new Float64Array(I), v2gYuanPerVisit: new Float64Array(I) },
  };
}

/** Independent fluid queue: 10,000 sub-steps, FIFO, rate μ; mean queue over the interval. */
function simulatedMeanQueue(q0: number, arrivals: number, mu: number, T: number): number {
  const n = 10_000;
  const dt = T / n;
  let q = q0;
  let area = 0;
  for (let i = 0; i < n; i++) {
    const before = q;
    q = Math.max(0, q + (arrivals / T - mu) * dt);
    area += ((before + q) / 2) * dt;
  }
  return area / T;
}

describe('STA hard servers', () => {
  it('fluid mean queue matches a 10,000-step simulation (1e-3 veh) over random start queues, arrivals and rates', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 50, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }),
      fc.double({ min: 0.05, max: 5, noNaN: true }), fc.constantFrom(10, 30, 60),
      (q0, arrivals, mu, T) => {
        expect(Math.abs(fluidMeanQueue(q0, arrivals, mu, T) - simulatedMeanQueue(q0, arrivals, mu, T))).toBeLessThan(1e-3 * (1 + q0 + arrivals));
      },
    ), { numRuns: 200 });
  });

  it('occupancy weights: 20 min in 30 → [2/3], 45 in 30 → [1, 0.5], 180 in 30 → six 1s (exact)', () => {
    expect(occupancyWeights(20, 30)).toEqual([20 / 30]);
    expect(occupancyWeights(45, 30)).toEqual([1, 0.5]);
    expect(occupancyWeights(180, 30)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('random demands: no interval with more vehicles in service than servers; arrivals = served + carried queue (1e-9)', () => {
    const base = scenario([1, 1, 1, 1]);
    const econ = linkEconomics(base);
    const net = base.network;
    const stationLinks = [...net.kind.keys()].filter((a) => net.kind[a] === LinkKind.charge || net.kind[a] === LinkKind.v2g);
    fc.assert(fc.property(fc.array(fc.array(fc.double({ min: 0, max: 80, noNaN: true }), { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 2 }), (rows) => {
      const flow = new Float64Array(net.from.length * 4);
      stationLinks.forEach((a, j) => rows[j].forEach((v, t) => { flow[a * 4 + t] = v; }));
      const svc = staStationService(net, econ, flow);
      for (const a of stationLinks) {
        let arrived = 0;
        let served = 0;
        for (let t = 0; t < 4; t++) {
          const i = a * 4 + t;
          arrived += flow[i];
          served += svc.servedVeh[i];
          expect(svc.inServiceVeh[i]).toBeLessThanOrEqual(econ.servers[a] + 1e-9);
          expect(Math.abs(arrived - served - svc.queueEndVeh[i])).toBeLessThan(1e-9 * (1 + arrived));
          expect(svc.waitMin[i]).toBeGreaterThanOrEqual(0);
        }
      }
    }), { numRuns: 200 });
  });

  it('hand case: 5 chargers × 30 / 20 min = 7.5 starts per interval; 20 arrivals in interval 0 leave 12.5 queued, then drain (1e-12)', () => {
    const base = scenario([1, 1, 1]);
    const econ = linkEconomics(base);
    const a = base.network.stationChargeLink[0];
    const flow = new Float64Array(base.network.from.length * 3);
    flow[a * 3] = 20;
    const svc = staStationService(base.network, econ, flow);
    expect([...svc.servedVeh.subarray(a * 3, a * 3 + 3)]).toEqual([7.5, 7.5, 5]);
    expect([...svc.queueEndVeh.subarray(a * 3, a * 3 + 3)]).toEqual([12.5, 5, 0]);
    expect(svc.inServiceVeh[a * 3]).toBeCloseTo(5, 12); // 7.5 × 20 / 30
    // 45-min V2G on 4 ports: a start in interval 0 holds a port all of 0 and half of 1
    const v = base.network.kind.findIndex((k) => k === LinkKind.v2g);
    const f2 = new Float64Array(base.network.from.length * 3);
    f2[v * 3] = 10;
    const s2 = staStationService(base.network, econ, f2);
    expect([...s2.servedVeh.subarray(v * 3, v * 3 + 3)].map((x) => +x.toFixed(12))).toEqual([4, 2, 3]);
    expect([...s2.inServiceVeh.subarray(v * 3, v * 3 + 3)].map((x) => +x.toFixed(12))).toEqual([4, 4, 4]);
  });

  it('the STA DUE under overload converges, keeps in-service ≤ servers, and the queue wait diverts drivers (1e-9)', () => {
    // Two stations: A (5 chargers) on the short route 1 → 2 → 3, B (50 chargers) on 1 → 4 → 3, 15 min longer.
    // Crowding alone costs at most t_max = 10 min, so only the priced queue wait can send chargers to B.
    const road = buildNetwork({
      name: 'two routes', source: 'test', links: [
        { from: 1, to: 2, capacity: 1e5, freeFlowMin: 2 }, { from: 2, to: 3, capacity: 1e5, freeFlowMin: 2 },
        { from: 1, to: 4, capacity: 1e5, freeFlowMin: 10 }, { from: 4, to: 3, capacity: 1e5, freeFlowMin: 9 },
      ],
    });
    const A: Station = { ...STATION, id: 'A', v2gPorts: 0, v2gKw: 0, v2gServiceMin: 0 };
    const B: Station = { ...A, id: 'B', node: 4, chargers: 50 };
    const network = insertStations(road, [A, B]);
    const I = 4;
    const cells = 2 * I;
    const due = solveDue({
      network, demand: [{ origin: 1, destination: 3, vehPerHByInterval: [120, 240, 60, 0] }], shares: { charging: 0.5, v2g: 0 },
      intervalMin: 30, intervals: I, stepSec: 60, valueOfTimeYuanPerH: 30, propagation: 'instantaneous',
      prices: { chargeYuanPerKWh: new Float64Array(cells).fill(0.2), v2gYuanPerKWh: new Float64Array(cells) },
      coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells) },
    }, { gapTolerance: 1e-4 });
    expect(due.converged).toBe(true);
    for (let t = 0; t < I; t++) {
      expect(due.stationChargingInServiceByInterval[t]).toBeLessThanOrEqual(A.chargers + 1e-9);
      expect(due.stationChargingInServiceByInterval[I + t]).toBeLessThanOrEqual(B.chargers + 1e-9);
    }
    // interval 1: 60 charging trips; A starts at most 5 × 30 / 20 = 7.5 per interval, so most choose B
    expect(due.stationChargeArrivals[I + 1]).toBeGreaterThan(30);
    expect(due.stationChargeArrivals[1]).toBeGreaterThan(0);
  });
});

describe('STA reference scenario', () => {
  it('the co-simulation of the STA reference converges in every interval, with in-service ≤ servers', async () => {
    const { scenario: reference } = readScenarioFile();
    const sta = staScenario(reference);
    const r = await runCosim(sta);
    expect(r.intervals.length).toBeGreaterThan(0);
    for (const it of r.intervals) {
      expect(it.dueConverged).toBe(true);
      sta.stations.forEach((st, s) => {
        expect(it.chargingInServiceVeh[s]).toBeLessThanOrEqual(st.chargers + 1e-9);
        expect(it.v2gInServiceVeh[s]).toBeLessThanOrEqual(('v2gPorts' in st ? st.v2gPorts : 0) + 1e-9);
      });
    }
  }, 60_000);
});
