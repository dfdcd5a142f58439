/**
 * Benchmark of the static coupled equilibria: for each of the six
 * seed-000 scenarios (base / stress / island × V2G off / on), wall time and
 * iterations to a relative residual of 1e-6; and the seed-002 cases (gwe-ieee33, gwe-ieee33-tolls) to 1e-6.
 * Prints medians over BENCH_RUNS runs (default 3). No assertions on time.
 *
 *   npx tsx bench/equilibrium.bench.ts
 */
import { runEquilibriumScenario } from '../src/equilibrium/runEquilibriumScenario.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Warm-up: load HiGHS and compile once.
await runEquilibriumScenario('siouxfalls-ieee123-stress', { v2g: true });

console.log('scenario                          v2g  median s   iterations  residual   shed MW  max DLMP  V2G share  priced-out MW  vs base-off');
let baseOffS = NaN;
for (const name of ['siouxfalls-ieee123-base', 'siouxfalls-ieee123-stress', 'siouxfalls-ieee123-island'] as const) {
  for (const v2g of [false, true]) {
    const times: number[] = [];
    let last = await runEquilibriumScenario(name, { v2g, tolerance: 1e-6 });
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      last = await runEquilibriumScenario(name, { v2g, tolerance: 1e-6 });
      times.push((performance.now() - t0) / 1000);
    }
    // Seed 000 (time to residual 1e-6, path generation included); ratio to base / V2G off measured in this run.
    if (Number.isNaN(baseOffS)) baseOffS = median(times);
    const pricedOut = last.kind === 'v2g-market-equilibrium' ? last.unservedPriceSensitiveMw.toFixed(3) : '-';
    console.log(`${name.padEnd(33)} ${(v2g ? 'on' : 'off').padEnd(4)} ${median(times).toFixed(2).padStart(8)}   ${String(last.iterations).padStart(10)}  ${last.residual.toExponential(2)}  ${last.loadShedMw.toFixed(3).padStart(7)}  ${last.maxDlmpUsdPerMwh.toFixed(1).padStart(8)}  ${last.v2gPathShare.toFixed(3).padStart(9)}  ${pricedOut.padStart(13)}  ${(median(times) / baseOffS).toFixed(2).padStart(10)}`);
  }
}
// Seed 002 (semismooth Newton + column generation, docs/static-equilibria.md §2.2): time and
// Newton iterations to residual 1e-6 (every check included), rounds, routes, binding prices.
console.log('seed-002 scenario                        median s   Newton it  rounds  routes  residual   tolls  priced stations');
for (const name of ['gwe-ieee33', 'gwe-ieee33-tolls'] as const) {
  const times: number[] = [];
  let gwe = await runEquilibriumScenario(name, { tolerance: 1e-6 });
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    gwe = await runEquilibriumScenario(name, { tolerance: 1e-6 });
    times.push((performance.now() - t0) / 1000);
  }
  if (gwe.kind !== 'generalized-wardrop-equilibrium') throw new Error(`${name}: not a seed-002 scenario`);
  const d = gwe.details;
  console.log(`${name.padEnd(40)} ${median(times).toFixed(2).padStart(8)}   ${String(gwe.iterations).padStart(9)}  ${String(d.columnRounds).padStart(6)}  ${String(d.routeCount).padStart(6)}  ${gwe.residual.toExponential(2)}  ${String(d.roadTolls.length).padStart(5)}  ${d.stations.filter((s) => s.capacityPriceUsdPerKwh > 0).length}`);
}
