/**
 * Basis hand-over of the DistFlow cut pool (docs/model.md §3.3), called by `CutPool.flush`
 * right after the staged cut rows were appended, while they are still pending: where a staged
 * cone cut replaces the one binding cut of its branch (the iterate sits on a single tangent),
 * make the new row nonbasic at its bound and the old one basic. The simplex then restarts from
 * the same active set with the cone re-linearised, which is a Newton step of the active
 * constraints: 0–few pivots instead of one per branch (dual simplex makes every appended
 * violated row leave the basis by a pivot, ~60 µs each on ieee123). Only the start basis
 * changes; HiGHS still solves the LP to optimality (a singular or infeasible start is repaired
 * by the simplex), so the cut loop's result does not depend on it.
 */
import type { Model } from 'highs';

/** HiGHS basis status of a basic variable or row. */
export const BASIS_BASIC = 1;
/** Cut kind of a cone cut (as in distFlowCuts.ts). */
const CUT_CONE = 0;

/** What the hand-over reads and changes. */
export interface HandOverInput {
  /** Column statuses and DistFlow row statuses of the last solved basis. */
  readonly cols: Int32Array;
  readonly rows: Int32Array;
  /** Statuses of the cut rows in the model before the append, then of the pending ones (written). */
  readonly status: number[];
  /** Kind and target bus of each cut row in the model (before the append). */
  readonly kind: readonly number[];
  readonly target: readonly number[];
  /** The appended (pending) cuts: target bus and whether it may take over a binding row. */
  readonly pending: readonly { readonly target: number; readonly handover?: boolean }[];
  /** Work array of length nBus. */
  readonly scratch: Int32Array;
}

/**
 * Give `model` the handed-over start basis; return how many appended rows start nonbasic and
 * whether the basis copy is still valid (false after a row deletion broke it or HiGHS refused it).
 *
 * @example
 * const out = handOverBasis(model, { cols, rows, status, kind, target, pending, scratch });
 * if (!out.basisKept) basisCols = undefined;
 */
export function handOverBasis(model: Model, input: HandOverInput): { handedOver: number; basisKept: boolean } {
  const { cols, rows, status, kind, target, pending } = input;
  const old = kind.length;
  const pend = pending.length;
  const first = rows.length;
  // The single nonbasic cone cut of each branch (−1 none, −2 several).
  const binding = input.scratch;
  binding.fill(-1);
  let basic = 0;
  for (const st of cols) if (st === BASIS_BASIC) basic++;
  for (const st of rows) if (st === BASIS_BASIC) basic++;
  for (let k = 0; k < old; k++) {
    if (status[k] === BASIS_BASIC) {
      basic++;
      continue;
    }
    if (kind[k] !== CUT_CONE) continue;
    const b = target[k];
    binding[b] = binding[b] === -1 ? k : -2;
  }
  // After a deletion of a nonbasic row the copy no longer is a basis: let HiGHS repair its own.
  if (basic !== first + old) return { handedOver: 0, basisKept: false };
  const newStatus = new Int32Array(pend).fill(BASIS_BASIC);
  let changed = false;
  for (let i = 0; i < pend; i++) {
    const m = pending[i];
    if (m.handover !== true) continue;
    const k = binding[m.target];
    if (k < 0) continue;
    newStatus[i] = status[k];
    status[k] = BASIS_BASIC;
    binding[m.target] = -2;
    changed = true;
  }
  for (let i = 0; i < pend; i++) status[old + i] = newStatus[i];
  if (!changed) return { handedOver: 0, basisKept: true };
  let handedOver = 0;
  for (let i = 0; i < pend; i++) if (newStatus[i] !== BASIS_BASIC) handedOver++;
  const rowStatus = new Int32Array(first + old + pend);
  rowStatus.set(rows, 0);
  for (let k = 0; k < old + pend; k++) rowStatus[first + k] = status[k];
  try {
    model.setBasis({ colStatus: cols, rowStatus });
  } catch {
    // HiGHS refused the start basis: it keeps its own (the appended rows basic), as without hand-over.
    return { handedOver: 0, basisKept: false };
  }
  return { handedOver, basisKept: true };
}
