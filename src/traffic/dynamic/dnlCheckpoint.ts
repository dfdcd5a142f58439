/**
 * Checkpoints of the dynamic loading (`loadNetworkDynamic`, `DnlOptions.resume`): the FIFO
 * pointers recorded every few steps, and the restore of an earlier loading's state at a step
 * k0 (curves at indices 0…k0, pointers), so that steps before k0 are not simulated again.
 */
import { InputError } from '../../common/errors.js';
import type { StepState } from './dnlSteps.js';
import type { DnlPath, DnlPointers, DnlResult, DnlResume } from './loadNetworkDynamic.js';

/**
 * Segment and arrival curves of the mapped paths at steps 0…k0 (both step-major). Columns
 * that map to consecutive checkpoint columns are copied as runs (one block when the layout
 * is unchanged, the usual case between two iterations of a solve).
 */
function copyPrefix(st: StepState, segStart: Int32Array, segColumn: Int32Array, from: DnlResult, pathMap: Int32Array, k0: number): void {
  const segCount = st.segCount;
  const pathCount = st.pathCount;
  // column of the new loading → column of the checkpoint (−1: a new path, zero prefix)
  const srcCol = new Int32Array(segCount).fill(-1);
  for (let i = 0; i < pathCount; i++) {
    const j = pathMap[i];
    if (j < 0) continue;
    const o = from.pathSegStart[j];
    for (let s = segStart[i]; s < segStart[i + 1]; s++) srcCol[segColumn[s]] = from.segColumn[o + s - segStart[i]];
  }
  copyRows(st.segIn, segCount, from.segCumIn, from.segColumn.length, srcCol, k0);
  copyRows(st.arrivals, pathCount, from.pathCumArrivals, from.pathCount, pathMap, k0);
}

/** to[k·n + c] = src[k·m + map[c]] for k ≤ k0 and map[c] ≥ 0, by runs of consecutive columns. */
function copyRows(to: Float64Array, n: number, src: Float64Array, m: number, map: Int32Array, k0: number): void {
  const runs: number[] = []; // triples: first column, first source column, length
  for (let c = 0; c < n; c++) {
    if (map[c] < 0) continue;
    const r = runs.length - 3;
    if (r >= 0 && runs[r] + runs[r + 2] === c && runs[r + 1] + runs[r + 2] === map[c]) runs[r + 2]++;
    else runs.push(c, map[c], 1);
  }
  if (runs.length === 3 && runs[0] === 0 && runs[1] === 0 && runs[2] === n && n === m) {
    to.set(src.subarray(0, (k0 + 1) * n));
    return;
  }
  for (let k = 0; k <= k0; k++) {
    const row = k * n;
    const srcRow = k * m;
    for (let r = 0; r < runs.length; r += 3) {
      const c0 = row + runs[r];
      const s0 = srcRow + runs[r + 1];
      const len = runs[r + 2];
      for (let x = 0; x < len; x++) to[c0 + x] = src[s0 + x];
    }
  }
}

/**
 * Record the FIFO pointers at the start of step `row · every`.
 *
 * @example
 * if (k % pointers.every === 0) savePointers(pointers, k / pointers.every, ptrT, ptrA);
 */
export function savePointers(pointers: DnlPointers, row: number, ptrT: Int32Array, ptrA: Int32Array): void {
  pointers.run.set(ptrT, row * ptrT.length);
  pointers.entry.set(ptrA, row * ptrA.length);
}

/**
 * Copy a checkpoint into a fresh loading: link curves, segment and arrival curves of the
 * mapped paths at indices 0…k0, and the FIFO pointers at k0. Returns k0. Checks (`InputError`)
 * the network size, δ, the step, the pointer spacing and every path's departures before k0.
 *
 * @example
 * const k0 = options.resume === undefined ? 0 : restoreCheckpoint(st, paths, segStart, segColumn, options.resume, pointers, stepSec);
 */
export function restoreCheckpoint(
  st: StepState, paths: readonly DnlPath[], segStart: Int32Array, segColumn: Int32Array, resume: DnlResume,
  pointers: DnlPointers | undefined, stepSec: number,
): number {
  const source = 'traffic/dynamic/loadNetworkDynamic';
  const { from, step: k0, pathMap } = resume;
  const L = st.linkCount;
  const fromPointers = from.linkPointers;
  if (from.stepSec !== stepSec || from.linkServiceSteps.length !== L) {
    throw new InputError({ source, field: 'resume.from', value: `${from.linkServiceSteps.length} links, δ = ${from.stepSec} s` }, `must be a loading of the same network with δ = ${stepSec} s`);
  }
  if (!(Number.isInteger(k0) && k0 >= 0 && k0 <= from.steps && k0 <= st.W - 1)) {
    throw new InputError({ source, field: 'resume.step', value: k0 }, `must be an integer in [0, ${Math.min(from.steps, st.W - 1)}]`);
  }
  if (fromPointers === undefined || k0 % fromPointers.every !== 0) {
    throw new InputError({ source, field: 'resume.step', value: k0 }, 'the checkpoint loading has no FIFO pointers at this step (checkpointEvery)');
  }
  if (pathMap.length !== paths.length) {
    throw new InputError({ source, field: 'resume.pathMap.length', value: pathMap.length }, `must be the path count ${paths.length}`);
  }
  const oldSegCount = from.segColumn.length;
  const oldDeparted = (j: number): number => from.segCumIn[k0 * oldSegCount + from.segColumn[from.pathSegStart[j]]];
  const used = new Uint8Array(from.pathCount);
  paths.forEach((p, i) => {
    // cumulative departures before k0, summed in the loader's own order (bit-equal when unchanged)
    let departed = 0;
    const dep = p.departureVehByStep;
    for (let k = 0; k < k0; k++) departed += k < dep.length ? dep[k] : 0;
    const j = pathMap[i];
    if (j < 0) {
      if (departed !== 0) throw new InputError({ source, field: `resume.pathMap[${i}]`, value: j }, `an unmapped path must not depart before step ${k0} (${departed} vehicles do)`);
      return;
    }
    const n = p.links.length;
    const sameLinks = j < from.pathCount && used[j] === 0 && from.pathSegStart[j + 1] - from.pathSegStart[j] === n;
    if (!sameLinks) throw new InputError({ source, field: `resume.pathMap[${i}]`, value: j }, 'must name a distinct checkpoint path with the same links');
    used[j] = 1;
    const old = oldDeparted(j);
    if (Math.abs(old - departed) > 1e-12 * Math.max(1, Math.abs(old))) {
      throw new InputError({ source, field: `paths[${i}].departureVehByStep`, value: departed }, `departs ${departed} vehicles before step ${k0}, the checkpoint ${old}`);
    }
  });
  for (let j = 0; j < from.pathCount; j++) {
    if (used[j] === 0 && oldDeparted(j) !== 0) {
      throw new InputError({ source, field: 'resume.pathMap', value: j }, `checkpoint path ${j} departed ${oldDeparted(j)} vehicles before step ${k0} and is not mapped`);
    }
  }
  // link curves, link-major: one contiguous block per link and curve
  const Wo = from.steps + 1;
  const curves: [Float64Array, Float64Array][] = [
    [st.A, from.linkCumIn], [st.V, from.linkCumAtBottleneck], [st.Sv, from.linkCumServiceStart], [st.D, from.linkCumOut], [st.T, from.linkRunExitStep],
  ];
  for (const [to, src] of curves) for (let a = 0; a < L; a++) to.set(src.subarray(a * Wo, a * Wo + k0 + 1), a * st.W);
  // segments (step-major) and arrivals of the mapped paths; new paths keep their zero prefix
  copyPrefix(st, segStart, segColumn, from, pathMap, k0);
  const row = k0 / fromPointers.every;
  st.ptrT.set(fromPointers.run.subarray(row * L, (row + 1) * L));
  st.ptrA.set(fromPointers.entry.subarray(row * L, (row + 1) * L));
  if (pointers !== undefined) {
    if (pointers.every !== fromPointers.every) {
      throw new InputError({ source, field: 'checkpointEvery', value: pointers.every }, `must equal the checkpoint's ${fromPointers.every} when resuming`);
    }
    pointers.run.set(fromPointers.run.subarray(0, (row + 1) * L));
    pointers.entry.set(fromPointers.entry.subarray(0, (row + 1) * L));
  }
  return k0;
}
