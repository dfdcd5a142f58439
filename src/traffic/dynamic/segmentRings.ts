/**
 * Path composition of the dynamic loading in per-link ring buffers of counts: for every path
 * segment on link a, its cumulative inflow at the last curve indices, in a typed-array ring of
 * `len[a]` slots (a power of two) per segment row. FIFO makes a segment's cumulative outflow
 * its cumulative inflow read at the link's exit position x = A⁻¹(D) (entrants of one step are
 * mixed: linear in x within a step), and that is the next segment's inflow. A ring only has
 * to hold the indices ⌊x⌋ … k + 1 (the vehicles still on the link), so memory is
 * segments × (steps a vehicle stays on its link), never segments × horizon. Slot-major: the
 * rows of one curve index are adjacent, so a step touches a few contiguous slots per link (no
 * pointer chasing, cache-friendly). Rings grow (×1.5–3) when a queue outgrows them.
 */

/** Rings of one loading (segment rows per link, see module doc). */
export interface SegmentRings {
  /** Per link: ring length (power of two) and number of rows (segments on the link). */
  readonly len: Int32Array;
  readonly rows: Int32Array;
  /** Per link: values, `(k & (len[a] − 1)) * rows[a] + row` = cumulative inflow of the row's segment at curve index k. */
  readonly data: Float64Array[];
  /** Per segment: its row on its link. */
  readonly segRow: Int32Array;
  /** Segments on link a: `linkSegs[linkSegStart[a] … linkSegStart[a + 1])` (the LTM node model walks them). */
  readonly linkSegStart: Int32Array;
  readonly linkSegs: Int32Array;
  /** Bytes of ring values now, and the largest over the loading. */
  bytes: number;
  peakBytes: number;
}

/** Reusable ring storage per link (`DnlWorkspace`). */
export type RingBuffers = (Float64Array | undefined)[];

/** Smallest power of two ≥ n (n ≥ 1). */
function pow2(n: number): number {
  let p = 4;
  while (p < n) p *= 2;
  return p;
}

/**
 * Zeroed rings for the segments `pathLinks` (segment s on link `pathLinks[s]`), with room
 * for `minSteps[a]` curve indices per link, or as many as `buffers[a]` holds up to `maxLen`
 * (default 0: no more than needed); storage is taken from `buffers` when large enough.
 *
 * @example
 * const rings = createRings(76, pathLinks, runFree, workspaceBuffers);
 */
export function createRings(linkCount: number, pathLinks: Int32Array, minSteps: Float64Array, buffers?: RingBuffers, maxLen = 0): SegmentRings {
  const rows = new Int32Array(linkCount);
  const segRow = new Int32Array(pathLinks.length);
  for (let s = 0; s < pathLinks.length; s++) segRow[s] = rows[pathLinks[s]]++;
  const linkSegStart = new Int32Array(linkCount + 1);
  for (let a = 0; a < linkCount; a++) linkSegStart[a + 1] = linkSegStart[a] + rows[a];
  const linkSegs = new Int32Array(pathLinks.length);
  const fill = linkSegStart.slice(0, linkCount);
  for (let s = 0; s < pathLinks.length; s++) linkSegs[fill[pathLinks[s]]++] = s;
  const len = new Int32Array(linkCount);
  const data: Float64Array[] = new Array(linkCount);
  let bytes = 0;
  for (let a = 0; a < linkCount; a++) {
    len[a] = pow2(Math.ceil(minSteps[a]) + 3);
    // as long as the buffer of an earlier loading allows: its queues are likely to come back, and a ring
    // grown in every loading of a DUE allocated (and collected) megabytes per congested link each time
    const old = buffers?.[a];
    if (old !== undefined && rows[a] > 0) while (len[a] * 2 <= maxLen && rows[a] * len[a] * 2 <= old.length) len[a] *= 2;
    data[a] = take(buffers, a, rows[a] * len[a]);
    bytes += data[a].byteLength;
  }
  return { len, rows, data, segRow, linkSegStart, linkSegs, bytes, peakBytes: bytes };
}

/** A zeroed array of n values, from `buffers[a]` when it is large enough (kept there for the next loading). */
function take(buffers: RingBuffers | undefined, a: number, n: number): Float64Array {
  const old = buffers?.[a];
  if (old !== undefined && old.length >= n) {
    const view = old.subarray(0, n);
    view.fill(0);
    return view;
  }
  const fresh = new Float64Array(n);
  if (buffers !== undefined && n > 0) buffers[a] = fresh;
  return fresh;
}

/**
 * Make link a's rings hold curve indices `lo … hi` (hi − lo + 1 slots): double the ring
 * (copying indices lo … hi − 1) when they do not fit. Cheap check first: callers test
 * `hi − lo + 1 > rings.len[a]`.
 *
 * @example
 * if (k + 2 - Math.floor(exitPos[a]) > rings.len[a]) growRing(rings, a, Math.floor(exitPos[a]), k + 1, buffers);
 */
export function growRing(rings: SegmentRings, a: number, lo: number, hi: number, buffers?: RingBuffers): void {
  const oldLen = rings.len[a];
  const need = hi - lo + 1;
  if (need <= oldLen) return;
  const newLen = pow2(need + need / 2);
  const n = rings.rows[a];
  const old = rings.data[a];
  const next = new Float64Array(n * newLen);
  const om = oldLen - 1;
  const nm = newLen - 1;
  for (let k = lo; k < hi; k++) next.set(old.subarray((k & om) * n, (k & om) * n + n), (k & nm) * n);
  rings.bytes += next.byteLength - old.byteLength;
  if (rings.bytes > rings.peakBytes) rings.peakBytes = rings.bytes;
  (rings.len as Int32Array)[a] = newLen;
  rings.data[a] = next;
  if (buffers !== undefined) buffers[a] = next;
}

/**
 * Cumulative inflow of the segment in `row` of a link's ring at fractional curve index x
 * (linear within a step).
 *
 * @example
 * const out = ringAt(rings.data[a], rings.len[a], rings.rows[a], rings.segRow[s], exitPos[a]);
 */
export function ringAt(data: Float64Array, len: number, rows: number, row: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const m = len - 1;
  const v = data[(i & m) * rows + row];
  return f === 0 ? v : v + f * (data[((i + 1) & m) * rows + row] - v);
}

/** Ring contents at the start of a step (what a checkpoint keeps), per segment of the paths then on the network. */
export interface RingSnapshot {
  /** Step k of the snapshot: the window of link a is curve indices `lo[a] … k`. */
  readonly step: number;
  readonly lo: Int32Array;
  /** Per link: exit position x after step k − 1 (the FIFO position of the last vehicle out). */
  readonly exitPos: Float64Array;
  /** Per path: 0 no departure yet, 1 on the network, 2 all arrived; and vehicles that entered its first link. */
  readonly phase: Uint8Array;
  readonly pathIn: Float64Array;
  /** Segment offsets of the snapshot's paths; per segment its cumulative outflow at k. */
  readonly segStart: Int32Array;
  readonly segOut: Float64Array;
  /**
   * Per segment: its stored values are `values[valueStart[s] … valueStart[s + 1])`, the window's
   * curve indices `valueFrom[s] …` (none unless its path has phase 1). The window lo[a] … k is
   * trimmed of its constant ends: indices before `valueFrom[s]` hold the first stored value (the
   * segment's vehicles had not reached the link, or had all entered it long before), indices past
   * the last stored one the last stored value. A third of the full windows on Sioux Falls ×1.0.
   */
  readonly valueStart: Int32Array;
  readonly valueFrom: Int32Array;
  readonly values: Float64Array;
}

/** What a snapshot reads from the loading. */
export interface RingOwner {
  readonly rings: SegmentRings;
  readonly exitPos: Float64Array;
  readonly phase: Uint8Array;
  readonly pathIn: Float64Array;
  readonly segOut: Float64Array;
  readonly segStart: Int32Array;
  readonly pathLinks: Int32Array;
  /** LTM: vehicles waiting at each path's origin. */
  readonly backlog?: Float64Array;
  /**
   * Point queue: per path, its first segment not done (`StepState.segFirst`); the rows of the done
   * ones are no longer written, their window is the path's total throughout.
   */
  readonly segFirst?: Int32Array;
}

/**
 * Copy the windows of the paths on the network at the start of step k, trimmed of their constant
 * ends (O(segments × window) time, values only where a segment's curve changes).
 *
 * @example
 * const snap = snapshotRings(st, k);
 */
export function snapshotRings(o: RingOwner, k: number): RingSnapshot {
  const L = o.exitPos.length;
  const lo = new Int32Array(L);
  for (let a = 0; a < L; a++) lo[a] = Math.min(k, Math.floor(o.exitPos[a]));
  const P = o.phase.length;
  const S = o.segStart[P];
  // canonical phases: a path with every departed vehicle arrived is 2 whether or not the loading
  // has settled it yet (settling depends on later departures), and keeps no window
  const phase = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    const arrived = o.segOut[o.segStart[p + 1] - 1] === o.pathIn[p] && (o.backlog === undefined || o.backlog[p] === 0);
    phase[p] = o.phase[p] === 0 ? 0 : arrived ? 2 : 1;
  }
  // per segment of a path on the network: its window without the constant ends (`RingSnapshot.valueFrom`)
  const { data, len, rows, segRow } = o.rings;
  const valueStart = new Int32Array(S + 1);
  const valueFrom = new Int32Array(S);
  const valueTo = new Int32Array(S);
  for (let p = 0; p < P; p++) {
    const live = o.segFirst === undefined ? o.segStart[p] : o.segFirst[p];
    for (let s = o.segStart[p]; s < o.segStart[p + 1]; s++) {
      valueStart[s + 1] = valueStart[s];
      if (phase[p] !== 1) continue;
      if (s < live) {
        // a done segment: the total at every index of the window, trimmed to its last one
        valueFrom[s] = k;
        valueTo[s] = k;
        valueStart[s + 1] += 1;
        continue;
      }
      const a = o.pathLinks[s];
      const m = len[a] - 1;
      const ring = data[a];
      const n = rows[a];
      const r = segRow[s];
      const first = ring[(lo[a] & m) * n + r];
      const last = ring[(k & m) * n + r];
      let from = lo[a];
      while (from < k && ring[((from + 1) & m) * n + r] === first) from++;
      let to = k;
      while (to > from && ring[((to - 1) & m) * n + r] === last) to--;
      valueFrom[s] = from;
      valueTo[s] = to;
      valueStart[s + 1] += to - from + 1;
    }
  }
  const values = new Float64Array(valueStart[S]);
  for (let p = 0; p < P; p++) {
    const live = o.segFirst === undefined ? o.segStart[p] : o.segFirst[p];
    for (let s = o.segStart[p]; s < o.segStart[p + 1]; s++) {
      if (s < live && phase[p] === 1) {
        values[valueStart[s]] = o.pathIn[p];
        continue;
      }
      const a = o.pathLinks[s];
      const m = len[a] - 1;
      let i = valueStart[s];
      for (let j = valueFrom[s]; i < valueStart[s + 1]; j++, i++) values[i] = data[a][(j & m) * rows[a] + segRow[s]];
    }
  }
  return {
    step: k, lo, exitPos: o.exitPos.slice(), phase, pathIn: o.pathIn.slice(),
    segStart: o.segStart.slice(), segOut: o.segOut.slice(), valueStart, valueFrom, values,
  };
}

/**
 * Refill freshly created (zeroed) rings from a snapshot, path `j` of the snapshot becoming
 * path `newOf[j]` of this loading (−1: gone; such a path must not have departed).
 *
 * @example
 * restoreRings(st, snap, newOf, workspace.rings);
 */
export function restoreRings(o: RingOwner, snap: RingSnapshot, newOf: Int32Array, buffers?: RingBuffers): void {
  const k = snap.step;
  o.exitPos.set(snap.exitPos);
  for (let a = 0; a < snap.lo.length; a++) {
    if (k + 2 - snap.lo[a] > o.rings.len[a]) growRing(o.rings, a, snap.lo[a], k + 1, buffers);
  }
  const { data, len, rows, segRow } = o.rings;
  for (let j = 0; j < newOf.length; j++) {
    const p = newOf[j];
    if (p < 0) continue;
    // an arrived path holds its total everywhere; it is on the network again if it departs after the snapshot (re-settled otherwise)
    o.phase[p] = snap.phase[j] === 0 ? 0 : 1;
    o.pathIn[p] = snap.pathIn[j];
    if (snap.phase[j] === 2) fillPath(o, p, snap.pathIn[j]);
    const n = snap.segStart[j + 1] - snap.segStart[j];
    for (let t = 0; t < n; t++) {
      const from = snap.segStart[j] + t;
      const s = o.segStart[p] + t;
      o.segOut[s] = snap.segOut[from];
      const a = o.pathLinks[s];
      const m = len[a] - 1;
      const v0 = snap.valueStart[from];
      const v1 = snap.valueStart[from + 1];
      if (v1 === v0) continue;
      // the trimmed ends are constant: the first stored value before, the last one after
      const x0 = snap.valueFrom[from];
      const ring = data[a];
      const n = rows[a];
      const r = segRow[s];
      for (let x = snap.lo[a]; x <= k; x++) {
        const i = x - x0;
        ring[(x & m) * n + r] = snap.values[i <= 0 ? v0 : v0 + i < v1 ? v0 + i : v1 - 1];
      }
    }
  }
}

/**
 * Every ring slot of path p's segments set to `total` (an arrived path: all its curves are flat).
 *
 * @example
 * fillPath(st, p, st.segOut[st.segStart[p + 1] - 1]); // path p has arrived
 */
export function fillPath(o: RingOwner, p: number, total: number): void {
  const { data, len, rows, segRow } = o.rings;
  for (let s = o.segStart[p]; s < o.segStart[p + 1]; s++) {
    const a = o.pathLinks[s];
    for (let j = 0; j < len[a]; j++) data[a][j * rows[a] + segRow[s]] = total;
  }
}

/**
 * The snapshot with its paths renumbered: path i of the result is path `pathMap[i]` of the
 * snapshot (−1: a path that had not departed), each with `pathLength[i]` links.
 *
 * @example
 * const kept = renumberRings(state.rings, resume.pathMap, Int32Array.from(paths, (p) => p.links.length));
 */
export function renumberRings(snap: RingSnapshot, pathMap: Int32Array, pathLength: Int32Array): RingSnapshot {
  const P = pathMap.length;
  const segStart = new Int32Array(P + 1);
  for (let i = 0; i < P; i++) segStart[i + 1] = segStart[i] + pathLength[i];
  const S = segStart[P];
  const valueStart = new Int32Array(S + 1);
  const phase = new Uint8Array(P);
  const pathIn = new Float64Array(P);
  const segOut = new Float64Array(S);
  for (let i = 0; i < P; i++) {
    const j = pathMap[i];
    for (let t = 0; t < pathLength[i]; t++) {
      const s = segStart[i] + t;
      valueStart[s + 1] = valueStart[s] + (j >= 0 ? snap.valueStart[snap.segStart[j] + t + 1] - snap.valueStart[snap.segStart[j] + t] : 0);
    }
  }
  const values = new Float64Array(valueStart[S]);
  const valueFrom = new Int32Array(S);
  for (let i = 0; i < P; i++) {
    const j = pathMap[i];
    if (j < 0) continue;
    phase[i] = snap.phase[j];
    pathIn[i] = snap.pathIn[j];
    for (let t = 0; t < pathLength[i]; t++) {
      const from = snap.segStart[j] + t;
      segOut[segStart[i] + t] = snap.segOut[from];
      valueFrom[segStart[i] + t] = snap.valueFrom[from];
      values.set(snap.values.subarray(snap.valueStart[from], snap.valueStart[from + 1]), valueStart[segStart[i] + t]);
    }
  }
  return { step: snap.step, lo: snap.lo, exitPos: snap.exitPos, phase, pathIn, segStart, segOut, valueStart, valueFrom, values };
}
