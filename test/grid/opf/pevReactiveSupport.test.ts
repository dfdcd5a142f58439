/**
 * Seed 001's four PEV cases (§V: "Case 1 base without PEVs, Case 2 PEVs as
 * additional loads, Case 3 V2G supplying real and reactive power, Case 4 V2G
 * supplying reactive power while charging") reproduced on case33bw. The seed
 * models 7 kW chargers with 8 kVA inverters (3.87 kVAr drawn as a plain load);
 * here two fleets of 20 such EVs sit at the weak buses 18 and 33, with the
 * household load at 85 % so that case 2 stays within the 0.9 pu limit (no shedding).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { BusInjection } from '../../../src/grid/model/injection.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';

const evs = 20;
const pMw = (evs * 7) / 1000;
const qLoadMvar = (evs * 3.87) / 1000;
const sMaxMva = (evs * 8) / 1000;
const fleetBuses = [18, 33];
const loadScale = 0.85;
const fleet = (make: (bus: number) => BusInjection): BusInjection[] => fleetBuses.map(make);

describe('seed 001 PEV cases on case33bw', () => {
  let opf: OpfSession;
  const r: Record<string, OpfResult> = {};
  beforeAll(async () => {
    opf = await OpfSession.create(loadBundledFeeder('case33bw'));
    r.case1 = opf.solve({ loadScale });
    r.case2 = opf.solve({ loadScale, injections: fleet((bus) => ({ bus, pMw, qMvar: qLoadMvar })) });
    r.case3 = opf.solve({ loadScale, injections: fleet((bus) => ({ bus, pMw: -pMw, sMaxMva })) });
    r.case4 = opf.solve({ loadScale, injections: fleet((bus) => ({ bus, pMw, sMaxMva })) });
  });
  afterAll(() => opf.dispose());

  it('solves all four cases exactly (cone tight)', () => {
    for (const res of Object.values(r)) {
      expect(res.status).toBe('optimal');
      expect(res.maxConeGapPu).toBeLessThanOrEqual(1e-6);
      expect(res.shedKw).toBeCloseTo(0, 6);
    }
  });

  it('case 2: EVs as loads lower the minimum voltage and raise cost and losses', () => {
    expect(r.case2.minVoltagePu).toBeLessThan(r.case1.minVoltagePu);
    expect(r.case2.objectiveUsdPerH).toBeGreaterThan(r.case1.objectiveUsdPerH);
    expect(r.case2.lossesKw).toBeGreaterThan(r.case1.lossesKw);
  });

  it('case 3: V2G real + reactive support raises the minimum voltage above the base case and cuts cost', () => {
    expect(r.case3.minVoltagePu).toBeGreaterThan(r.case1.minVoltagePu);
    expect(r.case3.objectiveUsdPerH).toBeLessThan(r.case1.objectiveUsdPerH);
    for (const bus of fleetBuses) expect(r.case3.stationQMvar[bus]).toBeGreaterThan(0);
  });

  it('case 4: reactive support while charging raises the minimum voltage over case 2 within the inverter disc', () => {
    expect(r.case4.minVoltagePu).toBeGreaterThan(r.case2.minVoltagePu);
    expect(r.case4.lossesKw).toBeLessThan(r.case2.lossesKw);
    expect(r.case4.objectiveUsdPerH).toBeLessThan(r.case2.objectiveUsdPerH);
    const qCap = Math.sqrt(sMaxMva ** 2 - pMw ** 2);
    for (const bus of fleetBuses) {
      expect(r.case4.stationQMvar[bus]).toBeGreaterThan(0);
      expect(r.case4.stationQMvar[bus]).toBeLessThanOrEqual(qCap + 1e-9);
    }
  });
});
