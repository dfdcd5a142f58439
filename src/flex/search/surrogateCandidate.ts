/**
 * A separable piecewise-linear model of the response built from the design probes,
 * and the greedy candidate it suggests for a direction and budget.
 */
import { projection, type EvaluatedPoint } from './flexEvaluation.js';
import type { DesignProbe } from './designPoints.js';

/** One linear piece of one component's modelled response. */
export interface ResponseSegment {
  readonly component: number;
  /** Coupon value at the start / end of the piece. */
  readonly from: number;
  readonly to: number;
  /** Change of aᵀP over the piece (negative = good for min aᵀP), MW. */
  readonly gainMw: number;
  /** Subsidy over the piece, ¥ (≥ 0). */
  readonly costYuan: number;
}

/**
 * Pieces per component for direction a, each the concave-envelope step between
 * consecutive probe levels (a later piece with a better ratio is merged into the
 * earlier one, so greedy never takes a piece before its predecessor), sorted by
 * gain per ¥ (most negative first). Only improving pieces are kept.
 *
 * @param direction - unit vector a
 * @param probes - design probes (base first), in the order of `designProbes`
 * @param evaluated - their evaluations, same order
 * @example
 * const pieces = responseSegments([0, 0, 1], probes, evals); pieces[0].component; // best coupon to cut CS3
 */
export function responseSegments(
  direction: readonly number[],
  probes: readonly DesignProbe[],
  evaluated: readonly EvaluatedPoint[],
): ResponseSegment[] {
  const base = projection(direction, evaluated[0].netMw);
  const byComponent = new Map<number, { level: number; value: number; gain: number; cost: number }[]>();
  probes.forEach((probe, i) => {
    const e = evaluated[i];
    if (probe.component < 0 || !e.feasible || !e.converged) return;
    const list = byComponent.get(probe.component) ?? [];
    list.push({ level: probe.level, value: probe.x[probe.component], gain: projection(direction, e.netMw) - base, cost: e.subsidyYuan });
    byComponent.set(probe.component, list);
  });
  const segments: ResponseSegment[] = [];
  for (const [component, list] of [...byComponent.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.level - b.level);
    const pieces: ResponseSegment[] = [];
    let from = 0;
    let gain0 = 0;
    let cost0 = 0;
    for (const node of list) {
      let piece: ResponseSegment = { component, from, to: node.value, gainMw: node.gain - gain0, costYuan: Math.max(0, node.cost - cost0) };
      // Concave envelope: merge while this piece is better per ¥ than the one before it.
      while (pieces.length > 0 && ratio(piece) < ratio(pieces[pieces.length - 1])) {
        const prev = pieces.pop()!;
        piece = { component, from: prev.from, to: piece.to, gainMw: prev.gainMw + piece.gainMw, costYuan: prev.costYuan + piece.costYuan };
      }
      pieces.push(piece);
      from = node.value;
      gain0 = node.gain;
      cost0 = node.cost;
    }
    // Keep the improving prefix only.
    for (const p of pieces) {
      if (p.gainMw >= 0) break;
      segments.push(p);
    }
  }
  return segments.sort((a, b) => ratio(a) - ratio(b) || a.component - b.component);
}

/** Gain per ¥; free pieces (cost ≈ 0) rank by gain alone, ahead of every paid one. */
function ratio(p: ResponseSegment): number {
  return p.costYuan <= 1e-9 ? -1e12 + p.gainMw : p.gainMw / p.costYuan;
}

/**
 * The greedy candidate: take pieces in ratio order (a component's pieces in level
 * order) while the modelled subsidy fits the budget; the last piece is taken in
 * part, in proportion to the budget left.
 *
 * @param segments - from {@link responseSegments}
 * @param components - m, length of x
 * @param budgetYuan - F_max, ¥
 * @returns x, and the modelled gain (MW) and subsidy (¥)
 * @example
 * const { x } = greedyCandidate(pieces, 12, 2000);
 */
export function greedyCandidate(
  segments: readonly ResponseSegment[],
  components: number,
  budgetYuan: number,
): { x: number[]; gainMw: number; costYuan: number } {
  const x = new Array<number>(components).fill(0);
  let left = budgetYuan;
  let gainMw = 0;
  for (const p of segments) {
    if (left <= 0) break;
    if (x[p.component] !== p.from) continue; // predecessor not (fully) taken
    const share = p.costYuan <= left ? 1 : left / p.costYuan;
    x[p.component] = p.from + share * (p.to - p.from);
    gainMw += share * p.gainMw;
    left -= share * p.costYuan;
  }
  return { x, gainMw, costYuan: budgetYuan - left };
}
