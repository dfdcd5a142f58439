/**
 * Internal: per-bush topological orders for the Algorithm-B engine, cached between
 * bush updates (flow shifts never change a bush's link set, so labels can run over
 * the cached order and grouped in-links instead of scanning every link).
 */
import type { Network } from '../network/network.js';

export class BushTopology {
  /** Reverse star of the whole network: links entering node j are `inLinks[inStart[j] … inStart[j+1])`. */
  readonly inStart: Int32Array;
  readonly inLinks: Int32Array;
  /** Bush b's nodes in topological order: `order[b·N + idx]`, idx < `count[b]`. */
  readonly order: Int32Array;
  readonly count: Int32Array;
  /** Bush b's links grouped by head node in that order: `links[b·L + start[b·(N+1) + idx] …]`. */
  readonly start: Int32Array;
  readonly links: Int32Array;
  private readonly indeg: Int32Array;

  constructor(private readonly net: Network, bushCount: number) {
    const N = net.nodeIds.length;
    const L = net.from.length;
    this.inStart = new Int32Array(N + 1);
    for (let a = 0; a < L; a++) this.inStart[net.to[a] + 1]++;
    for (let i = 0; i < N; i++) this.inStart[i + 1] += this.inStart[i];
    const fill = this.inStart.slice(0, N);
    this.inLinks = new Int32Array(L);
    for (let a = 0; a < L; a++) this.inLinks[fill[net.to[a]]++] = a;
    this.order = new Int32Array(bushCount * N);
    this.count = new Int32Array(bushCount);
    this.start = new Int32Array(bushCount * (N + 1));
    this.links = new Int32Array(bushCount * L);
    this.indeg = new Int32Array(N);
  }

  /**
   * Rebuild bush b's order (Kahn's algorithm on the link mask `inBush[b·L + a]`,
   * from `origin`) and its grouped in-links. Call after every change of its link set.
   */
  rebuild(b: number, inBush: Uint8Array, origin: number): void {
    const { net, indeg, inStart, inLinks, order } = this;
    const N = net.nodeIds.length;
    const L = net.from.length;
    const off = b * L;
    const orderOff = b * N;
    const startOff = b * (N + 1);
    const { outStart, outLinks, to } = net;
    indeg.fill(0);
    for (let a = 0; a < L; a++) if (inBush[off + a] === 1) indeg[to[a]]++;
    order[orderOff] = origin;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = order[orderOff + head++];
      for (let p = outStart[u], end = outStart[u + 1]; p < end; p++) {
        const a = outLinks[p];
        if (inBush[off + a] === 1 && --indeg[to[a]] === 0) order[orderOff + tail++] = to[a];
      }
    }
    this.count[b] = tail;
    let k = 0;
    for (let idx = 0; idx < tail; idx++) {
      this.start[startOff + idx] = k;
      const j = order[orderOff + idx];
      for (let p = inStart[j], end = inStart[j + 1]; p < end; p++) {
        const a = inLinks[p];
        if (inBush[off + a] === 1) this.links[off + k++] = a;
      }
    }
    this.start[startOff + tail] = k;
  }
}
