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
 *    the merge like an in-link; the sending flow of each in-link is split over its vehicles' next
 *    links by FIFO packet composition; an out-link asked for more than it receives gives each
 *    in-link the share of its receiving flow proportional to its demand (demand-proportional
 *    merge, no redistribution of unused shares), and an in-link stops at its first vehicle that
 *    cannot turn (FIFO diverge: one blocked movement holds the vehicles behind it).
 * Queues thus occupy the link and spill back: a full link's receiving flow drops and the
 * upstream link keeps its vehicles.
 */
import { curveAt, closeCounts, exitPosition, type StepState } from './dnlSteps.js';

/** Scratch of the node model, per loading (links-sized arrays). */
interface LtmScratch {
  send: Float64Array; recv: Float64Array; flow: Float64Array;
  /** Per out-link: demand towards it at the current node, ratio granted, per-group share. */
  demand: Float64Array; ratio: Float64Array; group: Float64Array;
  touched: Int32Array; touchedCount: number; outs: Int32Array;
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
      moveLink: new Int32Array(64), moveVeh: new Float64Array(64), moveStart: new Int32Array(n + 1),
    };
    scratchOf.set(st, s);
  }
  return s;
}

/** Next link of the packet's path after its segment, −1 at the destination (index `linkCount` in the scratch). */
function nextOf(st: StepState, p: number, j: number): number {
  const s = st.segStart[p] + j + 1;
  return s < st.segStart[p + 1] ? st.pathLinks[s] : st.linkCount;
}

/**
 * Walk link a's packets in FIFO order over `amount` vehicles; per entry-step group call
 * `onGroup(take)` after adding each packet's share × veh into `sc.group[next]` (touched list kept).
 * Returns false when `onGroup` asked to stop.
 */
function walk(st: StepState, sc: LtmScratch, a: number, amount: number, onGroup: (take: number, groupVeh: number) => boolean): void {
  const q = st.packets;
  let left = amount;
  let h = q.head[a];
  let frac = q.headFrac[a];
  while (h >= 0 && left > 1e-12) {
    const j = q.step[h];
    let total = 0;
    for (let g = h; g >= 0 && q.step[g] === j; g = q.next[g]) total += q.veh[g];
    const avail = total * (1 - frac);
    const take = Math.min(left, avail);
    const share = total > 0 ? take / total : 0;
    sc.touchedCount = 0;
    let g = h;
    for (; g >= 0 && q.step[g] === j; g = q.next[g]) {
      const b = nextOf(st, q.path[g], q.seg[g]);
      if (sc.group[b] === 0) sc.touched[sc.touchedCount++] = b;
      sc.group[b] += q.veh[g] * share;
    }
    const go = onGroup(take, avail);
    for (let t = 0; t < sc.touchedCount; t++) sc.group[sc.touched[t]] = 0;
    if (!go) return;
    left -= take;
    h = g;
    frac = 0;
  }
}

/**
 * Step k of the LTM: sending and receiving flows, node model, D(k+1), V(k+1), S(k+1) and
 * the FIFO exit positions (the packets are then released by `propagatePackets`).
 *
 * @example
 * for (let k = 0; k < S; k++) { stepLinksLtm(st, k); propagatePackets(st, k); closeStepLtm(st, k); }
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
  for (let n = 0; n < nodes; n++) nodeModel(st, sc, n);
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    const d = D[base + k] + sc.flow[a];
    D[base + k + 1] = d;
    Sv[base + k + 1] = isStation[a] === 1 ? Math.min(V[base + k + 1], d + bottleneck[a]) : d;
    exitPosition(st, a, k, d);
  }
}

function nodeModel(st: StepState, sc: LtmScratch, n: number): void {
  const { inStart, inLinks } = st.ltm!;
  const i0 = inStart[n];
  const i1 = inStart[n + 1];
  // 1. movements: demand of each in-link towards each next link (FIFO composition of its sending flow)
  let m = 0;
  let outCount = 0;
  for (let x = i0; x < i1; x++) {
    const a = inLinks[x];
    sc.moveStart[x - i0] = m;
    if (!(sc.send[a] > 0)) continue;
    walk(st, sc, a, sc.send[a], () => {
      for (let t = 0; t < sc.touchedCount; t++) {
        const b = sc.touched[t];
        if (m >= sc.moveLink.length) growMoves(sc);
        sc.moveLink[m] = b;
        sc.moveVeh[m] = sc.group[b];
        m++;
        if (sc.demand[b] === 0) sc.outs[outCount++] = b;
        sc.demand[b] += sc.group[b];
      }
      return true;
    });
  }
  sc.moveStart[i1 - i0] = m;
  const net = st.network;
  const od = st.originDemand!;
  for (let y = net.outStart[n]; y < net.outStart[n + 1]; y++) {
    const b = net.outLinks[y];
    if (!(od[b] > 0)) continue;
    if (sc.demand[b] === 0) sc.outs[outCount++] = b;
    sc.demand[b] += od[b];
  }
  // 2. demand-proportional merge: ratio granted per out-link
  let congested = false;
  for (let o = 0; o < outCount; o++) {
    const b = sc.outs[o];
    sc.ratio[b] = sc.demand[b] > sc.recv[b] ? sc.recv[b] / sc.demand[b] : 1;
    if (sc.ratio[b] < 1) congested = true;
    if (od[b] > 0) st.originShare![b] = sc.ratio[b];
  }
  for (let x = i0; x < i1; x++) {
    const a = inLinks[x];
    if (!(sc.send[a] > 0)) continue;
    let blocked = false;
    for (let y = sc.moveStart[x - i0]; y < sc.moveStart[x - i0 + 1]; y++) if (sc.ratio[sc.moveLink[y]] < 1) blocked = true;
    if (!congested || !blocked) { sc.flow[a] = sc.send[a]; continue; }
    // 3. FIFO: advance until the first movement reaches its granted share
    for (let y = sc.moveStart[x - i0]; y < sc.moveStart[x - i0 + 1]; y++) sc.demand[sc.moveLink[y]] = 0;
    for (let y = sc.moveStart[x - i0]; y < sc.moveStart[x - i0 + 1]; y++) sc.demand[sc.moveLink[y]] -= sc.moveVeh[y] * sc.ratio[sc.moveLink[y]];
    // demand[b] now holds −(granted to this in-link); count up what the walk sends
    let flow = 0;
    walk(st, sc, a, sc.send[a], (take) => {
      let t = 1;
      for (let u = 0; u < sc.touchedCount; u++) {
        const b = sc.touched[u];
        const c = sc.group[b];
        if (c > 0 && sc.ratio[b] < 1) t = Math.min(t, Math.max(0, -sc.demand[b]) / c);
      }
      for (let u = 0; u < sc.touchedCount; u++) sc.demand[sc.touched[u]] += sc.group[sc.touched[u]] * t;
      flow += take * t;
      return t >= 1;
    });
    sc.flow[a] = flow;
    for (let y = sc.moveStart[x - i0]; y < sc.moveStart[x - i0 + 1]; y++) sc.demand[sc.moveLink[y]] = 0;
  }
  for (let o = 0; o < outCount; o++) { sc.demand[sc.outs[o]] = 0; sc.ratio[sc.outs[o]] = 0; }
}

function growMoves(sc: LtmScratch): void {
  const l = new Int32Array(sc.moveLink.length * 2); l.set(sc.moveLink); sc.moveLink = l;
  const v = new Float64Array(sc.moveVeh.length * 2); v.set(sc.moveVeh); sc.moveVeh = v;
}

/**
 * Step k of the LTM, closing: A(k+1) from the node flows; entrants reach the downstream end
 * at free speed, T(k+1) = k + 1 + τ (the queue is read off the curves).
 *
 * @example
 * closeStepLtm(st, k); // after propagatePackets(st, k)
 */
export function closeStepLtm(st: StepState, k: number): void {
  const { W, A, T, inc, runFree } = st;
  for (let a = 0; a < st.linkCount; a++) {
    const base = a * W;
    A[base + k + 1] = A[base + k] + inc[a];
    inc[a] = 0;
    T[base + k + 1] = k + 1 + runFree[a];
  }
  closeCounts(st, k);
}
