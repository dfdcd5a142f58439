/**
 * Checkpointed loading (issue 10 item 2): a loading resumed at step k0 from an earlier
 * loading whose paths departed identically before k0 equals a full loading. The reference is
 * the full loading itself (the same model run from step 0), so any state the resume forgets
 * (a FIFO pointer, a curve prefix, a segment ring window) shows up as a difference.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetworkDynamic, type DnlPath, type DnlResult } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { loadBundledNetwork } from '../../../src/traffic/io/loadBundledNetwork.ts';
import { insertStations } from '../../../src/traffic/network/insertStations.ts';
import { caseArb, walk } from './randomCases.ts';
import { ndStations } from './ndDueScenario.ts';

/** Long runs (`EV_COSIM_LONG=1`) try more random cases. */
const LONG = process.env.EV_COSIM_LONG === '1';

const CURVES = ['linkCumIn', 'linkCumAtBottleneck', 'linkCumServiceStart', 'linkCumOut', 'linkRunExitStep', 'classCumDepartures', 'classCumArrivals', 'stationClassCumIn'] as const;

/** Largest |a − b| / max(1, |b|) over every curve; segments compared path by path (their columns may differ). */
function maxRelDiff(a: DnlResult, b: DnlResult): number {
  let worst = 0;
  const note = (x: number, y: number) => { worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(y))); };
  expect(a.steps).toBe(b.steps);
  for (const key of CURVES) {
    expect(a[key].length).toBe(b[key].length);
    for (let i = 0; i < a[key].length; i++) note(a[key][i], b[key][i]);
  }
  // the path composition on the network at every kept state: same ring windows everywhere
  expect(a.states.map((s) => s.step)).toEqual(b.states.map((s) => s.step));
  a.states.forEach((s, i) => {
    const t = b.states[i];
    expect(Array.from(s.run)).toEqual(Array.from(t.run));
    expect(Array.from(s.entry)).toEqual(Array.from(t.entry));
    expect(Array.from(s.rings.lo)).toEqual(Array.from(t.rings.lo));
    expect(Array.from(s.rings.phase)).toEqual(Array.from(t.rings.phase));
    expect(Array.from(s.rings.valueStart)).toEqual(Array.from(t.rings.valueStart));
    expect(Array.from(s.rings.valueFrom)).toEqual(Array.from(t.rings.valueFrom));
    s.rings.exitPos.forEach((x, j) => note(x, t.rings.exitPos[j]));
    s.rings.pathIn.forEach((x, j) => note(x, t.rings.pathIn[j]));
    s.rings.segOut.forEach((x, j) => note(x, t.rings.segOut[j]));
    s.rings.values.forEach((x, j) => note(x, t.rings.values[j]));
  });
  return worst;
}

/** Departures of `p` before step k0 kept, from k0 on replaced by `late` (vehicles per step). */
function changedFrom(p: DnlPath, k0: number, late: readonly number[]): DnlPath {
  const length = Math.max(p.departureVehByStep.length, k0 + late.length);
  const dep = new Float64Array(length);
  dep.set(p.departureVehByStep.subarray(0, Math.min(k0, p.departureVehByStep.length)));
  late.forEach((v, i) => { dep[k0 + i] = v; });
  return { ...p, departureVehByStep: dep };
}

describe('loadNetworkDynamic resumed from a checkpoint', () => {
  it('Nguyen-Dupuis with stations: resumed at 40 of 300 steps equals the full loading bit for bit, and simulates 260 steps', () => {
    const network = insertStations(loadBundledNetwork('NguyenDupuis').network, ndStations());
    // link indices of the bundled network with CS1–CS3 inserted at nodes 6, 9, 11 (19–27: charge, v2g, bypass
    // of each station): 1→5→6 bypass→7→8→2; 1→12→6 charge at CS1→10→11 bypass→2; 1→5→9 V2G at CS2→10→11 bypass→2; 1→12→8→2
    const byNodes = (links: number[]): Int32Array => Int32Array.from(links);
    const profile = (n: number, v: number) => new Float64Array(n).fill(v);
    const paths: DnlPath[] = [
      { links: byNodes([0, 4, 21, 6, 8, 10]), departureVehByStep: profile(120, 2.5) },
      { links: byNodes([1, 16, 19, 7, 13, 27, 14]), departureVehByStep: profile(90, 1.5), classCode: 1 },
      { links: byNodes([0, 5, 23, 11, 13, 27, 14]), departureVehByStep: profile(120, 0.8), classCode: 2 },
    ];
    const options = { stepSec: 30, horizonSteps: 300, checkpointEvery: 20 };
    const first = loadNetworkDynamic(network, paths, options);
    // new departures from step 40 on, and one path that only exists from then on
    const next: DnlPath[] = [
      changedFrom(paths[0], 40, [5, 5, 5, 0, 3]),
      paths[1],
      changedFrom(paths[2], 40, Array(60).fill(2)),
      { links: byNodes([1, 17, 10]), departureVehByStep: changedFrom({ links: Int32Array.of(), departureVehByStep: new Float64Array(0) }, 40, Array(30).fill(1)).departureVehByStep },
    ];
    const full = loadNetworkDynamic(network, next, options);
    const resumed = loadNetworkDynamic(network, next, { ...options, resume: { from: first, step: 40, pathMap: Int32Array.of(0, 1, 2, -1) } });
    expect(resumed.stepsSimulated).toBe(260);
    expect(full.stepsSimulated).toBe(300);
    expect(maxRelDiff(resumed, full)).toBe(0);
    // and the resumed loading is itself a valid checkpoint for a later step (chained ticks)
    const later = next.map((p) => changedFrom(p, 100, [1, 1]));
    const chained = loadNetworkDynamic(network, later, { ...options, horizonSteps: 360, resume: { from: resumed, step: 100, pathMap: Int32Array.of(0, 1, 2, 3) } });
    expect(maxRelDiff(chained, loadNetworkDynamic(network, later, { ...options, horizonSteps: 360 }))).toBe(0);
  });

  it('a kept state stores each segment window without its constant ends, and decodes to the recorded segment curves exactly (0 difference)', () => {
    const network = insertStations(loadBundledNetwork('NguyenDupuis').network, ndStations());
    // a long queue on the shared links (large windows), a path that stops departing early (constant tails)
    const paths: DnlPath[] = [
      { links: Int32Array.of(0, 4, 21, 6, 8, 10), departureVehByStep: new Float64Array(150).fill(4) },
      { links: Int32Array.of(0, 5, 23, 11, 13, 27, 14), departureVehByStep: new Float64Array(20).fill(3), classCode: 2 },
      { links: Int32Array.of(1, 17, 10), departureVehByStep: new Float64Array(120).fill(2) },
    ];
    const r = loadNetworkDynamic(network, paths, { stepSec: 30, horizonSteps: 400, checkpointEvery: 40, recordPathCurves: true });
    const W = r.steps + 1;
    const { pathSegStart, segCumIn } = r.pathCurves!;
    let full = 0;
    let stored = 0;
    for (const state of r.states) {
      const { lo, phase, valueStart, valueFrom, values } = state.rings;
      const k = state.step;
      for (let p = 0; p < paths.length; p++) {
        if (phase[p] !== 1) continue;
        paths[p].links.forEach((a, j) => {
          const s = pathSegStart[p] + j;
          const v0 = valueStart[s];
          const v1 = valueStart[s + 1];
          full += k - lo[a] + 1;
          stored += v1 - v0;
          // independent of the trimming: the loading's own record of the segment's cumulative inflow
          for (let x = lo[a]; x <= k; x++) {
            const i = Math.min(v1 - 1, v0 + Math.max(0, x - valueFrom[s]));
            expect(values[i]).toBe(segCumIn[s * W + x]);
          }
        });
      }
    }
    expect(full).toBeGreaterThan(0);
    expect(stored).toBeLessThan(0.8 * full);
  });

  it('rejects a resume whose paths departed differently before the checkpoint, naming the field', () => {
    const network = loadBundledNetwork('NguyenDupuis').network;
    const links = walkNd(network);
    const from = loadNetworkDynamic(network, [{ links, departureVehByStep: new Float64Array(10).fill(1) }], { stepSec: 60, horizonSteps: 100, checkpointEvery: 10 });
    const changed = [{ links, departureVehByStep: new Float64Array(10).fill(2) }];
    expect(() => loadNetworkDynamic(network, changed, { stepSec: 60, horizonSteps: 100, checkpointEvery: 10, resume: { from, step: 10, pathMap: Int32Array.of(0) } }))
      .toThrow(/paths\[0\]\.departureVehByStep/);
    expect(() => loadNetworkDynamic(network, changed, { stepSec: 60, horizonSteps: 100, resume: { from, step: 5, pathMap: Int32Array.of(0) } }))
      .toThrow(/resume\.step/);
    expect(() => loadNetworkDynamic(network, changed, { stepSec: 60, horizonSteps: 100, resume: { from, step: 10, pathMap: Int32Array.of(-1) } }))
      .toThrow(/resume\.pathMap\[0\]/);
  });

  it('property: on random DAGs with a station, resumed at a random checkpoint = full loading (same path order: bit for bit; permuted: 1e-12)', () => {
    resumeProperty('point-queue', LONG ? 150 : 50, 1e-12);
  });

  it('property, LTM: resumed at a random checkpoint = full loading (same path order: bit for bit; permuted: 1e-9)', () => {
    resumeProperty('ltm', LONG ? 100 : 20, 1e-9);
  });
});

/** Resumed loadings against full ones on random cases, with `loading`; permuted path lists agree to `tolerance`. */
function resumeProperty(loading: 'point-queue' | 'ltm', numRuns: number, tolerance: number): void {
  {
    const arb = caseArb.chain((c) => fc.record({
      c: fc.constant(c),
      every: fc.integer({ min: 1, max: 7 }),
      row: fc.nat(40),
      late: fc.array(fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { maxLength: 8 }), { minLength: c.paths.length, maxLength: c.paths.length }),
      extra: fc.array(fc.record({ choices: fc.array(fc.nat(10), { minLength: 1, maxLength: 6 }), late: fc.array(fc.double({ min: 0, max: 4, noNaN: true }), { minLength: 1, maxLength: 8 }) }), { maxLength: 2 }),
      grow: fc.nat(30),
      seed: fc.nat(),
    }));
    fc.assert(fc.property(arb, ({ c, every, row, late, extra, grow, seed }) => {
      const k0 = Math.min(Math.floor(c.horizonSteps / every), row) * every;
      const options = { stepSec: c.stepSec, horizonSteps: c.horizonSteps, checkpointEvery: every, loading };
      const first = loadNetworkDynamic(c.network, c.paths, options);
      const next: DnlPath[] = c.paths.map((p, i) => changedFrom(p, k0, late[i]));
      for (const e of extra) next.push(changedFrom({ links: walk(c.network, e.choices), departureVehByStep: new Float64Array(0), classCode: 1 }, k0, e.late));
      const pathMap = Int32Array.from(next, (_, i) => (i < c.paths.length ? i : -1));
      const horizonSteps = c.horizonSteps + grow;
      const resumed = loadNetworkDynamic(c.network, next, { ...options, horizonSteps, resume: { from: first, step: k0, pathMap } });
      const full = loadNetworkDynamic(c.network, next, { ...options, horizonSteps });
      if (maxRelDiff(resumed, full) !== 0) return false;
      // a permuted path list: sums may change order, so agreement to rounding only
      const order = next.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
      const permuted = order.map((i) => next[i]);
      const resumedP = loadNetworkDynamic(c.network, permuted, { ...options, horizonSteps, resume: { from: first, step: k0, pathMap: Int32Array.from(order, (i) => pathMap[i]) } });
      const fullP = loadNetworkDynamic(c.network, permuted, { ...options, horizonSteps });
      return maxRelDiff(resumedP, fullP) <= tolerance && resumed.stepsSimulated === horizonSteps - k0;
    }), { numRuns });
  }
}

/** 1 → 12 → 8 → 2 on the bundled Nguyen-Dupuis (link indices 1, 17, 10). */
function walkNd(_network: unknown): Int32Array {
  return Int32Array.of(1, 17, 10);
}
