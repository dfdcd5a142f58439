/**
 * Size guard of a co-simulation (docs/limits.md "Size guard"): before anything is solved,
 * estimate the peak memory and the CPU time of one run from the problem size, and refuse
 * a run above the limits unless the user asks for it (`--allow-large`).
 *
 * The traffic model dominates both: the dynamic loading keeps cumulative curves per link
 * and per path segment for every loading step of window + tail, so
 *
 *     memoryMb ≈ BASE_MB + workers · 8 · W · (LINK_CURVES · L + SEGMENT_CURVES · S) / 2²⁰
 *     cpuSec   ≈ CPU_SEC_PER_CELL · W · (L + S) · I · √(W / W₀) + CPU_SEC_PER_INTERVAL · I
 *
 * with L links (stations included), I intervals of window + tail (the DUE is re-solved at
 * every tick), S = G · PATHS_PER_GROUP · H the path segments (G groups = OD pair × class
 * with demand, H the mean links of a group's fewest-link path, +1 station link for the
 * charging and V2G classes) and W the loading steps: the loading runs until the network is
 * empty, so W = max(window + tail, window + drain) / stepSec · 1.25, at most 51 × window + tail
 * (the traffic engine's cap), where the drain time is the longest of: an origin's vehicles
 * over the capacity of the roads leaving it, a destination's over the roads entering it, and
 * a class's charging (V2G) vehicles over the stations' service rate Σ servers · 60 / service
 * minutes; W₀ is window + tail, and √(W / W₀) stands for the extra DUE iterations of a network
 * that needs longer than the horizon to drain (fitted: demand × 10 and × 100 on the reference).
 * The constants are fitted to the bundled scenarios (docs/limits.md gives the
 * measurements); `workers` multiplies the memory (each flex worker holds its own co-simulation).
 */
import { availableParallelism } from 'node:os';
import { InputError } from '../../common/errors.js';
import type { DueGroup } from '../../traffic/dynamic/dueProblem.js';
import { UserClassCode } from '../../traffic/dynamic/dueTypes.js';
import type { Network } from '../../traffic/network/network.js';

/** Memory of the process without the problem: runtime, HiGHS, modules, MB. */
export const BASE_MB = 250;
/** Float64 values kept per link and loading step (two curve sets of 5, experienced times, checkpoints, copies; fitted). */
export const LINK_CURVES = 24;
/** Float64 values kept per path segment and loading step (recorded inflows; fitted). */
export const SEGMENT_CURVES = 1;
/** Paths per group the column generation ends with (fitted). */
export const PATHS_PER_GROUP = 3.5;
/** CPU seconds per (loading step × link-or-segment × tick) (fitted). */
export const CPU_SEC_PER_CELL = 2.4e-8;
/** CPU seconds per interval for the OPF and the coupling (fitted on the 33-bus reference). */
export const CPU_SEC_PER_INTERVAL = 0.05;

/** Default limit of the estimated peak memory, MB (docs/limits.md): ~5 × the bundled city scenario's estimate. */
export const MEMORY_LIMIT_MB = 2048;
/** Default limit of the estimated CPU time of one run, s (docs/limits.md). */
export const CPU_LIMIT_SEC = 2 * 3600;

/** The size of one co-simulation, as `sizeEstimate` reads it. */
export interface ProblemSize {
  /** Links of the network with the stations inserted. */
  readonly links: number;
  /** Loading steps the traffic model is expected to simulate (window + tail, or longer while the network drains). */
  readonly steps: number;
  /** Loading steps of window + tail (the horizon of the scenario). */
  readonly horizonSteps: number;
  /** Vehicles departing in the window (all classes). */
  readonly vehicles: number;
  /** Intervals of window + tail. */
  readonly intervals: number;
  /** OD pair × class groups with demand. */
  readonly groups: number;
  /** Mean links of a group's shortest path (station link included). */
  readonly meanPathLinks: number;
  /** Worker threads each holding one co-simulation (1 for `run`). */
  readonly workers: number;
}

/** The estimate (every figure finite). */
export interface SizeEstimate extends ProblemSize {
  /** Estimated path segments S = groups · PATHS_PER_GROUP · meanPathLinks. */
  readonly pathSegments: number;
  /** Estimated peak memory, MB (all workers). */
  readonly memoryMb: number;
  /** Estimated CPU time of one run, s. */
  readonly cpuSec: number;
}

/**
 * Estimate memory and CPU time of a co-simulation of this size (formula: module text).
 *
 * @example
 * sizeEstimate({ links: 30, steps: 1200, horizonSteps: 1200, vehicles: 3000, intervals: 60, groups: 20, meanPathLinks: 5.7, workers: 1 }).memoryMb; // ≈ 260
 */
export function sizeEstimate(size: ProblemSize): SizeEstimate {
  const W = size.steps + 1;
  const pathSegments = size.groups * PATHS_PER_GROUP * size.meanPathLinks;
  const bytes = 8 * W * (LINK_CURVES * size.links + SEGMENT_CURVES * pathSegments);
  const memoryMb = BASE_MB + (size.workers * bytes) / 2 ** 20;
  const congestion = Math.sqrt(Math.max(1, size.steps / Math.max(1, size.horizonSteps)));
  const cpuSec = CPU_SEC_PER_CELL * W * (size.links + pathSegments) * size.intervals * congestion + CPU_SEC_PER_INTERVAL * size.intervals;
  return { ...size, pathSegments, memoryMb, cpuSec };
}

/** The time axis of a run, as `problemSize` needs it. */
export interface RunAxis {
  readonly stepSec: number;
  readonly intervalMin: number;
  /** Departure intervals (`horizon.intervals`). */
  readonly windowIntervals: number;
  /** Window + tail intervals. */
  readonly intervals: number;
  readonly workers: number;
}

/**
 * The problem size of a resolved scenario: groups from the DUE's own grouping, mean
 * fewest-link path by breadth-first search from every group origin, and the loading steps
 * including the drain time (module text).
 *
 * @example
 * const size = problemSize(network, groups, { stepSec: 30, intervalMin: 10, windowIntervals: 12, intervals: 60, workers: 1 });
 */
export function problemSize(network: Network, groups: readonly DueGroup[], axis: RunAxis): ProblemSize {
  const hopsFrom = new Map<number, Int32Array>();
  let hops = 0;
  let counted = 0;
  for (const g of groups) {
    let dist = hopsFrom.get(g.origin);
    if (dist === undefined) {
      dist = hopDistances(network, g.origin);
      hopsFrom.set(g.origin, dist);
    }
    const h = dist[g.destination];
    if (h < 0) continue;
    hops += h + (g.classCode === UserClassCode.regular ? 0 : 1);
    counted++;
  }
  const spi = Math.round((axis.intervalMin * 60) / axis.stepSec);
  const horizonSteps = axis.intervals * spi;
  const { vehicles, drainMin } = drainTime(network, groups);
  const drainSteps = Math.ceil(((axis.windowIntervals * axis.intervalMin + drainMin) * 60 * 1.25) / axis.stepSec);
  const steps = Math.min(51 * horizonSteps, Math.max(horizonSteps, drainSteps));
  return {
    links: network.from.length, groups: groups.length, meanPathLinks: counted === 0 ? 0 : hops / counted,
    steps, horizonSteps, vehicles, intervals: axis.intervals, workers: axis.workers,
  };
}

/**
 * Vehicles departing in the window, and the longest time, minutes, some origin, destination
 * or station class needs to pass them at full capacity (a lower bound of the time the network
 * needs to empty).
 */
function drainTime(network: Network, groups: readonly DueGroup[]): { vehicles: number; drainMin: number } {
  const N = network.nodeIds.length;
  const out = new Float64Array(N);
  const into = new Float64Array(N);
  for (let a = 0; a < network.from.length; a++) {
    out[network.from[a]] += network.capacity[a];
    into[network.to[a]] += network.capacity[a];
  }
  const leaving = new Float64Array(N);
  const arriving = new Float64Array(N);
  const byClass = new Float64Array(3);
  let vehicles = 0;
  for (const g of groups) {
    let v = 0;
    for (let t = 0; t < g.demandVeh.length; t++) v += g.demandVeh[t];
    leaving[g.origin] += v;
    arriving[g.destination] += v;
    byClass[g.classCode] += v;
    vehicles += v;
  }
  let drainH = 0;
  for (let i = 0; i < N; i++) {
    if (leaving[i] > 0 && out[i] > 0) drainH = Math.max(drainH, leaving[i] / out[i]);
    if (arriving[i] > 0 && into[i] > 0) drainH = Math.max(drainH, arriving[i] / into[i]);
  }
  const rate = (servers: (s: number) => number, minutes: (s: number) => number): number => {
    let vehPerH = 0;
    for (let s = 0; s < network.stations.length; s++) if (servers(s) > 0) vehPerH += minutes(s) > 0 ? (servers(s) * 60) / minutes(s) : Infinity;
    return vehPerH;
  };
  const st = network.stations;
  const chargeRate = rate((s) => st[s].chargers, (s) => st[s].chargeServiceMin);
  const v2gRate = rate((s) => st[s].v2gPorts, (s) => st[s].v2gServiceMin);
  if (byClass[UserClassCode.charging] > 0 && chargeRate > 0 && chargeRate < Infinity) drainH = Math.max(drainH, byClass[UserClassCode.charging] / chargeRate);
  if (byClass[UserClassCode.v2g] > 0 && v2gRate > 0 && v2gRate < Infinity) drainH = Math.max(drainH, byClass[UserClassCode.v2g] / v2gRate);
  return { vehicles, drainMin: drainH * 60 };
}

/** Links on the fewest-link path from `origin` to every node (−1: unreachable). */
function hopDistances(network: Network, origin: number): Int32Array {
  const N = network.nodeIds.length;
  const dist = new Int32Array(N).fill(-1);
  const queue = new Int32Array(N);
  let head = 0;
  let tail = 0;
  dist[origin] = 0;
  queue[tail++] = origin;
  while (head < tail) {
    const u = queue[head++];
    for (let e = network.outStart[u]; e < network.outStart[u + 1]; e++) {
      const v = network.to[network.outLinks[e]];
      if (dist[v] < 0) {
        dist[v] = dist[u] + 1;
        queue[tail++] = v;
      }
    }
  }
  return dist;
}

/** Limits of `checkSizeEstimate`. */
export interface SizeLimits {
  readonly memoryMb?: number;
  readonly cpuSec?: number;
}

/**
 * Refuse a run whose estimate exceeds the limits: an `InputError` naming the scenario file,
 * the fields that drive the size and the estimate, and the override flag.
 *
 * @param estimate - from `sizeEstimate`.
 * @param source - scenario file for the message.
 * @param limits - default `MEMORY_LIMIT_MB`, `CPU_LIMIT_SEC`.
 * @throws InputError above a limit.
 * @example
 * checkSizeEstimate(sizeEstimate(size), 'scenarios/x.json'); // throws when too large
 */
export function checkSizeEstimate(estimate: SizeEstimate, source: string, limits: SizeLimits = {}): void {
  const memoryLimit = limits.memoryMb ?? MEMORY_LIMIT_MB;
  const cpuLimit = limits.cpuSec ?? CPU_LIMIT_SEC;
  const memory = estimate.memoryMb > memoryLimit;
  if (!memory && !(estimate.cpuSec > cpuLimit)) return;
  const what = memory
    ? `estimated peak memory ${formatMb(estimate.memoryMb)} exceeds the limit of ${formatMb(memoryLimit)}`
    : `estimated CPU time ${formatSec(estimate.cpuSec)} exceeds the limit of ${formatSec(cpuLimit)}`;
  const drivers = `${estimate.steps} loading steps (horizon.intervals, intervalMin, clearanceMin / horizon.stepSec) × ` +
    `(${estimate.links} links + ~${Math.round(estimate.pathSegments)} path links of ${estimate.groups} OD pair × class groups)` +
    (estimate.workers > 1 ? ` × ${estimate.workers} workers` : '');
  throw new InputError({ source, field: 'size' }, `${what}: ${drivers}; use a coarser horizon.stepSec, a shorter horizon or fewer OD pairs, or pass --allow-large (docs/limits.md)`);
}

function formatMb(mb: number): string {
  return mb >= 1024 ? `${(mb / 1024).toPrecision(3)} GiB` : `${Math.round(mb)} MB`;
}

function formatSec(sec: number): string {
  return sec >= 3600 ? `${(sec / 3600).toPrecision(3)} h` : sec >= 60 ? `${(sec / 60).toPrecision(3)} min` : `${sec.toPrecision(2)} s`;
}

/**
 * Cap a requested worker count at the available cores (docs/limits.md): more threads than
 * cores only add memory (each holds a co-simulation) and no speed. `force` keeps the request.
 *
 * @param requested - `--workers` (undefined: the default, the cores).
 * @param options - `force` (`--force-workers`) and `cores` (default `os.availableParallelism()`).
 * @returns the worker count to use and, when capped, a one-line note for stderr.
 * @example
 * capWorkers(64, { cores: 2 }); // { workers: 2, note: '--workers 64 capped at the 2 available cores (--force-workers keeps it)' }
 */
export function capWorkers(requested: number | undefined, options: { force?: boolean; cores?: number } = {}): { workers: number | undefined; note?: string } {
  const cores = options.cores ?? availableParallelism();
  if (requested === undefined || requested <= cores || options.force === true) return { workers: requested };
  return { workers: cores, note: `--workers ${requested} capped at the ${cores} available cores (--force-workers keeps it)` };
}
