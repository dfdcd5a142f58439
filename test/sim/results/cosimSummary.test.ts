import { describe, expect, it } from 'vitest';
import { cosimSummarySchema } from '../../../src/sim/results/summarySchema.ts';
import { fakeRun } from '../fixtures/fakeRun.ts';
import { manyStationsRun } from '../fixtures/manyStationsRun.ts';

describe('cosimSummary', () => {
  const { result, summary } = fakeRun();
  const hours = 10 / 60;

  it('parses with the strict documented schema; an added, missing or renamed field fails', () => {
    expect(cosimSummarySchema.safeParse(summary).success).toBe(true);
    expect(cosimSummarySchema.safeParse({ ...summary, extra: 1 }).success).toBe(false);
    const { lossesMwh: _, ...missing } = summary.totals;
    expect(cosimSummarySchema.safeParse({ ...summary, totals: missing }).success).toBe(false);
    const renamed = { ...summary, intervals: summary.intervals.map(({ clock, ...rest }) => ({ ...rest, start: clock })) };
    expect(cosimSummarySchema.safeParse(renamed).success).toBe(false);
    expect(cosimSummarySchema.safeParse(manyStationsRun().summary).success).toBe(true);
  });

  it('gives every interval as index + HH:MM clock', () => {
    expect(summary.intervals.map((i) => [i.interval, i.clock])).toEqual([[0, '17:00'], [1, '17:10'], [2, '17:20'], [3, '17:30']]);
    expect(summary.horizon.startAt).toBe('17:00');
  });

  it('totals: energy = Σ power × 10 min, losses 100 kW × 40 min = 1/15 MWh, cost = Σ $/h × 1/6 h', () => {
    const charged = result.intervals.reduce((a, r) => a + (r.chargeMw[0] + r.chargeMw[1]) * hours, 0);
    const discharged = result.intervals.reduce((a, r) => a + (r.v2gMw[0] + r.v2gMw[1]) * hours, 0);
    expect(summary.totals.stationEnergyChargedMwh).toBeCloseTo(charged, 12);
    expect(summary.totals.stationEnergyDischargedMwh).toBeCloseTo(discharged, 12);
    expect(summary.stations[0].energyChargedMwh).toBeCloseTo(result.intervals.reduce((a, r) => a + r.chargeMw[0] * hours, 0), 12);
    // The fake grid loses a flat 100 kW in every interval.
    expect(summary.totals.lossesMwh).toBeCloseTo(1 / 15, 12);
    expect(summary.totals.feederCostUsd).toBeCloseTo(result.intervals.reduce((a, r) => a + r.opf.objectiveUsdPerH * hours, 0), 9);
    expect(summary.totals.householdShedMwh).toBe(0);
  });

  it('peaks and extremes name the first interval that reaches them, as index and clock', () => {
    const totals = result.intervals.map((r) => r.netMw[0] + r.netMw[1]);
    const t = totals.indexOf(Math.max(...totals));
    expect(summary.totals.peakStationNetMw).toBeCloseTo(totals[t], 12);
    expect(summary.totals.peakStationNetInterval).toBe(t);
    expect(summary.totals.peakStationNetAt).toBe(result.intervals[t].start);
    const dlmps = summary.intervals.map((i) => i.maxDlmpUsdPerMwh ?? -1);
    expect(summary.totals.maxDlmpInterval).toBe(dlmps.indexOf(Math.max(...dlmps)));
    expect(summary.totals.maxDlmpAt).toBe(summary.intervals[summary.totals.maxDlmpInterval].clock);
  });

  it('carries the exchange rate and the tolerances of the scenario', () => {
    expect(summary.exchangeRateYuanPerUsd).toBe(7.2);
    expect(summary.tolerances).toEqual({ dueRelativeGap: 1e-4, coneGapPu2: null, coneRelativeGap: 1e-9, fixedPointResidualYuanPerKwh: 1e-3 });
    expect(Object.keys(summary.timing)).toEqual(['wallMs', 'trafficMs', 'gridMs', 'couplingMs', 'dueSolves', 'opfSolves']);
  });
});
