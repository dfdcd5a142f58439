/**
 * The physical point of an LP iterate: keep the LP's decisions (generator P/Q,
 * shedding, inverter Q) and solve the power flow they imply with grid-data's
 * backward/forward sweep (`sweepDistFlow`). That point lies on the cone
 * `P² + Q² = v·ℓ` of every branch, so tangent cuts taken there are the cuts the
 * next LP needs when only loads moved. (Measured: they help little where a
 * smooth interior optimum — inverter reactive power minimising losses — makes
 * the LP hop between kinks; that case still takes 3–6 LPs per interval.)
 */
import { sweepDistFlow, type SweepTree } from '../powerflow/sweepDistFlow.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { DistFlowLayout } from './distFlowLp.js';

interface IslandSweep {
  /** Bus position of each tree entry. */
  readonly positions: Int32Array;
  readonly tree: SweepTree & { pLoadPu: Float64Array; qLoadPu: Float64Array };
}

/** Branch quantities of the physical point, by receiving-bus position (NaN where the sweep failed). */
export interface SweepPoint {
  readonly pSendPu: Float64Array;
  readonly qSendPu: Float64Array;
  readonly vSqPu: Float64Array;
}

/**
 * Reusable sweep of one topology's islands.
 *
 * @example
 * const sweep = new DistFlowSweepPoint(net, layout);
 * const point = sweep.compute(colValue, interval); // point.pSendPu[b] etc.
 */
export class DistFlowSweepPoint {
  private readonly islands: IslandSweep[] = [];
  private readonly out: SweepPoint;

  constructor(private readonly net: NetworkTemplate, private readonly layout: DistFlowLayout) {
    const n = net.nBus;
    const entryOf = new Int32Array(n);
    let start = 0;
    for (let t = 0; t < net.islandRoot.length; t++) {
      let end = start;
      while (end < n && net.island[net.order[end]] === t) end++;
      const positions = net.order.slice(start, end);
      const m = positions.length;
      positions.forEach((b, i) => (entryOf[b] = i));
      const parent = new Int32Array(m);
      const rPu = new Float64Array(m);
      const xPu = new Float64Array(m);
      const ratioSq = new Float64Array(m);
      const gShuntPu = new Float64Array(m);
      const bShuntPu = new Float64Array(m);
      positions.forEach((b, i) => {
        parent[i] = net.parent[b] < 0 ? -1 : entryOf[net.parent[b]];
        rPu[i] = net.rPu[b];
        xPu[i] = net.xPu[b];
        ratioSq[i] = net.tauSq[b];
        gShuntPu[i] = net.shuntGPu[b];
        bShuntPu[i] = net.shuntBPu[b];
      });
      this.islands.push({
        positions,
        tree: { parent, rPu, xPu, ratioSq, gShuntPu, bShuntPu, pLoadPu: new Float64Array(m), qLoadPu: new Float64Array(m) },
      });
      start = end;
    }
    this.out = { pSendPu: new Float64Array(n), qSendPu: new Float64Array(n), vSqPu: new Float64Array(n) };
  }

  /**
   * Power flow at the LP iterate `x`'s decisions.
   * Steps: 1. per bus, net consumption = demand − generation − shed − inverter Q;
   * 2. sweep each island from its root voltage in `x`; 3. scatter to bus positions.
   */
  compute(x: Float64Array, interval: IntervalTemplate): SweepPoint {
    const net = this.net;
    const L = this.layout;
    const out = this.out;
    for (const { positions, tree } of this.islands) {
      for (let i = 0; i < positions.length; i++) {
        const b = positions[i];
        tree.pLoadPu[i] = interval.pDemandPu[b] - x[L.colShed + b] - x[L.colShedStation + b];
        tree.qLoadPu[i] = interval.qDemandPu[b] - interval.shedQPerP[b] * x[L.colShed + b] - x[L.colQInv + b];
      }
      for (let g = 0; g < net.genBus.length; g++) {
        const b = net.genBus[g];
        const i = positions.indexOf(b);
        if (i < 0) continue;
        tree.pLoadPu[i] -= x[L.colPg + g];
        tree.qLoadPu[i] -= x[L.colQg + g];
      }
      const sweep = sweepDistFlow(tree, { slackVoltageSq: x[L.colV + positions[0]], tolerancePu: 1e-12, maxIterations: 30 });
      for (let i = 0; i < positions.length; i++) {
        const b = positions[i];
        const ok = sweep.converged;
        out.pSendPu[b] = ok ? sweep.pSendPu[i] : NaN;
        out.qSendPu[b] = ok ? sweep.qSendPu[i] : NaN;
        out.vSqPu[b] = ok ? sweep.vSq[i] : NaN;
      }
    }
    return out;
  }
}
