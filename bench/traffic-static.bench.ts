/**
 * Static UE speed: end-to-end wall time (reading the TNTP files included) of
 * Algorithm B to relative gaps 1e-4, 1e-8 (and 1e-10 for Sioux Falls), compared with
 * tap-b (compiled C Algorithm B, single thread) measured on the same machine type.
 *
 *   npx tsx bench/traffic-static.bench.ts [--quick]
 *
 * Prints the first (cold JIT) run and the median of the following runs (wall and
 * CPU seconds: on a shared, loaded machine CPU time is the steadier figure); no assertions.
 */
import { loadBundledNetwork, solveStaticUe, type BundledNetworkName } from '../src/traffic/index.ts';

interface Case {
  network: BundledNetworkName;
  gap: number;
  /** tap-b end-to-end seconds on this machine, when known. */
  tapbSeconds?: number;
}

const CASES: Case[] = [
  { network: 'SiouxFalls', gap: 1e-4 },
  { network: 'SiouxFalls', gap: 1e-8, tapbSeconds: 0.010 },
  { network: 'SiouxFalls', gap: 1e-10 },
  { network: 'Anaheim', gap: 1e-4 },
  { network: 'Anaheim', gap: 1e-8, tapbSeconds: 0.060 },
  { network: 'ChicagoSketch', gap: 1e-4, tapbSeconds: 0.70 },
  { network: 'ChicagoSketch', gap: 1e-8, tapbSeconds: 1.40 },
];

const quick = process.argv.includes('--quick');

function once(c: Case): { seconds: number; cpuSeconds: number; iterations: number; gap: number; objective: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { network, demand } = loadBundledNetwork(c.network);
  const r = solveStaticUe(network, demand, { gapTarget: c.gap, maxIterations: 10_000 });
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, iterations: r.iterations, gap: r.relativeGap, objective: r.objective };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

console.log(`load average ${(await import('node:os')).loadavg()[0].toFixed(2)} on ${(await import('node:os')).availableParallelism()} cores`);
console.log('network        target  iters  rel.gap     objective            cold s   median s  cpu s    tap-b s  ratio(wall) ratio(cpu)');
for (const c of CASES) {
  const cold = once(c);
  const reps = quick ? 1 : c.network === 'ChicagoSketch' ? 3 : 7;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let last = cold;
  for (let i = 0; i < reps; i++) {
    last = once(c);
    times.push(last.seconds);
    cpuTimes.push(last.cpuSeconds);
  }
  const med = median(times);
  const cpuMed = median(cpuTimes);
  const ratio = c.tapbSeconds ? `${(med / c.tapbSeconds).toFixed(2).padStart(11)} ${(cpuMed / c.tapbSeconds).toFixed(2).padStart(10)}` : '';
  console.log(
    `${c.network.padEnd(14)} ${c.gap.toExponential(0).padEnd(7)} ${String(last.iterations).padStart(5)}  ${last.gap.toExponential(2).padEnd(10)}  ` +
      `${last.objective.toFixed(4).padStart(18)}  ${cold.seconds.toFixed(3).padStart(7)}  ${med.toFixed(3).padStart(8)}  ${cpuMed.toFixed(3).padStart(7)}  ` +
      `${c.tapbSeconds?.toFixed(3).padStart(7) ?? '       '}  ${ratio}`,
  );
}
