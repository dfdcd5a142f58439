import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import type { CosimResult } from '../../../src/sim/run/cosimTypes.ts';
import { prepareCosim, type PreparedCosim } from '../../../src/sim/run/prepareCosim.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';

// A 4-interval cut of the reference case with a 60 s loading step: fast, same structure.
const short = readScenarioFile(undefined, ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[1,1,1,1]', 'feeder.loadScale=1']);
const total = (r: CosimResult, s: number) => r.intervals.reduce((a, i) => a + i.chargeMw[s], 0);

describe('prepareCosim', () => {
  let prepared: PreparedCosim;
  let base: CosimResult;
  beforeAll(async () => {
    prepared = await prepareCosim(short.scenario, { baseDir: short.baseDir, source: short.file });
    base = await prepared.run();
  });
  afterAll(() => prepared.dispose());

  it('repeated runs of one prepared context are identical', async () => {
    const again = await prepared.run();
    expect(again.intervals.map((r) => [Array.from(r.netMw), r.opf.dlmpP])).toEqual(base.intervals.map((r) => [Array.from(r.netMw), r.opf.dlmpP]));
  });

  it('coupons move charging to the subsidised station', async () => {
    const coupons = {
      chargeYuanPerKWh: prepared.scenarioCoupons.chargeYuanPerKWh.map((_, i) => (i >= 2 * 4 ? 1.5 : 0)), // CS3 only
      v2gYuanPerVisit: prepared.scenarioCoupons.v2gYuanPerVisit.slice(),
    };
    const subsidised = await prepared.run({ coupons, warmStart: base.lastDue as never });
    expect(total(subsidised, 2)).toBeGreaterThan(total(base, 2));
    expect(subsidised.intervals[3].chargeCouponYuanPerKWh[2]).toBe(1.5);
    expect(subsidised.intervals[3].chargeCouponYuanPerKWh[0]).toBe(0);
  });

  it('rejects coupon vectors of the wrong length or with negative values', async () => {
    const n = prepared.stationIds.length * prepared.windowIntervals;
    await expect(prepared.run({ coupons: { chargeYuanPerKWh: new Float64Array(3), v2gYuanPerVisit: new Float64Array(n) } })).rejects.toThrow(InputError);
    const negative = { chargeYuanPerKWh: new Float64Array(n).fill(-1), v2gYuanPerVisit: new Float64Array(n) };
    await expect(prepared.run({ coupons: negative })).rejects.toThrow(/coupons\.chargeYuanPerKWh\[0\] = -1/);
  });
});
