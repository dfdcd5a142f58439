/**
 * Dynamic traffic benchmarks; prints figures, asserts nothing.
 *
 * 1. DNL (`dnl`): trip tables departing uniformly over one hour, δ = 6 s, 3 h horizon, one
 *    free-flow shortest path per OD (all-or-nothing: the loading alone is timed).
 *    a. Sioux Falls ×0.5 and ×1.0 with both loadings (`point-queue`, `ltm`): CPU (median of
 *       3, workspace reused), vehicles left at 3 h and total travel time, beside UXsim's figures
 *       (C++ engine, one thread, same routes: 0.82 s at ×0.5, 11.0 s at ×1.0; kinematic wave:
 *       27,876 vehicles left at 3 h at ×0.5; the lanes, capacities and jam density of that run
 *       are not recorded), then ×0.5 `ltm` under other time steps and fundamental diagrams
 *       (jam density; UXsim's own diagram per lane and per link, `uxsimDiagram`; UXsim's diagram
 *       with the TNTP capacity as its `capacity_out`, `uxsimExitCapacity`, the setup closest to
 *       UXsim's figure) with the links near jam at 100 min: how far "vehicles left at 3 h" moves
 *       with the diagram.
 *    b. Scaling on three network sizes (Sioux Falls 76 links, Anaheim 914, a generated 33 × 33
 *       grid of 4,224 links), ×1.0: ns and bytes per link-step for both loadings.
 *    c. Peak RSS of one loading, each in a child process (`dnl-child`).
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
 * Run: npx tsx bench/traffic-dynamic.bench.ts [dnl|dnl-sf|due|committed …] (default: all; `dnl-sf`: part 1a
 * only; `dnl-child` is internal)
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadBundledNetwork } from '../src/traffic/io/loadBundledNetwork.ts';
import { shortestPathTree, createShortestPathTree } from '../src/traffic/network/shortestPathTree.ts';
import { createDnlWorkspace, loadNetworkDynamic, type DnlLoadingModel, type DnlPath, type DnlWorkspace } from '../src/traffic/dynamic/loadNetworkDynamic.ts';
import { buildNetwork } from '../src/traffic/network/buildNetwork.ts';
import { ltmLinkParams } from '../src/traffic/dynamic/ltmLinkParams.ts';
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

type Net = ReturnType<typeof loadBundledNetwork>['network'];
type Demand = ReturnType<typeof loadBundledNetwork>['demand'];

/** One free-flow shortest path per OD pair, departing uniformly over 1 h at `scale` × the trip table (veh/h). */
function odPaths(network: Net, demand: Demand, scale: number, stepSec: number): DnlPath[] {
  const tree = createShortestPathTree(network.nodeIds.length);
  const departSteps = Math.round(3600 / stepSec);
  const paths: DnlPath[] = [];
  const byOrigin = new Map<number, Demand[number][]>();
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
      if (links.length === 0) continue;
      paths.push({ links: Int32Array.from(links.reverse()), departureVehByStep: new Float64Array(departSteps).fill((d.vehPerH * scale) / departSteps) });
    }
  }
  return paths;
}

/**
 * A 33 × 33 grid (1,089 nodes, 4,224 directed links: 0.5 km, 1 min, 1,800 veh/h) and 528
 * OD pairs of 60 veh/h between random nodes (fixed seed).
 */
function gridCase(): { network: Net; demand: Demand } {
  const n = 33;
  const id = (r: number, c: number) => r * n + c + 1;
  const links: { from: number; to: number; capacity: number; freeFlowMin: number; lengthKm: number }[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const road = (to: number) => links.push({ from: id(r, c), to, capacity: 1800, freeFlowMin: 1, lengthKm: 0.5 });
      if (c + 1 < n) road(id(r, c + 1));
      if (c > 0) road(id(r, c - 1));
      if (r + 1 < n) road(id(r + 1, c));
      if (r > 0) road(id(r - 1, c));
    }
  }
  const network = buildNetwork({ name: 'grid33', source: 'bench', links });
  let seed = 12345;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  const demand: { origin: number; destination: number; vehPerH: number }[] = [];
  while (demand.length < 528) {
    const o = 1 + Math.floor(rand() * n * n);
    const d = 1 + Math.floor(rand() * n * n);
    if (o !== d) demand.push({ origin: o, destination: d, vehPerH: 60 });
  }
  return { network, demand };
}

function benchCase(name: string): { network: Net; demand: Demand } {
  return name === 'grid33' ? gridCase() : loadBundledNetwork(name as 'SiouxFalls');
}

interface DnlFigures {
  cpuSec: number; departed: number; leftAt3h: number; travelVehH: number; linkSteps: number;
  bytes: number; compositionBytes: number; links: number;
  /** LTM: vehicles left at 3 h that wait at their origin (left minus those on links). */
  originWaiting: number;
  /** LTM: links holding ≥ 95 % of their jam storage at 100 min, and their outflow then (10 min mean) as a share of capacity. */
  nearJamAt100Min: number;
  nearJamOutflowShare: number;
}

/**
 * UXsim's triangular diagram (uxsim.py `Link`: τ = reaction time / lanes, w = 1 / (τ κ),
 * capacity = u w κ / (u + w)) on every road of `network`: lanes = capacity / 1,800 rounded
 * (`rounding`, default to the nearest) and ≥ 1,
 * u = length / free-flow time, κ = 0.2 veh/m per lane (`jam_density_per_lane`) or per link
 * (`jam_density`, UXsim's default), reaction time 1 s. Our LTM then has the same capacity,
 * free speed, jam density and so the same w = c / (k_jam − c / v_f).
 */
function uxsimDiagram(network: Net, kappaPer: 'lane' | 'link', rounding: 'round' | 'ceil' | 'floor' = 'round'): Net & { jamDensityVehPerKm: Float64Array } {
  const n = network.from.length;
  const capacity = new Float64Array(n);
  const jamDensityVehPerKm = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const lanes = Math.max(1, Math[rounding](network.capacity[a] / 1800));
    const uKmPerH = network.lengthKm[a] / (network.freeFlowMin[a] / 60);
    const kappaVehPerKm = kappaPer === 'lane' ? 200 * lanes : 200;
    const wKmPerH = (lanes * 3600) / kappaVehPerKm; // 1 / (τ κ), τ = 1 s / lanes
    capacity[a] = (uKmPerH * wKmPerH * kappaVehPerKm) / (uKmPerH + wKmPerH);
    jamDensityVehPerKm[a] = kappaVehPerKm;
  }
  return { ...network, capacity, jamDensityVehPerKm };
}

/**
 * UXsim's diagram per lane (`uxsimDiagram(…, 'lane')`) with the TNTP capacity as UXsim's
 * `capacity_out`, a bottleneck at the link's end: every road split into its body (UXsim's
 * diagram, L − v_f·δ long) and a one-step exit piece of the TNTP capacity, so queues stand in
 * the body at UXsim's congested density. Road a becomes links 2a, 2a + 1 (`splitPaths`).
 */
function uxsimExitCapacity(network: Net, stepSec: number, rounding: 'round' | 'ceil' | 'floor' = 'round'): Net {
  const ux = uxsimDiagram(network, 'lane', rounding);
  const links = [];
  const jam: number[] = [];
  const exitMin = stepSec / 60;
  for (let a = 0; a < network.from.length; a++) {
    const exitKm = (network.lengthKm[a] * exitMin) / network.freeFlowMin[a];
    const mid = 100000 + a;
    links.push({ from: network.nodeIds[network.from[a]], to: mid, capacity: ux.capacity[a], freeFlowMin: network.freeFlowMin[a] - exitMin, lengthKm: network.lengthKm[a] - exitKm, bprB: 0 });
    links.push({ from: mid, to: network.nodeIds[network.to[a]], capacity: network.capacity[a], freeFlowMin: exitMin, lengthKm: exitKm, bprB: 0 });
    jam.push(ux.jamDensityVehPerKm[a], ux.jamDensityVehPerKm[a]);
  }
  return { ...buildNetwork({ name: 'SiouxFalls-uxsim-exit', source: 'bench', links }), jamDensityVehPerKm: Float64Array.from(jam) };
}

/** Paths of the unsplit network on `uxsimExitCapacity`'s: link a → 2a, 2a + 1. */
function splitPaths(paths: DnlPath[]): DnlPath[] {
  return paths.map((p) => ({ ...p, links: Int32Array.from(Array.from(p.links).flatMap((a) => [2 * a, 2 * a + 1])) }));
}

/** One loading of `case` at `scale` with `loading`; CPU seconds, vehicles left at 3 h, total travel time. */
function dnlRun(network: Net, paths: DnlPath[], loading: DnlLoadingModel, stepSec: number, horizonSteps: number, workspace?: DnlWorkspace): DnlFigures {
  const c0 = process.cpuUsage();
  const r = loadNetworkDynamic(network, paths, { stepSec, horizonSteps, loading, workspace });
  const c = process.cpuUsage(c0);
  const C = r.classCount;
  let travel = 0;
  for (let k = 0; k < horizonSteps; k++) {
    for (let cl = 0; cl < C; cl++) travel += (r.classCumDepartures[k * C + cl] - r.classCumArrivals[k * C + cl]) * (stepSec / 3600);
  }
  let departed = 0;
  let arrived = 0;
  for (let cl = 0; cl < C; cl++) { departed += r.classCumDepartures[horizonSteps * C + cl]; arrived += r.classCumArrivals[horizonSteps * C + cl]; }
  const arrays = [r.linkCumIn, r.linkCumAtBottleneck, r.linkCumServiceStart, r.linkCumOut, r.linkRunExitStep, r.classCumDepartures, r.classCumArrivals, r.stationClassCumIn];
  const bytes = arrays.reduce((sum, a) => sum + a.byteLength, 0) + r.compositionPeakBytes;
  const links = network.from.length;
  let onLinks = 0;
  for (let a = 0; a < links; a++) onLinks += r.linkCumIn[a * (horizonSteps + 1) + horizonSteps] - r.linkCumOut[a * (horizonSteps + 1) + horizonSteps];
  const tidy = (x: number) => (Math.abs(x) < 1e-6 ? 0 : x);
  let nearJam = 0;
  let nearJamShare = 0;
  const k100 = Math.round(6000 / stepSec);
  const k90 = Math.round(5400 / stepSec);
  if (loading === 'ltm' && horizonSteps >= k100) {
    const jamVeh = ltmLinkParams(network, stepSec).jamVeh;
    const W = horizonSteps + 1;
    for (let a = 0; a < links; a++) {
      if (!(jamVeh[a] > 0) || r.linkCumIn[a * W + k100] - r.linkCumOut[a * W + k100] < 0.95 * jamVeh[a]) continue;
      nearJam++;
      nearJamShare += (r.linkCumOut[a * W + k100] - r.linkCumOut[a * W + k90]) / ((network.capacity[a] * 600) / 3600);
    }
  }
  return { cpuSec: (c.user + c.system) / 1e6, departed, leftAt3h: tidy(departed - arrived), travelVehH: travel, linkSteps: links * horizonSteps, bytes, compositionBytes: r.compositionPeakBytes, links, originWaiting: tidy(departed - arrived - onLinks),
    nearJamAt100Min: nearJam, nearJamOutflowShare: nearJam > 0 ? nearJamShare / nearJam : 0 };
}

const STEP_SEC = 6;
const HORIZON_STEPS = Math.round((3 * 3600) / STEP_SEC);

/** Child process: one loading, then its figures and peak RSS as JSON on stdout. */
function dnlChild(name: string, scale: number, loading: DnlLoadingModel): void {
  const { network, demand } = benchCase(name);
  const paths = odPaths(network, demand, scale, STEP_SEC);
  const rssBefore = process.memoryUsage().rss;
  const f = dnlRun(network, paths, loading, STEP_SEC, HORIZON_STEPS);
  console.log(JSON.stringify({ ...f, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: rssBefore / 2 ** 20 }));
}

function childFigures(name: string, scale: number, loading: DnlLoadingModel): DnlFigures & { maxRssMb: number; rssBeforeMb: number } {
  // through a shell that forks (`; :`): on Linux a child's maxRSS starts from the RSS of the
  // process it was forked from, and this one is large by now
  const command = `"${process.execPath}" --import tsx "${fileURLToPath(import.meta.url)}" dnl-child ${name} ${scale} ${loading}; :`;
  const out = execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function benchDnl(siouxFallsOnly = false): void {
  console.log(`DNL: trip tables departing uniformly over 1 h, δ = ${STEP_SEC} s, horizon 3 h, one free-flow shortest path per OD (the loading alone is timed)`);
  console.log('  UXsim (kinematic wave, C++ engine, one thread) on Sioux Falls, same routes: 0.82 s (×0.5), 11.0 s (×1.0); 27,876 vehicles left at 3 h at ×0.5 (issue 13;');
  console.log('  its lanes, capacities and jam density are not recorded, nor its total travel time)');
  const sf = loadBundledNetwork('SiouxFalls');
  for (const scale of [0.5, 1.0]) {
    const paths = odPaths(sf.network, sf.demand, scale, STEP_SEC);
    for (const loading of ['point-queue', 'ltm'] as const) {
      const ws = createDnlWorkspace();
      const runs = [0, 1, 2].map(() => dnlRun(sf.network, paths, loading, STEP_SEC, HORIZON_STEPS, ws));
      const f = runs[0];
      const cpu = median(runs.map((x) => x.cpuSec));
      console.log(`  Sioux Falls ×${scale.toFixed(1)} ${loading.padEnd(11)}: CPU ${cpu.toFixed(3)} s (median of 3, workspace reused), ${f.departed.toFixed(0)} departed, `
        + `${f.leftAt3h.toFixed(0)} left at 3 h (${f.originWaiting.toFixed(0)} at their origin), total travel ${(f.travelVehH / 1000).toFixed(1)} k veh·h (to 3 h, origin waits included)`);
    }
  }
  {
    // ×0.5 ltm under other time steps and fundamental diagrams: the figure UXsim reports moves
    // with the diagram far more than with the model (docs/model.md §2.5 "Against UXsim")
    console.log('  Sioux Falls ×0.5 ltm, sensitivity (left at 3 h, total travel, links ≥ 95 % of jam storage at 100 min and their outflow then as a share of capacity):');
    const jamPerLane = (perLane: number): Net => ({ ...sf.network, jamDensityVehPerKm: Float64Array.from(sf.network.capacity, (c) => perLane * Math.max(1, c / 1800)) });
    const variants: [string, Net, number, DnlPath[]?][] = [
      ['default (k_jam 150 veh/km/lane, δ 6 s)', sf.network, STEP_SEC],
      ['δ = 3 s', sf.network, 3],
      ['δ = 30 s', sf.network, 30],
      ['k_jam 130 veh/km/lane', jamPerLane(130), STEP_SEC],
      ['k_jam 200 veh/km/lane', jamPerLane(200), STEP_SEC],
      ['k_jam 250 veh/km/lane', jamPerLane(250), STEP_SEC],
      ["UXsim's diagram, κ 0.2 veh/m/lane (capacity ≈ 2,770 veh/h/lane at 60 km/h)", uxsimDiagram(sf.network, 'lane'), STEP_SEC],
      ["UXsim's diagram, κ 0.2 veh/m per link (its default)", uxsimDiagram(sf.network, 'link'), STEP_SEC],
    ];
    const split = splitPaths(odPaths(sf.network, sf.demand, 0.5, STEP_SEC));
    for (const rounding of ['round', 'ceil', 'floor'] as const) {
      variants.push([`UXsim's diagram, κ 0.2 veh/m/lane, TNTP capacity as capacity_out, lanes by ${rounding}`, uxsimExitCapacity(sf.network, STEP_SEC, rounding), STEP_SEC, split]);
    }
    for (const [name, net, stepSec, given] of variants) {
      const f = dnlRun(net, given ?? odPaths(net, sf.demand, 0.5, stepSec), 'ltm', stepSec, Math.round((3 * 3600) / stepSec));
      console.log(`    ${name.padEnd(88)}: ${f.leftAt3h.toFixed(0).padStart(7)} left (${f.originWaiting.toFixed(0)} at origin), `
        + `${(f.travelVehH / 1000).toFixed(1)} k veh·h, ${f.nearJamAt100Min} links near jam at ${(100 * f.nearJamOutflowShare).toFixed(1)} % of capacity`);
    }
  }
  console.log('  Comparable with UXsim: vehicles left at 3 h of `ltm` (both kinematic-wave models with FIFO links and spillback, same routes and');
  console.log('  departures, origin waits counted as left), in magnitude only: the UXsim run\'s diagram is not recorded and the figure swings');
  console.log('  over the diagrams above (a partial gridlock that forms or not); its total travel time is not recorded. `point-queue` has no spillback: not comparable.');
  if (siouxFallsOnly) return;
  console.log('Scaling in links × steps (3 h at 6 s = 1,800 steps; one loading, CPU; bytes = curves + peak segment-ring bytes):');
  for (const name of ['SiouxFalls', 'Anaheim', 'grid33']) {
    const { network, demand } = benchCase(name);
    const paths = odPaths(network, demand, 1.0, STEP_SEC);
    for (const loading of ['point-queue', 'ltm'] as const) {
      const f = dnlRun(network, paths, loading, STEP_SEC, HORIZON_STEPS);
      console.log(`  ${name.padEnd(10)} ${loading.padEnd(11)} ${String(f.links).padStart(5)} links, ${paths.length} paths: CPU ${f.cpuSec.toFixed(2)} s, `
        + `${((f.cpuSec * 1e9) / f.linkSteps).toFixed(0)} ns/link-step, ${(f.bytes / f.linkSteps).toFixed(1)} B/link-step, segment rings ${(f.compositionBytes / 2 ** 20).toFixed(1)} MB, ${f.leftAt3h.toFixed(0)} left at 3 h`);
    }
  }
  console.log('Peak RSS of one loading (child process each, ×1.0):');
  for (const name of ['SiouxFalls', 'Anaheim', 'grid33']) {
    for (const loading of ['point-queue', 'ltm'] as const) {
      const f = childFigures(name, 1.0, loading);
      console.log(`  ${name.padEnd(10)} ${loading.padEnd(11)}: max RSS ${f.maxRssMb.toFixed(0)} MB (process before loading ${f.rssBeforeMb.toFixed(0)} MB), CPU ${f.cpuSec.toFixed(2)} s`);
    }
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

const only = process.argv.slice(2);
if (only[0] === 'dnl-child') {
  dnlChild(only[1], Number(only[2]), only[3] as DnlLoadingModel);
  process.exit(0);
}
console.log(`load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs (other processes inflate wall times)`);
if (only.length === 0 || only.includes('dnl')) benchDnl();
else if (only.includes('dnl-sf')) benchDnl(true);
if (only.length === 0 || only.includes('due')) benchDue();
if (only.length === 0 || only.includes('committed')) await benchCommitted();
