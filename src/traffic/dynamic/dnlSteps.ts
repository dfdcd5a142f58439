/**
 * The phases of one loading step of `loadNetworkDynamic` (docs/model.md §2 DNL): link curves
 * (point queue here, LTM in `ltmStep.ts`), propagation of the path composition (per-link
 * segment rings of counts, `segmentRings.ts`), and the
 * closing of the step. Kept as small separate functions: V8 optimizes each once, where one
 * long loop body kept deoptimizing on its cold exit paths.
 */
import type { Network } from '../network/network.js';
import { fillPath, growRing, type RingBuffers, type SegmentRings } from './segmentRings.js';
import type { LtmLinkParams } from './ltmLinkParams.js';

/**
 * Piecewise-linear value of a cumulative curve (stored from offset `base`) at the
 * fractional step y; 0 before time 0.
 *
 * @example
 * curveAt(Float64Array.of(0, 2, 6), 0, 1.5); // 4
 */
export function curveAt(curve: Float64Array, base: number, y: number): number {
  if (y <= 0) return 0;
  const i = Math.floor(y);
  const f = y - i;
  return f === 0 ? curve[base + i] : curve[base + i] + f * (curve[base + i + 1] - curve[base + i]);
}

/** Arrays and constants of one loading (typed arrays; link curves link-major, see `loadNetworkDynamic`). */
export interface StepState {
  readonly W: number; readonly linkCount: number; readonly pathCount: number; readonly classCount: number;
  readonly A: Float64Array; readonly V: Float64Array; readonly Sv: Float64Array; readonly D: Float64Array; readonly T: Float64Array;
  readonly classCumDep: Float64Array; readonly classCumArr: Float64Array; readonly stationCumIn: Float64Array;
  readonly inPlace: boolean;
  /** Path composition (`segmentRings.ts`) and the workspace storage its rings grow into. */
  readonly rings: SegmentRings; readonly ringBuffers?: RingBuffers;
  /** Per path: 0 no departure yet, 1 on the network, 2 all arrived (skipped); vehicles that entered its first link. */
  readonly phase: Uint8Array; readonly pathIn: Float64Array;
  /** Per segment: cumulative outflow at the current step (= the next segment's inflow); its path, and the next link (linkCount at the destination). */
  readonly segOut: Float64Array; readonly segPath: Int32Array; readonly segNext: Int32Array;
  readonly isStation: Uint8Array; readonly bprScale: Float64Array; readonly capRate: Float64Array; readonly bprPower: Float64Array;
  readonly runFree: Float64Array; readonly bottleneck: Float64Array; readonly serviceSteps: Float64Array;
  /** Path p's links are `pathLinks[segStart[p] … segStart[p + 1])`. */
  readonly segStart: Int32Array; readonly pathLinks: Int32Array; readonly stationLinkRow: Int32Array; readonly classOf: Int32Array;
  readonly depProfiles: Float64Array[]; readonly depLength: Int32Array; readonly depCum: Float64Array; readonly ratePerVeh: number;
  readonly ptrT: Int32Array; readonly ptrA: Int32Array; readonly exitPos: Float64Array; readonly inc: Float64Array;
  readonly classStepDep: Float64Array; readonly classStepArr: Float64Array; readonly stationStepIn: Float64Array;
  /** Recorded path curves (`recordPathCurves`), segment- and path-major. */
  readonly segCumIn?: Float64Array; readonly pathCumArrivals?: Float64Array;
  /**
   * Point queue without recorded curves only: per path, its first segment not yet done (every
   * segment before it has passed all the path's vehicles for good; `propagate` skips them).
   */
  readonly segFirst?: Int32Array;
  /** Per link, `propagate`'s scratch: ring offsets of the exit position's step and the next, its fraction, ring offset of index k + 1. */
  readonly readAt: Int32Array; readonly readNext: Int32Array; readonly readFrac: Float64Array; readonly writeAt: Int32Array;
  readonly ltm?: LtmLinkParams;
  /**
   * LTM only: per path, vehicles waiting at the origin for room on the first link (they have
   * departed: on the network, not yet on a link); per link, the origin demand of the step and
   * the share of it the first link receives (`ltmStep.ts`).
   */
  readonly backlog?: Float64Array;
  /**
   * LTM only: per link, the origin queue after this step (summed by `propagate`), and its curve Q
   * (link-major like A) on links leaving a node no link enters (`originPriced`), where the DUE
   * prices the wait (`experiencedLinkTimes`).
   */
  readonly originQueueNow?: Float64Array;
  readonly Q?: Float64Array;
  readonly originPriced?: Uint8Array;
  readonly originDemand?: Float64Array;
  readonly originShare?: Float64Array;
  readonly network: Network;
}

/**
 * Step k, links: arrivals at the bottleneck V(k+1), discharge D(k+1) (point queue or
 * servers), and the FIFO entry position x = A⁻¹(D(k+1)) of the last vehicle out.
 *
 * @example
 * for (let k = 0; k < S; k++) { stepLinks(st, k); propagate(st, k); closeStep(st, k); }
 */
export function stepLinks(st: StepState, k: number): void {
  const { W, A, V, Sv, D, T, ptrT, isStation, bottleneck, serviceSteps } = st;
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    let p = ptrT[a];
    while (p + 1 <= k && T[base + p + 1] <= k + 1) p++;
    ptrT[a] = p;
    let v = 0;
    if (p === k) v = A[base + k];
    else if (p >= 0) {
      const t0 = T[base + p];
      v = A[base + p] + ((A[base + p + 1] - A[base + p]) * (k + 1 - t0)) / (T[base + p + 1] - t0);
    }
    V[base + k + 1] = v;
    let d: number;
    if (isStation[a] === 1) {
      d = curveAt(Sv, base, k + 1 - serviceSteps[a]);
      Sv[base + k + 1] = Math.min(v, d + bottleneck[a]);
    } else {
      d = Math.min(v, D[base + k] + bottleneck[a]);
      Sv[base + k + 1] = d;
    }
    D[base + k + 1] = d;
    exitPosition(st, a, k, d);
  }
}

/**
 * FIFO entry position x = A⁻¹(d) (in steps, ≤ k) of the last vehicle out of link a after step k.
 *
 * @example
 * exitPosition(st, a, k, D[a * W + k + 1]);
 */
export function exitPosition(st: StepState, a: number, k: number, d: number): void {
  const A = st.A;
  const base = a * st.W;
  let q = st.ptrA[a];
  while (q + 1 <= k && A[base + q + 1] <= d) q++;
  st.ptrA[a] = q;
  st.exitPos[a] = q >= k ? k : q + (d - A[base + q]) / (A[base + q + 1] - A[base + q]);
}

/**
 * Step k, composition: departures (LTM: the origin queue as far as the first link has room)
 * enter each path's first link; every segment's cumulative outflow is its cumulative inflow
 * read at its link's exit position x (FIFO, `segmentRings.ts`), and enters the next link of
 * its path at index k + 1, or arrives. Paths with no departure yet or all arrived, the
 * segments ahead of a path's first vehicle and (point queue, `segFirst`) the segments behind its
 * last one once it departs no more, are skipped (Sioux Falls ×1.0: its network takes hours to
 * empty after the last departure). Hot: one pass over the segments of the paths on the network.
 *
 * @example
 * propagate(st, k); // after stepLinks(st, k)
 */
export function propagate(st: StepState, k: number): void {
  const { pathCount, segStart, pathLinks, depProfiles, depLength, depCum, classOf, exitPos, phase, pathIn, segOut, inc, rings, segFirst } = st;
  const backlog = st.backlog;
  const k1 = k + 1;
  const { data, len, rows, segRow } = rings;
  // per link: ring offsets of the exit position's step and the next one, its fraction, and the offset of index k + 1
  const { readAt, readNext, readFrac, writeAt } = st;
  for (let a = 0; a < st.linkCount; a++) {
    const x = exitPos[a];
    const lo = Math.floor(x);
    if (k + 2 - lo > len[a]) growRing(rings, a, lo, k1, st.ringBuffers);
    const m = len[a] - 1;
    readFrac[a] = x - lo;
    readAt[a] = (lo & m) * rows[a];
    readNext[a] = ((lo + 1) & m) * rows[a];
    writeAt[a] = (k1 & m) * rows[a];
  }
  const record = st.segCumIn !== undefined;
  const W = st.W;
  for (let p = 0; p < pathCount; p++) {
    if (phase[p] === 2) continue;
    const dep = k < depLength[p] ? depProfiles[p][k] : 0;
    if (phase[p] === 0) {
      if (!(dep > 0)) continue;
      phase[p] = 1;
    }
    if (dep > 0) {
      depCum[p] += dep;
      st.classStepDep[classOf[p]] += dep;
    }
    let go = dep;
    if (backlog !== undefined) {
      const waiting = backlog[p] + dep;
      const share = st.originShare![pathLinks[segStart[p]]];
      go = share >= 1 ? waiting : waiting * share;
      backlog[p] = waiting - go;
      st.originQueueNow![pathLinks[segStart[p]]] += backlog[p];
    }
    const s0 = segStart[p];
    const s1 = segStart[p + 1];
    const first = pathLinks[s0];
    let cin = pathIn[p];
    if (go > 0) {
      cin += go;
      pathIn[p] = cin;
      enterLink(st, first, classOf[p], go);
    }
    // segments before `sFrom` are done (their outflow is the path's total for good), so the first
    // live one's inflow at k + 1 is that total, written as the done segment would have
    const sFrom = segFirst === undefined ? s0 : segFirst[p];
    if (sFrom < s1) data[pathLinks[sFrom]][writeAt[pathLinks[sFrom]] + segRow[sFrom]] = cin;
    if (record) st.segCumIn![s0 * W + k1] = cin;
    // a segment is done once no vehicle will enter it again (the path departs no more and the
    // segments before it are done) and its ring reads the total at the exit position's step
    let open = segFirst !== undefined && sFrom === s0 ? k1 >= depLength[p] : segFirst !== undefined;
    for (let s = sFrom; s < s1; s++) {
      const a = pathLinks[s];
      // cumulative inflow at the exit position (inline `ringAt` on the offsets above: the hottest line of the loading)
      const f = readFrac[a];
      const ring = data[a];
      const r = segRow[s];
      const v = ring[readAt[a] + r];
      let out = f === 0 ? v : v + f * (ring[readNext[a] + r] - v);
      const delta = out - segOut[s];
      if (delta > 0) segOut[s] = out;
      else out = segOut[s];
      if (open) {
        // every later slot of the row holds the total too (non-decreasing, at most the total): out is the total from now on
        // (its row's later slots are not written any more: `snapshotRings` reads such a window as the total)
        if (v === cin && out === cin) segFirst![p] = s + 1;
        else open = false;
      }
      // nothing has left this segment yet: the segments ahead are still empty (their rings stay 0)
      if (out === 0) break;
      if (s + 1 < s1) {
        const b = pathLinks[s + 1];
        data[b][writeAt[b] + segRow[s + 1]] = out;
        if (record) st.segCumIn![(s + 1) * W + k1] = out;
        if (delta > 0) enterLink(st, b, classOf[p], delta);
      } else if (delta > 0) st.classStepArr[classOf[p]] += delta;
    }
    if (record) st.pathCumArrivals![p * W + k1] = segOut[s1 - 1];
    else if (k1 >= depLength[p] && segOut[s1 - 1] === depCum[p] && (backlog === undefined || backlog[p] === 0)) settle(st, p);
  }
}

/**
 * Path p has fully arrived: it is skipped from now on. LTM: its rings hold its total in every slot.
 * Point queue: its rows are read by nothing any more (a snapshot keeps no window of an arrived
 * path, `snapshotRings`), so they are left as they are.
 */
function settle(st: StepState, p: number): void {
  if (st.segFirst === undefined) fillPath(st, p, st.segOut[st.segStart[p + 1] - 1]);
  st.phase[p] = 2;
}

/** Count `veh` of class c entering link a in this step (link inflow, station-link class inflow). */
function enterLink(st: StepState, a: number, c: number, veh: number): void {
  st.inc[a] += veh;
  const row = st.stationLinkRow[a];
  if (row >= 0) st.stationStepIn[row * st.classCount + c] += veh;
}

/**
 * Step k, links and classes: cumulative inflow A(k+1), the bottleneck-arrival time T(k+1) of
 * the step's entrants (BPR running time on the step's inflow rate, FIFO-monotone), and the
 * class, station-link and (recorded) path curves at k+1.
 *
 * @example
 * closeStep(st, k); // after propagate(st, k)
 */
export function closeStep(st: StepState, k: number): void {
  const { W, A, T, inc, runFree, bprScale, capRate, bprPower, ratePerVeh } = st;
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    const q = inc[a];
    inc[a] = 0;
    A[base + k + 1] = A[base + k] + q;
    let run = runFree[a];
    if (bprScale[a] > 0 && q > 0) {
      const ratio = Math.min(1, (q * ratePerVeh) / capRate[a]);
      run = Math.max(1, runFree[a] * (1 + bprScale[a] * Math.pow(ratio, bprPower[a])));
    }
    T[base + k + 1] = Math.max(k + 1 + run, T[base + k]);
  }
  closeCounts(st, k);
}

/**
 * Class and station-link curves at k+1 from the step's counts (recorded path curves are written by `propagate`).
 *
 * @example
 * closeCounts(st, k);
 */
export function closeCounts(st: StepState, k: number): void {
  const { W, classCount: C } = st;
  for (let c = 0; c < C; c++) {
    st.classCumDep[(k + 1) * C + c] = st.classCumDep[k * C + c] + st.classStepDep[c];
    st.classCumArr[(k + 1) * C + c] = st.classCumArr[k * C + c] + st.classStepArr[c];
    st.classStepDep[c] = 0;
    st.classStepArr[c] = 0;
  }
  const sIn = st.stationStepIn;
  for (let r = 0; r < sIn.length; r++) {
    st.stationCumIn[r * W + k + 1] = st.stationCumIn[r * W + k] + sIn[r];
    sIn[r] = 0;
  }
}
