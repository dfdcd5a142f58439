/**
 * Dynamic network loading (DNL, docs/model.md §2): propagate given path departure profiles
 * through the network in time steps δ and record cumulative counts per link,
 * per path segment and per path.
 */
import { InputError } from '../../common/errors.js';
import { LinkKind, type Network } from '../network/network.js';
import { restoreCheckpoint, savePointers } from './dnlCheckpoint.js';
import { closeStep, stepLinks, stepSegments, type StepState } from './dnlSteps.js';

export { curveAt } from './dnlSteps.js';

/** One path to load: its links and its departures per loading step. */
export interface DnlPath {
  /** Link indices in travel order (consecutive: `to[links[i]] === from[links[i+1]]`). */
  readonly links: Int32Array;
  /** Vehicles departing during step k (time [kδ, (k+1)δ)); shorter than the horizon = 0 after. */
  readonly departureVehByStep: Float64Array;
  /** User class code (e.g. `UserClassCode`), default 0: the per-class curves sum over it. */
  readonly classCode?: number;
}

/** Loading controls. */
export interface DnlOptions {
  /** δ, seconds. */
  readonly stepSec: number;
  /** Number of steps S to simulate; curves have S + 1 points (times 0, δ, …, Sδ). */
  readonly horizonSteps: number;
  /**
   * Record the per-link FIFO pointers every this many steps (`DnlResult.linkPointers`), so the
   * result can serve as a checkpoint at any multiple of it. Default: none.
   */
  readonly checkpointEvery?: number;
  /** Resume from a checkpoint instead of step 0 (see `DnlResume`). */
  readonly resume?: DnlResume;
}

/**
 * Resume a loading at step `step` from an earlier loading `from` of the same network and δ
 * (`from.linkPointers` must hold `step`). The caller guarantees that every path departs
 * exactly as in `from` before `step` (checked on each path's cumulative departures at
 * `step`); loading is causal (departures at steps ≥ `step` cannot change any curve value at
 * indices ≤ `step`), so the resumed loading equals a full one (bit for bit when the paths
 * with departures before `step` keep their relative order).
 */
export interface DnlResume {
  readonly from: DnlResult;
  /** Step k0 at which the loading restarts: values at indices 0…k0 are copied from `from`. */
  readonly step: number;
  /** Per path of this loading: index of the same path (same links) in `from`, or −1 (no departures before `step`). */
  readonly pathMap: Int32Array;
}

/** Per-link FIFO pointers at every `every`-th step, index `j * links + a` for step `j · every`. */
export interface DnlPointers {
  readonly every: number;
  /** Last entry step whose vehicles reached the bottleneck (running part), −1 = none. */
  readonly run: Int32Array;
  /** Last entry step whose vehicles have left (FIFO composition of the outflow). */
  readonly entry: Int32Array;
}

/**
 * Cumulative curves of one loading. Every curve has `steps + 1` points, value at
 * time kδ, stored link-major (`a * (steps + 1) + k`), segment-major or path-major.
 */
export interface DnlResult {
  readonly stepSec: number;
  readonly steps: number;
  /** A_a: vehicles that entered link a. */
  readonly linkCumIn: Float64Array;
  /** V_a: vehicles that reached the link's bottleneck (road exit queue or station server queue). */
  readonly linkCumAtBottleneck: Float64Array;
  /** Station links: vehicles that started service; other links: equal to `linkCumOut`. */
  readonly linkCumServiceStart: Float64Array;
  /** D_a: vehicles that left link a. */
  readonly linkCumOut: Float64Array;
  /** T_a(k): time (in steps) at which a vehicle entering at kδ reaches the bottleneck (FIFO-monotone). */
  readonly linkRunExitStep: Float64Array;
  /** Per link: service duration (steps) for station links, 0 otherwise. */
  readonly linkServiceSteps: Float64Array;
  /** Per link: bottleneck discharge per step (roads: capacity·δ; +∞ when none), or servers for station links. */
  readonly linkBottleneck: Float64Array;
  readonly pathCount: number;
  /** Segment i of path p (its i-th link) is `pathSegStart[p] + i`; `pathSegStart[pathCount]` = segment count. */
  readonly pathSegStart: Int32Array;
  /** Storage column of each segment (columns are grouped by link so a step reads contiguous memory). */
  readonly segColumn: Int32Array;
  /**
   * Cumulative inflow of each segment (= cumulative outflow of the previous one), STEP-major:
   * segment s at time kδ is `segCumIn[k * segCount + segColumn[s]]`.
   */
  readonly segCumIn: Float64Array;
  /** Cumulative arrivals of each path at its destination, step-major: `k * pathCount + p`. */
  readonly pathCumArrivals: Float64Array;
  /** Number of classes (1 + largest `classCode`), and cumulative departures / arrivals per class, `k * classCount + c`. */
  readonly classCount: number;
  readonly classCumDepartures: Float64Array;
  readonly classCumArrivals: Float64Array;
  /** FIFO pointers for checkpoints (`DnlOptions.checkpointEvery`), else undefined. */
  readonly linkPointers?: DnlPointers;
  /** Steps actually simulated (S, or S − k0 when resumed from a checkpoint at k0). */
  readonly stepsSimulated: number;
}

/**
 * Load path flows on the network with a point-queue model with BPR running time and
 * multi-server stations (the DNL of docs/model.md §2, seed 003 §1.1 propagation equations).
 *
 * Model (fluid vehicles, piecewise-linear cumulative curves, FIFO per link):
 * 1. Running part. A vehicle entering link a at time x reaches the link's
 *    bottleneck at T_a(x) = max(x + r_a(x), T_a(earlier)) — never earlier than its
 *    free-flow time (FIFO-monotone). Roads: r = τ[1 + B·min(w/c, 1)^P] with w the
 *    inflow rate veh/h of the entry step (BPR below capacity; the queue takes over
 *    above it). Station and bypass links: r = τ. Every link takes at least one step
 *    δ (the discrete model needs a one-step lag; a bypass or charge link with τ = 0
 *    costs δ, the same for every class passing the station).
 * 2. Bottleneck. Roads: a point queue discharging at most c·δ vehicles per step
 *    (c = capacity, veh/h). Charge / V2G links: c servers (chargers, ports) with a
 *    fixed service time L (≥ one step), FIFO queue in front: service starts
 *    S(k) = min(V(k), D(k) + c), departures D(k) = S(k − L). Bypass: no bottleneck.
 * 3. Nodes pass vehicles on within the step (no spillback: point queues are vertical).
 * 4. Path composition of a link's outflow follows FIFO: the D_a(k)-th vehicle out
 *    entered at x = A_a⁻¹(D_a(k)), so a segment's cumulative outflow is its own
 *    cumulative inflow evaluated at x, which is also the next segment's inflow.
 *    Conservation per segment, path and class therefore holds exactly.
 *
 * Cost: O(S · (links + segments)), memory 5 curves per link + 1 per segment + 1 per path
 * (+ 2 integers per link per `checkpointEvery` steps). Resumed from a checkpoint at k0
 * (`options.resume`), steps 0…k0 − 1 are copied, not simulated: O((S − k0) · (links +
 * segments)) plus a copy of the prefix; the result equals a full loading (see `DnlResume`).
 *
 * @param network any network (stations inserted or not)
 * @param paths path departure profiles
 * @param options δ and horizon
 * @returns cumulative curves; occupancy of link a at k is `linkCumIn − linkCumOut`
 * @example
 * const r = loadNetworkDynamic(net, [{ links: Int32Array.of(0, 1), departureVehByStep: new Float64Array(60).fill(1) }],
 *   { stepSec: 6, horizonSteps: 600 });
 * r.pathCumArrivals[600 * r.pathCount + 0]; // 60 vehicles of path 0 arrived by step 600
 * // checkpointed: keep pointers every 60 steps, then add a path departing from step 120 on
 * const full = loadNetworkDynamic(net, paths, { stepSec: 6, horizonSteps: 600, checkpointEvery: 60 });
 * const more = [...paths, { links: Int32Array.of(0), departureVehByStep: lateDepartures }];
 * loadNetworkDynamic(net, more, { stepSec: 6, horizonSteps: 600, checkpointEvery: 60,
 *   resume: { from: full, step: 120, pathMap: Int32Array.of(0, -1) } }); // simulates steps 120…599 only
 */
export function loadNetworkDynamic(network: Network, paths: readonly DnlPath[], options: DnlOptions): DnlResult {
  const { stepSec, horizonSteps: S } = options;
  if (!(stepSec > 0 && Number.isFinite(stepSec))) {
    throw new InputError({ source: 'traffic/dynamic/loadNetworkDynamic', field: 'stepSec', value: stepSec }, 'must be > 0');
  }
  if (!(Number.isInteger(S) && S >= 1)) {
    throw new InputError({ source: 'traffic/dynamic/loadNetworkDynamic', field: 'horizonSteps', value: S }, 'must be an integer ≥ 1');
  }
  const W = S + 1;
  const linkCount = network.from.length;
  const { runFree, bottleneck, serviceSteps } = linkConstants(network, stepSec);
  const segStart = new Int32Array(paths.length + 1);
  paths.forEach((p, i) => { segStart[i + 1] = segStart[i] + p.links.length; });
  checkPaths(network, paths);

  const A = new Float64Array(linkCount * W);
  const V = new Float64Array(linkCount * W);
  const Sv = new Float64Array(linkCount * W);
  const D = new Float64Array(linkCount * W);
  const T = new Float64Array(linkCount * W);
  // Segments are stored in columns grouped by link, step-major, so that each step reads
  // and writes contiguous rows (a path-major layout thrashes the cache on large networks).
  const pathCount = paths.length;
  const segCount = segStart[pathCount];
  const colStart = new Int32Array(linkCount + 1);
  for (const p of paths) for (let j = 0; j < p.links.length; j++) colStart[p.links[j] + 1]++;
  for (let a = 0; a < linkCount; a++) colStart[a + 1] += colStart[a];
  const fillAt = colStart.slice(0, linkCount);
  const segColumn = new Int32Array(segCount);
  paths.forEach((p, i) => { for (let j = 0; j < p.links.length; j++) segColumn[segStart[i] + j] = fillAt[p.links[j]]++; });
  const nextCol = new Int32Array(segCount); // column of the next segment, or −1 − path at the path's end
  const firstCol = new Int32Array(pathCount);
  paths.forEach((p, i) => {
    firstCol[i] = segColumn[segStart[i]];
    for (let j = 0; j < p.links.length; j++) {
      const seg = segStart[i] + j;
      nextCol[segColumn[seg]] = j + 1 < p.links.length ? segColumn[seg + 1] : -1 - i;
    }
  });
  const colLinkOf = (c: number): number => { let a = 0; while (colStart[a + 1] <= c) a++; return a; };
  const firstLink = Int32Array.from(firstCol, colLinkOf);
  const nextLink = Int32Array.from(nextCol, (c) => (c >= 0 ? colLinkOf(c) : -1));
  const segIn = new Float64Array(segCount * W);
  const arrivals = new Float64Array(pathCount * W);
  const depProfiles = paths.map((p) => p.departureVehByStep);
  const depLength = Int32Array.from(paths, (p) => p.departureVehByStep.length);
  // scratch, allocated once (docs/architecture.md)
  const ptrT = new Int32Array(linkCount).fill(-1);
  const ptrA = new Int32Array(linkCount);
  const exitPos = new Float64Array(linkCount);
  const inc = new Float64Array(linkCount);
  const isStation = new Uint8Array(linkCount);
  const bprScale = new Float64Array(linkCount);
  const capRate = new Float64Array(linkCount);
  for (let a = 0; a < linkCount; a++) {
    const kind = network.kind[a];
    isStation[a] = kind === LinkKind.charge || kind === LinkKind.v2g ? 1 : 0;
    T[a * W] = runFree[a];
    const road = kind === LinkKind.road && network.capacity[a] > 0 && Number.isFinite(network.capacity[a]);
    bprScale[a] = road ? network.bprB[a] : 0;
    capRate[a] = road ? network.capacity[a] : 1;
  }
  const st: StepState = {
    W, linkCount, segCount, pathCount, A, V, Sv, D, T, segIn, arrivals, ptrT, ptrA, exitPos, inc, isStation,
    bprScale, capRate, bprPower: network.bprPower, runFree, bottleneck, serviceSteps, colStart, nextCol, nextLink,
    firstCol, firstLink, depProfiles, depLength, ratePerVeh: 3600 / stepSec,
  };
  const every = options.checkpointEvery;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1)) {
    throw new InputError({ source: 'traffic/dynamic/loadNetworkDynamic', field: 'checkpointEvery', value: every }, 'must be an integer ≥ 1');
  }
  const pointers: DnlPointers | undefined = every === undefined ? undefined : {
    every, run: new Int32Array((Math.floor(S / every) + 1) * linkCount), entry: new Int32Array((Math.floor(S / every) + 1) * linkCount),
  };
  const k0 = options.resume === undefined ? 0 : restoreCheckpoint(st, paths, segStart, segColumn, options.resume, pointers, stepSec);
  // the step is split into three small functions: V8 optimizes them once and for all,
  // where one long loop body kept deoptimizing on its cold exit paths
  for (let k = k0; k < S; k++) {
    if (pointers !== undefined && k % pointers.every === 0) savePointers(pointers, k / pointers.every, ptrT, ptrA);
    stepLinks(st, k);
    stepSegments(st, k);
    closeStep(st, k);
  }
  if (pointers !== undefined && S % pointers.every === 0) savePointers(pointers, S / pointers.every, ptrT, ptrA);
  const classCount = paths.reduce((m, p) => Math.max(m, (p.classCode ?? 0) + 1), 1);
  const classCumDepartures = new Float64Array(classCount * W);
  const classCumArrivals = new Float64Array(classCount * W);
  const classOf = Int32Array.from(paths, (p) => p.classCode ?? 0);
  for (let k = 0; k <= S; k++) {
    const segRow = k * segCount;
    const pathRow = k * pathCount;
    const classRow = k * classCount;
    for (let i = 0; i < pathCount; i++) {
      const c = classRow + classOf[i];
      classCumDepartures[c] += segIn[segRow + firstCol[i]];
      classCumArrivals[c] += arrivals[pathRow + i];
    }
  }
  return {
    classCount, classCumDepartures, classCumArrivals,
    stepSec, steps: S, linkCumIn: A, linkCumAtBottleneck: V, linkCumServiceStart: Sv, linkCumOut: D,
    linkRunExitStep: T, linkServiceSteps: serviceSteps, linkBottleneck: bottleneck,
    pathCount, pathSegStart: segStart, segColumn, segCumIn: segIn, pathCumArrivals: arrivals,
    linkPointers: pointers, stepsSimulated: S - k0,
  };
}

/** Per-link running time at zero flow, bottleneck size and service time, all in steps. */
function linkConstants(network: Network, stepSec: number) {
  const n = network.from.length;
  const runFree = new Float64Array(n);
  const bottleneck = new Float64Array(n);
  const serviceSteps = new Float64Array(n);
  const stepMin = stepSec / 60;
  for (let a = 0; a < n; a++) {
    runFree[a] = Math.max(1, network.freeFlowMin[a] / stepMin);
    const kind = network.kind[a];
    const cap = network.capacity[a];
    if (kind === LinkKind.road) {
      // capacity 0 blocks the link; the DUE rejects demand that must use it
      bottleneck[a] = Number.isFinite(cap) ? (Math.max(0, cap) * stepSec) / 3600 : Infinity;
    } else if (kind === LinkKind.charge || kind === LinkKind.v2g) {
      const st = network.stations[network.station[a]];
      const serviceMin = kind === LinkKind.charge ? st.chargeServiceMin : st.v2gServiceMin;
      serviceSteps[a] = Math.max(1, serviceMin / stepMin);
      bottleneck[a] = kind === LinkKind.charge ? st.chargers : st.v2gPorts;
    } else {
      bottleneck[a] = Infinity;
    }
  }
  return { runFree, bottleneck, serviceSteps };
}

function checkPaths(network: Network, paths: readonly DnlPath[]): void {
  const source = 'traffic/dynamic/loadNetworkDynamic';
  paths.forEach((p, i) => {
    if (p.links.length === 0) throw new InputError({ source, field: `paths[${i}].links`, value: [] }, 'path has no links');
    const c = p.classCode ?? 0;
    if (!(Number.isInteger(c) && c >= 0 && c < 256)) throw new InputError({ source, field: `paths[${i}].classCode`, value: c }, 'must be an integer 0…255');
    for (let j = 0; j < p.links.length; j++) {
      const a = p.links[j];
      if (!(a >= 0 && a < network.from.length)) throw new InputError({ source, field: `paths[${i}].links[${j}]`, value: a }, 'unknown link');
      if (j > 0 && network.to[p.links[j - 1]] !== network.from[a]) {
        throw new InputError({ source, field: `paths[${i}].links[${j}]`, value: a }, 'does not start where the previous link ends');
      }
    }
    for (let k = 0; k < p.departureVehByStep.length; k++) {
      const v = p.departureVehByStep[k];
      if (!(v >= 0 && Number.isFinite(v))) {
        throw new InputError({ source, field: `paths[${i}].departureVehByStep[${k}]`, value: v }, 'must be a finite number ≥ 0');
      }
    }
  });
}

