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
 *
 * Run: npx tsx bench/traffic-dynamic.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { loadBundledNetwork } from '../src/traffic/io/loadBundledNetwork.ts';
import { shortestPathTree, createShortestPathTree } from '../src/traffic/network/shortestPathTree.ts';
import { loadNetworkDynamic, type DnlPath } from '../src/traffic/dynamic/loadNetworkDynamic.ts';
import { solveDue } from '../src/traffic/dynamic/solveDue.ts';
import { ndDueScenario } from '../test/traffic/dynamic/ndDueScenario.ts';

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

console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs (other processes inflate wall times)`);
benchDnl();
benchDue();
