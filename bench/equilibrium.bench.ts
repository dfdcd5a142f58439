/**
 * Benchmark of the static coupled equilibria: for each of the six
 * seed-000 scenarios (base / stress / island × V2G off / on), wall time and
 * iterations to a relative residual of 1e-6; and the seed-002 case to its tolerance.
 * Prints medians over BENCH_RUNS runs (default 3). No assertions on time.
 *
 *   npx tsx bench/equilibrium.bench.ts
 */
import { runEquilibriumScenario } from '../src/equilibrium/runEquilibriumScenario.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Warm-up: load HiGHS and compile once.
await runEquilibriumScenario('siouxfalls-ieee123-stress', { v2g: true });

console.log('scenario                          v2g  median s   iterations  residual   shed MW  max DLMP  V2G share');
for (const name of ['siouxfalls-ieee123-base', 'siouxfalls-ieee123-stress', 'siouxfalls-ieee123-island'] as const) {
  for (const v2g of [false, true]) {
    const times: number[] = [];
    let last = await runEquilibriumScenario(name, { v2g, tolerance: 1e-6 });
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      last = await runEquilibriumScenario(name, { v2g, tolerance: 1e-6 });
      times.push((performance.now() - t0) / 1000);
    }
    console.log(`${name.padEnd(33)} ${(v2g ? 'on' : 'off').padEnd(4)} ${median(times).toFixed(2).padStart(8)}   ${String(last.iterations).padStart(10)}  ${last.residual.toExponential(2)}  ${last.loadShedMw.toFixed(3).padStart(7)}  ${last.maxDlmpUsdPerMwh.toFixed(1).padStart(8)}  ${last.v2gPathShare.toFixed(3)}`);
  }
}
const times: number[] = [];
let gwe = await runEquilibriumScenario('gwe-ieee33');
for (let k = 0; k < Math.min(runs, 2); k++) {
  const t0 = performance.now();
  gwe = await runEquilibriumScenario('gwe-ieee33');
  times.push((performance.now() - t0) / 1000);
}
console.log(`gwe-ieee33 (I-FoRB)                    ${median(times).toFixed(2).padStart(8)}   ${String(gwe.iterations).padStart(10)}  ${gwe.residual.toExponential(2)}  max DLMP ${gwe.maxDlmpUsdPerMwh.toFixed(2)}`);
