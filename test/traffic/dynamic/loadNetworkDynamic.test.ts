import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { LinkKind, type Station } from '../../../src/traffic/network/network.ts';
import { loadNetworkDynamic } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { experiencedLinkTimes } from '../../../src/traffic/dynamic/experiencedLinkTimes.ts';
import { InputError } from '../../../src/common/errors.ts';

const STEP_SEC = 6;
const perMin = 60 / STEP_SEC; // steps per minute

/** One road link 1→2, τ = 5 min, capacity 600 veh/h, no BPR term (pure point queue). */
function oneLink() {
  return buildNetwork({ name: 'one', source: 'test', links: [{ from: 1, to: 2, capacity: 600, freeFlowMin: 5, bprB: 0 }] });
}

/** `veh` vehicles departing uniformly over `minutes`. */
function uniform(veh: number, minutes: number): Float64Array {
  const steps = minutes * perMin;
  return new Float64Array(steps).fill(veh / steps);
}

describe('loadNetworkDynamic', () => {
  it('forms a point queue when inflow exceeds capacity (analytic: 200 veh at 1200 veh/h into 600 veh/h, τ = 5 min)', () => {
    const net = oneLink();
    const r = loadNetworkDynamic(net, [{ links: Int32Array.of(0), departureVehByStep: uniform(200, 10) }], { stepSec: STEP_SEC, horizonSteps: 40 * perMin });
    const W = r.steps + 1;
    const arrived = (min: number) => r.classCumArrivals[min * perMin * r.classCount];
    // the bottleneck discharges 10 veh/min from minute 5 on; the last vehicle leaves at 5 + 200/10 = 25 min
    expect(arrived(5)).toBeCloseTo(0, 6);
    expect(arrived(10)).toBeCloseTo(50, 6);
    expect(arrived(15)).toBeCloseTo(100, 6);
    expect(arrived(24)).toBeCloseTo(190, 6);
    expect(arrived(25)).toBeCloseTo(200, 6);
    // queue at 15 min: 200 reached the exit, 100 left
    const k = 15 * perMin;
    expect(r.linkCumAtBottleneck[k] - r.linkCumOut[k]).toBeCloseTo(100, 6);
    // the last entrant (at 10 min) spends 15 min on the link
    const times = experiencedLinkTimes(r);
    expect((times.exitStep[10 * perMin] - 10 * perMin) / perMin).toBeCloseTo(15, 3);
    expect(W).toBe(40 * perMin + 1);
  });

  it('forms no queue below capacity: every vehicle takes exactly τ (300 veh/h into 600 veh/h)', () => {
    const net = oneLink();
    const r = loadNetworkDynamic(net, [{ links: Int32Array.of(0), departureVehByStep: uniform(50, 10) }], { stepSec: STEP_SEC, horizonSteps: 30 * perMin });
    for (let k = 0; k <= r.steps; k++) {
      expect(r.linkCumAtBottleneck[k] - r.linkCumOut[k]).toBeCloseTo(0, 9);
      const shifted = k - 5 * perMin;
      expect(r.classCumArrivals[k * r.classCount]).toBeCloseTo(shifted <= 0 ? 0 : Math.min(50, (50 * shifted) / (10 * perMin)), 9);
    }
    const times = experiencedLinkTimes(r);
    for (let k = 0; k < 10 * perMin; k++) expect(times.exitStep[k] - k).toBeCloseTo(5 * perMin, 9);
  });

  it('BPR running time below capacity: t = τ(1 + 0.15 (w/c)^4) at a steady 300 veh/h on 600 veh/h', () => {
    const net = buildNetwork({ name: 'bpr', source: 'test', links: [{ from: 1, to: 2, capacity: 600, freeFlowMin: 10 }] });
    const r = loadNetworkDynamic(net, [{ links: Int32Array.of(0), departureVehByStep: uniform(50, 10) }], { stepSec: STEP_SEC, horizonSteps: 30 * perMin });
    const times = experiencedLinkTimes(r);
    const k = 5 * perMin;
    expect((times.exitStep[k + 1] - (k + 1)) / perMin).toBeCloseTo(10 * (1 + 0.15 * 0.5 ** 4), 6);
  });

  const station = (chargers: number): Station => ({
    id: 'CS', node: 2, chargers, v2gPorts: 1, chargeKw: 60, chargeServiceMin: 30, v2gKw: 40, v2gServiceMin: 30,
    chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0,
  });
  const stationNet = (chargers: number) => buildNetwork({
    name: 'cs', source: 'test', stations: [station(chargers)],
    links: [{ from: 1, to: 2, capacity: 1e6, freeFlowMin: 1, bprB: 0 }, { from: 2, to: 3, capacity: 1e6, freeFlowMin: 1, bprB: 0 }],
  });
  const chargePath = (net: ReturnType<typeof stationNet>) => {
    const charge = [...net.kind].findIndex((k) => k === LinkKind.charge);
    return Int32Array.of(0, charge, 1);
  };

  it('queues vehicles at a station with too few chargers (5 chargers, 30-min service, 20 arrivals in 10 min)', () => {
    const net = stationNet(5);
    const r = loadNetworkDynamic(net, [{ links: chargePath(net), departureVehByStep: uniform(20, 10) }], { stepSec: STEP_SEC, horizonSteps: 180 * perMin });
    const a = chargePath(net)[1];
    const W = r.steps + 1;
    let maxInService = 0;
    let maxQueue = 0;
    for (let k = 0; k <= r.steps; k++) {
      maxInService = Math.max(maxInService, r.linkCumServiceStart[a * W + k] - r.linkCumOut[a * W + k]);
      maxQueue = Math.max(maxQueue, r.linkCumAtBottleneck[a * W + k] - r.linkCumServiceStart[a * W + k]);
    }
    expect(maxInService).toBeCloseTo(5, 6); // never more than c in service
    expect(maxQueue).toBeGreaterThan(14); // 20 arrived by ~11 min, 5 started
    // Independent fluid reference (minutes): vehicle n (0 < n ≤ 20) departs at n/2, reaches the
    // chargers after the 1-min link and one loading step δ, and starts when it has arrived and
    // the vehicle 5 places ahead has left: start(n) = max(arrive(n), start(n − 5) + 30). So
    // start(5) = 3.6, start(10) = 33.6, start(15) = 63.6, start(20) = 93.6; the last leaves at
    // 123.6 and reaches node 3 at 124.6.
    const delta = STEP_SEC / 60;
    const start = (n: number): number => Math.max(1 + delta + n / 2, n > 5 ? start(n - 5) + 30 : -Infinity);
    const firstMinute = (cum: ArrayLike<number>, offset: number, level: number) => {
      for (let k = 0; k <= r.steps; k++) if (cum[offset + k] >= level - 1e-6) return k / perMin;
      return Number.NaN;
    };
    for (const n of [5, 10, 15, 20]) expect(Math.abs(firstMinute(r.linkCumServiceStart, a * W, n) - start(n))).toBeLessThanOrEqual(delta + 1e-9);
    expect(start(20)).toBeCloseTo(93.6, 9);
    const doneMinute = firstMinute(r.classCumArrivals, 0, 20);
    expect(Math.abs(doneMinute - (start(20) + 30 + 1))).toBeLessThanOrEqual(delta + 1e-9);
  });

  it('serves every vehicle at once when chargers are ample (no queue; time = 1 + δ + 30 + 1 min)', () => {
    const net = stationNet(100);
    const r = loadNetworkDynamic(net, [{ links: chargePath(net), departureVehByStep: uniform(20, 10) }], { stepSec: STEP_SEC, horizonSteps: 120 * perMin });
    const a = chargePath(net)[1];
    const W = r.steps + 1;
    for (let k = 0; k <= r.steps; k++) expect(r.linkCumAtBottleneck[a * W + k] - r.linkCumServiceStart[a * W + k]).toBeCloseTo(0, 9);
    const times = experiencedLinkTimes(r);
    expect(times.exitStep[a * W + 20 * perMin] - 20 * perMin).toBeCloseTo(1 + 30 * perMin, 6);
  });

  it('rejects a path whose links do not connect, and negative departures', () => {
    const net = stationNet(5);
    expect(() => loadNetworkDynamic(net, [{ links: Int32Array.of(1, 0), departureVehByStep: uniform(1, 1) }], { stepSec: 6, horizonSteps: 10 }))
      .toThrow(InputError);
    expect(() => loadNetworkDynamic(net, [{ links: Int32Array.of(0), departureVehByStep: Float64Array.of(-1) }], { stepSec: 6, horizonSteps: 10 }))
      .toThrow(/departureVehByStep\[0\]/);
    expect(() => loadNetworkDynamic(net, [], { stepSec: 0, horizonSteps: 10 })).toThrow(/stepSec/);
  });

  it('loads an empty path set (all curves zero)', () => {
    const r = loadNetworkDynamic(oneLink(), [], { stepSec: 6, horizonSteps: 10 });
    expect(r.pathCount).toBe(0);
    expect(Math.max(...r.linkCumIn)).toBe(0);
  });
});
