/**
 * Test helpers for the cut loop's process-wide switches (basis hand-over, Newton step): solve a list
 * of intervals on a fresh session with a switch set, restoring it afterwards, and compare DLMPs.
 */
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
