/**
 * City-scale DUE benchmark (issue 13 item 1); prints figures, asserts nothing.
 *
 * Cases (`test/traffic/dynamic/cityDueScenario.ts` and `ndDueScenario.ts`: 3 stations, 3 classes,
 * 10-min intervals, δ = 30 s, gap target 1e-4 on every class):
 * - nd: Nguyen-Dupuis ×0.3 peak profile, 12 intervals (the reference);
 * - sf05 / sf10: Sioux Falls trip table ×0.5 / ×1.0 (OD rates veh/h) departing over 2 h (12 intervals);
 * - anaheim: Anaheim ×1.0 over 1 h (6 intervals);
 * - grid: the generated 33 × 33 grid (1,089 nodes, 4,224 road links) over 1 h.
 * Targets (issue 13): sf10 gap ≤ 1e-4 in ≤ 60 s CPU and ≤ 500 MB; anaheim ≤ 5 min CPU and ≤ 1 GB;
 * grid within 1 GB.
 *
 * Each case runs in its own child process so that its peak RSS (`process.resourceUsage().maxRSS`)
 * is its own. Printed per case: the convergence curve (per iteration: relative gap over all
 * classes, worst class gap, average excess cost ¥ per vehicle and CPU seconds so far), then
 * iterations, CPU s, peak RSS, final gap and paths. CPU seconds, not wall time: the machine is shared.
 *
 * Run: npx tsx bench/traffic-due-scale.bench.ts [nd|sf05|sf10|anaheim|grid …] [--max-iterations N]
 * (default: nd sf05; the city cases take minutes each).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { solveDue } from '../src/traffic/dynamic/solveDue.ts';
import type { DueScenario } from '../src/traffic/dynamic/dueTypes.ts';
import { cityDueScenario } from '../test/traffic/dynamic/cityDueScenario.ts';
import { ndDueScenario } from '../test/traffic/dynamic/ndDueScenario.ts';

const CASES: Record<string, { label: string; build: () => DueScenario; maxIterations: number }> = {
  nd: { label: 'Nguyen-Dupuis ×0.3, 12 × 10 min', build: () => ndDueScenario(), maxIterations: 500 },
  sf05: { label: 'Sioux Falls ×0.5 over 2 h', build: () => cityDueScenario('SiouxFalls', { demandScale: 0.5, intervals: 12 }), maxIterations: 40 },
  sf10: { label: 'Sioux Falls ×1.0 over 2 h', build: () => cityDueScenario('SiouxFalls', { demandScale: 1, intervals: 12 }), maxIterations: 40 },
  anaheim: { label: 'Anaheim ×1.0 over 1 h', build: () => cityDueScenario('Anaheim', { demandScale: 1, intervals: 6 }), maxIterations: 120 },
  grid: { label: 'Grid 33×33 over 1 h', build: () => cityDueScenario('Grid33', { demandScale: 1, intervals: 6 }), maxIterations: 20 },
};

function cpuSec(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

/** Child: solve one case and print its curve and summary as lines. */
function runCase(name: string, maxIterations: number): void {
  const spec = CASES[name];
  const scenario = spec.build();
  const c0 = process.cpuUsage();
  let lastCpu = 0;
  const result = solveDue(scenario, {
    maxIterations,
    onIteration: (iteration, gap, progress) => {
      lastCpu = cpuSec(c0);
      console.log(`    it ${String(iteration).padStart(3)}  gap ${gap.toExponential(3)}  worst class ${progress.worstClassGap.toExponential(3)}  `
        + `excess ${progress.excessCostYuanPerVeh.toFixed(4)} ¥/veh  CPU ${lastCpu.toFixed(1)} s`);
    },
  });
  const cpu = cpuSec(c0);
  const worst = Math.max(...Object.values(result.byClass).map((c) => (c.vehicles > 0 ? c.relativeGap : 0)));
  const vehicles = Object.values(result.byClass).reduce((s, c) => s + c.vehicles, 0);
  const excessPerVeh = Object.values(result.byClass).reduce((s, c) => s + c.excessCostYuanPerVeh * c.vehicles, 0) / vehicles;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`  ${spec.label}: ${scenario.network.from.length} links, ${scenario.demand.length} OD pairs, ${vehicles.toFixed(0)} vehicles; `
    + `converged ${result.converged} after ${result.iterations} iterations, gap ${result.relativeGap.toExponential(2)} (worst class ${worst.toExponential(2)}), `
    + `excess ${excessPerVeh.toFixed(4)} ¥/veh, CPU ${cpu.toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB, ${result.paths.length} paths, `
    + `${result.loadingStepsSimulated} loading steps, ${Math.max(0, result.vehiclesOnNetworkAtEnd).toFixed(0)} vehicles left at the end`);
  const states = result.checkpoint?.dnl.states ?? [];
  const stateMb = states.reduce((sum, st) => sum + st.rings.values.byteLength + st.rings.valueStart.byteLength + st.rings.valueFrom.byteLength, 0) / 1e6;
  console.log(`    checkpoint: ${states.length} kept states, ${stateMb.toFixed(1)} MB of segment ring windows; `
    + `composition peak ${((result.checkpoint?.dnl.compositionPeakBytes ?? 0) / 1e6).toFixed(1)} MB`);
  for (const [cls, acc] of Object.entries(result.byClass)) {
    console.log(`    ${cls}: ${acc.vehicles.toFixed(0)} veh, gap ${acc.relativeGap.toExponential(2)}, excess ${acc.excessCostYuanPerVeh.toFixed(4)} ¥/veh`);
  }
}

const args = process.argv.slice(2);
const childIndex = args.indexOf('--child');
const maxIndex = args.indexOf('--max-iterations');
const maxOverride = maxIndex >= 0 ? Number(args[maxIndex + 1]) : undefined;
if (childIndex >= 0) {
  const name = args[childIndex + 1];
  runCase(name, maxOverride ?? CASES[name].maxIterations);
} else {
  const names = args.filter((a, i) => !a.startsWith('--') && !(maxIndex >= 0 && i === maxIndex + 1));
  const chosen = names.length > 0 ? names : ['nd', 'sf05'];
  console.log('City-scale DUE (issue 13 item 1): one child process per case (peak RSS of the case alone), gap target 1e-4');
  for (const name of chosen) {
    if (!(name in CASES)) throw new Error(`unknown case ${name}: one of ${Object.keys(CASES).join(', ')}`);
    const self = fileURLToPath(import.meta.url);
    const extra = maxOverride !== undefined ? ['--max-iterations', String(maxOverride)] : [];
    // the child prints its curve as it goes (a long case shows progress)
    const child = spawnSync(process.execPath, [...process.execArgv, self, '--child', name, ...extra], { stdio: 'inherit' });
    if (child.status !== 0) console.log(`  ${name}: child exited ${child.status ?? child.signal}`);
  }
}
