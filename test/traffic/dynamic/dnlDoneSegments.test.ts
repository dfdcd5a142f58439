/**
 * The point-queue loading skips the segments a path has passed for good (`StepState.segFirst`
 * in `dnlSteps.ts`: no vehicle enters them again and their outflow is the path's total). The
 * skip must change nothing: the loading with recorded path curves never skips (it writes every
 * segment's curve at every step), so it is the independent reference here — link, class and
 * station curves and the kept network states must be equal bit for bit (tolerance 0), and a
 * loading resumed from a kept state of the skipping loading must equal the full one (tolerance 0).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetworkDynamic, type DnlResult } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { buildNetwork } from '../../../src/traffic/network/buildNetwork.ts';
import { caseArb } from './randomCases.ts';

/** First index where two arrays differ (−1: equal bit for bit, also in length). */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function curves(r: DnlResult): [string, ArrayLike<number>][] {
  return [
    ['linkCumIn', r.linkCumIn], ['linkCumAtBottleneck', r.linkCumAtBottleneck], ['linkCumServiceStart', r.linkCumServiceStart],
    ['linkCumOut', r.linkCumOut], ['linkRunExitStep', r.linkRunExitStep], ['classCumDepartures', r.classCumDepartures],
    ['classCumArrivals', r.classCumArrivals], ['stationClassCumIn', r.stationClassCumIn],
  ];
}

function differences(a: DnlResult, b: DnlResult): string[] {
  const out: string[] = [];
  for (const [[name, x], [, y]] of curves(a).map((c, i) => [c, curves(b)[i]] as const)) {
    const i = firstDiff(x, y);
    if (i >= 0) out.push(`${name}[${i}]: ${x[i]} vs ${y[i]}`);
  }
  return out;
}

describe('point-queue loading: skipping the segments a path has passed changes nothing (random DAGs with stations)', () => {
  it('curves and kept states equal the never-skipping recorded loading, tolerance 0', () => {
    fc.assert(fc.property(caseArb, fc.integer({ min: 2, max: 15 }), (c, every) => {
      const options = { stepSec: c.stepSec, horizonSteps: c.horizonSteps, checkpointEvery: every };
      const skipping = loadNetworkDynamic(c.network, c.paths, options);
      const reference = loadNetworkDynamic(c.network, c.paths, { ...options, recordPathCurves: true });
      expect(differences(skipping, reference)).toEqual([]);
      expect(skipping.states.length).toBe(reference.states.length);
      skipping.states.forEach((s, i) => {
        const r = reference.states[i];
        for (const key of ['phase', 'pathIn', 'segOut', 'valueStart', 'valueFrom', 'values', 'lo', 'exitPos'] as const) {
          expect(firstDiff(s.rings[key], r.rings[key]), `state at step ${s.step}: rings.${key}`).toBe(-1);
        }
      });
    }), { numRuns: 150 });
  });

  it('a loading resumed from a kept state of the skipping loading equals the full loading, tolerance 0', () => {
    fc.assert(fc.property(caseArb, fc.integer({ min: 2, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true }), (c, every, where) => {
      const options = { stepSec: c.stepSec, horizonSteps: c.horizonSteps, checkpointEvery: every };
      const full = loadNetworkDynamic(c.network, c.paths, options);
      if (full.states.length === 0) return;
      const state = full.states[Math.min(full.states.length - 1, Math.floor(where * full.states.length))];
      const pathMap = Int32Array.from(c.paths, (_, i) => i);
      const resumed = loadNetworkDynamic(c.network, c.paths, { ...options, resume: { from: full, step: state.step, pathMap } });
      expect(differences(resumed, full)).toEqual([]);
    }), { numRuns: 150 });
  });

  it('bottleneck corridor: the links before the queue are skipped once passed, curves equal the recorded loading, tolerance 0', () => {
    // 1 → 2 → 3 → 4, link 2 → 3 at 600 veh/h: 1,200 veh/h for 10 minutes queue there for another 10
    const network = buildNetwork({
      name: 'corridor', source: 'test', stations: [],
      links: [
        { from: 1, to: 2, capacity: 3000, freeFlowMin: 2, bprB: 0.15 },
        { from: 2, to: 3, capacity: 600, freeFlowMin: 3, bprB: 0 },
        { from: 3, to: 4, capacity: 3000, freeFlowMin: 2, bprB: 0.15 },
      ],
    });
    const paths = [
      { links: Int32Array.of(0, 1, 2), classCode: 0, departureVehByStep: new Float64Array(20).fill(10) },
      { links: Int32Array.of(0, 1, 2), classCode: 1, departureVehByStep: Float64Array.from({ length: 30 }, (_, k) => (k % 3 === 0 ? 4 : 0)) },
    ];
    const options = { stepSec: 30, horizonSteps: 120, checkpointEvery: 7 };
    const skipping = loadNetworkDynamic(network, paths, options);
    const reference = loadNetworkDynamic(network, paths, { ...options, recordPathCurves: true });
    expect(differences(skipping, reference)).toEqual([]);
    skipping.states.forEach((s, i) => expect(firstDiff(s.rings.values, reference.states[i].rings.values), `state at step ${s.step}`).toBe(-1));
    // all 240 vehicles arrive (the queue empties at about 30 minutes)
    let arrived = 0;
    for (let c = 0; c < skipping.classCount; c++) arrived += skipping.classCumArrivals[skipping.steps * skipping.classCount + c];
    expect(arrived).toBeCloseTo(240, 9);
  });
});
