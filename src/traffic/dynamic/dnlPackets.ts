/**
 * Path composition of the dynamic loading without segment × step matrices: every link keeps
 * a FIFO queue of packets (entry step, path, position on the path, vehicles), one packet per
 * path segment and entry step with vehicles. A link's outflow releases whole entry-step groups
 * and a fraction of the next one (fluid FIFO: within a step the entrants are mixed), and each
 * released packet enters the next link of its path as a new packet. Memory is bounded by the
 * packets of the vehicles on the network, not by segments × steps.
 */

/** Packet pool (struct of arrays, singly linked per link) and the per-link queue heads. */
export interface PacketQueues {
  /** Per link: first and last packet (−1 = empty), and the released fraction of the head's entry-step group. */
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly headFrac: Float64Array;
  /** Per packet: next in its link's queue (or in the free list), path, position on the path, entry step, vehicles. */
  next: Int32Array;
  path: Int32Array;
  seg: Int32Array;
  step: Int32Array;
  veh: Float64Array;
  /** First free packet, −1 = pool full. */
  free: number;
  /** Packets in use. */
  used: number;
}

/**
 * Empty queues for `linkCount` links with room for `capacity` packets (grown on demand).
 *
 * @example
 * const q = createPacketQueues(76, 1024);
 */
export function createPacketQueues(linkCount: number, capacity: number): PacketQueues {
  const q: PacketQueues = {
    head: new Int32Array(linkCount).fill(-1), tail: new Int32Array(linkCount).fill(-1), headFrac: new Float64Array(linkCount),
    next: new Int32Array(0), path: new Int32Array(0), seg: new Int32Array(0), step: new Int32Array(0), veh: new Float64Array(0),
    free: -1, used: 0,
  };
  grow(q, Math.max(16, capacity));
  return q;
}

/**
 * Empty every queue (the pool keeps its size: a workspace reused across loadings).
 *
 * @example
 * clearPacketQueues(q);
 */
export function clearPacketQueues(q: PacketQueues): void {
  q.head.fill(-1);
  q.tail.fill(-1);
  q.headFrac.fill(0);
  const n = q.next.length;
  for (let i = 0; i < n; i++) q.next[i] = i + 1 < n ? i + 1 : -1;
  q.free = n > 0 ? 0 : -1;
  q.used = 0;
}

function grow(q: PacketQueues, size: number): void {
  const old = q.next.length;
  const widen = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => { const b = make(size); b.set(a); return b; };
  q.next = widen(q.next, (n) => new Int32Array(n));
  q.path = widen(q.path, (n) => new Int32Array(n));
  q.seg = widen(q.seg, (n) => new Int32Array(n));
  q.step = widen(q.step, (n) => new Int32Array(n));
  q.veh = widen(q.veh, (n) => new Float64Array(n));
  for (let i = old; i < size; i++) q.next[i] = i + 1 < size ? i + 1 : q.free;
  q.free = old < size ? old : q.free;
}

/**
 * Append a packet at the tail of link `a`'s queue; returns its index (to add to it later in the same step).
 *
 * @example
 * const id = pushPacket(q, a, path, 0, k, 2.5);
 */
export function pushPacket(q: PacketQueues, a: number, path: number, seg: number, step: number, veh: number): number {
  if (q.free < 0) grow(q, q.next.length * 2);
  const id = q.free;
  q.free = q.next[id];
  q.next[id] = -1;
  q.path[id] = path;
  q.seg[id] = seg;
  q.step[id] = step;
  q.veh[id] = veh;
  if (q.tail[a] < 0) q.head[a] = id;
  else q.next[q.tail[a]] = id;
  q.tail[a] = id;
  q.used++;
  return id;
}

/** A copy of the queue contents (link by link, head first), the state a checkpoint keeps. */
export interface PacketSnapshot {
  /** Per link: number of packets; then the packets in order. */
  readonly count: Int32Array;
  readonly headFrac: Float64Array;
  readonly path: Int32Array;
  readonly seg: Int32Array;
  readonly step: Int32Array;
  readonly veh: Float64Array;
}

/**
 * Copy the queue contents (O(packets)).
 *
 * @example
 * const snap = snapshotPackets(q);
 */
export function snapshotPackets(q: PacketQueues): PacketSnapshot {
  const L = q.head.length;
  const n = q.used;
  const s = {
    count: new Int32Array(L), headFrac: q.headFrac.slice(), path: new Int32Array(n), seg: new Int32Array(n), step: new Int32Array(n), veh: new Float64Array(n),
  };
  let i = 0;
  for (let a = 0; a < L; a++) {
    for (let h = q.head[a]; h >= 0; h = q.next[h]) {
      s.path[i] = q.path[h];
      s.seg[i] = q.seg[h];
      s.step[i] = q.step[h];
      s.veh[i] = q.veh[h];
      i++;
      s.count[a]++;
    }
  }
  return s;
}

/**
 * Refill empty queues from a snapshot, renumbering paths with `pathOf` (snapshot path → path
 * of this loading, must be ≥ 0 for every packet).
 *
 * @example
 * restorePackets(q, snap, (old) => inverse[old]);
 */
export function restorePackets(q: PacketQueues, s: PacketSnapshot, pathOf: Int32Array): void {
  clearPacketQueues(q);
  let i = 0;
  for (let a = 0; a < s.count.length; a++) {
    for (let m = 0; m < s.count[a]; m++, i++) pushPacket(q, a, pathOf[s.path[i]], s.seg[i], s.step[i], s.veh[i]);
    q.headFrac[a] = s.headFrac[a];
  }
}
