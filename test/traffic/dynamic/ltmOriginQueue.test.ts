/**
 * LTM origin queues (docs/model.md §2.5 "Physical queues"): departures that find no room on
 * their first link wait at the origin, enter at most at its capacity, and the DUE prices the
 * wait on that first link when no other link feeds it. The reference is worked out by hand
 * from the link's capacity and free-flow time, not by the loader.
 */
import { describe, expect, it } from 'vitest';
import { experiencedLinkTimes } from '../../../src/traffic/dynamic/experiencedLinkTimes.ts';
import { loadNetworkDynamic } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';

// One 2-km link 1 → 2 of 600 veh/h (10 veh per 60-s step), τ = 2 min, storage 300 veh (never
// binding); 30 vehicles depart in each of steps 0 and 1 (60 in all, 3 × capacity).
// By hand: the origin queue enters at capacity, so vehicle n (cumulative) enters at n/10 steps
// and leaves 2 steps later. The departure at step k is vehicle 30k: it enters at 3k and leaves
// at 3k + 2 (step 1 → 5, step 2 → 8); the origin queue is 20 after step 0 and 40 after step 1.
const net = buildNetwork({ name: 'origin', source: 'ltmOriginQueue.test', links: [{ from: 1, to: 2, capacity: 600, freeFlowMin: 2, lengthKm: 2, bprB: 0 }] });
const paths = [{ links: Int32Array.of(0), departureVehByStep: Float64Array.of(30, 30) }];

describe('LTM origin queue', () => {
  it('enters at capacity, records the queue, and prices the wait on the first link (1e-9 steps)', () => {
    const r = loadNetworkDynamic(net, paths, { stepSec: 60, horizonSteps: 20, loading: 'ltm' });
    const W = r.steps + 1;
    for (let k = 0; k <= 6; k++) expect(r.linkCumIn[k]).toBeCloseTo(10 * k, 9);
    expect(Array.from(r.linkOriginQueue!.subarray(0, 4))).toEqual([0, 20, 40, 30]);
    const times = experiencedLinkTimes(r);
    expect(times.exitStep[1]).toBeCloseTo(5, 9);
    expect(times.exitStep[2]).toBeCloseTo(8, 9);
    // the network empties: every vehicle out by step 8
    expect(r.linkCumOut[8]).toBeCloseTo(60, 9);
    expect(r.classCumArrivals[(W - 1) * r.classCount]).toBeCloseTo(60, 9);
  });

  it('point queues keep no origin queue (the first link takes every departure at once)', () => {
    const r = loadNetworkDynamic(net, paths, { stepSec: 60, horizonSteps: 20 });
    expect(r.linkOriginQueue).toBeUndefined();
    expect(r.linkCumIn[2]).toBe(60);
  });
});
