/**
 * Checkpoints of the dynamic loading (`loadNetworkDynamic`, `DnlOptions.resume`): the network
 * state at a step (`DnlState`: FIFO pointers, segment ring windows, per-path departures) and
 * its restore into a new loading together with the curves at indices 0…k0, so that steps
 * before k0 are not simulated again. One mechanism for the committed past of the
 * co-simulation and for restarts when only later departures change.
 */
import { InputError } from '../../common/errors.js';
import { renumberRings, restoreRings, snapshotRings } from './segmentRings.js';
import type { StepState } from './dnlSteps.js';
import type { DnlLoadingModel, DnlPath, DnlResume, DnlState } from './dnlTypes.js';

/**
 * The state at the start of step k (O(links + paths + segments × ring window)).
 *
 * @example
 * if (k === keepAt) states.push(captureState(st, k, paths));
 */
export function captureState(st: StepState, k: number, paths: readonly DnlPath[]): DnlState {
  return {
    step: k, run: st.ptrT.slice(), entry: st.ptrA.slice(), rings: snapshotRings(st, k),
    pathDeparted: st.depCum.slice(), pathLength: Int32Array.from(paths, (p) => p.links.length),
    originBacklog: st.backlog === undefined ? new Float64Array(0) : st.backlog.slice(),
  };
}

/**
 * Copy a checkpoint into a fresh loading: link, class and station-link curves at indices
 * 0…k0 (skipped when the loading runs in place on the checkpoint's own buffers), the FIFO
 * pointers and the segment rings at k0 (paths renumbered). Returns k0. Checks (`InputError`) the
 * network size, δ, link model, the step and every path's departures before k0.
 *
 * @example
 * const k0 = options.resume === undefined ? 0 : restoreCheckpoint(st, paths, options.resume, stepSec, model);
 */
export function restoreCheckpoint(st: StepState, paths: readonly DnlPath[], resume: DnlResume, stepSec: number, model: DnlLoadingModel): number {
  const source = 'traffic/dynamic/loadNetworkDynamic';
  const { from, step: k0, pathMap } = resume;
  const L = st.linkCount;
  if (from.stepSec !== stepSec || from.linkServiceSteps.length !== L || from.loading !== model) {
    throw new InputError(
      { source, field: 'resume.from', value: `${from.linkServiceSteps.length} links, δ = ${from.stepSec} s, ${from.loading}` },
      `must be a loading of the same network with δ = ${stepSec} s and loading '${model}'`,
    );
  }
  if (!(Number.isInteger(k0) && k0 >= 0 && k0 <= from.steps && k0 <= st.W - 1)) {
    throw new InputError({ source, field: 'resume.step', value: k0 }, `must be an integer in [0, ${Math.min(from.steps, st.W - 1)}]`);
  }
  const state = from.states.find((s) => s.step === k0);
  if (state === undefined) {
    throw new InputError({ source, field: 'resume.step', value: k0 }, 'the checkpoint loading kept no state at this step (checkpointEvery / checkpointSteps)');
  }
  if (pathMap.length !== paths.length) {
    throw new InputError({ source, field: 'resume.pathMap.length', value: pathMap.length }, `must be the path count ${paths.length}`);
  }
  const oldCount = state.pathDeparted.length;
  const used = new Uint8Array(oldCount);
  const newOf = new Int32Array(oldCount).fill(-1);
  paths.forEach((p, i) => {
    // cumulative departures before k0, summed in the loader's own order (bit-equal when unchanged)
    let departed = 0;
    const dep = p.departureVehByStep;
    for (let k = 0; k < k0 && k < dep.length; k++) if (dep[k] > 0) departed += dep[k];
    st.depCum[i] = departed;
    const j = pathMap[i];
    if (j < 0) {
      if (departed !== 0) throw new InputError({ source, field: `resume.pathMap[${i}]`, value: j }, `an unmapped path must not depart before step ${k0} (${departed} vehicles do)`);
      return;
    }
    const sameLinks = j < oldCount && used[j] === 0 && state.pathLength[j] === p.links.length;
    if (!sameLinks) throw new InputError({ source, field: `resume.pathMap[${i}]`, value: j }, 'must name a distinct checkpoint path with the same links');
    used[j] = 1;
    newOf[j] = i;
    const old = state.pathDeparted[j];
    if (Math.abs(old - departed) > 1e-12 * Math.max(1, Math.abs(old))) {
      throw new InputError({ source, field: `paths[${i}].departureVehByStep`, value: departed }, `departs ${departed} vehicles before step ${k0}, the checkpoint ${old}`);
    }
  });
  for (let j = 0; j < oldCount; j++) {
    if (used[j] === 0 && state.pathDeparted[j] !== 0) {
      throw new InputError({ source, field: 'resume.pathMap', value: j }, `checkpoint path ${j} departed ${state.pathDeparted[j]} vehicles before step ${k0} and is not mapped`);
    }
  }
  if (!st.inPlace) copyCurves(st, resume, k0);
  st.ptrT.set(state.run);
  st.ptrA.set(state.entry);
  restoreRings(st, state.rings, newOf, st.ringBuffers);
  if (st.backlog !== undefined) newOf.forEach((i, j) => { if (i >= 0) st.backlog![i] = state.originBacklog[j]; });
  return k0;
}

/**
 * An earlier state of `resume.from` (step ≤ k0) renumbered to this loading's paths, so the
 * resumed result keeps the checkpoints before k0 too.
 *
 * @example
 * const kept = resume.from.states.filter((s) => s.step < k0).map((s) => renumberState(s, resume.pathMap, paths));
 */
export function renumberState(s: DnlState, pathMap: Int32Array, paths: readonly DnlPath[]): DnlState {
  const pathLength = Int32Array.from(paths, (p) => p.links.length);
  const rings = renumberRings(s.rings, pathMap, pathLength);
  const pathDeparted = Float64Array.from(pathMap, (j) => (j >= 0 ? s.pathDeparted[j] : 0));
  const originBacklog = s.originBacklog.length === 0 ? s.originBacklog : Float64Array.from(pathMap, (j) => (j >= 0 ? s.originBacklog[j] : 0));
  return { ...s, rings, pathDeparted, originBacklog, pathLength };
}

/** Link curves (link-major), class curves (step-major) and station-link curves (row-major) at indices 0…k0. */
function copyCurves(st: StepState, resume: DnlResume, k0: number): void {
  const { from } = resume;
  const Wo = from.steps + 1;
  const W = st.W;
  const L = st.linkCount;
  const links: [Float64Array, Float64Array][] = [
    [st.A, from.linkCumIn], [st.V, from.linkCumAtBottleneck], [st.Sv, from.linkCumServiceStart], [st.D, from.linkCumOut], [st.T, from.linkRunExitStep],
  ];
  if (st.Q !== undefined && st.Q.length > 0 && from.linkOriginQueue !== undefined) links.push([st.Q, from.linkOriginQueue]);
  for (const [to, src] of links) for (let a = 0; a < L; a++) to.set(src.subarray(a * Wo, a * Wo + k0 + 1), a * W);
  const C = st.classCount;
  const Co = from.classCount;
  for (let k = 0; k <= k0; k++) {
    for (let c = 0; c < C && c < Co; c++) {
      st.classCumDep[k * C + c] = from.classCumDepartures[k * Co + c];
      st.classCumArr[k * C + c] = from.classCumArrivals[k * Co + c];
    }
  }
  const rows = st.stationCumIn.length / (C * W);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < C && c < Co; c++) {
      const o = (r * Co + c) * Wo;
      st.stationCumIn.set(from.stationClassCumIn.subarray(o, o + k0 + 1), (r * C + c) * W);
    }
  }
}
