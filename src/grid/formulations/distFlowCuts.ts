/**
 * The cut pool of the DistFlow outer approximation: tangent planes of the
 * branch-flow cone `P² + Q² ≤ v·ℓ`, polygon sides of branch ratings
 * `P² + Q² ≤ S²`, and tangents of quadratic generator costs `z ≥ c2·p²`.
 *
 * Every cut is valid for *all* intervals — cone cuts are supporting planes of a
 * cone through the origin (`2P₀·P + 2Q₀·Q − ℓ₀·v − v₀·ℓ ≤ 0` at a point with
 * `P₀² + Q₀² = v₀ℓ₀`), rating and cost cuts are tangents of fixed convex sets —
 * so the pool only grows and later intervals start from a tight model
 * (Kelley's cutting planes; Farivar & Low 2013 for the exact relaxation).
 */
import type { Model } from 'highs';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { DistFlowLayout } from './distFlowLp.js';
import type { SweepPoint } from './distFlowSweepPoint.js';

/** Cut kinds. */
export const CUT_CONE = 0;
export const CUT_RATING = 1;
export const CUT_COST = 2;

const PROJECTION_TOO = false;

/** Aggregated cut duals per bus (see `BranchFlowSolution`). */
export interface CutDuals {
  lossP: Float64Array;
  lossQ: Float64Array;
  lossV: Float64Array;
  congP: Float64Array;
  congQ: Float64Array;
}

/**
 * Set of cut rows appended after the DistFlow rows: grows by separation,
 * shrinks by pruning cone cuts that stayed slack.
 *
 * @example
 * const pool = new CutPool(net, layout, true, 1e-6);
 * pool.addInitialCuts(model);
 * while (pool.separate(model, solveAndGetColValue()) > 0);
 */
export class CutPool {
  private readonly kind: number[] = [];
  private readonly target: number[] = [];
  private readonly coefP: number[] = [];
  private readonly coefQ: number[] = [];
  private readonly coefV: number[] = [];
  /** Consecutive solves each cut has been slack (zero dual). */
  private readonly idle: number[] = [];
  // Pending rows of the current batch.
  private pendLower: number[] = [];
  private pendUpper: number[] = [];
  private pendCols: number[][] = [];
  private pendVals: number[][] = [];
  private readonly rateTol: number;
  private scratchP: Float64Array | undefined;
  private scratchQ: Float64Array | undefined;

  constructor(
    private readonly net: NetworkTemplate,
    private readonly layout: DistFlowLayout,
    private readonly withLosses: boolean,
    private readonly tolPu: number,
  ) {
    this.rateTol = tolPu;
  }

  /** Number of cut rows in the model. */
  get size(): number {
    return this.kind.length;
  }

  /** Seed the model: a cone cut at each branch's nominal downstream load, rating octagons, cost tangents at the limits. */
  addInitialCuts(model: Model): void {
    const net = this.net;
    const n = net.nBus;
    const pSub = new Float64Array(n);
    const qSub = new Float64Array(n);
    for (let k = n - 1; k >= 0; k--) {
      const b = net.order[k];
      pSub[b] += net.pLoadPu[b];
      qSub[b] += net.qLoadPu[b];
      const a = net.parent[b];
      if (a >= 0) {
        pSub[a] += pSub[b];
        qSub[a] += qSub[b];
      }
    }
    for (let b = 0; b < n; b++) {
      if (net.parent[b] < 0) continue;
      if (this.withLosses && (pSub[b] !== 0 || qSub[b] !== 0)) this.coneCut(b, pSub[b], qSub[b], 1);
      if (net.rateSqPu[b] < Infinity) {
        for (let k = 0; k < 8; k++) this.ratingCut(b, Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4));
      }
    }
    for (let g = 0; g < net.genBus.length; g++) {
      if (!(net.genC2UsdPerHPu2[g] > 0)) continue;
      const lo = Number.isFinite(net.genPMinPu[g]) ? net.genPMinPu[g] : 0;
      const hi = Number.isFinite(net.genPMaxPu[g]) ? net.genPMaxPu[g] : lo + 1;
      for (const p0 of [lo, (lo + hi) / 2, hi]) this.costCut(g, p0);
    }
    this.flush(model);
  }

  /**
   * Add a cut for every constraint of `x` violated above tolerance; return how many.
   * Steps: cone — project ℓ to (P²+Q²)/v and cut at that surface point; rating —
   * a polygon side normal to (P, Q); cost — the tangent at pg.
   */
  separate(model: Model, x: Float64Array, physicalPoint?: () => SweepPoint): number {
    const net = this.net;
    const L = this.layout;
    let physical: SweepPoint | undefined;
    for (let b = 0; b < net.nBus; b++) {
      const a = net.parent[b];
      if (a < 0) continue;
      const p = x[L.colP + b];
      const q = x[L.colQ + b];
      const s2 = p * p + q * q;
      if (this.withLosses && s2 - x[L.colV + a] * x[L.colL + b] > this.tolPu) {
        // Cut at the iterate with ℓ projected onto the cone, and at the physical
        // point of the same decisions (see distFlowSweepPoint.ts).
        this.coneCut(b, p, q, x[L.colV + a]);
        physical ??= physicalPoint?.();
        if (physical !== undefined && Number.isFinite(physical.pSendPu[b]) && physical.vSqPu[a] > 0) {
          this.coneCut(b, physical.pSendPu[b], physical.qSendPu[b], physical.vSqPu[a]);
        }
      }
      const rate2 = net.rateSqPu[b];
      if (rate2 < Infinity && Math.sqrt(s2) - Math.sqrt(rate2) > this.rateTol) {
        const s = Math.sqrt(s2);
        this.ratingCut(b, p / s, q / s);
      }
    }
    for (let g = 0; g < net.genBus.length; g++) {
      const c2 = net.genC2UsdPerHPu2[g];
      if (!(c2 > 0)) continue;
      const p = x[L.colPg + g];
      const want = c2 * p * p;
      if (want - x[L.colZ + g] > 1e-7 * (1 + want)) this.costCut(g, p);
    }
    return this.flush(model);
  }

  /**
   * Add cone cuts where the next interval's flows are predicted to land: the last
   * solution's flows plus the change of downstream demand, at the last voltages.
   * A moving operating point otherwise costs one LP round per ~10× gap reduction
   * (Kelley's method converges linearly); predicted tangents let the first LP of
   * an interval start close to the cone. Returns the number of cuts added.
   */
  predict(model: Model, x: Float64Array, dP: Float64Array, dQ: Float64Array): number {
    if (!this.withLosses) return 0;
    const net = this.net;
    const L = this.layout;
    const n = net.nBus;
    const subP = this.scratchP ?? (this.scratchP = new Float64Array(n));
    const subQ = this.scratchQ ?? (this.scratchQ = new Float64Array(n));
    subP.set(dP);
    subQ.set(dQ);
    for (let k = n - 1; k >= 0; k--) {
      const b = net.order[k];
      const a = net.parent[b];
      if (a < 0) continue;
      subP[a] += subP[b];
      subQ[a] += subQ[b];
    }
    for (let b = 0; b < n; b++) {
      const a = net.parent[b];
      if (a < 0) continue;
      const p = x[L.colP + b];
      const q = x[L.colQ + b];
      const change = Math.abs(subP[b]) + Math.abs(subQ[b]);
      if (change <= 1e-4 * (Math.abs(p) + Math.abs(q)) || change === 0) continue;
      const pNew = p + subP[b];
      const qNew = q + subQ[b];
      if (pNew === 0 && qNew === 0) continue;
      this.coneCut(b, pNew, qNew, x[L.colV + a]);
    }
    return this.flush(model);
  }

  /** Largest v·ℓ − P² − Q² (relaxation slack), pu², and the bus where it occurs. */
  coneExcess(x: Float64Array): { maxPu: number; bus: number } {
    let maxPu = 0;
    let bus = -1;
    if (!this.withLosses) return { maxPu, bus };
    const L = this.layout;
    for (let b = 0; b < this.net.nBus; b++) {
      const a = this.net.parent[b];
      if (a < 0) continue;
      const p = x[L.colP + b];
      const q = x[L.colQ + b];
      const e = x[L.colV + a] * x[L.colL + b] - p * p - q * q;
      if (e > maxPu) {
        maxPu = e;
        bus = b;
      }
    }
    return { maxPu, bus };
  }

  /**
   * Delete cone cuts that have been slack for `maxIdle` consecutive intervals.
   * Without this the pool grows by about one cut per branch per interval (a
   * moving operating point needs fresh tangents at a 1e-6 tolerance) and every
   * LP gets slower. Slack rows are basic, so deleting them keeps the basis
   * valid and the next solve warm.
   */
  prune(model: Model, rowDual: Float64Array, maxIdle = 2): number {
    const first = this.layout.numRows;
    const drop: number[] = [];
    for (let k = 0; k < this.kind.length; k++) {
      this.idle[k] = rowDual[first + k] === 0 ? this.idle[k] + 1 : 0;
      if (this.kind[k] === CUT_CONE && this.idle[k] > maxIdle) drop.push(k);
    }
    if (drop.length === 0) return 0;
    model.deleteRows({ kind: 'set', indices: new Int32Array(drop.map((k) => first + k)) });
    const keep = new Uint8Array(this.kind.length).fill(1);
    for (const k of drop) keep[k] = 0;
    for (const arr of [this.kind, this.target, this.coefP, this.coefQ, this.coefV, this.idle]) {
      let w = 0;
      for (let k = 0; k < arr.length; k++) if (keep[k]) arr[w++] = arr[k];
      arr.length = w;
    }
    return drop.length;
  }

  /** Sum each cut's dual times its coefficients onto the buses the cut touches. */
  aggregateDuals(rowDual: Float64Array): CutDuals {
    const n = this.net.nBus;
    const out: CutDuals = {
      lossP: new Float64Array(n), lossQ: new Float64Array(n), lossV: new Float64Array(n),
      congP: new Float64Array(n), congQ: new Float64Array(n),
    };
    const first = this.layout.numRows;
    for (let k = 0; k < this.kind.length; k++) {
      const y = rowDual[first + k];
      if (y === 0) continue;
      const b = this.target[k];
      if (this.kind[k] === CUT_CONE) {
        out.lossP[b] += y * this.coefP[k];
        out.lossQ[b] += y * this.coefQ[k];
        out.lossV[this.net.parent[b]] += y * this.coefV[k];
      } else if (this.kind[k] === CUT_RATING) {
        out.congP[b] += y * this.coefP[k];
        out.congQ[b] += y * this.coefQ[k];
      }
    }
    return out;
  }

  private coneCut(b: number, p: number, q: number, vA: number): void {
    const L = this.layout;
    const lStar = (p * p + q * q) / vA;
    // Normalise so the largest coefficient is 1 (keeps the LP well scaled).
    const scale = 1 / Math.max(Math.abs(2 * p), Math.abs(2 * q), lStar, vA);
    const cp = 2 * p * scale;
    const cq = 2 * q * scale;
    const cv = -lStar * scale;
    const cl = -vA * scale;
    this.push(CUT_CONE, b, cp, cq, cv, -Infinity, 0, [L.colP + b, L.colQ + b, L.colV + this.net.parent[b], L.colL + b], [cp, cq, cv, cl]);
  }

  private ratingCut(b: number, cosA: number, sinA: number): void {
    const L = this.layout;
    const rate = Math.sqrt(this.net.rateSqPu[b]);
    this.push(CUT_RATING, b, cosA, sinA, 0, -Infinity, rate, [L.colP + b, L.colQ + b], [cosA, sinA]);
  }

  private costCut(g: number, p0: number): void {
    const L = this.layout;
    const c2 = this.net.genC2UsdPerHPu2[g];
    // z ≥ c2 (2 p0 p − p0²)  ⇔  −2 c2 p0 · p + z ≥ −c2 p0²
    this.push(CUT_COST, g, 0, 0, 0, -c2 * p0 * p0, Infinity, [L.colPg + g, L.colZ + g], [-2 * c2 * p0, 1]);
  }

  private push(kind: number, target: number, cp: number, cq: number, cv: number, lower: number, upper: number, cols: number[], vals: number[]): void {
    this.kind.push(kind);
    this.target.push(target);
    this.coefP.push(cp);
    this.coefQ.push(cq);
    this.coefV.push(cv);
    this.idle.push(0);
    this.pendLower.push(lower);
    this.pendUpper.push(upper);
    // Drop zero coefficients and keep columns increasing (HiGHS rejects duplicates).
    const keep = cols.map((c, i) => [c, vals[i]] as const).filter(([, v]) => v !== 0).sort((s, t) => s[0] - t[0]);
    this.pendCols.push(keep.map(([c]) => c));
    this.pendVals.push(keep.map(([, v]) => v));
  }

  private flush(model: Model): number {
    const count = this.pendLower.length;
    if (count === 0) return 0;
    const starts = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) starts[i + 1] = starts[i] + this.pendCols[i].length;
    const indices = new Int32Array(this.pendCols.flat());
    const values = new Float64Array(this.pendVals.flat());
    model.addRows({
      lower: new Float64Array(this.pendLower),
      upper: new Float64Array(this.pendUpper),
      matrix: { format: 'csr', numRows: count, numCols: this.layout.numCols, starts, indices, values },
    });
    this.pendLower = [];
    this.pendUpper = [];
    this.pendCols = [];
    this.pendVals = [];
    return count;
  }
}
