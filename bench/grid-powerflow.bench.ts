/**
 * Power-flow timing on the bundled feeders: median wall time of `runPowerFlow`
 * (tree building, sweep and result assembly) over loads scaled 0.8…1.2, and the time to
 * read + validate each bundled feeder.
 * Prints figures only; no assertions. Run: `npx tsx bench/grid-powerflow.bench.ts`.
 */
import { loadBundledFeeder } from '../src/grid/io/loadFeeder.ts';
import { runPowerFlow } from '../src/grid/powerflow/runPowerFlow.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

for (const name of ['case33bw', 'ieee123'] as const) {
  const feeder = loadBundledFeeder(name);
  for (let i = 0; i < 200; i += 1) runPowerFlow(feeder); // warm-up (JIT)
  const times: number[] = [];
  const nominal = runPowerFlow(feeder);
  for (let i = 0; i < 1000; i += 1) {
    const t0 = performance.now();
    runPowerFlow(feeder, { loadScale: 0.8 + (i % 5) * 0.1 });
    times.push(performance.now() - t0);
  }
  const loadStart = performance.now();
  for (let i = 0; i < 20; i += 1) loadBundledFeeder(name);
  const loadMs = (performance.now() - loadStart) / 20;
  console.log(
    `${name.padEnd(9)} runPowerFlow median ${(median(times) * 1000).toFixed(1)} µs ` +
      `(nominal: ${nominal.iterations} sweeps, losses ${nominal.lossesKw.toFixed(2)} kW, min V ${nominal.minVoltagePu.toFixed(5)} pu @ bus ${nominal.minVoltageBus}); ` +
      `read+validate ${loadMs.toFixed(2)} ms`,
  );
}
