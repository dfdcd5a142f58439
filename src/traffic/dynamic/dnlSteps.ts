/**
 * The phases of one loading step of `loadNetworkDynamic` (docs/model.md §2 DNL): link curves
 * (point queue here, LTM in `ltmStep.ts`), packet propagation (path composition), and the
 * closing of the step. Kept as small separate functions: V8 optimizes each once, where one
 * long loop body kept deoptimizing on its cold exit paths.
 */
import type { Network } from '../network/network.js';
import { pushPacket, type PacketQueues } from './dnlPackets.js';
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
  readonly packets: PacketQueues; readonly inPlace: boolean;
  readonly isStation: Uint8Array; readonly bprScale: Float64Array; readonly capRate: Float64Array; readonly bprPower: Float64Array;
  readonly runFree: Float64Array; readonly bottleneck: Float64Array; readonly serviceSteps: Float64Array;
  /** Path p's links are `pathLinks[segStart[p] … segStart[p + 1])`. */
  readonly segStart: Int32Array; readonly pathLinks: Int32Array; readonly stationLinkRow: Int32Array; readonly classOf: Int32Array;
  readonly depProfiles: Float64Array[]; readonly depLength: Int32Array; readonly depCum: Float64Array; readonly ratePerVeh: number;
  readonly ptrT: Int32Array; readonly ptrA: Int32Array; readonly exitPos: Float64Array; readonly inc: Float64Array;
  readonly classStepDep: Float64Array; readonly classStepArr: Float64Array; readonly stationStepIn: Float64Array;
  /** Per segment: step stamp and id of the packet it entered its link with in this step (merges releases of one step). */
  readonly pendStamp: Int32Array; readonly pendId: Int32Array;
  readonly segStepIn?: Float64Array; readonly pathStepArr?: Float64Array;
  readonly segCumIn?: Float64Array; readonly pathCumArrivals?: Float64Array;
  readonly ltm?: LtmLinkParams;
  /**
   * LTM only: per path, vehicles waiting at the origin for room on the first link (they have
   * departed: on the network, not yet on a link); per link, the origin demand of the step and
   * the share of it the first link receives (`ltmStep.ts`).
   */
  readonly backlog?: Float64Array;
  readonly originDemand?: Float64Array;
  readonly originShare?: Float64Array;
  readonly network: Network;
}

/**
 * Step k, links: arrivals at the bottleneck V(k+1), discharge D(k+1) (point queue or
 * servers), and the FIFO entry position x = A⁻¹(D(k+1)) of the last vehicle out.
 *
 * @example
 * for (let k = 0; k < S; k++) { stepLinks(st, k); propagatePackets(st, k); closeStep(st, k); }
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

/** Add `veh` of segment (path p, position j) entering link `a` in step k, merged with its other shares of the step. */
function enter(st: StepState, a: number, p: number, j: number, k: number, veh: number): void {
  const s = st.segStart[p] + j;
  if (st.pendStamp[s] === k) st.packets.veh[st.pendId[s]] += veh;
  else {
    st.pendStamp[s] = k;
    st.pendId[s] = pushPacket(st.packets, a, p, j, k, veh);
  }
  st.inc[a] += veh;
  const row = st.stationLinkRow[a];
  if (row >= 0) st.stationStepIn[row * st.classCount + st.classOf[p]] += veh;
  if (st.segStepIn !== undefined) st.segStepIn[s] += veh;
}

/**
 * Step k, packets: departures enter each path's first link; every link releases its
 * outflow (up to its exit position) in FIFO order into the next link of each packet's path,
 * or to the destination.
 *
 * @example
 * propagatePackets(st, k); // after stepLinks(st, k)
 */
export function propagatePackets(st: StepState, k: number): void {
  const { pathCount, segStart, pathLinks, depProfiles, depLength, depCum, classOf } = st;
  const backlog = st.backlog;
  for (let i = 0; i < pathCount; i++) {
    const dep = k < depLength[i] ? depProfiles[i][k] : 0;
    if (dep > 0) {
      depCum[i] += dep;
      st.classStepDep[classOf[i]] += dep;
    }
    if (backlog === undefined) {
      if (dep > 0) enter(st, pathLinks[segStart[i]], i, 0, k, dep);
    } else if (dep > 0 || backlog[i] > 0) {
      // LTM: the origin queue enters as far as the first link has room (its share of the merge)
      const first = pathLinks[segStart[i]];
      const waiting = backlog[i] + dep;
      const share = st.originShare![first];
      const go = share >= 1 ? waiting : waiting * share;
      backlog[i] = waiting - go;
      if (go > 0) enter(st, first, i, 0, k, go);
    }
  }
  const q = st.packets;
  for (let a = 0; a < st.linkCount; a++) {
    if (q.head[a] >= 0) releaseLink(st, q, a, k);
  }
}

/**
 * Release link a's outflow up to its exit position x, in FIFO order (the groups of entry steps
 * before ⌊x⌋ whole, the fraction x − ⌊x⌋ of group ⌊x⌋, `dnlPackets.ts`): each share enters the
 * next link of its packet's path (or arrives). Hot: one call per link and step.
 */
function releaseLink(st: StepState, q: PacketQueues, a: number, k: number): void {
  const x = st.exitPos[a];
  const xi = Math.floor(x);
  const f = x - xi;
  const { segStart, pathLinks, classOf } = st;
  let h = q.head[a];
  while (h >= 0) {
    const j = q.step[h];
    let share: number;
    let whole: boolean;
    if (j < xi) { share = 1 - q.headFrac[a]; whole = true; }
    else if (j === xi && f > q.headFrac[a]) { share = f - q.headFrac[a]; whole = false; }
    else break;
    let g = h;
    while (g >= 0 && q.step[g] === j) {
      const p = q.path[g];
      const seg = q.seg[g];
      const veh = q.veh[g] * share;
      const nx = q.next[g];
      if (share > 0) {
        const s = segStart[p] + seg + 1;
        if (s < segStart[p + 1]) enter(st, pathLinks[s], p, seg + 1, k, veh);
        else {
          st.classStepArr[classOf[p]] += veh;
          if (st.pathStepArr !== undefined) st.pathStepArr[p] += veh;
        }
      }
      if (whole) { q.next[g] = q.free; q.free = g; q.used--; }
      g = nx;
    }
    if (!whole) { q.headFrac[a] = f; break; }
    q.headFrac[a] = 0;
    q.head[a] = g;
    if (g < 0) q.tail[a] = -1;
    h = g;
  }
}

/**
 * Step k, links and classes: cumulative inflow A(k+1), the bottleneck-arrival time T(k+1) of
 * the step's entrants (BPR running time on the step's inflow rate, FIFO-monotone), and the
 * class, station-link and (recorded) path curves at k+1.
 *
 * @example
 * closeStep(st, k); // after propagatePackets(st, k)
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
 * Class, station-link and recorded path curves at k+1 from the step's counts.
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
  if (st.segStepIn !== undefined) {
    const seg = st.segStepIn;
    const cum = st.segCumIn!;
    for (let s = 0; s < seg.length; s++) { cum[s * W + k + 1] = cum[s * W + k] + seg[s]; seg[s] = 0; }
    const arr = st.pathStepArr!;
    const pc = st.pathCumArrivals!;
    for (let p = 0; p < arr.length; p++) { pc[p * W + k + 1] = pc[p * W + k] + arr[p]; arr[p] = 0; }
  }
}
