/**
 * Flexibility sweep benchmark: reference scenario, 26 directions
 * × 4 budgets, 2 workers — wall time, co-simulation runs per point, volumes — and
 * the speed-up of the second worker on the same problem.
 *
 * Run: npx tsx bench/flex.bench.ts [dta|sta|both] [--verify] [--speedup [--speedup-reduced]]
 * Prints figures only; never asserts on time.
 */
import { directionsNd } from '../src/flex/directions/directionsNd.ts';
import { sphereDirections3d } from '../src/flex/directions/sphereDirections3d.ts';
import { runFlexStudy, type FlexStudyOptions } from '../src/flex/sweep/runFlexStudy.ts';
import { verifyPoints } from '../src/flex/sweep/verifyPoints.ts';
import type { FlexModel } from '../src/flex/sweep/sweepSpec.ts';

const arg = process.argv[2] ?? 'both';
const models: FlexModel[] = arg === 'both' ? ['dta', 'sta'] : [arg as FlexModel];
const speedup = process.argv.includes('--speedup');
const verify = process.argv.includes('--verify');
// Skip the full 26 × 4 run and only time the reduced problem with 1 and 2 workers.
const onlySpeedup = process.argv.includes('--only-speedup');

async function timed(options: FlexStudyOptions): Promise<{ seconds: number; results: Awaited<ReturnType<typeof runFlexStudy>> }> {
  const t0 = performance.now();
  const results = await runFlexStudy(options);
  return { seconds: (performance.now() - t0) / 1000, results };
}

for (const model of models) {
  const base: FlexStudyOptions = { models: [model], directions: sphereDirections3d(45), budgetsYuan: [1000, 2000, 4000, 6000] };
  if (onlySpeedup) {
    await speedupOf(model, base, undefined, true);
    continue;
  }
  const two = await timed({ ...base, workers: 2 });
  const r = two.results[0];
  const runs = r.run.runs.design + r.run.runs.search;
  const points = r.tiers.length * r.run.spec.directions.length;
  console.log(`\n${model.toUpperCase()} 26 directions × 4 budgets, 2 workers: wall ${two.seconds.toFixed(1)} s, ${runs} co-simulation runs (${r.run.runs.design} design + ${r.run.runs.search} search), ${(runs / points).toFixed(2)} runs per point`);
  console.log('budget ¥ | volume MW³ | increase % | rank | area MW² | constant total MW | ranges MW');
  for (const t of r.tiers) {
    console.log(
      `${t.budgetYuan} | ${t.hull.volume.toFixed(3)} | ${t.volumeIncreasePct?.toFixed(1) ?? '–'} | ${t.hull.affineRank} | ${t.hull.area?.toFixed(3) ?? '–'} | ${t.hull.constantTotal?.toFixed(3) ?? '–'} | ${t.rangeMw.map((x) => `[${x.min.toFixed(2)}, ${x.max.toFixed(2)}]`).join(' ')}`,
    );
  }
  if (verify) {
    const last = r.tiers[r.tiers.length - 1];
    const checks = await verifyPoints(r.run.spec, last.vertices);
    console.log(`re-simulated ${checks.length} vertices of the ${last.budgetYuan} ¥ tier: max relative load error ${Math.max(...checks.map((c) => c.relativeError)).toExponential(2)}, max DUE gap ${Math.max(...checks.map((c) => c.dueGap)).toExponential(2)}`);
  }
  if (speedup) await speedupOf(model, base, two, process.argv.includes('--speedup-reduced'));
}

/** Time the same problem with 1 and 2 workers (reduced: 6 axis directions × 2 budgets). */
async function speedupOf(model: FlexModel, base: FlexStudyOptions, two: Awaited<ReturnType<typeof timed>> | undefined, reduced: boolean): Promise<void> {
  const problem: FlexStudyOptions = reduced
    ? { ...base, directions: directionsNd(3, { kind: 'axesDiagonals' }).slice(0, 6), budgetsYuan: [1000, 4000] }
    : base;
  const twoAgain = reduced || !two ? await timed({ ...problem, workers: 2 }) : two;
  const one = await timed({ ...problem, workers: 1 });
  console.log(`${model.toUpperCase()} ${reduced ? '6 directions × 2 budgets' : '26 × 4'}: 1 worker ${one.seconds.toFixed(1)} s, 2 workers ${twoAgain.seconds.toFixed(1)} s → speed-up of the second worker ${(one.seconds / twoAgain.seconds).toFixed(2)}×`);
  const same = JSON.stringify(one.results[0].tiers.map((t) => t.vertices.map((p) => p.netMw))) === JSON.stringify(twoAgain.results[0].tiers.map((t) => t.vertices.map((p) => p.netMw)));
  console.log(`results identical with 1 and 2 workers: ${same}`);
}
