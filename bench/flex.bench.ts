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
 *   pair          the second worker, one command: the reference sweep (both models, every station, adaptive, 4 budgets)
 *                 on a 1-thread pool and on a 2-thread pool, `--pairs N` pairs (default 1; the order alternates:
 *                 1→2, 2→1, …), per run wall, CPU, runs, the pool threads' CPU and how busy the task slots were;
 *                 per pair the 1→2 wall ratio. Options: --reduced (CS1–CS3, adaptive, 14 directions × 2 budgets),
 *                 --small (as --reduced with a small design: levels 0.25 and 1, look-back 1, 1 block),
 *                 --model dta|sta|both [both], --stations CS1,CS2,… [all], --no-ahead (candidates not run ahead)
 *   Speed-up of the second worker on the reference sweep (issue 12): npx tsx bench/flex.bench.ts pair
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
const models: FlexModel[] = six ? ['dta'] : arg === 'both' || arg === 'pair' ? ['dta', 'sta'] : [arg as FlexModel];
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
if (arg === 'pair') {
  await pairs();
  console.log(`\nload average (1/5/15 min) at end: ${load()}`);
  process.exit(0);
}
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

/** Value of a `--name value` argument. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

/** Per-run figures of the pair comparison, summed over the study's models. */
function poolFigures(t: Timed, threads: number): string {
  const runs = t.results.reduce((a, r) => a + r.run.runs.design + r.run.runs.search, 0);
  const ms = t.results.map((r) => r.run.taskMs);
  const tasksMs = ms.reduce((a, m) => a + (m?.tasks ?? 0) + (m?.setup ?? 0), 0);
  const cpuKnown = ms.every((m) => m?.cpu !== null && m?.cpu !== undefined);
  const threadCpuS = cpuKnown ? ms.reduce((a, m) => a + (m?.cpu ?? 0), 0) / 1000 : undefined;
  const mainMs = ms.reduce((a, m) => a + ((m?.phases ?? []).reduce((b, p) => b + p.mainMs, 0)), 0);
  const busy = (100 * tasksMs) / (threads * t.wallS * 1000);
  // candidates run ahead: the tasks of the direction phases beyond one per direction searched (each one run)
  const searchRuns = t.results.reduce((a, r) => a + r.run.runs.search, 0);
  const candidates = t.results.reduce((a, r) => a + (r.run.taskMs?.phases ?? []).slice(1).reduce((b, p) => b + p.taskWallMs.length, 0) - r.run.directions.length, 0);
  return `wall ${t.wallS.toFixed(1)} s, CPU ${t.cpuS.toFixed(1)} s (${(t.cpuS / t.wallS).toFixed(2)} cores), ${runs} runs, `
    + `pool threads' CPU ${threadCpuS === undefined ? '–' : `${threadCpuS.toFixed(1)} s (${((100 * threadCpuS) / t.cpuS).toFixed(0)} % of the process)`}, `
    + `task slots busy ${busy.toFixed(0)} % of ${threads} × wall (idle ${(threads * t.wallS - tasksMs / 1000).toFixed(1)} thread-s), `
    + `main thread between phases ${(mainMs / 1000).toFixed(1)} s, ${candidates} of ${searchRuns} search runs as candidates run ahead`;
}

/**
 * The second worker on the same problem: a 1-thread and a 2-thread pool, `--pairs` times, in
 * alternating order, in this process; prints each run and the 1→2 ratio per pair.
 */
async function pairs(): Promise<void> {
  const reduced = process.argv.includes('--reduced');
  const model = option('--model') ?? 'both';
  const chosen: FlexModel[] = model === 'both' ? ['dta', 'sta'] : [model as FlexModel];
  const stations = option('--stations')?.split(',');
  const small = process.argv.includes('--small');
  const problem: FlexStudyOptions = {
    models: chosen,
    budgetsYuan: reduced || small ? [1000, 4000] : [1000, 2000, 4000, 6000],
    ...(reduced || small ? { stations: ['CS1', 'CS2', 'CS3'], directionBudget: 14 } : {}),
    ...(small ? { levels: [0.25, 1], lookbackIntervals: 1, blocks: 1 } : {}),
    ...(stations ? { stations } : {}),
    ...(process.argv.includes('--no-ahead') ? { candidatesAhead: false } : {}),
  };
  const count = Number(option('--pairs') ?? 1);
  console.log(`pair comparison: ${small ? 'small (CS1–CS3, adaptive, 14 directions × 2 budgets, levels 0.25 and 1, look-back 1, 1 block)' : reduced ? 'reduced (CS1–CS3, adaptive, 14 directions × 2 budgets)' : 'reference sweep (every station, adaptive, 4 budgets)'}, models ${chosen.join('+')}${stations ? `, stations ${stations.join(',')}` : ''}, ${count} pair(s)`);
  const vertices = (t: Timed): string => JSON.stringify(t.results.map((r) => r.tiers.map((tier) => tier.vertices.map((p) => p.netMw))));
  const ratios: number[] = [];
  let reference: string | undefined;
  let identical = true;
  for (let k = 0; k < count; k++) {
    const order = k % 2 === 0 ? [1, 2] : [2, 1];
    const times = new Map<number, Timed>();
    for (const threads of order) {
      console.log(`\npair ${k + 1}, ${threads}-thread pool, load average before: ${load()}`);
      const t = await timed({ ...problem, workers: threads, executorOptions: { pool: true } });
      times.set(threads, t);
      console.log(`  ${poolFigures(t, threads)}`);
      reference ??= vertices(t);
      identical &&= vertices(t) === reference;
    }
    const one = times.get(1)!;
    const two = times.get(2)!;
    ratios.push(one.wallS / two.wallS);
    console.log(`pair ${k + 1}: 1 → 2 threads ${(one.wallS / two.wallS).toFixed(2)}× wall (${one.wallS.toFixed(1)} → ${two.wallS.toFixed(1)} s), CPU ${(two.cpuS / one.cpuS).toFixed(3)}× (${one.cpuS.toFixed(1)} → ${two.cpuS.toFixed(1)} s), load average after: ${load()}`);
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(`\n1 → 2 threads, wall ratio per pair: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${sorted[Math.floor((sorted.length - 1) / 2)].toFixed(2)}×`);
  console.log(`results identical in every run: ${identical}`);
}
