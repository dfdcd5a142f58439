import { describe, expect, it } from 'vitest';
import { resultTables } from '../../../src/sim/results/resultTables.ts';
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

  it('should carry the station load to its bus in the bus table', () => {
    const col = (name: string) => tables.buses.columns.indexOf(name);
    const bus2 = tables.buses.rows.find((r) => r[col('interval')] === 1 && r[col('bus')] === 2)!;
    expect(bus2[col('stationNetMw')]).toBe(result.intervals[1].netMw[0]);
    const bus4 = tables.buses.rows.find((r) => r[col('interval')] === 1 && r[col('bus')] === 4)!;
    expect(bus4[col('stationNetMw')]).toBe(0);
  });

  it('should report the system totals per interval', () => {
    const col = (name: string) => tables.system.columns.indexOf(name);
    const row = tables.system.rows[2];
    expect(row[col('stationNetMw')]).toBeCloseTo(result.intervals[2].netMw[0] + result.intervals[2].netMw[1], 12);
    expect(row[col('fixedPointResidual')]).toBe(result.intervals[2].fixedPointResidual);
    expect(row[col('opfStatus')]).toBe('optimal');
  });
});
