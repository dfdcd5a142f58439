/**
 * Co-simulation benchmark: the reference scenario end to end (12 window intervals and
 * the tail until the network is clear; DUE + OPF + feedback), with the wall-time split
 * between traffic, grid and coupling; then DLMP-linked next-tick price feedback at 12 / 24 / 48
 * window intervals (the same 2 h at Δt = 10 / 5 / 2.5 min), committed past against the
 * whole-horizon re-solve, measured side by side in this run (CPU s of the process, ratio).
 * Prints medians; asserts nothing.
 *
 * Run: npx tsx bench/cosim.bench.ts [repeats=3] [--no-feedback-scaling]
 */
import { prepareCosim } from '../src/sim/run/prepareCosim.ts';
import { runCosim } from '../src/sim/run/runCosim.ts';
import type { CosimResult } from '../src/sim/run/cosimTypes.ts';
import { readScenarioFile } from '../src/sim/scenario/readScenarioFile.ts';

const repeats = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 3);
const feedbackScaling = !process.argv.includes('--no-feedback-scaling');
const DLMP = ['prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}', 'prices.v2g={"mode":"dlmp","markupYuanPerKWh":2.856}'];

const VARIANTS: [string, string[]][] = [
  ['reference (fixed tariffs, next-tick)', []],
  ['DLMP-linked tariffs, next-tick', DLMP],
  ['DLMP-linked, next-tick, whole-horizon', [...DLMP, 'traffic.replan=whole-horizon']],
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
    `${results[0].windowIntervals}+${results[0].intervals.length - results[0].windowIntervals} intervals`,
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

/** CPU seconds (user + system) of `f`, this process. */
async function cpuSeconds<T>(f: () => Promise<T>): Promise<{ cpuS: number; value: T }> {
  const c0 = process.cpuUsage();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { cpuS: (c.user + c.system) / 1e6, value };
}

/** The reference window (17:00–19:00) cut into n intervals: profiles repeated, Δt = 120 / n min. */
function resampled(n: number): string[] {
  const base = readScenarioFile().scenario;
  const k = n / 12;
  const stretch = (values: readonly number[]) => JSON.stringify(values.flatMap((v) => Array.from({ length: k }, () => v)));
  return [
    `horizon.intervals=${n}`, `horizon.intervalMin=${120 / n}`,
    `demand.profile=${stretch(base.demand.profile ?? Array.from({ length: 12 }, () => 1))}`,
    `feeder.loadScale=${typeof base.feeder.loadScale === 'number' ? base.feeder.loadScale : stretch(base.feeder.loadScale)}`,
  ];
}

if (feedbackScaling) {
  console.log('DLMP-linked next-tick price feedback, committed vs whole-horizon (CPU s, median of repeats; same run):');
  for (const n of [12, 24, 48]) {
    const cpu: Record<string, number[]> = { committed: [], 'whole-horizon': [] };
    const last: Record<string, CosimResult> = {};
    for (let i = 0; i < repeats; i++) {
      for (const mode of ['committed', 'whole-horizon'] as const) {
        const { scenario, baseDir, file } = readScenarioFile(undefined, [...DLMP, ...resampled(n), `traffic.replan=${mode}`]);
        const { cpuS, value } = await cpuSeconds(() => runCosim(scenario, { baseDir, source: file }));
        cpu[mode].push(cpuS);
        last[mode] = value;
      }
    }
    const c = median(cpu.committed);
    const w = median(cpu['whole-horizon']);
    const r = last.committed;
    console.log([
      `${String(n).padStart(2)} intervals (+${r.intervals.length - r.windowIntervals} tail)`,
      `committed ${c.toFixed(2)} s (${r.timing.dueSolves} DUE, traffic ${(r.timing.trafficMs / 1000).toFixed(2)} s)`,
      `whole-horizon ${w.toFixed(2)} s (${last['whole-horizon'].timing.dueSolves} DUE, traffic ${(last['whole-horizon'].timing.trafficMs / 1000).toFixed(2)} s)`,
      `whole-horizon / committed ${(w / c).toFixed(2)}×`,
      `status ${r.status} / ${last['whole-horizon'].status}`,
    ].join(' | '));
  }
}
