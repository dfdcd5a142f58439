/**
 * Tangent cuts of the three convex sets of the DistFlow outer approximation, staged on the cut
 * rows (distFlowCutRows.ts): the branch cone P² + Q² ≤ v_a·ℓ (a supporting plane through the
 * origin, normalised by the flow-gradient norm of cutTolerance.ts `coneRowNorm`), the rating
 * P² + Q² ≤ S² (a tangent at an angle) and the quadratic cost z ≥ c2·p² (a tangent at p0). A
 * stall guard keeps the tangent at the same point from being staged twice in a row; where to cut
 * is the pool's job (distFlowCuts.ts).
 */
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { DistFlowLayout } from './distFlowLp.js';
import { CUT_CONE, CUT_COST, CUT_RATING, type CutRows } from './distFlowCutRows.js';
import { coneRowNorm } from './cutTolerance.js';

/** The stall guards, copied (see {@link TangentCuts.snapshot}). */
export type TangentGuards = Float64Array[];

/**
 * Stages tangent cuts of one DistFlow model's sets on its cut rows.
 *
 * @example
 * const tangents = new TangentCuts(net, layout, rows);
 * const guards = tangents.snapshot();
 * tangents.cone(b, pPu, qPu, vSqPu, true); // staged, hand-over allowed
 * rows.discard(); tangents.restore(guards); // undone
 */
export class TangentCuts {
  /** Per bus: normalised direction (P/|S|, Q/|S|) and |S|/v_a of the last cone cut (stall guard). */
  private readonly lastCone: Float64Array;
  /** Per bus: angle of the last rating cut; per generator: tangency point of the last cost cut. */
  private readonly lastRating: Float64Array;
  private readonly lastCost: Float64Array;

  constructor(private readonly net: NetworkTemplate, private readonly layout: DistFlowLayout, private readonly rows: CutRows) {
    this.lastCone = new Float64Array(3 * net.nBus).fill(NaN);
    this.lastRating = new Float64Array(net.nBus).fill(NaN);
    this.lastCost = new Float64Array(net.genBus.length).fill(NaN);
  }

  /** Copy of the stall guards (to undo a separation whose staged cuts are discarded). */
  snapshot(): TangentGuards {
    return [this.lastCone.slice(), this.lastRating.slice(), this.lastCost.slice()];
  }

  /** Put the stall guards back as in `snapshot` (the staged rows are the caller's to discard). */
  restore(snapshot: TangentGuards): void {
    this.lastCone.set(snapshot[0]);
    this.lastRating.set(snapshot[1]);
    this.lastCost.set(snapshot[2]);
  }

  /**
   * Stage the tangent of branch b's cone at the point (P, Q) = (`p`, `q`) pu with v_a = `vA` pu²,
   * ℓ on the cone; `handover` lets it take over the branch's binding row in the basis hand-over.
   */
  cone(b: number, p: number, q: number, vA: number, handover = false): void {
    const L = this.layout;
    const s = Math.hypot(p, q);
    const lStar = (s * s) / vA;
    // Stall guard: never add the tangent at the same point twice in a row.
    const dir = this.lastCone;
    const ux = p / s;
    const uy = q / s;
    const ratio = s / vA;
    if (Math.abs(dir[3 * b] - ux) + Math.abs(dir[3 * b + 1] - uy) < 1e-13 && Math.abs(dir[3 * b + 2] - ratio) <= 1e-13 * ratio) return;
    dir[3 * b] = ux;
    dir[3 * b + 1] = uy;
    dir[3 * b + 2] = ratio;
    // Normalise by the flow-gradient norm (capped): the row then measures a
    // distance in flow space, and the LP tolerance a relative gap.
    const scale = 1 / coneRowNorm(s, vA, lStar);
    const cp = 2 * p * scale;
    const cq = 2 * q * scale;
    const cv = -lStar * scale;
    const cl = -vA * scale;
    this.rows.stage({ kind: CUT_CONE, target: b, cp, cq, cv, cl, p0: 0, handover }, -Infinity, 0, [L.colP + b, L.colQ + b, L.colV + this.net.parent[b], L.colL + b], [cp, cq, cv, cl]);
  }

  /** Stage the tangent of branch b's rating circle in the direction (`cosA`, `sinA`). */
  rating(b: number, cosA: number, sinA: number): void {
    const L = this.layout;
    const angle = Math.atan2(sinA, cosA);
    if (Math.abs(this.lastRating[b] - angle) < 1e-13) return;
    this.lastRating[b] = angle;
    const rate = Math.sqrt(this.net.rateSqPu[b]);
    this.rows.stage({ kind: CUT_RATING, target: b, cp: cosA, cq: sinA, cv: 0, cl: 0, p0: 0 }, -Infinity, rate, [L.colP + b, L.colQ + b], [cosA, sinA]);
  }

  /** Stage the tangent of generator g's cost epigraph z ≥ c2·p² at p = `p0` pu. */
  cost(g: number, p0: number): void {
    const L = this.layout;
    if (Math.abs(this.lastCost[g] - p0) <= 1e-13 * (1 + Math.abs(p0))) return;
    this.lastCost[g] = p0;
    const c2 = this.net.genC2UsdPerHPu2[g];
    // z ≥ c2 (2 p0 p − p0²)  ⇔  −2 c2 p0 · p + z ≥ −c2 p0²
    this.rows.stage({ kind: CUT_COST, target: g, cp: 0, cq: 0, cv: 0, cl: 0, p0 }, -c2 * p0 * p0, Infinity, [L.colPg + g, L.colZ + g], [-2 * c2 * p0, 1]);
  }
}
