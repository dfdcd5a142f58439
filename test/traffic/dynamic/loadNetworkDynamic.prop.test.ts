import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetworkDynamic, type DnlLoadingModel, type DnlResult } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { experiencedLinkTimes } from '../../../src/traffic/dynamic/experiencedLinkTimes.ts';
import { caseArb, type RandomCase } from './randomCases.ts';

const TOL = 1e-7;

/** Cheap assertion for hot loops (expect() per element would dominate the run time). */
function check(ok: boolean, what: string, ...values: number[]): void {
  if (!ok) throw new Error(`${what}: ${values.join(', ')}`);
}

function load(c: RandomCase, loading: DnlLoadingModel): DnlResult {
  return loadNetworkDynamic(c.network, c.paths, { stepSec: c.stepSec, horizonSteps: c.horizonSteps, recordPathCurves: true, loading });
}

/** Cumulative inflow of segment s at step k, and of the path's destination (arrivals) after its last segment. */
function segIn(r: DnlResult, s: number, k: number): number {
  return r.pathCurves!.segCumIn[s * (r.steps + 1) + k];
}

// both link models: point queues, and the LTM (physical queues with spillback; fewer runs, it is the slower one)
describe.each([['point-queue', 1], ['ltm', 0.5]] as const)('loadNetworkDynamic properties, %s loading (random DAGs with stations, docs/model.md §2 invariants)', (loading, runs) => {
  it('conserves vehicles per segment, path, class and link at every step, with non-negative, non-decreasing curves', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const r = load(c, loading);
      const S = r.steps;
      const W = S + 1;
      const linkOcc = new Float64Array(c.network.from.length * W);
      const classBalance = new Float64Array(3 * W); // entered − arrived − on the links
      c.paths.forEach((p, i) => {
        const first = r.pathCurves!.pathSegStart[i];
        let dep = 0;
        for (let k = 0; k <= S; k++) {
          if (k > 0) dep += k - 1 < p.departureVehByStep.length ? p.departureVehByStep[k - 1] : 0;
          // point queues: departures enter the first link at once; LTM: they may wait at the origin for room
          const entered = segIn(r, first, k);
          if (loading === 'point-queue') check(Math.abs(entered - dep) < 1e-9, 'departures', k, entered, dep);
          else check(entered <= dep + 1e-9, 'origin queue ≥ 0', k, entered, dep);
          const arrived = r.pathCurves!.pathCumArrivals[i * (r.steps + 1) + k];
          let onNetwork = 0;
          for (let j = 0; j < p.links.length; j++) {
            const inflow = segIn(r, first + j, k);
            const outflow = j + 1 < p.links.length ? segIn(r, first + j + 1, k) : arrived;
            const occ = inflow - outflow;
            check(occ >= -TOL, 'segment occupancy ≥ 0', i, j, k, occ);
            if (k > 0) check(inflow >= segIn(r, first + j, k - 1) - TOL, 'segment inflow non-decreasing', i, j, k);
            linkOcc[p.links[j] * W + k] += occ;
            onNetwork += occ;
          }
          check(arrived >= -TOL, 'arrivals ≥ 0', i, k, arrived);
          classBalance[p.classCode * W + k] += entered - arrived - onNetwork;
        }
      });
      for (const x of classBalance) check(Math.abs(x) < 1e-6, 'class balance', x);
      // the loader's own per-class curves agree with the sums over its paths
      for (let k = 0; k <= S; k++) {
        for (let cl = 0; cl < r.classCount; cl++) {
          let dep = 0;
          let arr = 0;
          c.paths.forEach((p, i) => {
            if (p.classCode !== cl) return;
            for (let j = 0; j < k && j < p.departureVehByStep.length; j++) dep += p.departureVehByStep[j];
            arr += r.pathCurves!.pathCumArrivals[i * (r.steps + 1) + k];
          });
          check(Math.abs(r.classCumDepartures[k * r.classCount + cl] - dep) < 1e-9, 'class departures', cl, k);
          check(Math.abs(r.classCumArrivals[k * r.classCount + cl] - arr) < 1e-9, 'class arrivals', cl, k);
          check(r.classCumArrivals[k * r.classCount + cl] <= r.classCumDepartures[k * r.classCount + cl] + TOL, 'class arrived ≤ departed', cl, k);
        }
      }
      for (let a = 0; a < c.network.from.length; a++) {
        for (let k = 0; k <= S; k++) {
          const o = a * W + k;
          check(r.linkCumIn[o] - r.linkCumOut[o] >= -TOL, 'link occupancy ≥ 0', a, k);
          check(r.linkCumAtBottleneck[o] <= r.linkCumIn[o] + TOL, 'V ≤ A', a, k);
          check(r.linkCumOut[o] <= r.linkCumServiceStart[o] + TOL && r.linkCumServiceStart[o] <= r.linkCumAtBottleneck[o] + TOL, 'D ≤ S ≤ V', a, k);
          if (k > 0) {
            check(r.linkCumIn[o] >= r.linkCumIn[o - 1] - TOL && r.linkCumOut[o] >= r.linkCumOut[o - 1] - TOL, 'link curves non-decreasing', a, k);
          }
          check(Math.abs(linkOcc[o] - (r.linkCumIn[o] - r.linkCumOut[o])) < 1e-6, 'link = Σ segments', a, k, linkOcc[o], r.linkCumIn[o] - r.linkCumOut[o]);
        }
      }
    }), { numRuns: Math.ceil(40 * runs) });
  });

  it('is FIFO on every link: all segments leave in the order they entered, never before free-flow time', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const r = load(c, loading);
      const S = r.steps;
      const W = S + 1;
      const times = experiencedLinkTimes(r);
      for (let a = 0; a < c.network.from.length; a++) {
        const minSteps = Math.max(1, (c.network.freeFlowMin[a] * 60) / c.stepSec);
        for (let k = 0; k <= S; k++) {
          check(times.exitStep[a * W + k] >= k + minSteps - 1e-9, 'exit ≥ entry + free flow', a, k);
          if (k > 0) check(times.exitStep[a * W + k] >= times.exitStep[a * W + k - 1] - 1e-9, 'exit times FIFO', a, k);
        }
      }
      // the D(k)-th vehicle out entered at x with A(x) = D(k): every segment's outflow is its inflow at that same x
      c.paths.forEach((p, i) => {
        for (let j = 0; j < p.links.length; j++) {
          const a = p.links[j];
          const seg = r.pathCurves!.pathSegStart[i] + j;
          for (let k = 1; k <= S; k += 7) {
            const d = r.linkCumOut[a * W + k];
            let m = 0;
            while (m < S && r.linkCumIn[a * W + m + 1] < d - 1e-12) m++;
            const a0 = r.linkCumIn[a * W + m];
            const a1 = m < S ? r.linkCumIn[a * W + m + 1] : a0;
            const f = a1 > a0 ? Math.min(1, Math.max(0, (d - a0) / (a1 - a0))) : 0;
            const expected = segIn(r, seg, m) + f * ((m < S ? segIn(r, seg, m + 1) : segIn(r, seg, m)) - segIn(r, seg, m));
            const out = j + 1 < p.links.length ? segIn(r, seg + 1, k) : r.pathCurves!.pathCumArrivals[i * (r.steps + 1) + k];
            check(Math.abs(out - expected) < 1e-6, 'FIFO composition', a, k, out, expected);
          }
        }
      });
    }), { numRuns: Math.ceil(30 * runs) });
  });

  it('empties the network after demand stops, and no path arrives before its free-flow time', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const r = load(c, loading);
      const S = r.steps;
      c.paths.forEach((p, i) => {
        const total = p.departureVehByStep.reduce((x, y) => x + y, 0);
        expect(r.pathCurves!.pathCumArrivals[i * (r.steps + 1) + S]).toBeCloseTo(total, 6);
        let lagSteps = 0;
        for (const a of p.links) lagSteps += Math.max(1, (c.network.freeFlowMin[a] * 60) / c.stepSec);
        for (let k = 0; k <= S; k++) {
          const t = k - lagSteps;
          let dep = 0;
          for (let j = 0; j < p.departureVehByStep.length && j < t; j++) dep += p.departureVehByStep[j] * Math.min(1, t - j);
          check(r.pathCurves!.pathCumArrivals[i * (r.steps + 1) + k] <= dep + 1e-6, 'no arrival before free-flow time', i, k);
        }
      });
    }), { numRuns: Math.ceil(40 * runs) });
  });
});
