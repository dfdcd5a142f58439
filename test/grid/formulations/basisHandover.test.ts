/**
 * The basis hand-over of the cut pool (distFlowCuts.ts `handOver`, docs/model.md §3.3) only
 * changes the simplex's start basis, never the LP: with and without it, the warm cut loop must
 * reach the same optimum and the same DLMPs. The reference is the same loop with the hand-over
 * switched off (appended cuts start basic, the loop as it was before), an independent path
 * through HiGHS; both are within 2e-4 $/MWh of the conic reference (cutLoop.test.ts), so they
 * must agree far better than the 0.01 $/MWh target.
 */
import { describe, it } from 'vitest';
import { CutPool } from '../../../src/grid/formulations/distFlowCuts.ts';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { CASE33BW_WARM_INTERVALS, expectSameOptima, solveAllWith } from './switchedSolve.ts';

const solveAll = (feeder: Feeder, intervals: FeederInterval[], handover: boolean): Promise<OpfResult[]> =>
  solveAllWith((on) => { CutPool.basisHandoverDefault = on; }, handover, feeder, intervals);

describe('basis hand-over', () => {
  const cases: [string, Feeder, FeederInterval[]][] = [
    ['ieee123, load ±3 % warm', loadBundledFeeder('ieee123'), [1, 1.03, 0.98, 1.01, 0.97, 1.02].map((loadScale) => ({ loadScale }))],
    ['case33bw, station loads and inverter Q warm', loadBundledFeeder('case33bw'), CASE33BW_WARM_INTERVALS],
  ];
  for (const [label, feeder, intervals] of cases) {
    it(`${label}: same status, objective within 1e-8 relative and P/Q-DLMPs within 1e-3 $/MWh as without it`, async () => {
      expectSameOptima(await solveAll(feeder, intervals, true), await solveAll(feeder, intervals, false));
    });
  }
});
