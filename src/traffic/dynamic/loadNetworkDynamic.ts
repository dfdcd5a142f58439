/**
 * Dynamic network loading (DNL, docs/model.md §2): propagate given path departure profiles
 * through the network in time steps δ and record cumulative counts per link and per class.
 * Path composition travels in per-link ring buffers of segment counts (`segmentRings.ts`), so
 * memory is links × steps plus segments × (steps a vehicle stays on its link), never
 * segments × horizon.
 */
import { InputError } from '../../common/errors.js';
import { LinkKind, type Network } from '../network/network.js';
import { captureState, renumberState, restoreCheckpoint } from './dnlCheckpoint.js';
import { checkPaths, checkpointSteps, linkConstants, pureOrigins, segNextOf, segPathOf } from './dnlSetup.js';
import { closeStep, propagate, stepLinks, type StepState } from './dnlSteps.js';
import { acquireCurves, type DnlWorkspace } from './dnlWorkspace.js';
import { closeStepLtm, stepLinksLtm } from './ltmStep.js';
import { ltmLinkParams } from './ltmLinkParams.js';
import { createRings } from './segmentRings.js';
import type { DnlLoadingModel, DnlOptions, DnlPath, DnlResult, DnlState } from './dnlTypes.js';

export { curveAt } from './dnlSteps.js';
export { createDnlWorkspace, type DnlWorkspace } from './dnlWorkspace.js';
export type { DnlLoadingModel, DnlOptions, DnlPath, DnlPathCurves, DnlPointers, DnlResult, DnlResume, DnlState } from './dnlTypes.js';

/**
 * Load path flows on the network (the DNL of docs/model.md §2, seed 003 §1.1 propagation
 * equations), with point queues (default) or the link transmission model.
 *
 * Point-queue model (fluid vehicles, piecewise-linear cumulative curves, FIFO per link):
 * 1. Running part. A vehicle entering link a at time x reaches the link's
 *    bottleneck at T_a(x) = max(x + r_a(x), T_a(earlier)) — never earlier than its
 *    free-flow time (FIFO-monotone). Roads: r = τ[1 + B·min(w/c, 1)^P] with w the
 *    inflow rate veh/h of the entry step. Station and bypass links: r = τ. Every link takes
 *    at least one step δ.
 * 2. Bottleneck. Roads: a point queue discharging at most c·δ vehicles per step.
 *    Charge / V2G links: c servers with a fixed service time L (≥ one step), FIFO queue in
 *    front: S(k) = min(V(k), D(k) + c), D(k) = S(k − L). Bypass: no bottleneck.
 * 3. Nodes pass vehicles on within the step (no spillback: point queues are vertical).
 * 4. Path composition of a link's outflow follows FIFO: the D_a(k)-th vehicle out entered at
 *    x = A_a⁻¹(D_a(k)); each segment's cumulative outflow is its cumulative inflow at x
 *    (linear within a step: entrants of one step are mixed), the next segment's inflow.
 *
 * LTM (`loading: 'ltm'`, Yperman 2007, `ltmStep.ts`): triangular fundamental diagram per road
 * link (`ltmLinkParams`), sending flow min(A(k+1 − L/v_f) − D(k), cδ), receiving flow
 * min(D(k+1 − L/w) + k_jam·L − A(k), cδ), and a FIFO node model with demand-proportional
 * merges in rounds (unused room passed on); departures wait in origin queues that enter at
 * most at the first link's capacity (`linkOriginQueue`); queues take physical room and spill
 * back. Station links keep servers + queue (a point queue inside the station area).
 *
 * Cost: O(S · (links + segments of the paths on the network)), memory 5 curves per link +
 * class and station-link curves + the segment rings. Resumed from a state at k0 (`options.resume`), steps 0…k0 − 1
 * are copied (or kept in place in a workspace), not simulated.
 *
 * @param network any network (stations inserted or not)
 * @param paths path departure profiles
 * @param options δ, horizon, link model, checkpoints, workspace
 * @returns cumulative curves; occupancy of link a at k is `linkCumIn − linkCumOut`
 * @example
 * const r = loadNetworkDynamic(net, [{ links: Int32Array.of(0, 1), departureVehByStep: new Float64Array(60).fill(1) }],
 *   { stepSec: 6, horizonSteps: 600 });
 * r.classCumArrivals[600 * r.classCount + 0]; // 60 vehicles of class 0 arrived by step 600
 * // checkpointed at step 120, then a path departing from step 120 on
 * const full = loadNetworkDynamic(net, paths, { stepSec: 6, horizonSteps: 600, checkpointSteps: [120] });
 * const more = [...paths, { links: Int32Array.of(0), departureVehByStep: lateDepartures }];
 * loadNetworkDynamic(net, more, { stepSec: 6, horizonSteps: 600,
 *   resume: { from: full, step: 120, pathMap: Int32Array.of(0, -1) } }); // simulates steps 120…599 only
 */
export function loadNetworkDynamic(network: Network, paths: readonly DnlPath[], options: DnlOptions): DnlResult {
  const source = 'traffic/dynamic/loadNetworkDynamic';
  const { stepSec, horizonSteps: S } = options;
  const model: DnlLoadingModel = options.loading ?? 'point-queue';
  if (!(stepSec > 0 && Number.isFinite(stepSec))) throw new InputError({ source, field: 'stepSec', value: stepSec }, 'must be > 0');
  if (!(Number.isInteger(S) && S >= 1)) throw new InputError({ source, field: 'horizonSteps', value: S }, 'must be an integer ≥ 1');
  if (model !== 'point-queue' && model !== 'ltm') throw new InputError({ source, field: 'loading', value: model }, "must be 'point-queue' or 'ltm'");
  checkPaths(network, paths);
  const stateSteps = checkpointSteps(options, S);
  const W = S + 1;
  const linkCount = network.from.length;
  const pathCount = paths.length;
  const { runFree, bottleneck, serviceSteps } = linkConstants(network, stepSec);
  const segStart = new Int32Array(pathCount + 1);
  paths.forEach((p, i) => { segStart[i + 1] = segStart[i] + p.links.length; });
  const segCount = segStart[pathCount];
  const pathLinks = new Int32Array(segCount);
  paths.forEach((p, i) => pathLinks.set(p.links, segStart[i]));
  const classCount = paths.reduce((m, p) => Math.max(m, (p.classCode ?? 0) + 1), 1);
  const stationLinkRow = new Int32Array(linkCount).fill(-1);
  let stationRows = 0;
  for (let a = 0; a < linkCount; a++) {
    if (network.kind[a] === LinkKind.charge || network.kind[a] === LinkKind.v2g) stationLinkRow[a] = stationRows++;
  }
  const curves = acquireCurves(options.workspace, { linkCount, W, classCount, stationRows, ltm: model === 'ltm', avoid: options.resume?.from });
  const isStation = new Uint8Array(linkCount);
  const bprScale = new Float64Array(linkCount);
  const capRate = new Float64Array(linkCount);
  for (let a = 0; a < linkCount; a++) {
    const kind = network.kind[a];
    isStation[a] = kind === LinkKind.charge || kind === LinkKind.v2g ? 1 : 0;
    const road = kind === LinkKind.road && network.capacity[a] > 0 && Number.isFinite(network.capacity[a]);
    bprScale[a] = road ? network.bprB[a] : 0;
    capRate[a] = road ? network.capacity[a] : 1;
  }
  const record = options.recordPathCurves === true;
  const st: StepState = {
    W, linkCount, pathCount, classCount, ...curves, isStation, bprScale, capRate, bprPower: network.bprPower,
    runFree, bottleneck, serviceSteps, segStart, pathLinks, stationLinkRow,
    classOf: Int32Array.from(paths, (p) => p.classCode ?? 0),
    depProfiles: paths.map((p) => p.departureVehByStep), depLength: Int32Array.from(paths, (p) => p.departureVehByStep.length),
    depCum: new Float64Array(pathCount), ratePerVeh: 3600 / stepSec,
    ptrT: new Int32Array(linkCount).fill(-1), ptrA: new Int32Array(linkCount), exitPos: new Float64Array(linkCount), inc: new Float64Array(linkCount),
    classStepDep: new Float64Array(classCount), classStepArr: new Float64Array(classCount), stationStepIn: new Float64Array(stationRows * classCount),
    // point queue: rings as long as the workspace's buffers allow, up to the horizon (a window never exceeds it); LTM
    // settles a path by filling its rows (`fillPath`), whose cost grows with the ring length
    rings: createRings(linkCount, pathLinks, runFree, options.workspace?.rings, model === 'ltm' ? 0 : 2 ** Math.ceil(Math.log2(W + 1))), ringBuffers: options.workspace?.rings,
    phase: new Uint8Array(pathCount), pathIn: new Float64Array(pathCount), segOut: new Float64Array(segCount),
    segPath: segPathOf(segStart), segNext: segNextOf(segStart, pathLinks, linkCount),
    segCumIn: record ? new Float64Array(segCount * W) : undefined, pathCumArrivals: record ? new Float64Array(pathCount * W) : undefined,
    segFirst: record || model === 'ltm' ? undefined : segStart.slice(0, pathCount),
    readAt: new Int32Array(linkCount), readNext: new Int32Array(linkCount), readFrac: new Float64Array(linkCount), writeAt: new Int32Array(linkCount),
    ltm: model === 'ltm' ? ltmLinkParams(network, stepSec) : undefined,
    backlog: model === 'ltm' ? new Float64Array(pathCount) : undefined,
    originDemand: model === 'ltm' ? new Float64Array(linkCount) : undefined,
    originShare: model === 'ltm' ? new Float64Array(linkCount) : undefined,
    originQueueNow: model === 'ltm' ? new Float64Array(linkCount) : undefined,
    originPriced: model === 'ltm' ? pureOrigins(network) : undefined,
    network,
  };
  for (let a = 0; a < linkCount; a++) st.T[a * W] = runFree[a];
  const k0 = options.resume === undefined ? 0 : restoreCheckpoint(st, paths, options.resume, stepSec, model);
  const states: DnlState[] = options.resume === undefined ? [] : options.resume.from.states.filter((s) => s.step < k0).map((s) => renumberState(s, options.resume!.pathMap, paths));
  let next = 0;
  while (next < stateSteps.length && stateSteps[next] < k0) next++;
  const ltm = st.ltm !== undefined;
  for (let k = k0; k < S; k++) {
    if (next < stateSteps.length && stateSteps[next] === k) { states.push(captureState(st, k, paths)); next++; }
    if (ltm) stepLinksLtm(st, k);
    else stepLinks(st, k);
    propagate(st, k);
    if (ltm) closeStepLtm(st, k);
    else closeStep(st, k);
  }
  if (next < stateSteps.length && stateSteps[next] === S) states.push(captureState(st, S, paths));
  return {
    stepSec, steps: S, loading: model,
    linkCumIn: st.A, linkCumAtBottleneck: st.V, linkCumServiceStart: st.Sv, linkCumOut: st.D, linkRunExitStep: st.T,
    linkServiceSteps: serviceSteps, linkBottleneck: bottleneck,
    pathCount, pathLength: Int32Array.from(paths, (p) => p.links.length),
    classCount, classCumDepartures: st.classCumDep, classCumArrivals: st.classCumArr,
    stationLinkRow, stationClassCumIn: st.stationCumIn,
    linkOriginQueue: model === 'ltm' ? st.Q : undefined,
    states,
    pathCurves: record ? { pathSegStart: segStart, segCumIn: st.segCumIn!, pathCumArrivals: st.pathCumArrivals! } : undefined,
    stepsSimulated: S - k0, compositionPeakBytes: st.rings.peakBytes,
  };
}
