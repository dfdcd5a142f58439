/**
 * The working state of the DUE solver: the path set with flows and costs per
 * departure interval, and the steps of one iteration (load → price → grow columns
 * → gap → swap). `solveDue` only sequences these.
 */
import { classShortestPaths, createClassTree, extractClassPath } from './classShortestPaths.js';
import type { DueScenario } from './dueTypes.js';
import type { DueContext, DueLoading } from './dueContext.js';
import { noPathError, type DueProblem } from './dueProblem.js';
import { experiencedLinkTimes } from './experiencedLinkTimes.js';
import { dynamicCostModel, instantaneousCostModel, linkEconomics, type LinkCostModel } from './linkCostModel.js';
import { intervalCost, pricePath } from './duePricing.js';
import { createDnlWorkspace, loadNetworkDynamic, type DnlPath, type DnlResult, type DnlResume, type DnlWorkspace } from './loadNetworkDynamic.js';

export type { DueContext, DueLoading, DuePathState, LoadingCheckpoint } from './dueContext.js';

/**
 * Create the solver context (empty path set; default horizon: departure window + 1 h).
 *
 * @example
 * const ctx = createDueContext(scenario, dueProblem(scenario));
 */
export function createDueContext(scenario: DueScenario, problem: DueProblem, committed = 0): DueContext {
  const dynamic = (scenario.propagation ?? 'dynamic') === 'dynamic';
  const I = scenario.intervals;
  const spi = problem.stepsPerInterval;
  const stepMin = scenario.stepSec / 60;
  return {
    scenario, network: scenario.network, problem, econ: linkEconomics(scenario), dynamic, intervals: I, spi,
    paths: [], pathKeys: problem.groups.map(() => new Set<string>()), tree: createClassTree(scenario.network),
    horizon: scenario.horizonSteps ?? I * spi + (dynamic ? Math.ceil(60 / stepMin) : 0),
    committed, loadingSteps: 0,
  };
}

/** Shortest default horizon: the departure window plus 30 minutes. */
function minHorizon(ctx: DueContext): number {
  return ctx.intervals * ctx.spi + Math.ceil(30 / (ctx.scenario.stepSec / 60));
}

/** First step at which all `total` departed vehicles of the loading have arrived. */
function lastArrivalStep(dnl: DnlResult, total: number): number {
  const target = total - 1e-9 * Math.max(1, total);
  let lo = 0;
  let hi = dnl.steps;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let arrived = 0;
    for (let c = 0; c < dnl.classCount; c++) arrived += dnl.classCumArrivals[mid * dnl.classCount + c];
    if (arrived >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Add a path to group `g` unless it is already there; returns its index.
 *
 * @example
 * const p = addPath(ctx, 0, Int32Array.of(0, 4, 10)); // flows start at 0
 */
export function addPath(ctx: DueContext, g: number, links: Int32Array): number {
  const key = links.join(',');
  const keys = ctx.pathKeys[g];
  if (keys.has(key)) return ctx.problem.groups[g].paths.find((p) => ctx.paths[p].key === key)!;
  keys.add(key);
  const I = ctx.intervals;
  const index = ctx.paths.length;
  ctx.paths.push({
    group: g, links, key, flow: new Float64Array(I), cost: new Float64Array(I), time: new Float64Array(I),
    money: new Float64Array(I), walkSens: new Float64Array(I * links.length), walkSlot: new Int32Array(I * links.length), dep: new Float64Array(ctx.dynamic ? I * ctx.spi : 0),
    idleIterations: 0, dropped: false,
  });
  ctx.problem.groups[g].paths.push(index);
  return index;
}

/**
 * Load the current flows. Dynamic: `loadNetworkDynamic` over the horizon, grown ×1.5
 * (up to 50× the departure window) while vehicles remain, unless `horizonSteps` is fixed;
 * with committed intervals and a checkpoint (`ctx.checkpoint`), resumed at step
 * committed · spi instead of 0 (the committed departures are the checkpoint's), and the
 * loading becomes the next one's checkpoint. STA: interval link flows.
 *
 * @param captureStates keep the network state at every later interval boundary of the departure
 *   window (what a later solve's committed past resumes from; default true). Without it only
 *   the state this solve's own resumes need (step committed · spi) is kept: capturing costs
 *   about a tenth of a loading, so `solveDue` skips it on loadings that are unlikely to be its last.
 * @example
 * const { model } = loadCurrentFlows(ctx);
 */
export function loadCurrentFlows(ctx: DueContext, captureStates = true): DueLoading {
  const net = ctx.network;
  const I = ctx.intervals;
  if (!ctx.dynamic) {
    const linkFlowVeh = new Float64Array(net.from.length * I);
    for (const p of ctx.paths) {
      for (let t = 0; t < I; t++) {
        const f = p.flow[t];
        if (f > 0) for (let i = 0; i < p.links.length; i++) linkFlowVeh[p.links[i] * I + t] += f;
      }
    }
    return { model: instantaneousCostModel(net, ctx.econ, linkFlowVeh), linkFlowVeh };
  }
  const spi = ctx.spi;
  const loaded: DnlPath[] = [];
  const loadedIdx: number[] = [];
  let total = 0;
  ctx.paths.forEach((p, index) => {
    if (p.dropped) return;
    let any = false;
    for (let t = 0; t < I; t++) {
      const perStep = p.flow[t] / spi;
      p.dep.fill(perStep, t * spi, (t + 1) * spi);
      if (perStep > 0) any = true;
      total += p.flow[t];
    }
    if (any) {
      loaded.push({ links: p.links, departureVehByStep: p.dep, classCode: ctx.problem.groups[p.group].classCode });
      loadedIdx.push(index);
    }
  });
  const resume = resumePoint(ctx, loadedIdx);
  const maxHorizon = 50 * I * spi + ctx.horizon;
  for (;;) {
    const dnl = loadNetworkDynamic(net, loaded, {
      stepSec: ctx.scenario.stepSec, horizonSteps: ctx.horizon, loading: ctx.scenario.loading, resume, workspace: workspaceOf(ctx),
      // the states a resume may need: this solve's next loading (committed · spi) and a later
      // solve's committed past (any later interval boundary of the departure window)
      checkpointSteps: (captureStates ? Array.from({ length: I - ctx.committed }, (_, i) => (ctx.committed + 1 + i) * spi) : [])
        .concat(ctx.committed > 0 ? [ctx.committed * spi] : []),
    });
    ctx.loadingSteps += dnl.stepsSimulated;
    let arrived = 0;
    for (let c = 0; c < dnl.classCount; c++) arrived += dnl.classCumArrivals[ctx.horizon * dnl.classCount + c];
    const empty = total - arrived <= 1e-9 * Math.max(1, total);
    if (empty || ctx.scenario.horizonSteps !== undefined || ctx.horizon >= maxHorizon) {
      const times = experiencedLinkTimes(dnl);
      if (empty && ctx.scenario.horizonSteps === undefined) {
        // next loading: a quarter more than the time the network needed to empty, so that
        // early congested iterations do not make every later loading long
        const emptyStep = lastArrivalStep(dnl, total);
        ctx.horizon = Math.max(minHorizon(ctx), Math.ceil(emptyStep * 1.25) + 2);
      }
      // the committed prefix never changes within a solve: this loading is the next one's checkpoint
      const loadedPaths = Int32Array.from(loadedIdx);
      if (ctx.committed > 0) ctx.checkpoint = { dnl, loadedPaths };
      return { model: dynamicCostModel(net, ctx.econ, dnl, times), dnl, times, loadedPaths, capturedStates: captureStates };
    }
    ctx.horizon = Math.min(maxHorizon, Math.ceil(ctx.horizon * 1.5));
  }
}

/** The loading buffers of a solve, reused by all its loadings (owned by the context, dropped with it). */
const workspaces = new WeakMap<DueContext, DnlWorkspace>();

function workspaceOf(ctx: DueContext): DnlWorkspace {
  let ws = workspaces.get(ctx);
  if (ws === undefined) { ws = createDnlWorkspace(); workspaces.set(ctx, ws); }
  return ws;
}

/**
 * Where the next loading may resume: the checkpoint at step committed · spi, with the
 * loaded paths matched to the checkpoint's by their index in `ctx.paths`.
 */
function resumePoint(ctx: DueContext, loadedIdx: readonly number[]): DnlResume | undefined {
  const cp = ctx.checkpoint;
  const step = ctx.committed * ctx.spi;
  if (cp === undefined || step === 0 || cp.dnl.steps < step || !cp.dnl.states.some((s) => s.step === step)
    || cp.dnl.loading !== (ctx.scenario.loading ?? 'point-queue')) return undefined;
  const position = new Int32Array(ctx.paths.length).fill(-1);
  cp.loadedPaths.forEach((p, j) => { if (p >= 0) position[p] = j; });
  return { from: cp.dnl, step, pathMap: Int32Array.from(loadedIdx, (p) => position[p]) };
}

/**
 * Column generation: per origin, class and interval with demand, a time-dependent
 * least-cost tree from the interval's middle departure; a tree path cheaper than the
 * group's current best is added (priced, zero flow). Throws `InputError` for a group
 * with demand and no path. Returns the number of paths added.
 *
 * @example
 * const added = generateColumns(ctx, model, out);
 */
export function generateColumns(ctx: DueContext, model: LinkCostModel, out: Float64Array): number {
  const groups = ctx.problem.groups;
  const byOriginClass = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const key = g.origin * 3 + g.classCode;
    const list = byOriginClass.get(key);
    if (list) list.push(i);
    else byOriginClass.set(key, [i]);
  });
  let added = 0;
  for (const [key, members] of byOriginClass) {
    const origin = Math.floor(key / 3);
    const classCode = key % 3;
    for (let t = ctx.committed; t < ctx.intervals; t++) {
      if (!members.some((g) => groups[g].demandVeh[t] > 0)) continue;
      const departStep = t * ctx.spi + ctx.spi / 2;
      classShortestPaths(ctx.network, model, { origin, departStep, classCode, usable: ctx.problem.usable }, ctx.tree);
      for (const g of members) {
        const group = groups[g];
        if (group.demandVeh[t] === 0) continue;
        const links = extractClassPath(ctx.network, ctx.tree, group.destination, classCode);
        if (links === null || links.length === 0) {
          if (group.paths.length === 0) throw noPathError(group);
          continue;
        }
        if (ctx.pathKeys[g].has(links.join(','))) continue;
        let best = Infinity;
        for (const p of group.paths) best = Math.min(best, ctx.paths[p].cost[t]);
        if (group.paths.length > 0 && intervalCost(ctx, model, links, t, out) >= best - 1e-12 * Math.abs(best)) continue;
        const first = group.paths.length === 1 ? group.paths[0] : -1;
        pricePath(ctx, model, ctx.paths[addPath(ctx, g, links)], out);
        if (first >= 0) pricePath(ctx, model, ctx.paths[first], out); // its sensitivities, now that the swap needs them
        added++;
      }
    }
  }
  return added;
}

/**
 * Match flows to demand: rescale a warm start's split, or put a fresh group's demand
 * on its cheapest path.
 *
 * @example
 * assignMissingDemand(ctx); // after the first column generation
 */
export function assignMissingDemand(ctx: DueContext): void {
  ctx.problem.groups.forEach((group) => {
    for (let t = ctx.committed; t < ctx.intervals; t++) {
      let sum = 0;
      let best = -1;
      for (const p of group.paths) {
        sum += ctx.paths[p].flow[t];
        if (best < 0 || ctx.paths[p].cost[t] < ctx.paths[best].cost[t]) best = p;
      }
      const missing = group.demandVeh[t] - sum;
      if (best >= 0 && Math.abs(missing) > 1e-12 * Math.max(1, group.demandVeh[t])) {
        // keep the route split of a warm start; a fresh group goes all-or-nothing
        if (sum > 0) for (const p of group.paths) ctx.paths[p].flow[t] *= group.demandVeh[t] / sum;
        else ctx.paths[best].flow[t] = group.demandVeh[t];
      }
    }
  });
}
