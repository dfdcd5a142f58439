/**
 * The Newton step's side of the DistFlow cut loop (docs/model.md §3.3): where inverter Q is an
 * interior decision, tangents go at the KKT point of the SOCP on the LP's active set
 * (kktNewtonPoint.ts) and the interior decisions are pinned at that point's values for the next
 * LPs, so the point is a vertex of the LP. This module keeps the pins and the active set the next
 * interval starts from; the loop itself (when to step, when to accept) is `DistFlowModel` in
 * distFlowInternals.ts, which hands it the few things of the model listed in {@link NewtonPinningHost}.
 */
import type { Model } from 'highs';
import type { NetworkTemplate } from '../templates/networkTemplate.js';
import type { IntervalTemplate } from '../templates/intervalTemplate.js';
import type { DistFlowLayout } from './distFlowLp.js';
import type { CutPool } from './distFlowCuts.js';
import type { TangentGuards } from './tangentCuts.js';
import { BASIS_BASIC } from './basisHandover.js';
import { kktNewtonPoint, type NewtonActiveSet, type NewtonLinearPart } from './kktNewtonPoint.js';

/** The cut-pool operations the Newton step uses (stage at a point, undo a separation, flush). */
export type NewtonCutPool = Pick<CutPool, 'newtonActiveSet' | 'stageAtNewtonPoint' | 'guardSnapshot' | 'discardTo' | 'separate' | 'flush' | 'handoverEnabled'>;

/** What {@link NewtonPinning} needs of its DistFlow model; all shared, nothing copied. */
export interface NewtonPinningHost {
  readonly net: NetworkTemplate;
  readonly layout: DistFlowLayout;
  /** The model's HiGHS LP (bounds of pinned columns, basis reads, cut flushes). */
  readonly model: Model;
  readonly cuts: NewtonCutPool;
  /** DistFlow rows and costs now in the model (kept current by the model's update). */
  readonly linear: NewtonLinearPart;
  /** Right-hand sides of the DistFlow rows now in the model (kept current by the model's update). */
  readonly rowRhs: Float64Array;
}

/** Active set, column statuses (pinned columns as basic) and row duals of a converged LP. */
interface NewtonStart {
  readonly active: NewtonActiveSet;
  readonly colStatus: Int32Array;
  readonly rowDual: Float64Array;
}

/**
 * Pins of interior decisions at Newton points, and the converged active set of the last interval.
 *
 * @example
 * const pins = new NewtonPinning({ net, layout, model, cuts, linear, rowRhs });
 * if (pins.startInterval(lastX, interval, colLower, colUpper)) { ... } // tangents staged and flushed, Q pinned
 * const worstReducedCost = pins.release(sol.colDual, interval); // accept the LP when ≈ 0
 */
export class NewtonPinning {
  /** Columns held at a Newton point's value (see {@link pin}). */
  private readonly pinned: number[] = [];
  /** The next interval's Newton start (see {@link remember}). */
  private start: NewtonStart | undefined;

  constructor(private readonly host: NewtonPinningHost) {}

  /** True while some column is pinned. */
  get active(): boolean {
    return this.pinned.length > 0;
  }

  /** True when {@link remember} kept a start for the next interval. */
  get hasStart(): boolean {
    return this.start !== undefined;
  }

  /** Drop the remembered start (after HiGHS refused a Newton round's basis). */
  forgetStart(): void {
    this.start = undefined;
  }

  /**
   * Newton start of `interval`: from the last solution `lastX` (nonbasic shed / inverter / station
   * shed columns at the interval's bounds `colLower` / `colUpper`, that block of 3·nBus columns
   * from `layout.colShed`) to the KKT point of the interval on the remembered active set;
   * tangents there, flushed with the basis hand-over, and the interior decisions pinned.
   * False (nothing changed) without a remembered start with an interior decision, or when the step fails.
   */
  startInterval(lastX: Float64Array, interval: IntervalTemplate, colLower: Float64Array, colUpper: Float64Array): boolean {
    const start = this.start;
    if (start === undefined || !this.hasInteriorDecision(start.colStatus)) return false;
    const { net, layout, cuts } = this.host;
    const x0 = Float64Array.from(lastX);
    const from = layout.colShed;
    for (let i = 0; i < 3 * net.nBus; i++) {
      const st = start.colStatus[from + i];
      if (st === 0) x0[from + i] = colLower[i];
      else if (st === 2) x0[from + i] = colUpper[i];
    }
    const point = kktNewtonPoint(net, layout, this.host.linear, x0, start.rowDual, start.colStatus, start.active, this.host.rowRhs);
    if (point === undefined) return false;
    const guards = cuts.guardSnapshot();
    if (cuts.stageAtNewtonPoint(point.x, x0, start.active) === 0) {
      cuts.discardTo(guards);
      return false;
    }
    const handoverWas = cuts.handoverEnabled;
    cuts.handoverEnabled = true;
    cuts.flush(this.host.model);
    cuts.handoverEnabled = handoverWas;
    this.pin(point.x, start.colStatus, interval);
    return true;
  }

  /**
   * In the loop: replace the staged cuts by tangents at the Newton point of the LP's active set
   * (call while the model is solved; `guards` from `cuts.guardSnapshot()` before the separation);
   * true when that staged something, with the interior decisions pinned. On a singular or
   * non-converging step, or when nothing would be staged, the separation's cuts stay (the plain
   * Kelley round).
   */
  step(x: Float64Array, rowDual: Float64Array, guards: TangentGuards, interval: IntervalTemplate): boolean {
    const { net, layout, cuts } = this.host;
    const basis = this.host.model.getBasis();
    if (!this.hasInteriorDecision(basis.colStatus)) return false;
    const active = cuts.newtonActiveSet(x, rowDual, basis.rowStatus, basis.colStatus);
    const point = kktNewtonPoint(net, layout, this.host.linear, x, rowDual, basis.colStatus, active, this.host.rowRhs);
    if (point === undefined) return false;
    cuts.discardTo(guards);
    if (cuts.stageAtNewtonPoint(point.x, x, active) > 0) {
      this.pin(point.x, basis.colStatus, interval);
      return true;
    }
    // Nothing to place at the Newton point: stage the separation's cuts again.
    cuts.discardTo(guards);
    cuts.separate(x, rowDual);
    return false;
  }

  /** Keep the converged LP's active set for the next interval's Newton start (call while the model is solved). */
  remember(x: Float64Array, rowDual: Float64Array): void {
    const basis = this.host.model.getBasis();
    const colStatus = Int32Array.from(basis.colStatus);
    for (const j of this.pinned) colStatus[j] = BASIS_BASIC;
    const active = this.host.cuts.newtonActiveSet(x, rowDual, basis.rowStatus, colStatus);
    this.start = { active, colStatus, rowDual: rowDual.slice(0, this.host.layout.numRows) };
  }

  /**
   * Give the pinned columns their bounds in `interval` again; return the largest |reduced cost|
   * among them in `colDual` ($/h per pu; 0 without `colDual` or pins).
   */
  release(colDual: Float64Array | undefined, interval: IntervalTemplate): number {
    const { model, layout } = this.host;
    let worst = 0;
    for (const j of this.pinned) {
      if (colDual !== undefined) worst = Math.max(worst, Math.abs(colDual[j]));
      const lim = interval.qInverterMaxPu[j - layout.colQInv];
      model.changeColsBounds({ kind: 'set', indices: Int32Array.of(j) }, Float64Array.of(-lim), Float64Array.of(lim));
    }
    this.pinned.length = 0;
    return worst;
  }

  /**
   * Hold the inverter Q columns that are basic and strictly inside their bounds at the Newton
   * point's values for the next LPs: with tangents at that point it is then a vertex of the LP
   * (a flat objective in an interior decision otherwise lets the LP slide along the tangents).
   * Released after convergence; the result is kept only when their reduced costs vanish
   * (then it is also optimal with the bounds released).
   */
  private pin(xN: Float64Array, colStatus: Int32Array, interval: IntervalTemplate): void {
    const { model, layout, net } = this.host;
    for (let b = 0; b < net.nBus; b++) {
      const j = layout.colQInv + b;
      const lim = interval.qInverterMaxPu[b];
      if (colStatus[j] !== BASIS_BASIC || !(Math.abs(xN[j]) < lim * (1 - 1e-9))) continue;
      model.changeColsBounds({ kind: 'set', indices: Int32Array.of(j) }, Float64Array.of(xN[j]), Float64Array.of(xN[j]));
      this.pinned.push(j);
    }
  }

  /**
   * True when some inverter Q column is basic: an interior decision, where Kelley's cuts converge
   * linearly. Elsewhere the basis hand-over already needs 0–2 pivots and the step would only cost.
   */
  private hasInteriorDecision(colStatus: Int32Array): boolean {
    const { layout, net } = this.host;
    for (let b = 0; b < net.nBus; b++) if (colStatus[layout.colQInv + b] === BASIS_BASIC) return true;
    return false;
  }
}
