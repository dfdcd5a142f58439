/**
 * A per-interval substation import price in the scenario reaches every interval's OPF, the last
 * window value held in the tail (docs/model.md §4 "Tail"), and moves the DLMPs the run reports.
 */
import { describe, expect, it } from 'vitest';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { prepareCosim } from '../../../src/sim/run/prepareCosim.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';

const prices = [20, 25, 30, 35];
const short = readScenarioFile(undefined, [
  'horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[1,1,1,1]', 'feeder.loadScale=1',
  `feeder.importPriceUsdPerMwh=${JSON.stringify(prices)}`,
]);

describe('per-interval import price in the co-simulation', () => {
  it('each OPF interval gets its window price, the tail the last one, and the real OPF prices the root bus at it (1e-9 $/MWh)', async () => {
    const seen: (number | undefined)[] = [];
    let session: OpfSession | undefined;
    const prepared = await prepareCosim(short.scenario, {
      baseDir: short.baseDir, source: short.file,
      grid: (interval: FeederInterval) => {
        seen.push(interval.importPriceUsdPerMwh);
        return session!.solve(interval);
      },
    });
    session = await OpfSession.create(prepared.feeder);
    try {
      const result = await prepared.run();
      expect(seen.slice(0, 4)).toEqual(prices);
      for (const p of seen.slice(4)) expect(p).toBe(35);
      const root = prepared.feeder.slackBus;
      result.intervals.forEach((r, t) => {
        expect(Math.abs(r.opf.dlmpP[root] - (t < 4 ? prices[t] : 35))).toBeLessThan(1e-9);
      });
    } finally {
      prepared.dispose();
      session.dispose();
    }
  });
});
