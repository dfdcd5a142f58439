import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOuterBound, type OuterBound } from '../../../src/flex/outer/outerBound.ts';
import { staScenario, staTimeIndex } from '../../../src/flex/sweep/staScenario.ts';
import { prepareCosim, readScenarioFile, type CouponBook, type PreparedCosim, type Scenario } from '../../../src/sim/index.ts';

/** The reduced reference case of test/cli/flex.test.ts, with a 2 h tail (t* = 3, 17:30). */
const REDUCED = ['horizon.intervals=6', 'horizon.stepSec=60', 'demand.profile=[0.7,0.8,0.9,1,1,1]', 'feeder.loadScale=1', 'horizon.clearanceMin=120'];
const LONG = process.env.EV_COSIM_LONG === '1';
const AXES = [0, 1, 2];

/** A coupon book: `pushed` stations get the given levels on every window interval, the others random ones (seeded). */
function couponBook(stations: number, intervals: number, seed: number, pushed: { station: number; charge: number; v2g: number }[]): CouponBook {
  let state = seed;
  const rnd = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
  const charge = Float64Array.from({ length: stations * intervals }, () => (rnd() < 0.5 ? 0 : 2 * rnd()));
  const v2g = Float64Array.from({ length: stations * intervals }, () => (rnd() < 0.5 ? 0 : 60 * rnd()));
  for (const p of pushed) {
    charge.fill(p.charge, p.station * intervals, (p.station + 1) * intervals);
    v2g.fill(p.v2g, p.station * intervals, (p.station + 1) * intervals);
  }
  return { chargeYuanPerKWh: charge, v2gYuanPerVisit: v2g };
}

/** Station loads at t* of co-simulations whose OPF at t* is exact with no shed and no curtailment (≤ 1e-6 MW). */
async function servedPoints(sim: PreparedCosim, timeIndex: number, books: CouponBook[]): Promise<{ served: number[][]; rejected: number }> {
  const served: number[][] = [];
  let rejected = 0;
  for (const coupons of books) {
    const r = await sim.run({ coupons });
    const at = r.intervals[timeIndex];
    if (at === undefined || at.opf.status !== 'optimal' || at.opf.shedKw > 1e-3 || (at.opf.evCurtailedKw ?? 0) > 1e-3) {
      rejected++;
      continue;
    }
    served.push(AXES.map((s) => at.netMw[s]));
  }
  return { served, rejected };
}

for (const model of ['dta', 'sta'] as const) {
  describe(`createOuterBound on the reduced reference case (${model.toUpperCase()})`, () => {
    let scenario: Scenario;
    let baseDir: string;
    let file: string;
    let timeIndex: number;
    let outer: OuterBound;
    let sim: PreparedCosim;
    let served: number[][] = [];
    beforeAll(async () => {
      const loaded = readScenarioFile('scenarios/nguyen-dupuis-ieee33-evening-peak.json', REDUCED);
      scenario = model === 'dta' ? loaded.scenario : staScenario(loaded.scenario, { intervalMin: 30 });
      timeIndex = model === 'dta' ? 3 : staTimeIndex(3, 10, 30);
      baseDir = loaded.baseDir;
      file = loaded.file;
      outer = await createOuterBound({ scenario, baseDir, source: file, timeIndex, axes: AXES });
      sim = await prepareCosim(scenario, { baseDir, source: file });
      const S = scenario.stations.length;
      const W = sim.windowIntervals;
      // base, random books, and books pushing the feeder-limited CS2 up and CS1 into V2G
      const books = [
        { chargeYuanPerKWh: new Float64Array(S * W), v2gYuanPerVisit: new Float64Array(S * W) },
        couponBook(S, W, 11, [{ station: 1, charge: 2, v2g: 0 }, { station: 0, charge: 0, v2g: 60 }]),
        ...(LONG ? [couponBook(S, W, 23, [{ station: 2, charge: 1.5, v2g: 0 }])] : []),
        ...(LONG ? Array.from({ length: 12 }, (_, k) => couponBook(S, W, 100 + k, [])) : []),
      ];
      ({ served } = await servedPoints(sim, timeIndex, books));
    }, LONG ? 1_200_000 : 180_000);
    afterAll(() => {
      outer?.dispose();
      sim?.dispose();
    });

    it('should contain every co-simulated point the grid serves at t* (tolerance 1e-6 MW)', () => {
      expect(served.length).toBeGreaterThan(0);
      for (const p of served) expect(outer.region().contains(p, 1e-6)).toBe(true);
    });

    it('should give h(a) ≥ aᵀP for every served point over random directions and the directions towards the points (property, tolerance 1e-6 MW)', () => {
      for (const p of served) {
        const h = outer.support(p);
        expect(h).toBeGreaterThanOrEqual(p.reduce((acc, x) => acc + x * x, 0) - 1e-6);
      }
      fc.assert(
        fc.property(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), (a) => {
          fc.pre(Math.hypot(...a) > 1e-3);
          const h = outer.support(a);
          for (const p of served) expect(h).toBeGreaterThanOrEqual(a[0] * p[0] + a[1] * p[1] + a[2] * p[2] - 1e-6);
        }),
        { numRuns: 8, seed: 5 },
      );
    });

    it('should bound each station by its servers (60 × 60 kW charging, 40 × 40 kW V2G) and give a full-dimensional region whose volume stays within the box of its axis supports', () => {
      const r = outer.region();
      expect(r.affineRank).toBe(3);
      const widths = AXES.map((_, i) => {
        const e = AXES.map((__, j) => (j === i ? 1 : 0));
        return { up: outer.support(e), down: -outer.support(e.map((x) => -x)) };
      });
      for (const w of widths) {
        expect(w.up).toBeLessThanOrEqual(3.6 + 1e-4);
        expect(w.down).toBeGreaterThanOrEqual(-1.6 - 1e-4);
      }
      const box = widths.reduce((acc, w) => acc * (w.up - w.down), 1);
      expect(r.volume).toBeGreaterThan(0);
      expect(r.volume).toBeLessThanOrEqual(box * (1 + 1e-9));
    });
  });
}

describe('createOuterBound input checks', () => {
  it('should refuse an empty axis list, an unknown or repeated station and a t* outside the window', async () => {
    const { scenario, baseDir, file } = readScenarioFile('scenarios/nguyen-dupuis-ieee33-evening-peak.json', REDUCED);
    const spec = { scenario, baseDir, source: file, timeIndex: 3 };
    await expect(createOuterBound({ ...spec, axes: [] })).rejects.toThrow(/axes/);
    await expect(createOuterBound({ ...spec, axes: [0, 9] })).rejects.toThrow(/axes\[1\]/);
    await expect(createOuterBound({ ...spec, axes: [1, 1] })).rejects.toThrow(/repeated/);
    await expect(createOuterBound({ ...spec, timeIndex: 6, axes: [0] })).rejects.toThrow(/timeIndex/);
  });
});
