/**
 * Checked books on the fake response (test/flex/fakeResponse.ts): runBookCheck runs a seeded
 * random search or given books, bookCheck lists the admissible books outside the sweep's hulls
 * — compared here with distances computed by the test itself (projection onto the hull by an
 * independent Frank–Wolfe over every sweep point, not only vertices) — and the tiers built with
 * the books contain every admissible book, stay nested and never lose volume.
 */
import { describe, expect, it } from 'vitest';
import { startingDirections, defaultRoundSize } from '../../../src/flex/directions/adaptiveDirections.ts';
import { bookCheck } from '../../../src/flex/books/bookCheck.ts';
import { runBookCheck } from '../../../src/flex/books/runBookCheck.ts';
import { hullContains } from '../../../src/flex/hull/hullContains.ts';
import { admissible, type EvaluatedPoint } from '../../../src/flex/search/flexEvaluation.ts';
import { assembleTiers } from '../../../src/flex/sweep/assembleTiers.ts';
import { allEvaluated, runSweep } from '../../../src/flex/sweep/runSweep.ts';
import { fakeExecutor, fakeSpec } from '../sweep/fakeExecutor.ts';

const BUDGETS = [300, 1000, 3000];
const N = 3;
const AXES = [0, 1, 2];

/** Distance from p to conv(points) by plain Frank–Wolfe (this test's own), upper bound after many steps. */
function fwDistance(p: number[], points: number[][]): number {
  let q = [...points[0]];
  for (let it = 0; it < 50_000; it++) {
    const r = q.map((v, j) => v - p[j]);
    let best = points[0];
    let bestDot = Infinity;
    for (const v of points) {
      const dot = v.reduce((s, x, j) => s + x * r[j], 0);
      if (dot < bestDot) { bestDot = dot; best = v; }
    }
    const dir = best.map((v, j) => v - q[j]);
    const gap = -dir.reduce((s, x, j) => s + x * r[j], 0);
    const dd = dir.reduce((s, x) => s + x * x, 0);
    if (gap <= 1e-14 || dd === 0) break;
    const gamma = Math.min(1, gap / dd);
    q = q.map((v, j) => v + gamma * dir[j]);
  }
  return Math.hypot(...q.map((v, j) => v - p[j]));
}

async function study(seed: number) {
  const fake = fakeExecutor(N, seed);
  // a small sweep (6 starting directions, no rounds) leaves reachable region out: the books find it
  const spec = fakeSpec(startingDirections(N).slice(0, 6), BUDGETS, { axes: AXES, directionBudget: 6, volumeTolerance: 0.02, roundSize: defaultRoundSize(N) });
  const run = await runSweep(spec, { executor: fake.executor, probes: fake.probes });
  const books = await runBookCheck(spec, { kind: 'random', seed: 11, count: 60 }, {
    executor: fake.executor,
    random: { stationKinds: [['charge', 'v2g'], ['charge', 'v2g'], ['charge', 'v2g']], intervals: 12, maxChargeYuanPerKWh: 2, maxV2gYuanPerVisit: 60 },
  });
  return { run, books, spec, window: fake.window };
}

describe('checked books (fake response)', () => {
  it('should run random books until 60 are admissible at the largest budget (or 6 × 60 ran), in index order', async () => {
    const { books } = await study(0);
    const top = BUDGETS[BUDGETS.length - 1];
    expect(books.source).toBe('random');
    expect(books.books.map((b) => b.index)).toEqual([...books.books.keys()]);
    const served = books.books.filter((b) => admissible(b.point, top)).length;
    expect(served >= 60 || books.books.length === 360).toBe(true);
    for (const b of books.books) expect(b.point.book).toBeDefined();
  });

  it('should list exactly the admissible books farther than 0.05 MW outside the sweep hull (independent distance, 1e-4 MW slack)', async () => {
    const { run, books } = await study(0);
    const sweepTiers = assembleTiers(run, AXES);
    const check = bookCheck(books, sweepTiers, AXES, 0.05);
    let outsideFound = 0;
    for (const tier of sweepTiers) {
      const sweepPoints = allEvaluated(run).filter((p) => admissible(p, tier.budgetYuan)).map((p) => AXES.map((s) => p.netMw[s]));
      for (const b of books.books.filter((x) => admissible(x.point, tier.budgetYuan))) {
        const d = fwDistance(AXES.map((s) => b.point.netMw[s]), sweepPoints);
        const listed = check.outside.some((o) => o.book.index === b.index && o.budgetYuan === tier.budgetYuan);
        if (d > 0.05 + 1e-4) expect(listed, `book ${b.index} at ${d} MW outside the ${tier.budgetYuan} ¥ tier`).toBe(true);
        if (d < 0.05 - 1e-4) expect(listed, `book ${b.index} at ${d} MW`).toBe(false);
        if (listed) outsideFound++;
      }
    }
    // the small sweep must leave some region for the books to find, else this test proves nothing
    expect(outsideFound).toBeGreaterThan(0);
    expect(check.outside.length).toBe(outsideFound);
    check.tiers.forEach((t, i) => expect(t.outsideBooks).toBe(check.outside.filter((o) => o.budgetYuan === sweepTiers[i].budgetYuan).length));
  });

  it('should put every admissible book in its tiers\' hulls once the books join, nested, with volumes ≥ the sweep\'s', async () => {
    const { run, books } = await study(3);
    const sweepTiers = assembleTiers(run, AXES);
    const points: EvaluatedPoint[] = [...allEvaluated(run), ...books.books.map((b) => b.point)];
    const tiers = assembleTiers(run, AXES, 1e-6, points);
    tiers.forEach((tier, i) => {
      const coords = tier.hullPoints.map((p) => AXES.map((s) => p.netMw[s]));
      for (const b of books.books.filter((x) => admissible(x.point, tier.budgetYuan))) {
        expect(hullContains(tier.hull, coords, AXES.map((s) => b.point.netMw[s]), 1e-9)).toBe(true);
      }
      expect(tier.innerVolume).toBeGreaterThanOrEqual(sweepTiers[i].innerVolume * (1 - 1e-12));
      if (i > 0) expect(tier.innerVolume).toBeGreaterThanOrEqual(tiers[i - 1].innerVolume * (1 - 1e-12));
    });
  });

  it('should run given books as they are (no scaling) and keep a failing book as a dead letter', async () => {
    const fake = fakeExecutor(N, 0);
    const spec = fakeSpec(startingDirections(N), BUDGETS);
    const zeros = new Array<number>(N * 12).fill(0);
    const heavy = zeros.map((_, i) => (i % 12 >= 3 && i % 12 <= 6 ? 2 : 0)); // about 9,400 ¥ on the fake: over every budget
    const failing = { ...fake.executor, run: async (task: Parameters<typeof fake.executor.run>[0]) => {
      if (task.kind === 'book' && task.index === 1) throw new Error('HiGHS status -1');
      return fake.executor.run(task);
    } };
    const runs = await runBookCheck(spec, { kind: 'file', file: 'b.json', books: [
      { label: 'none', book: { chargeYuanPerKWh: zeros, v2gYuanPerVisit: zeros } },
      { label: 'fails', book: { chargeYuanPerKWh: zeros, v2gYuanPerVisit: zeros } },
      { label: 'heavy', book: { chargeYuanPerKWh: heavy, v2gYuanPerVisit: zeros } },
    ] }, { executor: failing });
    expect(runs.books.map((b) => b.label)).toEqual(['none', 'heavy']);
    expect(runs.books[1].point.book!.chargeYuanPerKWh).toEqual(heavy);
    expect(runs.books[1].point.subsidyYuan).toBeGreaterThan(BUDGETS[BUDGETS.length - 1]);
    expect(runs.deadLetters).toHaveLength(1);
    expect(runs.deadLetters[0]).toMatchObject({ kind: 'book', book: 1, reason: 'HiGHS status -1' });
    expect(runs.runs).toBe(2);
  });
});

describe('checked books in the JSON and the report (fake response)', () => {
  it('should give bookCheck in the schema, tier by tier, with every listed book in the HTML table', async () => {
    const { flexJson } = await import('../../../src/flex/report/flexJson.ts');
    const { flexModelSchema } = await import('../../../src/flex/report/flexJsonSchema.ts');
    const { bookCheckHtml } = await import('../../../src/flex/report/bookCheckHtml.ts');
    const { run, books, window } = await study(0);
    const sweepTiers = assembleTiers(run, AXES);
    const check = bookCheck(books, sweepTiers, AXES);
    const result = {
      model: 'dta' as const, timeIndex: 6, time: '18:00', intervalMin: 10, intervals: 12, stations: ['CS1', 'CS2', 'CS3'], buses: [22, 16, 30],
      axes: AXES, window, run, bookCheck: check, wallMs: 0,
      tiers: assembleTiers(run, AXES, 1e-6, [...allEvaluated(run), ...books.books.map((b) => b.point)]),
    };
    const json = flexModelSchema.parse(JSON.parse(JSON.stringify(flexJson([result]))));
    expect(json.bookCheck).toBeDefined();
    expect(json.bookCheck!.books).toBe(books.books.length);
    expect(check.outside.length).toBeGreaterThan(0);
    expect(json.bookCheck!.outside.map((o) => [o.book, o.budgetYuan])).toEqual(check.outside.map((o) => [o.book.index, o.budgetYuan]));
    // a listed book's point carries its full book: the coupons of its run, not of the basis
    const first = check.outside[0];
    expect(json.bookCheck!.outside[0].point.coupons.CS1.chargeYuanPerKwh).toEqual(first.book.point.book!.chargeYuanPerKWh.slice(0, 12));
    json.bookCheck!.tiers.forEach((t, i) => {
      expect(t.sweepInnerVolume).toBe(sweepTiers[i].innerVolume);
      expect(json.tiers[i].innerVolume).toBeGreaterThanOrEqual(t.sweepInnerVolume);
    });
    const html = bookCheckHtml(result);
    for (const o of check.outside.slice(0, 50)) expect(html).toContain(`<td>${o.book.label}</td>`);
    expect(html).toContain('<table class="books">');
  });
});
