import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { solveStaticUe } from '../../../src/traffic/static/solveStaticUe.ts';
import { checkEquilibrium } from './equilibriumCheck.ts';

const SKIP_LONG = !process.env.EV_COSIM_LONG;

describe('solveStaticUe', () => {
  it('Sioux Falls at relative gap ≤ 1e-10: Beckmann objective 42.31335287107440e5 (public) to 9 significant digits', () => {
    const { network, demand } = loadBundledNetwork('SiouxFalls');
    const r = solveStaticUe(network, demand, { gapTarget: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.relativeGap).toBeLessThanOrEqual(1e-10);
    expect(Number((r.objective / 1e5).toPrecision(9))).toBe(Number((42.31335287107440).toPrecision(9)));
    const check = checkEquilibrium(network, demand, r.linkFlows);
    expect(check.relativeGap).toBeLessThan(1e-9);
    expect(check.objective / 1e5).toBeCloseTo(42.31335287107440, 7);
    expect(check.maxImbalance).toBeLessThan(1e-6);
    expect(check.minFlow).toBeGreaterThanOrEqual(0);
  });

  it('Anaheim (first thru node 39) to relative gap ≤ 1e-8, confirmed by an independent gap computation', () => {
    const { network, demand } = loadBundledNetwork('Anaheim');
    const r = solveStaticUe(network, demand, { gapTarget: 1e-8 });
    expect(r.relativeGap).toBeLessThanOrEqual(1e-8);
    const check = checkEquilibrium(network, demand, r.linkFlows);
    expect(check.relativeGap).toBeLessThan(2e-8);
    expect(check.maxImbalance).toBeLessThan(1e-6);
    expect(r.objective).toBeCloseTo(check.objective, 3);
    // No through traffic in zones 1…38: flow into a zone never exceeds the demand ending there.
    const into = new Float64Array(39);
    for (let a = 0; a < network.from.length; a++) if (network.nodeIds[network.to[a]] <= 38) into[network.nodeIds[network.to[a]]] += r.linkFlows[a];
    const ending = new Float64Array(39);
    for (const od of demand) ending[od.destination] += od.vehPerH;
    for (let z = 1; z <= 38; z++) expect(into[z]).toBeCloseTo(ending[z], 6);
  });

  it.skipIf(SKIP_LONG)('Chicago Sketch with toll 0.02 and distance 0.04 weights: gap ≤ 1e-8, objective 17,313,018.7387 (public) (EV_COSIM_LONG)', () => {
    const { network, demand } = loadBundledNetwork('ChicagoSketch');
    const r = solveStaticUe(network, demand, { gapTarget: 1e-8 });
    expect(r.relativeGap).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(r.objective - 17313018.7387)).toBeLessThan(0.01);
  });

  it('two parallel linear links: the analytic equilibrium (t1 = 10 + 0.01x, t2 = 15 + 0.02x, 1000 veh/h)', () => {
    // BPR with power 1: t = τ(1 + b x/c). Link 1: τ 10, b 1, c 1000; link 2: τ 15, b 1, c 750.
    const net = buildNetwork({ name: 'par', source: 'test', links: [
      { from: 1, to: 2, capacity: 1000, freeFlowMin: 10, bprB: 1, bprPower: 1 },
      { from: 1, to: 2, capacity: 750, freeFlowMin: 15, bprB: 1, bprPower: 1 },
    ] });
    const r = solveStaticUe(net, [{ origin: 1, destination: 2, vehPerH: 1000 }], { gapTarget: 1e-12 });
    // 10 + 0.01 x1 = 15 + 0.02 (1000 − x1) → x1 = 25/0.03 = 833.33…
    expect(r.linkFlows[0]).toBeCloseTo(2500 / 3, 6);
    expect(r.linkFlows[1]).toBeCloseTo(500 / 3, 6);
    expect(r.objective).toBeCloseTo(10 * 2500 / 3 + 0.005 * (2500 / 3) ** 2 + 15 * 500 / 3 + 0.01 * (500 / 3) ** 2, 6);
  });

  it('Nguyen-Dupuis: used paths per OD have equal cost and carry the OD demand', () => {
    const { network, demand } = loadBundledNetwork('NguyenDupuis');
    const r = solveStaticUe(network, demand, { gapTarget: 1e-12 });
    const paths = r.paths();
    for (const od of demand) {
      const used = paths.filter((p) => p.origin === od.origin && p.destination === od.destination);
      expect(used.reduce((s, p) => s + p.vehPerH, 0)).toBeCloseTo(od.vehPerH, 6);
      const costs = used.map((p) => p.links.reduce((s, a) => s + r.classLinkCostsMin[0][a], 0));
      expect(Math.max(...costs) - Math.min(...costs)).toBeLessThan(1e-6);
    }
    expect(checkEquilibrium(network, demand, r.linkFlows).relativeGap).toBeLessThan(1e-11);
  });

  it('routes static traffic over station bypass links only', () => {
    const base = loadBundledNetwork('NguyenDupuis');
    const net = insertStations(base.network, [{ id: 'CS', node: 6, chargers: 10, v2gPorts: 5, chargeKw: 60, chargeServiceMin: 30,
      v2gKw: 40, v2gServiceMin: 30, chargeCongestionMaxMin: 10, v2gCongestionMaxMin: 10 }]);
    const withStation = solveStaticUe(net, base.demand, { gapTarget: 1e-10 });
    const without = solveStaticUe(base.network, base.demand, { gapTarget: 1e-10 });
    expect(withStation.linkFlows[net.stationChargeLink[0]]).toBe(0);
    expect(withStation.linkFlows[net.stationV2gLink[0]]).toBe(0);
    expect(withStation.objective).toBeCloseTo(without.objective, 4);
    for (let a = 0; a < base.network.from.length; a++) expect(withStation.linkFlows[a]).toBeCloseTo(without.linkFlows[a], 3);
  });

  it('reports progress and stops when the callback returns false', () => {
    const { network, demand } = loadBundledNetwork('SiouxFalls');
    const seen: number[] = [];
    const r = solveStaticUe(network, demand, { gapTarget: 0, onIteration: (rec) => { seen.push(rec.relativeGap); return rec.iteration < 3; } });
    expect(r.iterations).toBe(3);
    expect(seen.length).toBe(3);
    expect(r.converged).toBe(false);
    expect(r.history.map((h) => h.iteration)).toEqual([1, 2, 3]);
  });

  describe('bad demand', () => {
    const net = () => buildNetwork({ name: 'bad', source: 'bad_net.tntp', links: [
      { from: 1, to: 2, capacity: 100, freeFlowMin: 1 },
      { from: 2, to: 3, capacity: 0, freeFlowMin: 1 },
      { from: 3, to: 1, capacity: 100, freeFlowMin: 1 },
    ], nodes: [1, 2, 3, 4] });
    it('zero-capacity link carrying demand', () => {
      expect(() => solveStaticUe(net(), [{ origin: 1, destination: 3, vehPerH: 5 }], { demandSource: 'bad_trips.tntp' }))
        .toThrow('bad_net.tntp: link 2→3 (#1) capacity = 0: zero-capacity link would carry the demand of OD 1→3 (5 veh/h) in bad_trips.tntp');
    });
    it('OD pair with no path', () => {
      const n = buildNetwork({ name: 'x', source: 'x', links: [{ from: 1, to: 2, capacity: 1, freeFlowMin: 1 }, { from: 4, to: 3, capacity: 1, freeFlowMin: 1 }] });
      expect(() => solveStaticUe(n, [{ origin: 1, destination: 3, vehPerH: 5 }], { demandSource: 'trips' })).toThrow('trips: OD 1→3 demand = 5: OD pair has no path');
    });
    it('demand on a zone that cannot be reached', () => {
      expect(() => solveStaticUe(net(), [{ origin: 1, destination: 4, vehPerH: 5 }], { demandSource: 'trips' }))
        .toThrow('trips: OD 1→4 demand = 5: demand on a zone that cannot be reached');
      expect(() => solveStaticUe(net(), [{ origin: 1, destination: 9, vehPerH: 5 }])).toThrow(InputError);
    });
    it('negative or NaN demand', () => {
      expect(() => solveStaticUe(net(), [{ origin: 1, destination: 2, vehPerH: -1 }])).toThrow('demand[0].vehPerH = -1');
      expect(() => solveStaticUe(net(), [{ origin: 1, destination: 2, vehPerH: Number.NaN }])).toThrow(InputError);
    });
  });

  it('empty demand converges at once with zero flows', () => {
    const { network } = loadBundledNetwork('NguyenDupuis');
    const r = solveStaticUe(network, []);
    expect(r.iterations).toBe(0);
    expect(r.converged).toBe(true);
    expect(r.linkFlows.every((x) => x === 0)).toBe(true);
  });
});
