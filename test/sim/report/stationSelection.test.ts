import { describe, expect, it } from 'vitest';
import { selectStations, stationSeries, TOP_STATIONS } from '../../../src/sim/report/stationSelection.ts';
import { fakeRun } from '../fixtures/fakeRun.ts';
import { IDLE_STATIONS, manyStationsRun } from '../fixtures/manyStationsRun.ts';

describe('selectStations / stationSeries', () => {
  it('few stations: all shown in scenario order, no aggregate', () => {
    const { result } = fakeRun();
    const selection = selectStations(result);
    expect(selection.shown).toEqual([0, 1]);
    expect(selection.others).toEqual([]);
  });

  const { result } = manyStationsRun();
  const selection = selectStations(result);
  const peak = result.stationIds.map((_, s) => Math.max(...result.intervals.map((r) => Math.abs(r.netMw[s]))));

  it('53 stations: the 8 largest peaks |net load| by name, the other 45 aggregated', () => {
    expect(selection.shown).toHaveLength(TOP_STATIONS);
    expect(selection.others).toHaveLength(53 - TOP_STATIONS);
    const smallestShown = Math.min(...selection.shown.map((s) => peak[s]));
    for (const s of selection.others) expect(peak[s]).toBeLessThanOrEqual(smallestShown);
    expect(new Set(selection.shown.map((s) => selection.styleOf(s).color)).size).toBe(TOP_STATIONS);
  });

  it('aggregates the others as Σ or mean, and leaves idle stations out with a note', () => {
    const sum = stationSeries(result, selection, { value: (r, s) => r.netMw[s], aggregate: 'sum' });
    const mean = stationSeries(result, selection, { value: (r, s) => r.netMw[s], aggregate: 'mean' });
    const others = (p: typeof sum) => p.series.find((x) => x.name.startsWith('others'))!;
    const t = 4;
    const expected = selection.others.reduce((a, s) => a + result.intervals[t].netMw[s], 0);
    expect(others(sum).values[t]).toBeCloseTo(expected, 12);
    expect(others(mean).values[t]).toBeCloseTo(expected / 45, 12);
    expect(sum.series).toHaveLength(TOP_STATIONS + 1);
    // The idle stations are among the aggregated ones, so they are in no legend; a per-station series of zeros is noted.
    const queues = stationSeries(result, selection, { value: (r, s) => r.v2gQueueVeh[s], aggregate: 'sum' });
    expect(queues.series).toEqual([]);
    expect(queues.notes.join(' ')).toMatch(/all 53 stations: 0 in every interval/);
    for (const id of IDLE_STATIONS) expect(selection.shown.map((s) => result.stationIds[s])).not.toContain(id);
  });

  it('identical values at every station become one series "all n stations"', () => {
    const tariffs = stationSeries(result, selection, { value: (r, s) => r.v2gPriceYuanPerKWh[s], aggregate: 'mean' });
    expect(tariffs.series.map((s) => s.name)).toEqual(['all 53 stations']);
  });
});
