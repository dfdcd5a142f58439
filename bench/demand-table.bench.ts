/**
 * Demand-table benchmark (docs/demand.md): CPU of reading CSV departure tables of 10k, 100k and
 * 300k rows with `readOdCsv` (csv-parse, then one pass summing rows per OD / class / interval),
 * split into the CSV parse alone and the whole read, and the cost per row at each size, so
 * linearity in the number of rows shows as a flat µs/row. A TNTP trip table (Sioux Falls, 528
 * OD pairs) is read for comparison. CPU seconds (process.cpuUsage), medians of `--runs` runs.
 * Prints figures only; never asserts on time.
 *
 * Run: npx tsx bench/demand-table.bench.ts [--runs 5]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { bundledNetworkFiles } from '../src/traffic/io/loadBundledNetwork.ts';
import { readOdCsv } from '../src/traffic/io/readOdCsv.ts';
import { readTntpTrips } from '../src/traffic/io/readTntpTrips.ts';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-demand-bench-'));
const nodes = new Set(Array.from({ length: 24 }, (_, i) => i + 1));
const window = { startMin: 17 * 60, intervalMin: 10, intervals: 12, nodes, networkName: 'SiouxFalls' };

/** A table of `rows` trips over 24 nodes, clock departures, every fourth row with a class. */
function table(rows: number): string {
  const classes = ['', '', '', 'charging'];
  const lines = ['origin,destination,departure,vehicles,class'];
  for (let i = 0; i < rows; i++) {
    const o = (i % 24) + 1;
    const d = ((o + 1 + (i % 22)) % 24) + 1;
    const k = i % 12;
    lines.push(`${o},${d},${17 + Math.floor(k / 6)}:${String((k % 6) * 10 + (i % 10)).padStart(2, '0')},${1 + (i % 3)},${classes[i % 4]}`);
  }
  return `${lines.join('\n')}\n`;
}

function cpuMs(action: () => unknown): number {
  const start = process.cpuUsage();
  action();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e3;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`demand tables: CPU ms, median of ${runs} runs`);
console.log('rows      parse ms  read ms  read µs/row  entries');
const perRow: number[] = [];
for (const rows of [10_000, 100_000, 300_000]) {
  const path = join(dir, `t${rows}.csv`);
  const text = table(rows);
  writeFileSync(path, text);
  const parseMs = median(Array.from({ length: runs }, () => cpuMs(() => parse(text, { info: true, trim: true, comment: '#', skip_empty_lines: true, relax_column_count: true }))));
  let entries = 0;
  const readMs = median(Array.from({ length: runs }, () => cpuMs(() => (entries = readOdCsv(path, window).length))));
  perRow.push((readMs * 1e3) / rows);
  console.log(`${String(rows).padEnd(9)} ${parseMs.toFixed(1).padStart(8)} ${readMs.toFixed(1).padStart(8)} ${((readMs * 1e3) / rows).toFixed(2).padStart(12)} ${String(entries).padStart(8)}`);
}
console.log(`µs/row ratio 300k / 10k: ${(perRow[2] / perRow[0]).toFixed(2)} (1 = linear)`);
const trips = bundledNetworkFiles('SiouxFalls').tripsPath;
const tntpMs = median(Array.from({ length: runs }, () => cpuMs(() => readTntpTrips(trips, { nodes }))));
console.log(`TNTP SiouxFalls_trips.tntp (528 OD pairs): ${tntpMs.toFixed(2)} ms`);
rmSync(dir, { recursive: true, force: true });
