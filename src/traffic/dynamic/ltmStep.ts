/**
 * One step of the link transmission model (LTM, Yperman 2007) for `loadNetworkDynamic`
 * (`loading: 'ltm'`, docs/model.md §2.5 "Physical queues"):
 * 1. Sending flow of each link (what could leave in the step): roads
 *    min(A(k+1 − τ) − D(k), cδ); stations: vehicles done with service, S(k+1 − L) − D(k);
 *    bypasses and unlimited roads: A(k+1 − τ) − D(k).
 * 2. Receiving flow (what could enter): LTM roads min(D(k+1 − L/w) + k_jam·L − A(k), cδ),
 *    roads without storage cδ, stations and bypasses unlimited.
 * 3. Node model, per node: the origin queues of the paths starting on an out-link (vehicles
 *    wait at their origin when the first link is full; they count as on the network) join
 *    the merge like an in-link, with a demand of at most the link's capacity cδ (an origin
 *    connector); the sending flow of each in-link is split over its vehicles' next links by
 *    its FIFO composition (segment rings, `segmentRings.ts`). Merges in rounds: the most
 *    restrictive out-link grants the in-links with a movement to it (and its origin queue) a
 *    share of its room proportional to their demand; those in-links get their final flow, each
 *    stopping at its first vehicle that cannot turn (FIFO diverge: one blocked movement holds
 *    the vehicles behind it); the room they leave unused elsewhere goes to the next round.
 * Queues thus occupy the link and spill back: a full link's receiving flow drops and the
 * upstream link keeps its vehicles.
 */
import { curveAt, closeCounts, exitPosition, type StepState } from './dnlSteps.js';
import { ringAt } from './segmentRings.js';

/** Scratch of the node model, per loading (links-sized arrays; nothing is allocated per step). */
interface LtmScratch {
  send: Float64Array; recv: Float64Array; flow: Float64Array;
  /** Per out-link (index linkCount = destination): demand towards it at the current node, ratio granted, per-group share. */
  demand: Float64Array; ratio: Float64Array; group: Float64Array;
  touched: Int32Array; touchedCount: number; outs: Int32Array;
  /** Per in-link: FIFO exit position after its sending flow; 1 once its flow is final in this step's node model. */
  sendPos: Float64Array; frozen: Uint8Array;
  /** Per out-link: room not yet granted, flow granted to the current in-link so far, its grant left, origin demand (≤ cδ). */
  remain: Float64Array; used: Float64Array; grantLeft: Float64Array; originAsk: Float64Array;
  /** Per in-link movement list (out-link, demand) of the current node. */
  moveLink: Int32Array; moveVeh: Float64Array; moveStart: Int32Array;
}

const scratchOf = new WeakMap<StepState, LtmScratch>();

function scratch(st: StepState): LtmScratch {
  let s = scratchOf.get(st);
  if (s === undefined) {
    const n = st.linkCount;
    const f = () => new Float64Array(n + 1);
    s = {
      send: f(), recv: f(), flow: f(), demand: f(), ratio: f(), group: f(), touched: new Int32Array(n + 1), touchedCount: 0, outs: new Int32Array(n + 1),
      sendPos: f(), frozen: new Uint8Array(n + 1), remain: f(), used: f(), grantLeft: f(), originAsk: f(), moveLink: new Int32Array(64), moveVeh: new Float64Array(64), moveStart: new Int32Array(n + 1),
    };
    scratchOf.set(st, s);
  }
  return s;
}

/** FIFO entry position (steps, ≤ k) of the d-th vehicle of link a, searching from its exit pointer (not moved). */
function positionOf(st: StepState, a: number, k: number, d: number): number {
  const A = st.A;
  const base = a * st.W;
  let q = st.ptrA[a];
  while (q + 1 <= k && A[base + q + 1] <= d) q++;
  return q >= k ? k : q + (d - A[base + q]) / (A[base + q + 1] - A[base + q]);
}

/**
 * Composition of link a's vehicles between FIFO positions x0 and x1 by next link: adds each
 * segment's share into `sc.group[next]` (touched list kept, `sc.touchedCount`); returns the
 * vehicles. `x0` equal to the exit position reads the segments' outflow so far.
 */
function composition(st: StepState, sc: LtmScratch, a: number, x0: number, x1: number, atExit: boolean): number {
  const { linkSegStart, linkSegs, data, len, rows, segRow } = st.rings;
  const ring = data[a];
  const L = len[a];
  const R = rows[a];
  let total = 0;
  sc.touchedCount = 0;
  for (let t = linkSegStart[a]; t < linkSegStart[a + 1]; t++) {
    const s = linkSegs[t];
    if (st.phase[st.segPath[s]] !== 1) continue;
    const v = ringAt(ring, L, R, segRow[s], x1) - (atExit ? st.segOut[s] : ringAt(ring, L, R, segRow[s], x0));
    if (!(v > 0)) continue;
    const b = st.segNext[s];
    if (sc.group[b] === 0) sc.touched[sc.touchedCount++] = b;
    sc.group[b] += v;
    total += v;
  }
  return total;
}

/**
 * Step k of the LTM: sending and receiving flows, node model, D(k+1), V(k+1), S(k+1) and
 * the FIFO exit positions (the segments then move on in `propagate`).
 *
 * @example
 * for (let k = 0; k < S; k++) { stepLinksLtm(st, k); propagate(st, k); closeStepLtm(st, k); }
 */
export function stepLinksLtm(st: StepState, k: number): void {
  const { W, A, V, Sv, D, runFree, bottleneck, serviceSteps, isStation } = st;
  const ltm = st.ltm!;
  const sc = scratch(st);
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    const v = curveAt(A, base, k + 1 - runFree[a]);
    V[base + k + 1] = v;
    const cap = bottleneck[a];
    let send: number;
    let recv = Infinity;
    if (isStation[a] === 1) send = curveAt(Sv, base, k + 1 - serviceSteps[a]) - D[base + k];
    else {
      send = Math.min(v - D[base + k], cap);
      if (ltm.spill[a] === 1) recv = Math.min(curveAt(D, base, k + 1 - ltm.waveSteps[a]) + ltm.jamVeh[a] - A[base + k], cap);
      else if (Number.isFinite(cap)) recv = cap;
    }
    sc.send[a] = send > 0 ? send : 0;
    sc.recv[a] = recv > 0 ? recv : 0;
    sc.flow[a] = 0;
  }
  sc.recv[st.linkCount] = Infinity; // destinations
  // origin queues: each path's waiting vehicles and departures join the merge at its first link
  const od = st.originDemand!;
  const share = st.originShare!;
  od.fill(0);
  for (let i = 0; i < st.pathCount; i++) {
    const dep = k < st.depLength[i] ? st.depProfiles[i][k] : 0;
    const waiting = st.backlog![i] + dep;
    if (waiting > 0) od[st.pathLinks[st.segStart[i]]] += waiting;
  }
  share.fill(1);
  const nodes = ltm.inStart.length - 1;
  for (let n = 0; n < nodes; n++) nodeModel(st, sc, n, k);
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    const d = D[base + k] + sc.flow[a];
    D[base + k + 1] = d;
    Sv[base + k + 1] = isStation[a] === 1 ? Math.min(V[base + k + 1], d + bottleneck[a]) : d;
    exitPosition(st, a, k, d);
  }
}

function nodeModel(st: StepState, sc: LtmScratch, n: number, k: number): void {
  const { inStart, inLinks } = st.ltm!;
  const i0 = inStart[n];
  const i1 = inStart[n + 1];
  // 1. movements: demand of each in-link towards each next link (FIFO composition of its sending flow)
  let m = 0;
  let outCount = 0;
  for (let x = i0; x < i1; x++) {
    const a = inLinks[x];
    sc.moveStart[x - i0] = m;
    sc.frozen[a] = 1;
    if (!(sc.send[a] > 0)) continue;
    sc.frozen[a] = 0;
    const x1 = positionOf(st, a, k, st.D[a * st.W + k] + sc.send[a]);
    sc.sendPos[a] = x1;
    composition(st, sc, a, st.exitPos[a], x1, true);
    for (let t = 0; t < sc.touchedCount; t++) {
      const b = sc.touched[t];
      if (m >= sc.moveLink.length) growMoves(sc);
      sc.moveLink[m] = b;
      sc.moveVeh[m] = sc.group[b];
      m++;
      if (sc.demand[b] === 0) sc.outs[outCount++] = b;
      sc.demand[b] += sc.group[b];
      sc.group[b] = 0;
    }
  }
  sc.moveStart[i1 - i0] = m;
  const net = st.network;
  const od = st.originDemand!;
  for (let y = net.outStart[n]; y < net.outStart[n + 1]; y++) {
    const b = net.outLinks[y];
    if (!(od[b] > 0)) continue;
    // the origin queue asks for at most the link's capacity (an origin connector)
    const ask = Math.min(od[b], st.bottleneck[b]);
    if (sc.demand[b] === 0) sc.outs[outCount++] = b;
    sc.originAsk[b] = ask;
    sc.demand[b] += ask;
  }
  for (let o = 0; o < outCount; o++) sc.remain[sc.outs[o]] = sc.recv[sc.outs[o]];
  // 2. rounds: the most restrictive out-link b* grants its remaining room in proportion to the
  // demand still open; the in-links with a movement to b* (and its origin queue) get their final
  // FIFO flow; their unused room elsewhere stays for the next rounds (no supply is wasted)
  for (let round = 0; round <= outCount; round++) {
    let worst = -1;
    let worstRatio = Infinity;
    for (let o = 0; o < outCount; o++) {
      const b = sc.outs[o];
      if (!(sc.demand[b] > 1e-12)) { sc.ratio[b] = 1; continue; }
      const r = sc.remain[b] > 0 ? sc.remain[b] / sc.demand[b] : 0;
      sc.ratio[b] = r < 1 ? r : 1;
      if (r < worstRatio) { worstRatio = r; worst = b; }
    }
    const last = worst < 0 || worstRatio >= 1;
    for (let x = i0; x < i1; x++) {
      const a = inLinks[x];
      if (sc.frozen[a] === 1) continue;
      const y0 = sc.moveStart[x - i0];
      const y1 = sc.moveStart[x - i0 + 1];
      let touches = last;
      for (let y = y0; y < y1 && !touches; y++) if (sc.moveLink[y] === worst) touches = true;
      if (!touches) continue;
      sc.frozen[a] = 1;
      let limited = false;
      for (let y = y0; y < y1; y++) if (sc.ratio[sc.moveLink[y]] < 1 && sc.demand[sc.moveLink[y]] > 1e-12) limited = true;
      if (!limited) {
        sc.flow[a] = sc.send[a];
        for (let y = y0; y < y1; y++) sc.used[sc.moveLink[y]] += sc.moveVeh[y];
      } else {
        for (let y = y0; y < y1; y++) sc.grantLeft[sc.moveLink[y]] = sc.moveVeh[y] * sc.ratio[sc.moveLink[y]];
        sc.flow[a] = fifoFlow(st, sc, a);
      }
      for (let y = y0; y < y1; y++) {
        const b = sc.moveLink[y];
        sc.demand[b] -= sc.moveVeh[y];
        sc.remain[b] -= sc.used[b];
        sc.used[b] = 0;
      }
    }
    for (let o = 0; o < outCount; o++) {
      const b = sc.outs[o];
      if (!(sc.originAsk[b] > 0) || (!last && b !== worst)) continue;
      const go = last ? sc.originAsk[b] : sc.originAsk[b] * sc.ratio[b];
      st.originShare![b] = go / od[b];
      sc.remain[b] -= go;
      sc.demand[b] -= sc.originAsk[b];
      sc.originAsk[b] = 0;
    }
    if (last) break;
    sc.demand[worst] = 0; // every demand towards b* is served (rounding residue dropped)
  }
  for (let o = 0; o < outCount; o++) {
    const b = sc.outs[o];
    sc.demand[b] = 0; sc.ratio[b] = 0; sc.remain[b] = 0; sc.originAsk[b] = 0; sc.grantLeft[b] = 0;
  }
}

/**
 * Vehicles link a sends when each movement towards b may take at most `sc.grantLeft[b]`
 * where `sc.ratio[b]` < 1: entry-step group by group from the exit position (entrants of one
 * step are mixed), stopping inside the first group in which a movement runs out of its
 * grant. Adds the flow towards each next link into `sc.used`.
 */
function fifoFlow(st: StepState, sc: LtmScratch, a: number): number {
  const end = sc.sendPos[a];
  let lo = st.exitPos[a];
  let flow = 0;
  while (lo < end) {
    const hi = Math.min(end, Math.floor(lo) + 1);
    const take = composition(st, sc, a, lo, hi, lo === st.exitPos[a]);
    let t = 1;
    for (let u = 0; u < sc.touchedCount; u++) {
      const b = sc.touched[u];
      const c = sc.group[b];
      if (c > 0 && sc.ratio[b] < 1) t = Math.min(t, Math.max(0, sc.grantLeft[b]) / c);
    }
    for (let u = 0; u < sc.touchedCount; u++) {
      const b = sc.touched[u];
      sc.grantLeft[b] -= sc.group[b] * t;
      sc.used[b] += sc.group[b] * t;
      sc.group[b] = 0;
    }
    flow += take * t;
    if (t < 1) break;
    lo = hi;
  }
  return flow;
}

function growMoves(sc: LtmScratch): void {
  const l = new Int32Array(sc.moveLink.length * 2); l.set(sc.moveLink); sc.moveLink = l;
  const v = new Float64Array(sc.moveVeh.length * 2); v.set(sc.moveVeh); sc.moveVeh = v;
}

/**
 * Step k of the LTM, closing: A(k+1) from the node flows; entrants reach the downstream end
 * at free speed, T(k+1) = k + 1 + τ (the queue is read off the curves); the origin queue
 * Q(k+1) of links whose origin wait is priced.
 *
 * @example
 * closeStepLtm(st, k); // after propagate(st, k)
 */
export function closeStepLtm(st: StepState, k: number): void {
  const { W, A, T, inc, runFree } = st;
  const Q = st.Q!;
  const q = st.originQueueNow!;
  const priced = st.originPriced!;
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    A[base + k + 1] = A[base + k] + inc[a];
    inc[a] = 0;
    T[base + k + 1] = k + 1 + runFree[a];
    Q[base + k + 1] = priced[a] === 1 ? q[a] : 0;
    q[a] = 0;
  }
  closeCounts(st, k);
}
