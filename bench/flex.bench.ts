/**
 * Flexibility sweep benchmark: wall and CPU time, co-simulation runs per point, directions,
 * inner volumes per tier — and the speed-up of the second worker on the same problem,
 * measured in the same run.
 *
 * Run: npx tsx bench/flex.bench.ts [dta|sta|both|six] [--grid3] [--workers N] [--verify] [--speedup [--speedup-reduced]] [--only-speedup]
 *   dta|sta|both  the bundled reference scenario, every station (5), adaptive directions, 4 budgets
 *   six           scenarios/nguyen-dupuis-ieee33-six-stations.json (6 stations), DTA, adaptive, 4 budgets
 *   --grid3       instead: CS1–CS3 with the 26 directions of the 45° grid (the first version's sweep)
 *   --speedup     the same problem with 1 and 2 workers; --speedup-reduced: CS1–CS3, 6 axis directions × 2 budgets
 * CPU time is process.cpuUsage() (every thread of this process); the machine's load average is printed
 * before and after, since the machine may be shared. Prints figures only; never asserts on time.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { directionsNd } from '../src/flex/directions/directionsNd.ts';
import { sphereDirections3d } from '../src/flex/directions/sphereDirections3d.ts';
import { runFlexStudy, type FlexStudyOptions } from '../src/flex/sweep/runFlexStudy.ts';
import { verifyPoints } from '../src/flex/sweep/verifyPoints.ts';
import type { FlexModel } from '../src/flex/sweep/sweepSpec.ts';
import { tierBounds, type FlexModelResult } from '../src/flex/sweep/flexModelResult.ts';

const SIX = fileURLToPath(new URL('../scenarios/nguyen-dupuis-ieee33-six-stations.json', import.meta.url));
const arg = process.argv[2] ?? 'both';
const six = arg === 'six';
const models: FlexModel[] = six ? ['dta'] : arg === 'both' ? ['dta', 'sta'] : [arg as FlexModel];
const speedup = process.argv.includes('--speedup');
const verify = process.argv.includes('--verify');
const grid3 = process.argv.includes('--grid3');
const onlySpeedup = process.argv.includes('--only-speedup');
const workersAt = process.argv.indexOf('--workers');
const workers = workersAt > 0 ? Number(process.argv[workersAt + 1]) : 2;

interface Timed {
  readonly wallS: number;
  readonly cpuS: number;
  readonly results: FlexModelResult[];
}

async function timed(options: FlexStudyOptions): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // Progress on stderr every 20 tasks (elapsed wall), so a long run shows where it is.
  const onProgress = (model: FlexModel, done: number, total: number): void => {
    if (done % 20 === 0 || done === total) process.stderr.write(`  [${model} ${done}/${total} tasks, ${((performance.now() - t0) / 1000).toFixed(0)} s]\n`);
  };
  const results = await runFlexStudy({ onProgress, ...options });
  process.stderr.write(`  [study done in ${((performance.now() - t0) / 1000).toFixed(0)} s]\n`);
  const c = process.cpuUsage(c0);
  return { wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6, results };
}

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' / ');

function describe(r: FlexModelResult, t: Timed, w: number, label: string): void {
  const run = r.run;
  const runs = run.runs.design + run.runs.search;
  const points = r.tiers.length * run.directions.length;
  const adaptive = run.adaptive ? `, adaptive: ${run.adaptive.rounds.length} rounds, stop: ${run.adaptive.stop}` : '';
  console.log(`\n${label} ${r.model.toUpperCase()}, ${r.axes.length} axes (${r.axes.map((s) => r.stations[s]).join(', ')}), ${run.directions.length} directions${adaptive} × ${r.tiers.length} budgets, ${w} worker${w > 1 ? 's' : ''}`);
  console.log(`  wall ${t.wallS.toFixed(1)} s, CPU ${t.cpuS.toFixed(1)} s (${(t.cpuS / t.wallS).toFixed(2)} cores busy), ${runs} co-simulation runs (${run.runs.design} design + ${run.runs.search} search), ${(runs / points).toFixed(2)} runs per point, ${(t.cpuS / Math.max(runs, 1)).toFixed(2)} CPU s per run`);
  // In one thread the tasks interleave (their wall times overlap), so the slot figure is for a pool only.
  if (run.taskMs && w > 1) {
    const slots = (w * t.wallS * 1000);
    console.log(`  inside the threads: tasks ${(run.taskMs.tasks / 1000).toFixed(1)} s, problem preparation ${(run.taskMs.prepare / 1000).toFixed(1)} s → task slots busy ${(100 * (run.taskMs.tasks + run.taskMs.prepare) / slots).toFixed(0)} % of ${w} × wall`);
  }
  console.log(`  budget ¥ | inner volume MW^${r.axes.length} | affine rank | measure | outer | points | ranges MW`);
  r.tiers.forEach((tier) => {
    const b = tierBounds(r, tier);
    console.log(`  ${tier.budgetYuan} | ${b.innerVolume.toExponential(3)} | ${tier.hull.affineRank} | ${tier.hull.measure.toExponential(3)} | outer ${b.outerVolume?.toExponential(3) ?? '–'}, inner/outer ${b.volumeRatio?.toFixed(3) ?? '–'}, outside outer ${b.outsideOuter ?? '–'} | ${tier.admissiblePoints} admissible | ${tier.rangeMw.map((x) => `[${x.min.toFixed(2)}, ${x.max.toFixed(2)}]`).join(' ')}`);
  });
  if (run.adaptive) {
    console.log(`  inner volume of the largest tier after the start set and each round: ${[run.adaptive.startVolume, ...run.adaptive.rounds.map((x) => x.innerVolume)].map((v) => v.toExponential(3)).join(' → ')}`);
  }
}

function problemOf(model: FlexModel): FlexStudyOptions {
  const base: FlexStudyOptions = { models: [model], budgetsYuan: [1000, 2000, 4000, 6000] };
  if (six) return { ...base, scenarioFile: SIX };
  if (grid3) return { ...base, stations: ['CS1', 'CS2', 'CS3'], directions: sphereDirections3d(45) };
  return base;
}

console.log(`load average (1/5/15 min) at start: ${load()}`);
for (const model of models) {
  const problem = problemOf(model);
  if (onlySpeedup) {
    await speedupOf(model, problem, undefined, process.argv.includes('--speedup-reduced'));
    continue;
  }
  const main = await timed({ ...problem, workers });
  describe(main.results[0], main, workers, six ? 'six-station sweep' : 'reference sweep');
  if (verify) {
    const r = main.results[0];
    const last = r.tiers[r.tiers.length - 1];
    const checks = await verifyPoints(r.run.spec, last.vertices);
    console.log(`  re-simulated ${checks.length} vertices of the ${last.budgetYuan} ¥ tier: max relative load error ${Math.max(...checks.map((c) => c.relativeError)).toExponential(2)}, max DUE gap ${Math.max(...checks.map((c) => c.dueGap)).toExponential(2)}`);
  }
  if (speedup) await speedupOf(model, problem, workers === 2 ? main : undefined, process.argv.includes('--speedup-reduced'));
}
console.log(`\nload average (1/5/15 min) at end: ${load()}`);

/** Time the same problem with 1 and 2 workers (reduced: CS1–CS3, 6 axis directions × 2 budgets). */
async function speedupOf(model: FlexModel, base: FlexStudyOptions, two: Timed | undefined, reduced: boolean): Promise<void> {
  const problem: FlexStudyOptions = reduced
    ? { ...base, stations: ['CS1', 'CS2', 'CS3'], directions: directionsNd(3, { kind: 'axesDiagonals' }).slice(0, 6), budgetsYuan: [1000, 4000] }
    : base;
  console.log(`\nspeed-up, load average before: ${load()}`);
  const twoAgain = reduced || !two ? await timed({ ...problem, workers: 2 }) : two;
  const one = await timed({ ...problem, workers: 1 });
  describe(one.results[0], one, 1, 'speed-up problem');
  describe(twoAgain.results[0], twoAgain, 2, 'speed-up problem');
  console.log(`${model.toUpperCase()} ${reduced ? '6 directions × 2 budgets' : 'full problem'}: 1 worker ${one.wallS.toFixed(1)} s (CPU ${one.cpuS.toFixed(1)} s), 2 workers ${twoAgain.wallS.toFixed(1)} s (CPU ${twoAgain.cpuS.toFixed(1)} s) → speed-up of the second worker ${(one.wallS / twoAgain.wallS).toFixed(2)}×; load average after: ${load()}`);
  const same = JSON.stringify(one.results[0].tiers.map((t) => t.vertices.map((p) => p.netMw))) === JSON.stringify(twoAgain.results[0].tiers.map((t) => t.vertices.map((p) => p.netMw)));
  console.log(`results identical with 1 and 2 workers: ${same}`);
}
