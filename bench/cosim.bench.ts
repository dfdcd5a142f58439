/**
 * Co-simulation benchmark: the reference scenario end to end
 * (12 intervals, DUE + OPF + feedback), with the wall-time split between traffic,
 * grid and coupling. Prints medians; asserts nothing.
 *
 * Run: npx tsx bench/cosim.bench.ts [repeats=3]
 */
import { prepareCosim } from '../src/sim/run/prepareCosim.ts';
import { runCosim } from '../src/sim/run/runCosim.ts';
import type { CosimResult } from '../src/sim/run/cosimTypes.ts';
import { readScenarioFile } from '../src/sim/scenario/readScenarioFile.ts';

const repeats = Number(process.argv[2] ?? 3);

const VARIANTS: [string, string[]][] = [
  ['reference (fixed tariffs, next-tick)', []],
  ['DLMP-linked tariffs, next-tick', ['prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}', 'prices.v2g={"mode":"dlmp","markupYuanPerKWh":2.856}']],
  ['DLMP-linked tariffs, fixed-point', [
    'prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}', 'prices.v2g={"mode":"dlmp","markupYuanPerKWh":2.856}', 'feedback=fixed-point',
  ]],
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function line(name: string, wall: number[], results: CosimResult[]): string {
  const pick = (f: (r: CosimResult) => number) => median(results.map(f));
  return [
    name.padEnd(40),
    `wall ${(median(wall) / 1000).toFixed(2)} s`,
    `traffic ${(pick((r) => r.timing.trafficMs) / 1000).toFixed(2)} s (${pick((r) => r.timing.dueSolves)} DUE)`,
    `grid ${(pick((r) => r.timing.gridMs) / 1000).toFixed(2)} s (${pick((r) => r.timing.opfSolves)} OPF)`,
    `coupling ${pick((r) => r.timing.couplingMs).toFixed(1)} ms`,
    `status ${results[0].status}`,
  ].join(' | ');
}

for (const [name, sets] of VARIANTS) {
  const { scenario, baseDir, file } = readScenarioFile(undefined, sets);
  const wall: number[] = [];
  const results: CosimResult[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    results.push(await runCosim(scenario, { baseDir, source: file }));
    wall.push(performance.now() - t0);
  }
  console.log(line(name, wall, results));
}

// The flexibility module's pattern: one prepared context, many runs (coupons change), DUE warm-started.
{
  const { scenario, baseDir, file } = readScenarioFile();
  const t0 = performance.now();
  const prepared = await prepareCosim(scenario, { baseDir, source: file });
  const prepareMs = performance.now() - t0;
  const first = await prepared.run({ reuseGridSession: true });
  const wall: number[] = [];
  const results: CosimResult[] = [];
  for (let i = 0; i < repeats; i++) {
    const coupons = { chargeYuanPerKWh: prepared.scenarioCoupons.chargeYuanPerKWh.map(() => 0.1 * (i + 1)), v2gYuanPerVisit: prepared.scenarioCoupons.v2gYuanPerVisit };
    const t1 = performance.now();
    results.push(await prepared.run({ coupons, warmStart: first.lastDue as never, reuseGridSession: true }));
    wall.push(performance.now() - t1);
  }
  prepared.dispose();
  console.log(`prepareCosim ${(prepareMs / 1000).toFixed(2)} s; then per run with new coupons:`);
  console.log(line('prepared.run (warm DUE, reused OPF)', wall, results));
}
