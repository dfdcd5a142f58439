/**
 * City-scale co-simulation benchmark: `scenarios/siouxfalls-ieee123-evening-peak.json`
 * end to end in this process (prepare + run, fixed tariffs: one DUE, then one OPF per interval),
 * optionally at other demand scales (`--scales 0.3,0.4`; the class shares are divided by the
 * scale ratio so the EV load stays comparable). Prints per run: status, CPU seconds
 * (process.cpuUsage, main thread + HiGHS), wall seconds, peak RSS of the process so far, DUE
 * iterations and relative gap (per class), traffic / grid wall split, peak station net load,
 * lowest voltage, largest DLMP and shed energy. Target: ≤ 60 s on 2 cores. Prints figures
 * only; never asserts on time.
 *
 * Run: npx tsx bench/cosim-city.bench.ts [--scales 0.4] [--dlmp]
 *   --dlmp: charging price = DLMP + markup (next-tick feedback), i.e. one DUE per interval.
 */
import { join } from 'node:path';
import { runCosim } from '../src/sim/run/runCosim.ts';
import { readScenarioFile } from '../src/sim/scenario/readScenarioFile.ts';

const FILE = join(import.meta.dirname, '..', 'scenarios', 'siouxfalls-ieee123-evening-peak.json');
const scalesArg = process.argv.indexOf('--scales');
const dlmp = process.argv.includes('--dlmp');

const base = readScenarioFile(FILE, []);
const scales = scalesArg > 0 ? process.argv[scalesArg + 1].split(',').map(Number) : [base.scenario.demand.scale];
console.log(`city-scale co-simulation: ${FILE}${dlmp ? ' (DLMP-linked charging price)' : ' (fixed tariffs)'}`);
console.log('scale  status  cpu s  wall s  rssMB  DUE it  gap       gap reg/ch/v2g              traffic s  grid s  peak MW  Vmin pu  maxDLMP  shed kWh');
for (const scale of scales) {
  const ratio = scale / base.scenario.demand.scale;
  const c = base.scenario.classes;
  const sets = [
    `demand.scale=${scale}`,
    `classes.chargingShare=${c.chargingShare / ratio}`,
    `classes.v2gShare=${c.v2gShare / ratio}`,
    ...(dlmp ? ['prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}'] : []),
  ];
  const { scenario, baseDir } = readScenarioFile(FILE, sets);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = await runCosim(scenario, { baseDir, source: FILE });
  const cpu = process.cpuUsage(cpu0);
  const wallSec = (performance.now() - wall0) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const first = result.intervals[0];
  const byClass = first.due.byClass;
  const classGaps = byClass === undefined ? '—' : ['regular', 'charging', 'v2g'].map((k) => byClass[k as 'regular'].relativeGap.toExponential(1)).join('/');
  const hours = result.intervalMin / 60;
  const shedKwh = result.intervals.reduce((a, r) => a + r.opf.shedKw * hours, 0);
  const peak = Math.max(...result.intervals.map((r) => r.netMw.reduce((a, b) => a + b, 0)));
  const vmin = Math.min(...result.intervals.map((r) => r.opf.minVoltagePu));
  const dlmpMax = Math.max(...result.intervals.map((r) => Math.max(...Object.values(r.opf.dlmpP))));
  const maxGap = Math.max(...result.intervals.map((r) => r.dueGap));
  const iterations = result.intervals.reduce((a, r, i) => a + (i === 0 || r.due !== result.intervals[i - 1].due ? r.dueIterations : 0), 0);
  console.log(
    `${scale.toFixed(2).padEnd(6)} ${result.status.padEnd(7)} ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(5)} ${wallSec.toFixed(1).padStart(7)} ${rssMb.toFixed(0).padStart(6)} ` +
      `${String(iterations).padStart(6)}  ${maxGap.toExponential(1).padEnd(8)}  ${classGaps.padEnd(26)} ${(result.timing.trafficMs / 1000).toFixed(1).padStart(9)} ${(result.timing.gridMs / 1000).toFixed(1).padStart(7)} ` +
      `${peak.toFixed(2).padStart(8)} ${vmin.toFixed(4).padStart(8)} ${dlmpMax.toFixed(1).padStart(8)} ${shedKwh.toFixed(1).padStart(9)}`,
  );
}
