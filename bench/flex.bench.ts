/**
 * Flexibility sweep benchmark: wall and CPU time, co-simulation runs per point, directions,
 * inner volumes per tier — and the speed-up of the second worker on the same problem,
 * measured in the same run.
 *
 * Run: npx tsx bench/flex.bench.ts [dta|sta|both|six] [--grid3] [--workers N] [--verify] [--speedup [--speedup-reduced] [--settings 0,1,2,3]] [--only-speedup]
 *   dta|sta|both  the bundled reference scenario, every station (5), adaptive directions, 4 budgets
 *   six           scenarios/nguyen-dupuis-ieee33-six-stations.json (6 stations), DTA, adaptive, 4 budgets
 *   --grid3       instead: CS1–CS3 with the 26 directions of the 45° grid (the first version's sweep)
 *   --speedup     the same problem in four pool settings, one after the other in this process: 2 workers as before
 *                 (each thread solves its own base, V8's default young generation), 2 workers, 1 worker on the
 *                 pool, 1 worker in this thread; prints wall, CPU and the ratios between them
 *                 (--speedup-reduced: CS1–CS3, 6 axis directions × 2 budgets; --only-speedup: skip the main sweep)
 *   Speed-up of the second worker, one command: npx tsx bench/flex.bench.ts dta --only-speedup --speedup-reduced
 * CPU time is process.cpuUsage() (every thread of this process); the machine's load average is printed
 * before and after, since the machine may be shared. Prints figures only; never asserts on time.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { directionsNd } from '../src/flex/directions/directionsNd.ts';
import { sphereDirections3d } from '../src/flex/directions/sphereDirections3d.ts';
import { runFlexStudy, type FlexStudyOptions } from '../src/flex/sweep/runFlexStudy.ts';
import type { TaskExecutorOptions } from '../src/flex/sweep/taskExecutor.ts';
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
// --settings 0,1: only these of SETTINGS in the speed-up comparison (e.g. two processes side by side on a shared machine)
const settingsAt = process.argv.indexOf('--settings');
const chosenSettings = settingsAt > 0 ? process.argv[settingsAt + 1].split(',').map(Number) : [0, 1, 2, 3];

/** A pool setting of the speed-up comparison. */
interface Setting {
  readonly label: string;
  readonly workers: number;
  readonly executorOptions?: TaskExecutorOptions;
}

const SETTINGS: readonly Setting[] = [
  { label: '2 workers, pool as before (each thread solves its own base, V8 default young generation)', workers: 2, executorOptions: { shareBase: false, youngGenerationMb: 0 } },
  { label: '2 workers', workers: 2 },
  { label: '1 worker on the pool', workers: 1, executorOptions: { pool: true } },
  { label: '1 worker in this thread', workers: 1 },
];

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

/**
 * Time the same problem in every setting of {@link SETTINGS} (reduced: CS1–CS3, 6 axis directions
 * × 2 budgets), in one process, then print the ratios between them. `two` (the main sweep with
 * 2 default workers) stands in for the 2-worker setting when given.
 */
async function speedupOf(model: FlexModel, base: FlexStudyOptions, two: Timed | undefined, reduced: boolean): Promise<void> {
  const problem: FlexStudyOptions = reduced
    ? { ...base, stations: ['CS1', 'CS2', 'CS3'], directions: directionsNd(3, { kind: 'axesDiagonals' }).slice(0, 6), budgetsYuan: [1000, 4000] }
    : base;
  const times: (Timed | undefined)[] = [];
  for (const [i, setting] of SETTINGS.entries()) {
    if (!chosenSettings.includes(i)) {
      times.push(undefined);
      continue;
    }
    console.log(`
speed-up: ${setting.label}, load average before: ${load()}`);
    const t = two && !reduced && setting.workers === 2 && setting.executorOptions === undefined
      ? two
      : await timed({ ...problem, workers: setting.workers, executorOptions: setting.executorOptions });
    describe(t.results[0], t, setting.workers, `speed-up problem (${setting.label})`);
    times.push(t);
  }
  const [old2, new2, pool1, thread1] = times;
  const ratio = (a: Timed | undefined, b: Timed | undefined): string => (a && b ? `${(a.wallS / b.wallS).toFixed(2)}× wall, ${(a.cpuS / b.cpuS).toFixed(2)}× CPU` : 'not measured');
  console.log(`\n${model.toUpperCase()} ${reduced ? '6 directions × 2 budgets' : 'full problem'}, load average after: ${load()}`);
  SETTINGS.forEach((s, i) => {
    const t = times[i];
    if (t) console.log(`  ${s.label}: wall ${t.wallS.toFixed(1)} s, CPU ${t.cpuS.toFixed(1)} s`);
  });
  console.log(`  speed-up of the second worker: ${ratio(thread1, new2)} (1 worker in this thread / 2 workers); ${ratio(pool1, new2)} (1 / 2 workers on the pool)`);
  console.log(`  2 workers as before / now: ${ratio(old2, new2)}; 1 worker in this thread / on the pool: ${ratio(thread1, pool1)}`);
  const vertices = (t: Timed): string => JSON.stringify(t.results[0].tiers.map((tier) => tier.vertices.map((p) => p.netMw)));
  const measured = times.filter((t): t is Timed => t !== undefined);
  console.log(`results identical in every setting measured: ${measured.every((t) => vertices(t) === vertices(measured[0]))}`);
}
