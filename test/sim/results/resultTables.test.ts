import { describe, expect, it } from 'vitest';
import { resultTables } from '../../../src/sim/results/resultTables.ts';
import { busesCsvSchema, linksCsvSchema, stationsCsvSchema, systemCsvSchema } from '../../../src/sim/results/tableSchemas.ts';
import { fakeRun } from '../fixtures/fakeRun.ts';

describe('resultTables', () => {
  const { result } = fakeRun();
  const tables = resultTables(result);

  it('should have one row per interval × station / bus / link and one per interval', () => {
    expect(tables.stations.rows).toHaveLength(4 * 2);
    expect(tables.buses.rows).toHaveLength(4 * 4);
    expect(tables.links.rows).toHaveLength(4 * 2);
    expect(tables.system.rows).toHaveLength(4);
    for (const t of Object.values(tables)) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });

  it('should take its columns, in order, from the documented schemas, each time as interval + clock', () => {
    expect(tables.stations.columns).toEqual(Object.keys(stationsCsvSchema.shape));
    expect(tables.buses.columns).toEqual(Object.keys(busesCsvSchema.shape));
    expect(tables.links.columns).toEqual(Object.keys(linksCsvSchema.shape));
    expect(tables.system.columns).toEqual(Object.keys(systemCsvSchema.shape));
    for (const t of Object.values(tables)) expect(t.columns.slice(0, 2)).toEqual(['interval', 'clock']);
    expect(tables.system.rows.map((r) => r.slice(0, 2))).toEqual([[0, '17:00'], [1, '17:10'], [2, '17:20'], [3, '17:30']]);
  });

  it('should carry the station load to its bus in the bus table', () => {
    const col = (name: string) => tables.buses.columns.indexOf(name);
    const bus2 = tables.buses.rows.find((r) => r[col('interval')] === 1 && r[col('bus')] === 2)!;
    expect(bus2[col('stationNetMw')]).toBe(result.intervals[1].netMw[0]);
    const bus4 = tables.buses.rows.find((r) => r[col('interval')] === 1 && r[col('bus')] === 4)!;
    expect(bus4[col('stationNetMw')]).toBe(0);
  });

  it('should report the system totals per interval, with the bus of the largest DLMP', () => {
    const col = (name: string) => tables.system.columns.indexOf(name);
    const row = tables.system.rows[2];
    const r = result.intervals[2];
    expect(row[col('stationNetMw')]).toBeCloseTo(r.netMw[0] + r.netMw[1], 12);
    expect(row[col('fixedPointResidualYuanPerKwh')]).toBe(r.fixedPointResidual);
    expect(row[col('opfStatus')]).toBe('optimal');
    // The fake grid adds 100 $/MWh per MW of station load at the station's bus: the busier station's bus has the largest DLMP.
    const busiest = r.netMw[0] >= r.netMw[1] ? 2 : 3;
    expect(row[col('maxDlmpBus')]).toBe(busiest);
    expect(row[col('maxDlmpUsdPerMwh')]).toBeCloseTo(20 + 100 * Math.max(r.netMw[0], r.netMw[1]), 9);
    expect(row[col('outagedBranchCount')]).toBe(0);
  });
});
