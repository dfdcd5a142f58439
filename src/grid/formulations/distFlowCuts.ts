/**
 * The cut pool of the DistFlow outer approximation — where to cut (the rows
 * themselves, their basis copy and pruning live in `distFlowCutRows.ts`, the staging of one
 * tangent with its stall guard in `tangentCuts.ts`): tangent planes of the
 * branch-flow cone `P² + Q² ≤ v·ℓ`, tangents of branch ratings `P² + Q² ≤ S²`
 * (the rating is treated as a cone like the branch cone, not as a polygon), and
 * tangents of quadratic generator costs `z ≥ c2·p²`.
 *
 * Every cut is valid for *all* intervals — cone cuts are supporting planes of a
 * cone through the origin (`2P₀·P + 2Q₀·Q − ℓ₀·v − v₀·ℓ ≤ 0` at a point with
 * `P₀² + Q₀² = v₀ℓ₀`), rating and cost cuts are tangents of fixed convex sets —
 * so the pool only grows and later intervals start from a tight model
 * (Kelley's cutting planes; Farivar & Low 2013 for the exact relaxation).
 *
 * Where to cut (docs/model.md §3.3, measured in bench/grid-opf.bench.ts):
 * - at the iterate projected onto the set (Kelley);
 * - at the *dual point* of every set whose cuts carry a dual: the point of the
 *   set whose tangent has the direction of the dual-weighted sum of the active
 *   cuts' normals. At a kink between two tangents the LP's dual is a convex
 *   combination of their normals; the dual point is where the smooth set has
 *   that normal, i.e. a Newton-like estimate of the optimum (in one dimension,
 *   a secant step instead of Kelley's bisection). It makes interior decisions
 *   (inverter Q, quadratic DG costs) converge superlinearly, and it is what
 *   makes the duals — the DLMPs — the smooth set's duals.
 *
 * Violations are measured in the units of the normalised cut rows, so the
 * acceptance test and HiGHS' feasibility tolerance speak the same language
 * (`cutTolerance.ts`), and a cut identical to one already in the pool is never
 * added (stall guard). The Newton step's active set is read off the rows by
 * `newtonActiveSet.ts`; its tangents are staged here (`stageAtNewtonPoint`).
 *
 * How the next LP starts (basis hand-over, `handOver`): an appended violated row
 * starts basic and costs the dual simplex one pivot to bind, so re-cutting every
 * branch cost ~113 pivots (~7 ms) per LP on ieee123. Where the new tangent of a
 * branch replaces its single binding tangent, the new row takes the old row's
 * nonbasic status and the old row becomes basic: the same active set,
 * re-linearised — a Newton step of the active constraints, 0 pivots when the
 * optimum is a vertex of them (measured: ieee123 15.4 → 4.9 ms per warm interval).
 */
import type { Model } from 'highs';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { DistFlowLayout } from './distFlowLp.js';
import type { NewtonActiveSet } from './kktNewtonPoint.js';
import { CutRows, type CutDuals } from './distFlowCutRows.js';
import { coneTolerance, costTolerance, ratingTolerance, type CutTolerances } from './cutTolerance.js';
import { TangentCuts, type TangentGuards } from './tangentCuts.js';
import { newtonActiveSet, type ActiveSetSource } from './newtonActiveSet.js';

export type { CutDuals } from './distFlowCutRows.js';
/** What one separation round found. */
export interface SeparationResult {
  /** Cuts staged (not yet in the model until {@link CutPool.flush}). */
  readonly staged: number;
  /** Constraints violated beyond tolerance at the iterate. */
  readonly violated: number;
}

/**
 * Set of cut rows appended after the DistFlow rows: grows by separation,
 * shrinks by pruning cone cuts that stayed slack.
 *
 * @example
 * const pool = new CutPool(net, layout, true, { relTol: 1e-9 });
 * pool.addInitialCuts(model);
 * for (;;) { const s = pool.separate(x, rowDual); if (s.violated === 0 || pool.flush(model) === 0) break; }
 */
export class CutPool {
  /** The cut rows in the model and the staged batch (distFlowCutRows.ts). */
  private readonly rows: CutRows;
  private scratchP: Float64Array | undefined;
  private scratchQ: Float64Array | undefined;

  /**
   * Basis hand-over for pools created from now on (default true). A switch for benchmarks that
   * compare the cut loop with and without it in one run; the solution does not depend on it.
   */
  static basisHandoverDefault = true;
  /** Tangent staging with its stall guard (tangentCuts.ts). */
  private readonly tangents: TangentCuts;
  /** The pool as {@link newtonActiveSet} reads it. */
  private readonly activeSetSource: ActiveSetSource;

  constructor(
    private readonly net: NetworkTemplate,
    private readonly layout: DistFlowLayout,
    private readonly withLosses: boolean,
    private readonly tol: CutTolerances,
  ) {
    this.rows = new CutRows(layout, net.nBus, CutPool.basisHandoverDefault);
    this.tangents = new TangentCuts(net, layout, this.rows);
    this.activeSetSource = { net, layout, withLosses, tol, rows: this.rows };
  }

  /** Number of cut rows in the model. */
  get size(): number {
    return this.rows.size;
  }

  /** Rows handed over by the last {@link flush} (0 when none). */
  get handedOver(): number {
    return this.rows.handedOver;
  }

  /**
   * Hand-over on for the next flushes (the cut loop turns it off where it costs pivots: where
   * an interior decision moves the point off the tangents, e.g. inverter Q).
   */
  get handoverEnabled(): boolean {
    return this.rows.handoverEnabled;
  }

  set handoverEnabled(on: boolean) {
    this.rows.handoverEnabled = on;
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
      if (this.withLosses && (pSub[b] !== 0 || qSub[b] !== 0)) this.tangents.cone(b, pSub[b], qSub[b], 1);
      if (net.rateSqPu[b] < Infinity) {
        for (let k = 0; k < 8; k++) this.tangents.rating(b, Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4));
      }
    }
    for (let g = 0; g < net.genBus.length; g++) {
      if (!(net.genC2UsdPerHPu2[g] > 0)) continue;
      const lo = Number.isFinite(net.genPMinPu[g]) ? net.genPMinPu[g] : 0;
      const hi = Number.isFinite(net.genPMaxPu[g]) ? net.genPMaxPu[g] : lo + 1;
      for (const p0 of [lo, (lo + hi) / 2, hi]) this.tangents.cost(g, p0);
    }
    this.flush(model);
  }

  /**
   * Stage cuts for every constraint of `x` violated above tolerance, plus the
   * dual-point cuts of sets whose cuts carry a dual; return the counts.
   * Call {@link flush} to add the staged cuts (or {@link discard} to drop them).
   *
   * Steps: 1. cone — violation in cut-row units; cut at the iterate with ℓ
   * projected onto the cone and at the dual point; 2. rating — tangent at the
   * radial projection and at the dual direction; 3. cost — tangent at pg and at
   * the dual-weighted tangency point.
   */
  separate(x: Float64Array, rowDual: Float64Array): SeparationResult {
    const net = this.net;
    const L = this.layout;
    const before = this.rows.pending;
    let violated = 0;
    const dual = this.rows.dualSums(rowDual, net.genBus.length, net.parent);
    for (let b = 0; b < net.nBus; b++) {
      const a = net.parent[b];
      if (a < 0) continue;
      const p = x[L.colP + b];
      const q = x[L.colQ + b];
      const s2 = p * p + q * q;
      if (this.withLosses) {
        const va = x[L.colV + a];
        const gap = s2 - va * x[L.colL + b];
        if (gap > coneTolerance(this.tol, s2, va, x[L.colL + b])) {
          violated++;
          this.tangents.cone(b, p, q, va, true);
        }
        // Dual point: the cone point whose normal is the dual-weighted normal of the active cuts.
        const dl = dual.coneL[b];
        if (dl !== 0 && va > 0) {
          const kappa = -dl / va;
          const pHat = dual.coneP[b] / (2 * kappa);
          const qHat = dual.coneQ[b] / (2 * kappa);
          if (Number.isFinite(pHat) && Number.isFinite(qHat) && (pHat !== 0 || qHat !== 0)) {
            const lHat = (pHat * pHat + qHat * qHat) / va;
            // Cut only when the iterate violates the dual-point tangent (it sits at a kink).
            const row = 2 * pHat * p + 2 * qHat * q - lHat * va - va * x[L.colL + b];
            if (row > coneTolerance(this.tol, pHat * pHat + qHat * qHat, va, lHat)) this.tangents.cone(b, pHat, qHat, va);
          }
        }
      }
      const rate2 = net.rateSqPu[b];
      if (rate2 < Infinity) {
        const rate = Math.sqrt(rate2);
        const s = Math.sqrt(s2);
        if (s - rate > ratingTolerance(this.tol, rate)) {
          violated++;
          this.tangents.rating(b, p / s, q / s);
        }
        // Dual direction (duals of ≤ rows share one sign; divide it out).
        const sign = Math.sign(dual.rateW[b]);
        const nP = sign * dual.rateP[b];
        const nQ = sign * dual.rateQ[b];
        const norm = Math.hypot(nP, nQ);
        if (norm > 0) {
          const c = nP / norm;
          const sn = nQ / norm;
          if (c * p + sn * q - rate > ratingTolerance(this.tol, rate)) this.tangents.rating(b, c, sn);
        }
      }
    }
    for (let g = 0; g < net.genBus.length; g++) {
      const c2 = net.genC2UsdPerHPu2[g];
      if (!(c2 > 0)) continue;
      const p = x[L.colPg + g];
      const z = x[L.colZ + g];
      const want = c2 * p * p;
      const tolCost = costTolerance(this.tol, want);
      if (want - z > tolCost) {
        violated++;
        this.tangents.cost(g, p);
      }
      if (dual.costW[g] !== 0) {
        const pHat = dual.costP[g] / dual.costW[g];
        if (c2 * (2 * pHat * p - pHat * pHat) - z > tolCost) this.tangents.cost(g, pHat);
      }
    }
    return { staged: this.rows.pending - before, violated };
  }

  /**
   * Stage cone cuts where the next interval's flows are predicted to land: the last
   * solution's flows plus the change of downstream demand, at the last voltages.
   * A moving operating point otherwise costs LP rounds (Kelley's method converges
   * linearly); predicted tangents let the first LP of an interval start close to
   * the cone. Adds them to the model and returns the number added.
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
      this.tangents.cone(b, pNew, qNew, x[L.colV + a], true);
    }
    return this.flush(model);
  }

  /**
   * Largest violation P² + Q² − v·ℓ beyond tolerance and the largest relaxation
   * slack v·ℓ − P² − Q² beyond tolerance (pu², with the bus position of each; −1 when none).
   */
  coneStatus(x: Float64Array): { violationPu: number; violationBus: number; slackPu: number; slackBus: number } {
    let violationPu = 0;
    let violationBus = -1;
    let slackPu = 0;
    let slackBus = -1;
    if (!this.withLosses) return { violationPu, violationBus, slackPu, slackBus };
    const L = this.layout;
    for (let b = 0; b < this.net.nBus; b++) {
      const a = this.net.parent[b];
      if (a < 0) continue;
      const p = x[L.colP + b];
      const q = x[L.colQ + b];
      const va = x[L.colV + a];
      const l = x[L.colL + b];
      const s2 = p * p + q * q;
      const gap = s2 - va * l;
      const tol = coneTolerance(this.tol, s2, va, l);
      if (gap > tol && gap > violationPu) {
        violationPu = gap;
        violationBus = b;
      }
      if (-gap > tol && -gap > slackPu) {
        slackPu = -gap;
        slackBus = b;
      }
    }
    return { violationPu, violationBus, slackPu, slackBus };
  }

  /**
   * Delete cone cuts that have been slack for more than `maxIdle` consecutive calls (LP solves).
   * Without this the pool grows by about one cut per branch per interval (a
   * moving operating point needs fresh tangents) and every LP gets slower.
   * Slack rows are basic, so deleting them keeps the basis valid and the next
   * solve warm.
   */
  prune(model: Model, rowDual: Float64Array, maxIdle = 2): number {
    return this.rows.prune(model, rowDual, maxIdle);
  }

  /** Sum each cut's dual times its coefficients onto the buses the cut touches. */
  aggregateDuals(rowDual: Float64Array): CutDuals {
    return this.rows.aggregateDuals(rowDual, this.net.parent, this.net.genBus.length);
  }

  /** Add the staged cuts to the model (with the basis hand-over when on and a basis copy exists); return how many. */
  flush(model: Model): number {
    return this.rows.flush(model);
  }

  /**
   * Remember the simplex basis of the LP just solved (call right after a successful run, before
   * the model is changed: HiGHS only hands out the basis of a solved model). {@link prune} and
   * {@link flush} keep the copy in step with the rows, so {@link flush} can start the next LP
   * from a basis where new tangents take over from binding ones (see `handOver`).
   */
  captureBasis(model: Model): void {
    this.rows.captureBasis(model);
  }

  /**
   * The nonlinear sets the LP holds active, for the Newton step (kktNewtonPoint.ts): a cone,
   * rating or cost whose cut row is nonbasic in `rowStatus`, or that `x` violates beyond
   * tolerance; cones only where ℓ is basic in `colStatus` (newtonActiveSet.ts).
   */
  newtonActiveSet(x: Float64Array, rowDual: Float64Array, rowStatus: Int32Array, colStatus: Int32Array): NewtonActiveSet {
    return newtonActiveSet(this.activeSetSource, x, rowDual, rowStatus, colStatus);
  }

  /**
   * Stage the tangents of the sets in `active` at the Newton point `xN`: every active cone (with
   * the basis hand-over), ratings and costs where the LP iterate `x` violates the tangent; return
   * how many were staged.
   */
  stageAtNewtonPoint(xN: Float64Array, x: Float64Array, active: NewtonActiveSet): number {
    const net = this.net;
    const L = this.layout;
    const before = this.rows.pending;
    for (const b of active.coneBus) {
      const va = xN[L.colV + net.parent[b]];
      const pN = xN[L.colP + b];
      const qN = xN[L.colQ + b];
      if (!(va > 0) || (pN === 0 && qN === 0)) continue;
      // Every active cone gets its tangent at the point (x is then optimal for the next LP when
      // the active set was right); where the iterate violates it, it takes over the binding row.
      this.tangents.cone(b, pN, qN, va, true);
    }
    for (const b of active.ratingBus) {
      const pN = xN[L.colP + b];
      const qN = xN[L.colQ + b];
      const s = Math.hypot(pN, qN);
      if (!(s > 0)) continue;
      const rate = Math.sqrt(net.rateSqPu[b]);
      if ((pN * x[L.colP + b] + qN * x[L.colQ + b]) / s - rate > ratingTolerance(this.tol, rate)) this.tangents.rating(b, pN / s, qN / s);
    }
    for (const g of active.costGen) {
      const c2 = net.genC2UsdPerHPu2[g];
      const pN = xN[L.colPg + g];
      const p = x[L.colPg + g];
      if (c2 * (2 * pN * p - pN * pN) - x[L.colZ + g] > costTolerance(this.tol, c2 * p * p)) this.tangents.cost(g, pN);
    }
    return this.rows.pending - before;
  }

  /** Copy of the stall guards (to undo a separation whose staged cuts are discarded). */
  guardSnapshot(): TangentGuards {
    return this.tangents.snapshot();
  }

  /** Drop the staged cuts and put the stall guards back as in `snapshot`. */
  discardTo(snapshot: TangentGuards): void {
    this.discard();
    this.tangents.restore(snapshot);
  }

  /** Forget the basis copy (after a failed LP: the next flush appends without hand-over). */
  forgetBasis(): void {
    this.rows.forgetBasis();
  }

  /** Drop the staged cuts (the model stays as solved). */
  discard(): void {
    this.rows.discard();
  }
}
