/**
 * The tail is already in the default run (docs/model.md §4 "Window and tail"): the reference case
 * with its window extended by zero-demand intervals (household load held at its last value) gives
 * the same run totals and the same interval series as the unextended case.
 */
import { describe, expect, it } from 'vitest';
import { cosimSummary } from '../../../src/sim/results/cosimSummary.ts';
import { runCosim } from '../../../src/sim/run/runCosim.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';

async function summaryOf(sets: string[]) {
  const loaded = readScenarioFile(undefined, sets);
  const result = await runCosim(loaded.scenario, { baseDir: loaded.baseDir, source: loaded.file });
  return cosimSummary(result, loaded.scenario, { name: 'x', file: loaded.file });
}

describe('window extended by zero-demand intervals', () => {
  it('gives the same totals (1e-9) and the same per-interval station load (1e-9 MW) as the default run', async () => {
    const base = readScenarioFile().scenario;
    // the first hour keeps the test short; it already takes the feeder to its voltage limit
    const profile = base.demand.profile!.slice(0, 6);
    const load = (base.feeder.loadScale as number[]).slice(0, 6);
    const short = await summaryOf([
      'horizon.intervals=6', `demand.profile=${JSON.stringify(profile)}`, `feeder.loadScale=${JSON.stringify(load)}`,
    ]);
    const extended = await summaryOf([
      'horizon.intervals=9', `demand.profile=${JSON.stringify([...profile, 0, 0, 0])}`,
      `feeder.loadScale=${JSON.stringify([...load, load[5], load[5], load[5]])}`,
    ]);
    expect(short.status).toBe(extended.status);
    expect(extended.intervals).toHaveLength(short.intervals.length);
    expect(short.intervals[6].phase).toBe('tail');
    expect(extended.intervals[6].phase).toBe('window');
    for (const key of ['stationEnergyChargedMwh', 'stationEnergyDischargedMwh', 'evEnergyDeliveredMwh', 'householdShedMwh',
      'peakStationNetMw', 'feederCostUsd', 'lossesMwh'] as const) {
      expect([key, extended.totals[key]]).toEqual([key, expect.closeTo(short.totals[key], 9)]);
    }
    expect(extended.totals.peakStationNetAt).toBe(short.totals.peakStationNetAt);
    short.intervals.forEach((i, t) => expect(extended.intervals[t].totalStationNetMw).toBeCloseTo(i.totalStationNetMw, 9));
  });
});
