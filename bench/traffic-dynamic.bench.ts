/**
 * Dynamic traffic benchmarks; prints figures, asserts nothing.
 *
 * 1. DNL on Sioux Falls: its trip table departing uniformly over one hour at demand
 *    scale 0.5 and 1.0, δ = 6 s, 3 h horizon, one free-flow shortest path per OD
 *    (all-or-nothing: the loading alone is timed). Reports wall time (median of 5),
 *    vehicle-link traversals per second and vehicles still on the network at 3 h.
 *    Reference: UXsim C++ engine, one thread, same cases: 0.82 s (0.5), 11.0 s (1.0).
 * 2. DUE on Nguyen-Dupuis with 3 stations, 12 ten-minute intervals, 3 classes
 *    (`ndDueScenario`): iterations and wall time to relative gap 1e-4, then a warm
 *    re-solve after a price change (the co-simulator's pattern). Target < 2 s.
 * 3. Committed past vs whole-horizon re-solves (issue 10): the reference scenario
 *    (scenarios/nguyen-dupuis-ieee33-evening-peak.json) under DLMP-linked next-tick tariffs,
 *    one tick sequence t = 0…11 driving `solveDue` directly: the price book of tick t is
 *    rebuilt from a co-simulation run's per-interval prices (intervals < t as used, ≥ t at
 *    tick t's price), each tick warm-started from the previous one, gap 1e-4; once with
 *    `committedIntervals = t`, once re-solving the whole horizon. Reports CPU, loading steps
 *    simulated and iterations per mode, and their ratios (same run, same price books).
 *
 * Run: npx tsx bench/traffic-dynamic.bench.ts [dnl|due|committed …] (default: all)
 */
import { cpus, loadavg } from 'node:os';
import { loadBundledNetwork } from '../src/traffic/io/loadBundledNetwork.ts';
import { shortestPathTree, createShortestPathTree } from '../src/traffic/network/shortestPathTree.ts';
import { loadNetworkDynamic, type DnlPath } from '../src/traffic/dynamic/loadNetworkDynamic.ts';
import { solveDue } from '../src/traffic/dynamic/solveDue.ts';
import type { DueResult, DueScenario } from '../src/traffic/dynamic/dueTypes.ts';
import { ndDueScenario } from '../test/traffic/dynamic/ndDueScenario.ts';
import { readScenarioFile } from '../src/sim/scenario/readScenarioFile.ts';
import { buildTrafficInputs } from '../src/sim/run/buildTrafficInputs.ts';
import { runCosim } from '../src/sim/run/runCosim.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function siouxFallsPaths(scale: number, stepSec: number): { paths: DnlPath[]; network: ReturnType<typeof loadBundledNetwork>['network'] } {
  const { network, demand } = loadBundledNetwork('SiouxFalls');
  const tree = createShortestPathTree(network.nodeIds.length);
  const departSteps = Math.round(3600 / stepSec);
  const paths: DnlPath[] = [];
  const byOrigin = new Map<number, typeof demand[number][]>();
  for (const d of demand) {
    if (d.vehPerH <= 0 || d.origin === d.destination) continue;
    const list = byOrigin.get(d.origin) ?? [];
    list.push(d);
    byOrigin.set(d.origin, list);
  }
  for (const [origin, list] of byOrigin) {
    shortestPathTree(network, network.freeFlowMin, network.nodeIndex.get(origin)!, tree);
    for (const d of list) {
      const links: number[] = [];
      for (let n = network.nodeIndex.get(d.destination)!; tree.predLink[n] >= 0; n = network.from[tree.predLink[n]]) links.push(tree.predLink[n]);
      paths.push({ links: Int32Array.from(links.reverse()), departureVehByStep: new Float64Array(departSteps).fill((d.vehPerH * scale) / departSteps) });
    }
  }
  return { paths, network };
}

function benchDnl(): void {
  const stepSec = 6;
  const horizonSteps = Math.round((3 * 3600) / stepSec);
  console.log('DNL, Sioux Falls, trips over 1 h, δ = 6 s, horizon 3 h, free-flow shortest paths');
  for (const scale of [0.5, 1.0]) {
    const { paths, network } = siouxFallsPaths(scale, stepSec);
    const times: number[] = [];
    const cpu: number[] = [];
    let result = loadNetworkDynamic(network, paths, { stepSec, horizonSteps });
    for (let r = 0; r < 5; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      result = loadNetworkDynamic(network, paths, { stepSec, horizonSteps });
      times.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
    }
    const W = horizonSteps + 1;
    let departed = 0;
    let arrived = 0;
    let traversals = 0;
    for (let p = 0; p < paths.length; p++) {
      departed += result.segCumIn[horizonSteps * result.segColumn.length + result.segColumn[result.pathSegStart[p]]];
      arrived += result.pathCumArrivals[horizonSteps * paths.length + p];
    }
    for (let a = 0; a < network.from.length; a++) traversals += result.linkCumOut[a * W + horizonSteps];
    const sec = median(times);
    const uxsim = scale === 0.5 ? 0.82 : 11.0;
    console.log(`  scale ${scale.toFixed(1)}: ${sec.toFixed(3)} s wall (median of 5; CPU ${median(cpu).toFixed(3)} s), ${(traversals / sec / 1e6).toFixed(2)} M veh-link traversals/s, `
      + `${departed.toFixed(0)} departed, ${(departed - arrived).toFixed(0)} still on the network at 3 h; UXsim C++ ${uxsim} s → ${(uxsim / sec).toFixed(1)}× faster`);
  }
}

function benchDue(): void {
  console.log('DUE, Nguyen-Dupuis, 3 stations, 12 × 10 min, 3 classes, gap 1e-4');
  for (const [stepSec, demandScale] of [[30, 0.3], [60, 0.3], [30, 0.5]]) {
    const scenario = ndDueScenario({ stepSec, demandScale });
    const times: number[] = [];
    const cpu: number[] = [];
    let result = solveDue(scenario);
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      result = solveDue(scenario);
      times.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
    }
    const changed = { ...scenario, prices: { ...scenario.prices, chargeYuanPerKWh: scenario.prices.chargeYuanPerKWh.map((v, i) => (i % 12 === 5 ? v * 0.8 : v)) } };
    const t1 = performance.now();
    const warm = solveDue(changed, { warmStart: result });
    const warmSec = (performance.now() - t1) / 1000;
    console.log(`  δ = ${stepSec} s, OD rates × ${demandScale} × peak profile: converged ${result.converged}, ${result.iterations} iterations, gap ${result.relativeGap.toExponential(2)}, `
      + `${median(times).toFixed(3)} s wall (median of 3; CPU ${median(cpu).toFixed(3)} s), ${result.paths.length} paths; warm start after a 20 % price cut at t6: `
      + `${warm.iterations} iterations, ${warmSec.toFixed(3)} s`);
  }
}

const DLMP_SETS = ['prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}', 'prices.v2g={"mode":"dlmp","markupYuanPerKWh":2.856}', 'solver.dueGapTolerance=0.0001'];

/** The reference scenario's DUE inputs and the per-interval prices of a DLMP-linked co-simulation run. */
async function referenceTicks(): Promise<{ scenario: DueScenario; charge: Float64Array[]; v2g: Float64Array[] }> {
  const { scenario: sc, baseDir, file } = readScenarioFile(undefined, DLMP_SETS);
  const { network, demand } = buildTrafficInputs(sc, baseDir, file);
  const I = sc.horizon.intervals;
  const cells = sc.stations.length * I;
  const run = await runCosim(sc, { baseDir, source: file });
  const charge = run.intervals.slice(0, I).map((r) => Float64Array.from(r.chargePriceYuanPerKWh));
  const v2g = run.intervals.slice(0, I).map((r) => Float64Array.from(r.v2gPriceYuanPerKWh));
  const scenario: DueScenario = {
    network, demand, shares: { charging: sc.classes.chargingShare, v2g: sc.classes.v2gShare }, intervalMin: sc.horizon.intervalMin,
    intervals: I, stepSec: sc.horizon.stepSec, valueOfTimeYuanPerH: sc.classes.valueOfTimeYuanPerH, propagation: sc.traffic.propagation,
    prices: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerKWh: new Float64Array(cells) },
    coupons: { chargeYuanPerKWh: new Float64Array(cells), v2gYuanPerVisit: new Float64Array(cells) },
  };
  return { scenario, charge, v2g };
}

/** Price book of tick t (next-tick feedback): interval u < t at its used price, u ≥ t at tick t's. */
function bookAt(byInterval: Float64Array[], t: number, stations: number, I: number): Float64Array {
  const book = new Float64Array(stations * I);
  for (let s = 0; s < stations; s++) for (let u = 0; u < I; u++) book[s * I + u] = byInterval[Math.min(u, t)][s];
  return book;
}

async function benchCommitted(): Promise<void> {
  const { scenario, charge, v2g } = await referenceTicks();
  const I = scenario.intervals;
  const nS = scenario.network.stations.length;
  console.log(`Committed past vs whole-horizon, reference scenario (DLMP-linked prices of a next-tick co-simulation), ticks 0…${I - 1}, gap 1e-4, `
    + `${nS} stations`);
  const runMode = (committed: boolean) => {
    let warm: DueResult | undefined;
    let steps = 0;
    let iterations = 0;
    let notConverged = 0;
    let c0 = process.cpuUsage();
    let tick0Cpu = 0;
    const perTick: string[] = [];
    for (let t = 0; t < I; t++) {
      const tick = { ...scenario, prices: { chargeYuanPerKWh: bookAt(charge, t, nS, I), v2gYuanPerKWh: bookAt(v2g, t, nS, I) } };
      warm = solveDue(tick, { warmStart: warm, committedIntervals: committed ? t : 0, maxIterations: 200 });
      if (t === 0) {
        // tick 0 is the same cold solve in both modes: timed apart
        const c = process.cpuUsage(c0);
        tick0Cpu = (c.user + c.system) / 1e6;
        c0 = process.cpuUsage();
        continue;
      }
      steps += warm.loadingStepsSimulated;
      iterations += warm.iterations;
      if (!warm.converged) notConverged++;
      perTick.push(`${warm.iterations}`);
    }
    const c = process.cpuUsage(c0);
    return { cpu: (c.user + c.system) / 1e6, tick0Cpu, steps, iterations, notConverged, perTick: perTick.join('/'), last: warm! };
  };
  const rounds = 3;
  const whole: ReturnType<typeof runMode>[] = [];
  const committed: ReturnType<typeof runMode>[] = [];
  for (let r = 0; r < rounds; r++) { whole.push(runMode(false)); committed.push(runMode(true)); }
  const show = (name: string, xs: ReturnType<typeof runMode>[]) => {
    const x = xs[0];
    const g = x.last.byClass;
    console.log(`  ${name.padEnd(13)} ticks 1…${I - 1}: CPU ${median(xs.map((y) => y.cpu)).toFixed(2)} s (median of ${rounds}; tick 0 ${median(xs.map((y) => y.tick0Cpu)).toFixed(2)} s), `
      + `${x.steps} loading steps, ${x.iterations} iterations `
      + `(per tick ${x.perTick}), ${x.notConverged} ticks not converged; last tick gaps regular/charging/v2g `
      + `${g.regular.relativeGap.toExponential(1)}/${g.charging.relativeGap.toExponential(1)}/${g.v2g.relativeGap.toExponential(1)}`);
  };
  show('whole-horizon', whole);
  show('committed', committed);
  const cw = median(whole.map((y) => y.cpu));
  const cc = median(committed.map((y) => y.cpu));
  console.log(`  committed / whole-horizon, ticks 1…${I - 1}: CPU ×${(cc / cw).toFixed(2)} (${(cw / cc).toFixed(1)}× faster), loading steps ×${(committed[0].steps / whole[0].steps).toFixed(2)} `
    + `(${whole[0].steps - committed[0].steps} steps saved)`);
}

console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs (other processes inflate wall times)`);
const only = process.argv.slice(2);
if (only.length === 0 || only.includes('dnl')) benchDnl();
if (only.length === 0 || only.includes('due')) benchDue();
if (only.length === 0 || only.includes('committed')) await benchCommitted();
