import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { solveDue } from '../../../src/traffic/dynamic/solveDue.ts';
import type { DueResult, DueScenario } from '../../../src/traffic/dynamic/dueTypes.ts';
import { loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';
import { solveStaticUe } from '../../../src/traffic/static/solveStaticUe.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { LinkKind } from '../../../src/traffic/network/network.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { ndDueScenario, ndStations } from './ndDueScenario.ts';

/** Largest (g − c_min) / |c_min| over paths carrying more than `share` of their group's interval demand. */
function worstUsedExcess(result: DueResult, share: number): number {
  const groups = new Map<string, DueResult['paths']>();
  for (const p of result.paths) {
    const key = `${p.origin}>${p.destination}>${p.userClass}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  let worst = 0;
  for (const paths of groups.values()) {
    for (let t = 0; t < result.intervals; t++) {
      const demand = paths.reduce((s, p) => s + p.flowVehByInterval[t], 0);
      if (demand === 0) continue;
      const cmin = Math.min(...paths.map((p) => p.costYuanByInterval[t]));
      for (const p of paths) {
        if (p.flowVehByInterval[t] > share * demand) worst = Math.max(worst, (p.costYuanByInterval[t] - cmin) / Math.abs(cmin));
      }
    }
  }
  return worst;
}

function noMoney(stations: number, intervals: number): Pick<DueScenario, 'prices' | 'coupons'> {
  const z = () => new Float64Array(stations * intervals);
  return { prices: { chargeYuanPerKWh: z(), v2gYuanPerKWh: z() }, coupons: { chargeYuanPerKWh: z(), v2gYuanPerVisit: z() } };
}

describe('solveDue', () => {
  it('Nguyen-Dupuis, 3 stations, 12 × 10 min, 3 classes: converges to relative gap 1e-4', () => {
    const result = solveDue(ndDueScenario());
    expect(result.converged).toBe(true);
    expect(result.relativeGap).toBeLessThanOrEqual(1e-4);
    expect(result.gapHistory.length).toBe(result.iterations + 1);
    // every class is served and stations are used; the network has emptied
    const classes = new Set(result.paths.filter((p) => p.flowVehByInterval.some((f) => f > 0)).map((p) => p.userClass));
    expect([...classes].sort()).toEqual(['charging', 'regular', 'v2g']);
    expect(Math.max(...result.stationChargingInService)).toBeGreaterThan(0);
    expect(Math.max(...result.stationV2gInService)).toBeGreaterThan(0);
    expect(result.vehiclesOnNetworkAtEnd).toBeLessThan(1e-6);
    expect(result.stationChargingInService.length).toBe(3 * result.steps);
    expect(result.stationChargingInService[result.steps - 1]).toBeCloseTo(0, 9);
    // gap 1e-4 bounds the flow-weighted excess, not each path's: still, no path carrying ≥ 5 % of
    // its group's interval demand costs more than 2 % above the cheapest
    expect(worstUsedExcess(result, 0.05)).toBeLessThan(0.02);
    // demand is met: 30 % of the vehicles are EVs that visit exactly one station
    const charging = result.paths.filter((p) => p.userClass === 'charging').reduce((s, p) => s + p.flowVehByInterval.reduce((x, y) => x + y, 0), 0);
    const all = result.paths.reduce((s, p) => s + p.flowVehByInterval.reduce((x, y) => x + y, 0), 0);
    expect(charging / all).toBeCloseTo(0.2, 9);
    // every charging (V2G) vehicle reaches exactly one charger (port): station arrivals add up to the class demand
    const v2g = result.paths.filter((p) => p.userClass === 'v2g').reduce((s, p) => s + p.flowVehByInterval.reduce((x, y) => x + y, 0), 0);
    expect(result.stationChargeArrivals.reduce((x, y) => x + y, 0)).toBeCloseTo(charging, 6);
    expect(result.stationV2gArrivals.reduce((x, y) => x + y, 0)).toBeCloseTo(v2g, 6);
    // vehicle-minutes in charge service = charging vehicles × 30 min (fixed service time, Little's law)
    const serviceVehMin = result.stationChargingInService.reduce((x, y) => x + y, 0) * (result.stepSec / 60);
    expect(serviceVehMin / (charging * 30)).toBeCloseTo(1, 2);
  });

  it('STA on 30-min intervals with 20-min charging and 45-min V2G service: in service by occupancy weights (Little), no queue', () => {
    // Service times differ from the interval (and from each other): a 20-min charge started in an
    // interval occupies 20/30 of it (L = λW); a 45-min V2G service all of it and half of the next
    // (docs/model.md §2.8, staStationService). Below the servers nothing queues, so started = arrivals.
    const chargeServiceMin = 20;
    const v2gServiceMin = 45;
    const base = ndDueScenario({ stepSec: 60 });
    const network = insertStations(loadBundledNetwork('NguyenDupuis').network, ndStations().map((st) => ({ ...st, chargeServiceMin, v2gServiceMin })));
    const I = 4;
    const intervalMin = 30;
    const cells = network.stations.length * I;
    const sta = solveDue({
      ...base, network, intervals: I, intervalMin, propagation: 'instantaneous',
      demand: base.demand.map((d) => ({ ...d, vehPerHByInterval: [0, 1, 2, 3].map((t) => (d.vehPerHByInterval[3 * t] + d.vehPerHByInterval[3 * t + 1] + d.vehPerHByInterval[3 * t + 2]) / 3) })),
      prices: { chargeYuanPerKWh: new Float64Array(cells).fill(2), v2gYuanPerKWh: new Float64Array(cells).fill(3) },
      coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells) },
    }, { gapTolerance: 1e-8, maxIterations: 500 });
    expect(sta.converged).toBe(true);
    let busyCells = 0;
    for (let c = 0; c < cells; c++) {
      const chargeRatePerMin = sta.stationChargeArrivals[c] / intervalMin;
      const previousV2g = c % I === 0 ? 0 : sta.stationV2gArrivals[c - 1];
      expect(sta.stationChargingInServiceByInterval[c]).toBeCloseTo(chargeRatePerMin * chargeServiceMin, 9);
      expect(sta.stationV2gInServiceByInterval[c]).toBeCloseTo(sta.stationV2gArrivals[c] + 0.5 * previousV2g, 9);
      if (sta.stationChargeArrivals[c] > 1 && sta.stationV2gArrivals[c] > 1) busyCells++;
    }
    expect(busyCells).toBeGreaterThan(0); // the relation is exercised, not 0 = 0
    expect(Math.max(...sta.stationChargeQueue)).toBe(0);
    expect(Math.max(...sta.stationV2gQueue)).toBe(0);
  });

  it('a warm start from an equilibrium needs no further route swap', () => {
    const scenario = ndDueScenario({ stepSec: 60 });
    const first = solveDue(scenario);
    const again = solveDue(scenario, { warmStart: first });
    expect(again.iterations).toBe(0);
    expect(again.relativeGap).toBeCloseTo(first.relativeGap, 12);
  });

  it('a warm start rescales the route split to new demand and converges again', () => {
    const scenario = ndDueScenario({ stepSec: 60 });
    const first = solveDue(scenario);
    const more = { ...scenario, demand: scenario.demand.map((d) => ({ ...d, vehPerHByInterval: d.vehPerHByInterval.map((r) => r * 1.1) })) };
    const warm = solveDue(more, { warmStart: first });
    expect(warm.converged).toBe(true);
    const total = (r: DueResult) => r.paths.reduce((s, p) => s + p.flowVehByInterval.reduce((x, y) => x + y, 0), 0);
    expect(total(warm) / total(first)).toBeCloseTo(1.1, 9);
  });

  it('STA special case on one interval equals the static UE of solveStaticUe (Nguyen-Dupuis, link flows to 1e-3 veh/h)', () => {
    const { network, demand } = loadBundledNetwork('NguyenDupuis');
    const reference = solveStaticUe(network, demand, { gapTarget: 1e-12 });
    const sta = solveDue({
      network, demand: demand.map((d) => ({ origin: d.origin, destination: d.destination, vehPerHByInterval: [d.vehPerH] })),
      shares: { charging: 0, v2g: 0 }, intervalMin: 60, intervals: 1, stepSec: 60, valueOfTimeYuanPerH: 30,
      propagation: 'instantaneous', ...noMoney(0, 1),
    }, { gapTolerance: 1e-12, maxIterations: 300 });
    expect(sta.converged).toBe(true);
    for (let a = 0; a < network.from.length; a++) expect(sta.linkInflowVehPerH[a]).toBeCloseTo(reference.linkFlows[a], 3);
    for (let a = 0; a < network.from.length; a++) expect(sta.linkTravelTimeMin[a]).toBeCloseTo(reference.linkTimesMin[a], 4);
  });

  it('queues EVs at a station with too few chargers, and not with enough', () => {
    const base = ndDueScenario({ stepSec: 60 });
    const { network } = loadBundledNetwork('NguyenDupuis');
    const few = insertStations(network, ndStations().map((s) => ({ ...s, chargers: 3 })));
    const many = insertStations(network, ndStations().map((s) => ({ ...s, chargers: 500 })));
    const tight = solveDue({ ...base, network: few }, { maxIterations: 30 });
    const ample = solveDue({ ...base, network: many }, { maxIterations: 30 });
    expect(Math.max(...tight.stationChargeQueue)).toBeGreaterThan(5);
    expect(Math.max(...tight.stationChargingInService)).toBeLessThanOrEqual(3 + 1e-9);
    expect(Math.max(...ample.stationChargeQueue)).toBeLessThan(1e-9);
  });

  it('rejects bad scenarios with a message naming the field and value', () => {
    const s = ndDueScenario();
    expect(() => solveDue({ ...s, stepSec: 7 })).toThrow(/stepSec = 7/);
    expect(() => solveDue({ ...s, shares: { charging: 0.8, v2g: 0.3 } })).toThrow(InputError);
    expect(() => solveDue({ ...s, prices: { ...s.prices, chargeYuanPerKWh: new Float64Array(2) } })).toThrow(/prices.chargeYuanPerKWh.length = 2/);
    expect(() => solveDue({ ...s, demand: [{ origin: 1, destination: 99, vehPerHByInterval: new Array(12).fill(1) }] })).toThrow(/destination = 99/);
    expect(() => solveDue({ ...s, demand: [{ origin: 1, destination: 2, vehPerHByInterval: [1, Number.NaN, ...new Array(10).fill(1)] }] }))
      .toThrow(/vehPerHByInterval\[1\] = NaN/);
  });

  it('rejects charging demand that cannot reach any charger', () => {
    const network = buildNetwork({
      name: 'line', source: 'test', links: [{ from: 1, to: 2, capacity: 1000, freeFlowMin: 5 }],
      stations: [{ ...ndStations()[0], node: 1, chargers: 0 }],
    });
    expect([...network.kind]).toContain(LinkKind.charge);
    expect(() => solveDue({
      network, demand: [{ origin: 1, destination: 2, vehPerHByInterval: [100] }], shares: { charging: 0.5, v2g: 0 },
      intervalMin: 10, intervals: 1, stepSec: 60, valueOfTimeYuanPerH: 30, ...noMoney(1, 1),
    })).toThrow(/no path of class charging/);
  });
});
