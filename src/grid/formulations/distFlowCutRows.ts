/**
 * The row store of the DistFlow cut pool: the cut rows appended after the DistFlow
 * rows of the LP (kind, target, normalised coefficients), the batch staged for the
 * next append, the copy of the last simplex basis and its hand-over, pruning, and the
 * dual sums read back from the rows. Where to cut is `distFlowCuts.ts`; this module
 * only keeps the model's cut rows and their bookkeeping in step.
 */
import type { Model } from 'highs';
import type { DistFlowLayout } from './distFlowLp.js';
import { BASIS_BASIC, handOverBasis } from './basisHandover.js';

/** Cut kinds. */
export const CUT_CONE = 0;
export const CUT_RATING = 1;
export const CUT_COST = 2;

/** Aggregated cut duals per bus (see `BranchFlowSolution`). */
export interface CutDuals {
  lossP: Float64Array;
  lossQ: Float64Array;
  lossV: Float64Array;
  congP: Float64Array;
  congQ: Float64Array;
}

/** Dual-weighted normals of the active cuts, per bus (cone, rating) and generator (cost). */
export interface CutDualSums {
  coneP: Float64Array;
  coneQ: Float64Array;
  coneL: Float64Array;
  /** Cone cuts' dual times their v coefficient, on the parent (sending) bus. */
  coneVAtParent: Float64Array;
  rateP: Float64Array;
  rateQ: Float64Array;
  rateW: Float64Array;
  costP: Float64Array;
  costW: Float64Array;
}

/** One staged cut: kind, target (bus or generator), normalised coefficients, cost tangency point. */
export interface StagedCut {
  readonly kind: number;
  readonly target: number;
  readonly cp: number;
  readonly cq: number;
  readonly cv: number;
  readonly cl: number;
  /** Cost cuts: tangency point p0, pu (0 otherwise). */
  readonly p0: number;
  /** A cone cut that may take over its branch's binding row in the basis hand-over. */
  readonly handover?: boolean;
}

/**
 * The cut rows of one DistFlow model. Row k of the store is model row `layout.numRows + k`.
 *
 * @example
 * const rows = new CutRows(layout, nBus, true);
 * rows.stage({ kind: CUT_RATING, target: 3, cp: 1, cq: 0, cv: 0, cl: 0, p0: 0 }, -Infinity, 0.5, [c], [1]);
 * rows.flush(model);
 */
export class CutRows {
  /** Per row: kind, target, coefficients (read by the pool; written only here). */
  readonly kind: number[] = [];
  readonly target: number[] = [];
  readonly coefP: number[] = [];
  readonly coefQ: number[] = [];
  readonly coefV: number[] = [];
  readonly coefL: number[] = [];
  /** Cost cuts: the tangency point p0 (pu). */
  readonly point: number[] = [];
  /** Consecutive solves each cut has been slack (zero dual). */
  private readonly idle: number[] = [];
  // Pending rows of the current batch.
  private pendLower: number[] = [];
  private pendUpper: number[] = [];
  private pendCols: number[][] = [];
  private pendVals: number[][] = [];
  private pendMeta: StagedCut[] = [];
  private handoverScratch: Int32Array | undefined;
  /** Copy of the last solved basis (columns, DistFlow rows; cut rows in {@link status}). */
  private basisCols: Int32Array | undefined;
  private basisRows: Int32Array | undefined;
  /** HiGHS basis status of each cut row in the copy. */
  private readonly status: number[] = [];
  /** Rows handed over by the last {@link flush} (0 when none). */
  handedOver = 0;
  /** Hand-over on for the next flushes (see `CutPool.handoverEnabled`). */
  handoverEnabled = true;

  constructor(
    private readonly layout: DistFlowLayout,
    private readonly nBus: number,
    /** Keep a basis copy for the hand-over at all (`CutPool.basisHandoverDefault`). */
    private readonly basisHandover: boolean,
  ) {}

  /** Number of cut rows in the model. */
  get size(): number {
    return this.kind.length;
  }

  /** Number of staged rows not yet in the model. */
  get pending(): number {
    return this.pendLower.length;
  }

  /** Stage one row `lower ≤ Σ vals·x[cols] ≤ upper` (zero coefficients dropped, columns sorted). */
  stage(meta: StagedCut, lower: number, upper: number, cols: number[], vals: number[]): void {
    this.pendMeta.push(meta);
    this.pendLower.push(lower);
    this.pendUpper.push(upper);
    // Drop zero coefficients and keep columns increasing (HiGHS rejects duplicates).
    const keep = cols.map((c, i) => [c, vals[i]] as const).filter(([, v]) => v !== 0).sort((s, t) => s[0] - t[0]);
    this.pendCols.push(keep.map(([c]) => c));
    this.pendVals.push(keep.map(([, v]) => v));
  }

  /** Add the staged cuts to the model (with the basis hand-over when on and a basis copy exists); return how many. */
  flush(model: Model): number {
    const count = this.pendLower.length;
    this.handedOver = 0;
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
    if (this.basisCols !== undefined && this.handoverEnabled) this.handOver(model);
    for (const m of this.pendMeta) {
      this.kind.push(m.kind);
      this.target.push(m.target);
      this.coefP.push(m.cp);
      this.coefQ.push(m.cq);
      this.coefV.push(m.cv);
      this.coefL.push(m.cl);
      this.point.push(m.p0);
      this.idle.push(0);
    }
    while (this.status.length < this.kind.length) this.status.push(BASIS_BASIC);
    this.discard();
    return count;
  }

  /** Drop the staged cuts (the model stays as solved). */
  discard(): void {
    this.pendLower = [];
    this.pendUpper = [];
    this.pendCols = [];
    this.pendVals = [];
    this.pendMeta = [];
  }

  /**
   * Delete cone cuts that have been slack for more than `maxIdle` consecutive calls (LP solves).
   * Slack rows are basic, so deleting them keeps the basis valid and the next solve warm.
   */
  prune(model: Model, rowDual: Float64Array, maxIdle: number): number {
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
    for (const arr of [this.kind, this.target, this.coefP, this.coefQ, this.coefV, this.coefL, this.point, this.idle, this.status]) {
      let w = 0;
      for (let k = 0; k < arr.length; k++) if (keep[k]) arr[w++] = arr[k];
      arr.length = w;
    }
    return drop.length;
  }

  /**
   * Remember the simplex basis of the LP just solved (call right after a successful run, before
   * the model is changed: HiGHS only hands out the basis of a solved model). {@link prune} and
   * {@link flush} keep the copy in step with the rows, so {@link flush} can start the next LP
   * from a basis where new tangents take over from binding ones (see `handOver`).
   */
  captureBasis(model: Model): void {
    if (!this.basisHandover) return;
    const basis = model.getBasis();
    const first = this.layout.numRows;
    if (basis.rowStatus.length !== first + this.kind.length) {
      this.basisCols = undefined;
      return;
    }
    this.basisCols = basis.colStatus;
    this.basisRows = basis.rowStatus.slice(0, first);
    for (let k = 0; k < this.kind.length; k++) this.status[k] = basis.rowStatus[first + k];
  }

  /** Forget the basis copy (after a failed LP: the next flush appends without hand-over). */
  forgetBasis(): void {
    this.basisCols = undefined;
  }

  /** Sum each cut's dual times its coefficients onto the buses the cut touches (`parent`: the feeder's parent bus). */
  aggregateDuals(rowDual: Float64Array, parent: ArrayLike<number>, nGen: number): CutDuals {
    const sums = this.dualSums(rowDual, nGen, parent);
    return { lossP: sums.coneP, lossQ: sums.coneQ, lossV: sums.coneVAtParent, congP: sums.rateP, congQ: sums.rateQ };
  }

  /** Dual-weighted normals of the active cuts (`nGen` generators for the cost cuts). */
  dualSums(rowDual: Float64Array, nGen: number, parent: ArrayLike<number>): CutDualSums {
    const n = this.nBus;
    const out: CutDualSums = {
      coneP: new Float64Array(n), coneQ: new Float64Array(n), coneL: new Float64Array(n), coneVAtParent: new Float64Array(n),
      rateP: new Float64Array(n), rateQ: new Float64Array(n), rateW: new Float64Array(n), costP: new Float64Array(nGen), costW: new Float64Array(nGen),
    };
    const first = this.layout.numRows;
    for (let k = 0; k < this.kind.length; k++) {
      const y = rowDual[first + k];
      if (y === 0) continue;
      const b = this.target[k];
      if (this.kind[k] === CUT_CONE) {
        out.coneP[b] += y * this.coefP[k];
        out.coneQ[b] += y * this.coefQ[k];
        out.coneL[b] += y * this.coefL[k];
        out.coneVAtParent[parent[b]] += y * this.coefV[k];
      } else if (this.kind[k] === CUT_RATING) {
        out.rateP[b] += y * this.coefP[k];
        out.rateQ[b] += y * this.coefQ[k];
        out.rateW[b] += y;
      } else {
        out.costP[b] += y * this.point[k];
        out.costW[b] += y;
      }
    }
    return out;
  }

  /** Basis hand-over right after the staged rows were appended (basisHandover.ts). */
  private handOver(model: Model): void {
    const cols = this.basisCols;
    const rows = this.basisRows;
    if (cols === undefined || rows === undefined) return;
    const scratch = this.handoverScratch ?? (this.handoverScratch = new Int32Array(this.nBus));
    const out = handOverBasis(model, { cols, rows, status: this.status, kind: this.kind, target: this.target, pending: this.pendMeta, scratch });
    this.handedOver = out.handedOver;
    if (!out.basisKept) this.basisCols = undefined;
  }
}
