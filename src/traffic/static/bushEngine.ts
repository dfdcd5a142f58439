/**
 * Internal: the Algorithm-B engine (Dial 2006, "A path-based user-equilibrium traffic
 * assignment algorithm that obviates path storage and enumeration", Transp. Res. B
 * 40(10); bush update after Nie 2010) on typed arrays.
 *
 * One bush per (class, origin): an acyclic set of links rooted at the origin, stored
 * as a byte mask `inBush[b·L + a]` with origin-based flows `bushFlow[b·L + a]`.
 * All classes share the BPR time t_a(X) of the total flow X; class k adds a fixed
 * cost m_a^k, so the Jacobian is symmetric and a Beckmann objective exists.
 */
import type { Network } from '../network/network.js';
import { createShortestPathTree, shortestPathTree, type ShortestPathTree } from '../network/shortestPathTree.js';
import { BushTopology } from './bushTopology.js';
import { evaluateLink, linkIntegral, type BprTable } from './linkCosts.js';
import type { PreparedClasses } from './prepareUeClasses.js';

/** Figures of one gap measurement (generalized costs, minutes). */
export interface GapMeasure {
  readonly totalCost: number;
  readonly shortestCost: number;
  readonly relativeGap: number;
  readonly averageExcessCostMin: number;
  readonly objective: number;
}

export class BushEngine {
  readonly linkFlow: Float64Array;
  readonly time: Float64Array;
  readonly classFlow: Float64Array[];
  readonly inBush: Uint8Array;
  readonly bushFlow: Float64Array;
  /** Largest U − L of each bush at its last shift pass (minutes). */
  readonly bushExcess: Float64Array;
  /**
   * Per bush: flows at or below this (veh/h) count as unused. Floating-point shifts
   * leave residues like 3e-14 on links whose tail has no inflow left; treating them
   * as used would pin the longest-path labels and stall the bush update.
   */
  private readonly usedEps: Float64Array;
  private readonly topo: BushTopology;
  private readonly N: number;

  private readonly L: number;
  private readonly deriv: Float64Array;
  private readonly noThrough: Uint8Array;
  private readonly pos: Int32Array;
  private readonly seen: Int32Array;
  private readonly lowCost: Float64Array;
  private readonly highCost: Float64Array;
  private readonly lowPred: Int32Array;
  private readonly highPred: Int32Array;
  private readonly tree: ShortestPathTree;
  private readonly classCost: Float64Array;
  private stamp = 0;
  private count = 0;

  constructor(private readonly net: Network, private readonly bpr: BprTable, private readonly prep: PreparedClasses) {
    const N = net.nodeIds.length;
    const L = net.from.length;
    const B = prep.bushes.length;
    this.L = L;
    this.N = N;
    this.topo = new BushTopology(net, B);
    this.linkFlow = new Float64Array(L);
    this.time = new Float64Array(L);
    this.deriv = new Float64Array(L);
    this.classFlow = prep.fixedCostMin.map(() => new Float64Array(L));
    this.inBush = new Uint8Array(B * L);
    this.bushFlow = new Float64Array(B * L);
    this.bushExcess = new Float64Array(B).fill(Infinity);
    this.usedEps = Float64Array.from(prep.bushes, (bush) => 1e-11 * bush.vehPerH.reduce((x, y) => x + y, 0));
    this.noThrough = Uint8Array.from(net.nodeIds, (id) => (id < net.firstThruNode ? 1 : 0));
    this.pos = new Int32Array(N);
    this.seen = new Int32Array(N);
    this.lowCost = new Float64Array(N);
    this.highCost = new Float64Array(N);
    this.lowPred = new Int32Array(N);
    this.highPred = new Int32Array(N);
    this.tree = createShortestPathTree(N);
    this.classCost = new Float64Array(L);
  }

  /** All-or-nothing loading on free-flow generalized costs; each bush starts as its shortest-path tree. */
  initialize(): void {
    const { net, L } = this;
    for (let a = 0; a < L; a++) evaluateLink(this.bpr, a, 0, this.time, this.deriv);
    const pending = new Float64Array(net.nodeIds.length);
    let lastClass = -1;
    this.prep.bushes.forEach((bush, b) => {
      if (bush.classIndex !== lastClass) this.fillClassCost((lastClass = bush.classIndex));
      const tree = shortestPathTree(net, this.classCost, bush.origin, this.tree);
      const off = b * L;
      for (let v = 0; v < net.nodeIds.length; v++) if (tree.predLink[v] >= 0) this.inBush[off + tree.predLink[v]] = 1;
      bush.destinations.forEach((d, i) => (pending[d] += bush.vehPerH[i]));
      for (let s = tree.settled - 1; s > 0; s--) {
        const v = tree.order[s];
        if (pending[v] === 0) continue;
        const a = tree.predLink[v];
        this.bushFlow[off + a] += pending[v];
        pending[net.from[a]] += pending[v];
        pending[v] = 0;
      }
      pending[bush.origin] = 0;
      this.topo.rebuild(b, this.inBush, bush.origin);
    });
    this.refreshFlows();
  }

  /** Recompute link and class flows from the bush flows (drops rounding drift) and re-evaluate costs. */
  refreshFlows(): void {
    const { L } = this;
    this.linkFlow.fill(0);
    for (const f of this.classFlow) f.fill(0);
    this.prep.bushes.forEach((bush, b) => {
      const cf = this.classFlow[bush.classIndex];
      const off = b * L;
      for (let a = 0; a < L; a++) cf[a] += this.bushFlow[off + a];
    });
    for (const cf of this.classFlow) for (let a = 0; a < L; a++) this.linkFlow[a] += cf[a];
    for (let a = 0; a < L; a++) evaluateLink(this.bpr, a, this.linkFlow[a], this.time, this.deriv);
  }

  /** Relative gap, average excess cost and Beckmann objective at the current flows (call `refreshFlows` first). */
  measure(): GapMeasure {
    const { L, net } = this;
    let totalCost = 0;
    let objective = 0;
    for (let a = 0; a < L; a++) objective += linkIntegral(this.bpr, a, this.linkFlow[a]);
    this.classFlow.forEach((cf, k) => {
      const fixed = this.prep.fixedCostMin[k];
      for (let a = 0; a < L; a++) {
        if (cf[a] > 0) {
          totalCost += cf[a] * (this.time[a] + fixed[a]);
          objective += cf[a] * fixed[a];
        }
      }
    });
    let shortestCost = 0;
    let lastClass = -1;
    for (const bush of this.prep.bushes) {
      if (bush.classIndex !== lastClass) this.fillClassCost((lastClass = bush.classIndex));
      const tree = shortestPathTree(net, this.classCost, bush.origin, this.tree);
      for (let i = 0; i < bush.destinations.length; i++) shortestCost += bush.vehPerH[i] * tree.cost[bush.destinations[i]];
    }
    const excess = totalCost - shortestCost;
    return {
      totalCost,
      shortestCost,
      relativeGap: totalCost > 0 ? excess / totalCost : 0,
      averageExcessCostMin: this.prep.totalDemand > 0 ? excess / this.prep.totalDemand : 0,
      objective,
    };
  }

  /**
   * Bush update: drop unused links (keeping the cheapest-path tree so every node
   * stays reachable), then add every link (i, j) with U_i + c_ij < U_j, where U is
   * the longest-path label over the remaining bush. U strictly increases along the
   * added links and never decreases along bush links, so the bush stays acyclic.
   */
  updateBush(b: number): number {
    const { L, net, inBush, bushFlow } = this;
    const off = b * L;
    const bush = this.prep.bushes[b];
    const fixed = this.prep.fixedCostMin[bush.classIndex];
    this.labels(b);
    const eps = this.usedEps[b];
    for (let a = 0; a < L; a++) {
      if (inBush[off + a] === 1 && !(bushFlow[off + a] > eps)) {
        // Residues are dropped; the cheapest-path tree stays so every node stays reachable.
        bushFlow[off + a] = 0;
        if (this.lowPred[net.to[a]] !== a) inBush[off + a] = 0;
      }
    }
    const { highCost, time, seen, noThrough } = this;
    const order = this.topo.order;
    const orderOff = b * this.N;
    const startOff = b * (this.N + 1);
    highCost[bush.origin] = 0;
    for (let idx = 1; idx < this.count; idx++) {
      const j = order[orderOff + idx];
      let best = -Infinity;
      for (let p = off + this.topo.start[startOff + idx], end = off + this.topo.start[startOff + idx + 1]; p < end; p++) {
        const a = this.topo.links[p];
        if (inBush[off + a] === 0) continue;
        const v = highCost[net.from[a]] + time[a] + fixed[a];
        if (v > best) best = v;
      }
      highCost[j] = best;
    }
    let added = 0;
    const stamp = this.stamp;
    for (let a = 0; a < L; a++) {
      if (inBush[off + a] === 1) continue;
      const i = net.from[a];
      const j = net.to[a];
      if (seen[i] !== stamp || j === bush.origin || (noThrough[i] === 1 && i !== bush.origin)) continue;
      const c = time[a] + fixed[a];
      if (highCost[i] + c < highCost[j]) {
        inBush[off + a] = 1;
        added++;
      }
    }
    this.topo.rebuild(b, inBush, bush.origin);
    return added;
  }

  /**
   * One flow-shift pass over bush b (Algorithm B): for each node j, latest first in
   * topological order, move flow from the longest used path segment to the cheapest
   * one between j and their last common node, by a Newton step
   * Δ = (c_max − c_min) / Σ t'_a, capped by the least bush flow on the long segment.
   * Returns the largest U_j − L_j seen (minutes).
   */
  shift(b: number, threshold: number): number {
    const { L, net, bushFlow, linkFlow, time, deriv, lowPred, highPred, pos } = this;
    const from = net.from;
    const off = b * L;
    const fixed = this.prep.fixedCostMin[this.prep.bushes[b].classIndex];
    this.labels(b);
    let worst = 0;
    const order = this.topo.order;
    const orderOff = b * this.N;
    for (let idx = this.count - 1; idx > 0; idx--) {
      const j = order[orderOff + idx];
      const high = highPred[j];
      if (high < 0) continue;
      const excess = this.highCost[j] - this.lowCost[j];
      if (excess > worst) worst = excess;
      if (excess <= threshold || lowPred[j] === high) continue;
      // Walk both segments back to their last common node.
      let m = j;
      let M = j;
      let cMin = 0;
      let cMax = 0;
      let d = 0;
      let minFlow = Infinity;
      let a = lowPred[m];
      cMin += time[a] + fixed[a];
      d += deriv[a];
      m = from[a];
      a = high;
      cMax += time[a] + fixed[a];
      d += deriv[a];
      minFlow = bushFlow[off + a];
      M = from[a];
      let broken = false;
      while (m !== M) {
        if (pos[m] > pos[M]) {
          a = lowPred[m];
          cMin += time[a] + fixed[a];
          d += deriv[a];
          m = from[a];
        } else {
          a = highPred[M];
          if (a < 0) {
            broken = true;
            break;
          }
          cMax += time[a] + fixed[a];
          d += deriv[a];
          if (bushFlow[off + a] < minFlow) minFlow = bushFlow[off + a];
          M = from[a];
        }
      }
      const diff = cMax - cMin;
      if (broken || !(diff > 0) || !(minFlow > 0)) continue;
      let delta = d > 0 ? diff / d : minFlow;
      if (delta > minFlow) delta = minFlow;
      const meet = m;
      for (let v = j; v !== meet; v = from[a]) {
        a = lowPred[v];
        bushFlow[off + a] += delta;
        linkFlow[a] += delta;
        evaluateLink(this.bpr, a, linkFlow[a], time, deriv);
      }
      for (let v = j; v !== meet; v = from[a]) {
        a = highPred[v];
        const left = bushFlow[off + a] - delta;
        bushFlow[off + a] = left > 0 ? left : 0;
        linkFlow[a] -= delta;
        evaluateLink(this.bpr, a, linkFlow[a], time, deriv);
      }
    }
    this.bushExcess[b] = worst;
    return worst;
  }

  /**
   * On bush b's cached topological order: node positions, the cheapest-path label L
   * over all bush links and the longest-path label U over used links (flow > eps).
   */
  private labels(b: number): void {
    const { L, N, net, bushFlow, pos, seen, lowCost, highCost, lowPred, highPred, time } = this;
    const off = b * L;
    const orderOff = b * N;
    const startOff = b * (N + 1);
    const bush = this.prep.bushes[b];
    const fixed = this.prep.fixedCostMin[bush.classIndex];
    const eps = this.usedEps[b];
    const from = net.from;
    const order = this.topo.order;
    const inStart = this.topo.start;
    const inLinks = this.topo.links;
    const count = this.topo.count[b];
    const stamp = ++this.stamp;
    const r = bush.origin;
    this.count = count;
    pos[r] = 0;
    seen[r] = stamp;
    lowCost[r] = 0;
    highCost[r] = 0;
    lowPred[r] = -1;
    highPred[r] = -1;
    for (let idx = 1; idx < count; idx++) {
      const j = order[orderOff + idx];
      pos[j] = idx;
      seen[j] = stamp;
      let low = Infinity;
      let lp = -1;
      let high = -Infinity;
      let hp = -1;
      for (let p = off + inStart[startOff + idx], end = off + inStart[startOff + idx + 1]; p < end; p++) {
        const a = inLinks[p];
        const i = from[a];
        const c = time[a] + fixed[a];
        const vl = lowCost[i] + c;
        if (vl < low) {
          low = vl;
          lp = a;
        }
        if (bushFlow[off + a] > eps) {
          const vh = highCost[i] + c;
          if (vh > high) {
            high = vh;
            hp = a;
          }
        }
      }
      lowCost[j] = low;
      lowPred[j] = lp;
      highCost[j] = hp >= 0 ? high : low;
      highPred[j] = hp;
    }
  }

  private fillClassCost(k: number): void {
    const fixed = this.prep.fixedCostMin[k];
    for (let a = 0; a < this.L; a++) this.classCost[a] = this.time[a] + fixed[a];
  }
}
