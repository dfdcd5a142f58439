/**
 * Multi-period OPF (docs/model.md §3 "Multi-period"): a horizon of intervals, each with
 * its own load scale, station injections and outages, solved in order on one
 * persistent session so every interval starts warm from the previous basis and
 * inherits its cone cuts. The feeder has no storage, so intervals are coupled
 * only through the solver state, never through constraints.
 */
import type { FeederInterval } from '../model/injection.js';
import type { OpfResult } from './opfResult.js';
import type { OpfSession } from './opfSession.js';

/**
 * Solve every interval of a horizon.
 *
 * @param session an open session (its model is reused)
 * @param intervals per-interval loads and injections (+ = consumption, − = V2G)
 * @returns one result per interval, in order
 * @example
 * const results = solveHorizon(opf, profile.map((s) => ({ loadScale: s })));
 */
export function solveHorizon(session: OpfSession, intervals: readonly FeederInterval[]): OpfResult[] {
  return intervals.map((interval) => session.solve(interval));
}
