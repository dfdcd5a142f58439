/**
 * Test helpers for the cut loop's process-wide switches (basis hand-over, Newton step): solve a list
 * of intervals on a fresh session with a switch set, restoring it afterwards, and compare DLMPs.
 */
import { expect } from 'vitest';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';

/** Solve `intervals` in order on one fresh session with `set(on)` applied, then `set(true)` (the default). */
export async function solveAllWith(set: (on: boolean) => void, on: boolean, feeder: Feeder, intervals: FeederInterval[]): Promise<OpfResult[]> {
  set(on);
  try {
    const opf = await OpfSession.create(feeder);
    const out = intervals.map((it) => opf.solve(it));
    opf.dispose();
    return out;
  } finally {
    set(true);
  }
}

/** Largest |ΔDLMP| over buses, P and Q, $/MWh. */
export function maxDlmpDiff(a: OpfResult, b: OpfResult): number {
  let d = 0;
  for (const bus of Object.keys(a.dlmpP).map(Number)) {
    d = Math.max(d, Math.abs(a.dlmpP[bus] - b.dlmpP[bus]), Math.abs(a.dlmpQ[bus] - b.dlmpQ[bus]));
  }
  return d;
}

/** case33bw, six warm intervals: rising load, a station with an inverter at bus 18 and one at bus 30. */
export const CASE33BW_WARM_INTERVALS: FeederInterval[] = [0, 1, 2, 3, 4, 5].map((t) => ({
  loadScale: 0.9 + 0.03 * t,
  injections: [{ bus: 18, pMw: 0.1 + 0.05 * t, sMaxMva: 0.4 }, { bus: 30, pMw: 0.2 }],
}));

/** Both runs optimal in every interval, objectives within 1e-8 relative and P/Q-DLMPs within 1e-3 $/MWh. */
export function expectSameOptima(withIt: readonly OpfResult[], without: readonly OpfResult[]): void {
  withIt.forEach((r, k) => {
    const ref = without[k];
    expect(r.status).toBe('optimal');
    expect(ref.status).toBe('optimal');
    expect(Math.abs(r.objectiveUsdPerH - ref.objectiveUsdPerH)).toBeLessThanOrEqual(1e-8 * Math.abs(ref.objectiveUsdPerH));
    expect(maxDlmpDiff(r, ref)).toBeLessThanOrEqual(1e-3);
  });
}
