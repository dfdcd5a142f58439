/**
 * Re-simulate reported points from scratch and compare (docs/model.md §5: "every point
 * reported must be reproducible: re-simulating with its coupons gives the same
 * station loads and a DUE gap below tolerance").
 */
import { pointCoupons } from '../search/couponWindow.js';
import type { OpfStatus } from '../../sim/index.js';
import type { EvaluatedPoint, RejectionReason } from '../search/flexEvaluation.js';
import { buildFlexProblem } from './flexProblem.js';
import type { SweepSpec } from './sweepSpec.js';

/** Outcome of re-simulating one point. */
export interface PointCheck {
  /** Loads of the re-simulation at t*, MW (all stations). */
  readonly netMw: readonly number[];
  /** Largest |ΔP| / max(|P|, floorMw) over stations. */
  readonly relativeError: number;
  readonly subsidyYuan: number;
  readonly dueGap: number;
  readonly converged: boolean;
  readonly feasible: boolean;
  /** Worst OPF status over every interval of the re-simulation (window and tail). */
  readonly opfStatus: OpfStatus;
  /** Largest household shed / EV curtailment over its intervals, MW. */
  readonly shedMw: number;
  readonly curtailedMw: number;
  /** Why the grid does not serve the re-simulation; absent when it does. */
  readonly rejection?: RejectionReason;
}

/**
 * Re-simulate points in a fresh co-simulation (new feeder models, new base
 * equilibrium from a cold start, then each point's coupons warm-started from that
 * base — the protocol every sweep run follows, see docs/flexibility.md).
 *
 * @param spec - the sweep's spec
 * @param points - points to check (their `x` are the coupons)
 * @param floorMw - loads below this magnitude are compared absolutely against it (default 0.1 MW)
 * @example
 * const checks = await verifyPoints(run.spec, tier.vertices);
 * checks.every((c) => c.relativeError <= 0.01 && c.rejection === undefined && c.subsidyYuan <= 6000);
 */
export async function verifyPoints(spec: SweepSpec, points: readonly EvaluatedPoint[], floorMw = 0.1): Promise<PointCheck[]> {
  const problem = await buildFlexProblem(spec);
  try {
    const out: PointCheck[] = [];
    for (const p of points) {
      const e = await problem.evaluator.evaluate(pointCoupons(problem.window, p));
      let rel = 0;
      p.netMw.forEach((v, i) => (rel = Math.max(rel, Math.abs(e.netMw[i] - v) / Math.max(Math.abs(v), floorMw))));
      out.push({
        netMw: e.netMw, relativeError: rel, subsidyYuan: e.subsidyYuan, dueGap: e.dueGap, converged: e.converged, feasible: e.feasible,
        opfStatus: e.opfStatus ?? 'optimal', shedMw: e.shedMw ?? 0, curtailedMw: e.curtailedMw ?? 0,
        ...(e.rejection === undefined ? {} : { rejection: e.rejection }),
      });
    }
    return out;
  } finally {
    problem.prepared.dispose();
  }
}
