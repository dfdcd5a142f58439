/**
 * LTM loading properties where queues really spill back: the random DAGs of `randomCases.ts`
 * with a tiny jam density (raised by `ltmLinkParams` to 1.05 × the critical density, so a link
 * holds barely more than its free-flow contents and every queue spills upstream).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadNetworkDynamic } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import { experiencedLinkTimes } from '../../../src/traffic/dynamic/experiencedLinkTimes.ts';
import { ltmLinkParams } from '../../../src/traffic/dynamic/ltmLinkParams.ts';
import { caseArb, emptyingBoundMin } from './randomCases.ts';

const TOL = 1e-7;

function check(ok: boolean, what: string, ...values: number[]): void {
  if (!ok) throw new Error(`${what}: ${values.join(', ')}`);
}

// 5–60 vehicles per step for 10 steps on each path, so that queues outgrow a link's room, and a
// horizon bound like caseArb's (every vehicle through every bottleneck in series), doubled:
// spillback lowers throughput at diverges (FIFO blocking)
const tightArb = caseArb.chain((c) => fc.array(fc.integer({ min: 5, max: 60 }), { minLength: c.paths.length, maxLength: c.paths.length }).map((levels) => {
  const network = { ...c.network, jamDensityVehPerKm: new Float64Array(c.network.from.length).fill(1) };
  const paths = c.paths.map((p, i) => ({ ...p, departureVehByStep: new Float64Array(10).fill(levels[i]) }));
  const total = levels.reduce((x, y) => x + y, 0) * 10;
  return { ...c, network, paths, horizonSteps: 2 * Math.ceil((emptyingBoundMin(network, total) * 60) / c.stepSec) + 30 };
}));

describe('LTM loading with tight storage (random DAGs with stations)', () => {
  it('conserves vehicles per segment, path, class and link, keeps counts ≥ 0, curves non-decreasing, storage ≤ k_jam·L (1e-7), FIFO exit times, and empties', () => {
    let full = 0; // link-steps with a standing queue: the cases do exercise spillback
    fc.assert(fc.property(tightArb, (c) => {
      const r = loadNetworkDynamic(c.network, c.paths, { stepSec: c.stepSec, horizonSteps: c.horizonSteps, loading: 'ltm', recordPathCurves: true });
      const params = ltmLinkParams(c.network, c.stepSec);
      const S = r.steps;
      const W = S + 1;
      const pc = r.pathCurves!;
      const linkOcc = new Float64Array(c.network.from.length * W);
      let total = 0;
      c.paths.forEach((p, i) => {
        let dep = 0;
        for (let k = 0; k <= S; k++) {
          if (k > 0) dep += k - 1 < p.departureVehByStep.length ? p.departureVehByStep[k - 1] : 0;
          const first = pc.pathSegStart[i];
          check(pc.segCumIn[first * W + k] <= dep + 1e-9, 'origin queue ≥ 0', i, k);
          for (let j = 0; j < p.links.length; j++) {
            const s = first + j;
            const out = j + 1 < p.links.length ? pc.segCumIn[(s + 1) * W + k] : pc.pathCumArrivals[i * W + k];
            const occ = pc.segCumIn[s * W + k] - out;
            check(occ >= -TOL, 'segment occupancy ≥ 0', i, j, k, occ);
            if (k > 0) check(pc.segCumIn[s * W + k] >= pc.segCumIn[s * W + k - 1] - TOL, 'segment inflow non-decreasing', i, j, k);
            linkOcc[p.links[j] * W + k] += occ;
          }
        }
        total += dep;
        check(Math.abs(pc.pathCumArrivals[i * W + S] - dep) < 1e-6 * Math.max(1, dep), 'path empties', i, pc.pathCumArrivals[i * W + S], dep);
      });
      let arrived = 0;
      for (let cl = 0; cl < r.classCount; cl++) arrived += r.classCumArrivals[S * r.classCount + cl];
      check(Math.abs(arrived - total) < 1e-6 * Math.max(1, total), 'network empties', arrived, total);
      const times = experiencedLinkTimes(r);
      for (let a = 0; a < c.network.from.length; a++) {
        const minSteps = Math.max(1, (c.network.freeFlowMin[a] * 60) / c.stepSec);
        for (let k = 0; k <= S; k++) {
          const o = a * W + k;
          const occ = r.linkCumIn[o] - r.linkCumOut[o];
          check(occ >= -TOL, 'link occupancy ≥ 0', a, k);
          check(Math.abs(linkOcc[o] - occ) < 1e-6, 'link = Σ segments', a, k);
          if (params.spill[a] === 1) {
            check(occ <= params.jamVeh[a] + TOL, 'storage', a, k, occ, params.jamVeh[a]);
            // above the critical density k_c·L = k_jam·L / 1.05: a queue stands on the link
            if (occ > (params.jamVeh[a] / 1.05) * 1.001) full++;
          }
          check(times.exitStep[o] >= k + minSteps - 1e-9, 'exit ≥ entry + free flow', a, k);
          if (k > 0) {
            check(r.linkCumIn[o] >= r.linkCumIn[o - 1] - TOL && r.linkCumOut[o] >= r.linkCumOut[o - 1] - TOL, 'link curves non-decreasing', a, k);
            check(times.exitStep[o] >= times.exitStep[o - 1] - 1e-9, 'exit times FIFO', a, k);
          }
        }
      }
    // fixed seed: about one random draw of 12 cases in four had no standing queue at all, which the
    // spillback check below would then miss; these 24 cases do queue (and stay the same on every run)
    }), { numRuns: 24, seed: 20261201 });
    expect(full).toBeGreaterThan(0);
  });
});
