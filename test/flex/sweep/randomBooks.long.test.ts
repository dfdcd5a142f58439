/**
 * Issue 12, "Checks that must hold": a random search of ≥ 300 admissible coupon books within
 * budget finds no point outside the inner hull by more than 0.05 MW (long suite only,
 * EV_COSIM_LONG=1).
 *
 * Case: the reduced reference scenario of the other real-run tests (6 × 10-min intervals, 60-s
 * loading steps, t* = 17:30), axes CS1–CS3, DTA, budgets 300 and 1000 ¥, the DEFAULT sweep
 * (adaptive directions, horizon coupon basis with one block per interval of the window and t* + 1
 * alone, probe levels 1/64, 1/8, 1, one refinement step). The random books are FULL books — one value per
 * station, kind and interval, not the sweep's reduced basis — so the check also tests whether the
 * basis leaves reachable region out. Distance outside a hull: the Euclidean distance to the hull
 * of the tier's points, bounded from above by a Frank–Wolfe iterate (so "≤ 0.05 MW" is proved,
 * never assumed), with the Frank–Wolfe duality gap giving a lower bound for the report.
 * EV_COSIM_RANDOM_BOOKS sets the number of admissible books wanted (default 300).
 *
 * The issue's check: no book farther than 0.05 MW outside, "or the report lists it and the hull
 * grows to include it". The books are drawn and run here first, then handed to the study as
 * checked books (`checkBooks`, as `flex --books` does): the test measures each against the hull
 * of the sweep's own runs itself, and a book farther than 0.05 MW must be listed in the study's
 * `bookCheck.outside` and lie in the tier's reported hull. The study's run of each book must
 * reproduce the test's own run of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridServed, type FlexEvaluation } from '../../../src/flex/search/flexEvaluation.ts';
import { buildFlexProblem, type FlexProblem } from '../../../src/flex/sweep/flexProblem.ts';
import type { FlexModelResult } from '../../../src/flex/sweep/flexModelResult.ts';
import { checkFlexStudyOptions, runFlexStudy, type FlexStudyOptions } from '../../../src/flex/sweep/runFlexStudy.ts';
import { allEvaluated } from '../../../src/flex/sweep/runSweep.ts';
import { convexHullOf } from '../../../src/flex/hull/convexHullOf.ts';
import { hullContains } from '../../../src/flex/hull/hullContains.ts';
import { admissible } from '../../../src/flex/search/flexEvaluation.ts';
import { stationServiceRecord, type CouponBook } from '../../../src/sim/index.ts';

const LONG = process.env.EV_COSIM_LONG === '1';
const WANTED = Number(process.env.EV_COSIM_RANDOM_BOOKS ?? 300);
const OUTSIDE_MW = 0.05;
const OVERRIDES = ['horizon.intervals=6', 'horizon.stepSec=60', 'demand.profile=[0.7,0.8,0.9,1,1,1]', 'feeder.loadScale=1'];
const BUDGETS = [300, 1000];

/**
 * Euclidean distance from `p` to conv(`vertices`): Frank–Wolfe with exact line search from the
 * nearest vertex. `upper` = ‖q − p‖ of the iterate q (a point of the hull), `lower` from the
 * duality gap g = 2(q − p)ᵀ(q − v*) of f = ‖q − p‖² (f* ≥ f − g).
 */
function distanceToHull(p: readonly number[], vertices: readonly (readonly number[])[]): { upper: number; lower: number } {
  const d2 = (a: readonly number[]): number => a.reduce((acc, x, j) => acc + (x - p[j]) ** 2, 0);
  let q = [...vertices.reduce((best, v) => (d2(v) < d2(best) ? v : best))];
  let lowerSq = 0;
  for (let it = 0; it < 20_000; it++) {
    const r = q.map((x, j) => x - p[j]);
    let best = 0;
    let bestDot = Infinity;
    vertices.forEach((v, i) => {
      const dot = v.reduce((acc, x, j) => acc + x * r[j], 0);
      if (dot < bestDot) { bestDot = dot; best = i; }
    });
    const v = vertices[best];
    const dir = v.map((x, j) => x - q[j]);
    const gap = -2 * dir.reduce((acc, x, j) => acc + x * r[j], 0);
    const f = d2(q);
    lowerSq = Math.max(lowerSq, f - gap);
    if (gap <= 1e-12) break;
    const dd = dir.reduce((acc, x) => acc + x * x, 0);
    const gamma = Math.min(1, Math.max(0, gap / (2 * dd)));
    q = q.map((x, j) => x + gamma * dir[j]);
  }
  return { upper: Math.sqrt(d2(q)), lower: Math.sqrt(Math.max(0, lowerSq)) };
}

/** Per tier: books so far and the largest distance outside its hull (Frank–Wolfe upper bound), MW. */
function progress(result: FlexModelResult, found: readonly { netMw: number[]; subsidyYuan: number }[]): string {
  return result.tiers.map((t) => {
    const vertices = t.vertices.map((v) => result.axes.map((s) => v.netMw[s]));
    const mine = found.filter((b) => b.subsidyYuan <= t.budgetYuan);
    const worst = mine.reduce((m, b) => Math.max(m, distanceToHull(result.axes.map((s) => b.netMw[s]), vertices).upper), 0);
    return `${t.budgetYuan} ¥: ${mine.length} books, farthest ≤ ${worst.toFixed(4)} MW`;
  }).join('; ');
}

/** A deterministic generator (Park–Miller). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

describe.skipIf(!LONG)(`long: ${WANTED} random admissible full coupon books against the inner hulls (reduced case, CS1–CS3, DTA)`, () => {
  let result: FlexModelResult;
  let problem: FlexProblem;
  const found: { netMw: number[]; subsidyYuan: number; book: { chargeYuanPerKWh: number[]; v2gYuanPerVisit: number[] } }[] = [];
  const tally = { runs: 0, notServed: 0, overBudget: 0 };
  // co-simulations that threw (a solver failure escaping the run): kept with their books for the report
  const crashed: { message: string; book: Record<string, number> }[] = [];
  let wallMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    const options: FlexStudyOptions = { overrides: OVERRIDES, models: ['dta'], timeIndex: 3, budgetsYuan: BUDGETS, stations: ['CS1', 'CS2', 'CS3'], workers: 2 };
    problem = await buildFlexProblem(checkFlexStudyOptions(options)[0]);
    const { scenario } = problem;
    const S = scenario.stations.length;
    const T = scenario.horizon.intervals;
    const rnd = lcg(20261201);
    const top = BUDGETS[BUDGETS.length - 1];
    const evaluate = async (book: CouponBook): Promise<FlexEvaluation | undefined> => {
      tally.runs++;
      try {
        return await problem.evaluator.evaluate(book);
      } catch (error) {
        const nonzero: Record<string, number> = {};
        book.chargeYuanPerKWh.forEach((v, i) => { if (v > 0) nonzero[`charge[${i}]`] = v; });
        book.v2gYuanPerVisit.forEach((v, i) => { if (v > 0) nonzero[`v2g[${i}]`] = v; });
        crashed.push({ message: String((error as Error).message), book: nonzero });
        return undefined;
      }
    };
    while (found.length < WANTED && tally.runs < 6 * WANTED) {
      // sparsity and scale vary per book: a few strong coupons or many weak ones, anywhere in the horizon
      const density = [0.1, 0.25, 0.5][Math.floor(rnd() * 3)];
      const charge = new Float64Array(S * T);
      const v2g = new Float64Array(S * T);
      scenario.stations.map(stationServiceRecord).forEach((st, s) => {
        for (let t = 0; t < T; t++) {
          if (st.chargers > 0 && rnd() < density) charge[s * T + t] = 2 * rnd();
          if (st.v2gPorts > 0 && rnd() < density) v2g[s * T + t] = 60 * rnd();
        }
      });
      let e = await evaluate({ chargeYuanPerKWh: charge, v2gYuanPerVisit: v2g });
      // over the budget: scale the whole book down (subsidy ≈ linear in the scale), at most twice
      for (let k = 0; k < 2 && e !== undefined && e.subsidyYuan > top; k++) {
        const f = (0.95 * top) / e.subsidyYuan * rnd();
        charge.forEach((x, i) => (charge[i] = x * f));
        v2g.forEach((x, i) => (v2g[i] = x * f));
        e = await evaluate({ chargeYuanPerKWh: charge, v2gYuanPerVisit: v2g });
      }
      if (e === undefined) continue;
      if (!gridServed(e)) tally.notServed++;
      else if (e.subsidyYuan > top) tally.overBudget++;
      else {
        found.push({ netMw: [...e.netMw], subsidyYuan: e.subsidyYuan, book: { chargeYuanPerKWh: [...charge], v2gYuanPerVisit: [...v2g] } });
        if (found.length % 50 === 0) console.info(`${found.length} books after ${tally.runs} runs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    }
    // the sweep, then the same books as the study's checked books
    [result] = await runFlexStudy({ ...options, checkBooks: { books: found.map((b, i) => ({ label: `test book ${i + 1}`, book: b.book })), source: 'test' } });
    console.info(`sweep: ${result.run.runs.design + result.run.runs.search} runs, ${result.run.directions.length} directions; ` +
      result.tiers.map((t, i) => `${t.budgetYuan} ¥: ${t.admissiblePoints} points with the books, ${t.vertices.length} vertices, ${result.bookCheck!.tiers[i].sweepInnerVolume.toPrecision(4)} → ${t.innerVolume.toPrecision(4)} MW³`).join('; '));
    console.info(`with the books in the tiers (Frank–Wolfe upper bound, not run to convergence inside a hull): ${progress(result, found)}`);
    wallMs = Date.now() - started;
  }, 7_200_000);

  afterAll(() => problem?.prepared.dispose());

  it('should run every random book to an answer (no solver failure escapes a co-simulation)', () => {
    for (const c of crashed.slice(0, 3)) console.info(`crashed: ${c.message}; book ${JSON.stringify(c.book)}`);
    expect(crashed.length, `${crashed.length} of ${tally.runs} runs threw`).toBe(0);
  });

  it('should reproduce each book\'s run in the study (same loads to 1e-9 MW, same subsidy)', () => {
    const books = result.bookCheck!.books;
    expect(books).toHaveLength(found.length);
    books.forEach((b, i) => {
      result.axes.forEach((s) => expect(Math.abs(b.point.netMw[s] - found[i].netMw[s])).toBeLessThanOrEqual(1e-9));
      expect(b.point.subsidyYuan).toBeCloseTo(found[i].subsidyYuan, 6);
    });
  });

  it(`should find ≥ ${WANTED} admissible books, each within ${OUTSIDE_MW} MW of the sweep's inner hull (Frank–Wolfe upper bound) or listed by the study and inside the grown hull`, () => {
    console.info(`random books: ${found.length} admissible of ${tally.runs} runs (${tally.notServed} not served by the grid, ${tally.overBudget} over budget, ${crashed.length} threw), ${(wallMs / 1000).toFixed(0)} s wall incl. the sweep`);
    expect(found.length).toBeGreaterThanOrEqual(WANTED);
    const farthest: { budgetYuan: number; upperMw: number }[] = [];
    const unlisted: string[] = [];
    const notInGrownHull: string[] = [];
    for (const tier of result.tiers) {
      // the hull of the sweep's own admissible runs (the books left out), built here
      const sweepPoints = allEvaluated(result.run).filter((p) => admissible(p, tier.budgetYuan)).map((p) => result.axes.map((s) => p.netMw[s]));
      const sweepHull = convexHullOf(sweepPoints, { tolerance: 1e-6 });
      const vertices = sweepHull.vertices.map((i) => sweepPoints[i]);
      const grown = tier.hullPoints.map((p) => result.axes.map((s) => p.netMw[s]));
      const mine = found.map((b, i) => ({ ...b, i })).filter((b) => b.subsidyYuan <= tier.budgetYuan); // every found book is grid-served
      const distances = mine.map((b) => distanceToHull(result.axes.map((s) => b.netMw[s]), vertices));
      const outside = distances.filter((d) => d.upper > 1e-6);
      const worst = distances.reduce((m, d) => (d.lower > m.lower ? d : m), { upper: 0, lower: 0 });
      console.info(
        `tier ${tier.budgetYuan} ¥: ${mine.length} books, sweep hull ${vertices.length} vertices, ${sweepHull.volume.toPrecision(4)} MW³; ` +
          `${outside.length} outside it (> 1e-6 MW), farthest ${worst.lower.toFixed(4)}–${worst.upper.toFixed(4)} MW; ` +
          `listed by the study: ${result.bookCheck!.outside.filter((o) => o.budgetYuan === tier.budgetYuan).length}`,
      );
      farthest.push({ budgetYuan: tier.budgetYuan, upperMw: distances.reduce((m, d) => Math.max(m, d.upper), 0) });
      mine.forEach((b, k) => {
        if (distances[k].upper <= OUTSIDE_MW) return;
        const listed = result.bookCheck!.outside.some((o) => o.book.index === b.i && o.budgetYuan === tier.budgetYuan);
        if (!listed) unlisted.push(`book ${b.i + 1} at ${distances[k].upper.toFixed(4)} MW, tier ${tier.budgetYuan} ¥`);
        if (!hullContains(tier.hull, grown, result.axes.map((s) => b.netMw[s]), 1e-9)) notInGrownHull.push(`book ${b.i + 1}, tier ${tier.budgetYuan} ¥`);
      });
    }
    console.info(`farthest outside the sweep's own hull: ${farthest.map((f) => `${f.budgetYuan} ¥ ${f.upperMw.toFixed(4)} MW`).join(', ')}`);
    // every tier reported above before the first assertion fails
    expect(unlisted, 'books farther than 0.05 MW outside that the study did not list').toEqual([]);
    expect(notInGrownHull, 'listed books not inside the tier\'s reported hull').toEqual([]);
  });
});

describe('distanceToHull (the long check\'s distance, tolerance 1e-6 MW)', () => {
  it('should give 0 inside a unit cube and the exact distance to a face, an edge and a corner', () => {
    const cube = [0, 1].flatMap((x) => [0, 1].flatMap((y) => [0, 1].map((z) => [x, y, z])));
    expect(distanceToHull([0.3, 0.4, 0.5], cube).upper).toBeLessThanOrEqual(1e-6);
    for (const [p, want] of [[[0.5, 0.5, 1.2], 0.2], [[1.3, 0.5, 1.4], 0.5], [[2, 3, -2], Math.sqrt(1 + 4 + 4)]] as [number[], number][]) {
      const d = distanceToHull(p, cube);
      expect(d.upper).toBeCloseTo(want, 6);
      expect(d.lower).toBeLessThanOrEqual(want + 1e-9);
    }
  });
});
