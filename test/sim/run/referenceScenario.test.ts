/**
 * End-to-end checks on the reference scenario (docs/model.md §6) with the real engines:
 * energy balance, station loads at the mapped buses, DLMP feedback, determinism.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { DueResult } from '../../../src/traffic/dynamic/dueTypes.ts';
import { energyPerVisitKwh } from '../../../src/sim/coupling/energyPerVisit.ts';
import { duePathsForLoading } from '../../../src/sim/run/trajectoryClearance.ts';
import { loadNetworkDynamic } from '../../../src/traffic/dynamic/loadNetworkDynamic.ts';
import type { CosimResult } from '../../../src/sim/run/cosimTypes.ts';
import { prepareCosim, type PreparedCosim } from '../../../src/sim/run/prepareCosim.ts';
import { runCosim } from '../../../src/sim/run/runCosim.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';
import { stationServiceRecord } from '../../../src/sim/scenario/schema/stationSchema.ts';

const reference = readScenarioFile();

describe('reference scenario (Nguyen-Dupuis + IEEE 33, 17:00–19:00)', () => {
  let prepared: PreparedCosim;
  let result: CosimResult;
  beforeAll(async () => {
    prepared = await prepareCosim(reference.scenario, { baseDir: reference.baseDir, source: reference.file });
    result = await prepared.run();
  });

  it('runs the 12 window intervals, then tail intervals until the network is clear, converged and shedding-free', () => {
    expect(result.status).toBe('ok');
    expect(result.cleared).toBe(true);
    expect(result.windowIntervals).toBe(12);
    // vehicles still charge after 18:50 (the issue measured the network empty at about 21:40)
    expect(result.intervals.length).toBeGreaterThan(12);
    expect(result.intervals.length).toBeLessThanOrEqual(12 + prepared.tailIntervals);
    expect(result.intervals.map((r) => r.phase)).toEqual(result.intervals.map((_, t) => (t < 12 ? 'window' : 'tail')));
    expect(result.intervals[6].start).toBe('18:00');
    // the run stops at the first clear boundary: vehicles on some link (road or station) at the start of
    // the last interval, none at its end (independent loading of the final routes, link occupancy A − D)
    const due = result.lastDue as unknown as DueResult;
    const spi = (reference.scenario.horizon.intervalMin * 60) / reference.scenario.horizon.stepSec;
    const dnl = loadNetworkDynamic(prepared.network, duePathsForLoading(due, spi), { stepSec: reference.scenario.horizon.stepSec, horizonSteps: due.steps });
    const occupancy = (k: number) => {
      let veh = 0;
      for (let a = 0; a < prepared.network.from.length; a++) veh += dnl.linkCumIn[a * (dnl.steps + 1) + k] - dnl.linkCumOut[a * (dnl.steps + 1) + k];
      return veh;
    };
    const n = result.intervals.length;
    expect(occupancy((n - 1) * spi)).toBeGreaterThan(1e-6);
    expect(occupancy(n * spi)).toBeLessThan(1e-6);
    for (const r of result.intervals) {
      expect(r.opf.status).toBe('optimal');
      expect(r.opf.shedKw).toBeLessThan(1e-3);
    }
  });

  it('energy balance per interval (1e-9 MWh): station energy = Σ vehicles in service × power × δ, from the DUE', () => {
    const { stepSec, intervalMin } = reference.scenario.horizon;
    const spi = (intervalMin * 60) / stepSec;
    const hours = intervalMin / 60;
    result.intervals.forEach((r, t) => {
      const due = r.due as unknown as { steps: number; stationChargingInService: Float64Array; stationV2gInService: Float64Array;
        stationChargingInServiceByInterval: Float64Array; stationV2gInServiceByInterval: Float64Array };
      reference.scenario.stations.forEach((st, s) => {
        let chargeKwh = 0;
        let v2gKwh = 0;
        for (let k = t * spi; k < (t + 1) * spi; k++) {
          chargeKwh += (due.stationChargingInService[s * due.steps + k] * st.chargeKw * stepSec) / 3600;
          v2gKwh += (due.stationV2gInService[s * due.steps + k] * stationServiceRecord(st).v2gKw * stepSec) / 3600;
        }
        expect(r.chargeMw[s] * hours).toBeCloseTo(chargeKwh / 1000, 9);
        expect(r.v2gMw[s] * hours).toBeCloseTo(v2gKwh / 1000, 9);
        expect(r.netMw[s]).toBeCloseTo(r.chargeMw[s] - r.v2gMw[s], 12);
        // The traffic engine's own per-interval mean gives the same energy.
        const I = (r.due as unknown as DueResult).intervals;
        expect(r.chargeMw[s] * hours).toBeCloseTo((due.stationChargingInServiceByInterval[s * I + t] * st.chargeKw * hours) / 1000, 9);
        expect(r.v2gMw[s] * hours).toBeCloseTo((due.stationV2gInServiceByInterval[s * I + t] * stationServiceRecord(st).v2gKw * hours) / 1000, 9);
      });
    });
    // The peak carries real load (the calibration makes the feeder reach its voltage limit).
    expect(Math.max(...result.intervals.map((r) => r.netMw.reduce((a, b) => a + b, 0)))).toBeGreaterThan(1);
  });

  it('accounting identity (1e-9 MWh): Σ interval station energy = Σ visits × energy per visit, charge and V2G separately', () => {
    const hours = reference.scenario.horizon.intervalMin / 60;
    const classes = reference.scenario.classes;
    reference.scenario.stations.forEach((st, s) => {
      let chargedMwh = 0;
      let dischargedMwh = 0;
      let chargeVisits = 0;
      let v2gVisits = 0;
      for (const r of result.intervals) {
        chargedMwh += r.chargeMw[s] * hours;
        dischargedMwh += r.v2gMw[s] * hours;
        chargeVisits += r.chargeArrivalsVeh[s];
        v2gVisits += r.v2gArrivalsVeh[s];
      }
      expect(chargeVisits).toBeGreaterThan(1);
      if (st.kind === 'destination') {
        // at home both classes recharge (their needs), counted together as charge visits in the ratio λ : φ
        const share = classes.chargingShare / (classes.chargingShare + classes.v2gShare);
        const kwh = share * energyPerVisitKwh(st, 'charging', classes) + (1 - share) * energyPerVisitKwh(st, 'v2g', classes);
        expect(chargedMwh).toBeCloseTo((chargeVisits * kwh) / 1000, 9);
        expect(dischargedMwh).toBe(0);
        return;
      }
      expect(chargedMwh).toBeCloseTo((chargeVisits * energyPerVisitKwh(st, 'charging', classes)) / 1000, 9);
      expect(dischargedMwh).toBeCloseTo((v2gVisits * energyPerVisitKwh(st, 'v2g', classes)) / 1000, 9);
      // independent of the code under test: 60 kW × 20 min = 20 kWh, 40 kW × 30 min = 20 kWh per visit
      expect(chargedMwh).toBeCloseTo((chargeVisits * 20) / 1000, 9);
    });
    // every departing charging traveller is served once, en route or at home: visits = λ × Σ demand × Δt (1e-9 relative)
    const demandVeh = (reference.scenario.demand.profile ?? []).reduce((a, f) => a + f, 0) * (400 + 800 + 600 + 200) * hours * reference.scenario.demand.scale;
    const share = classes.chargingShare / (classes.chargingShare + classes.v2gShare);
    const visits = result.intervals.reduce((a, r) => a + r.chargeArrivalsVeh.reduce(
      (x, y, s) => x + (reference.scenario.stations[s].kind === 'destination' ? share * y : y), 0), 0);
    expect(visits / (reference.scenario.classes.chargingShare * demandVeh)).toBeCloseTo(1, 9);
  });

  it('station loads appear at the mapped buses 22, 16, 30 (independent OPF re-solve, 1e-6 pu)', async () => {
    const session = await OpfSession.create(prepared.feeder, { formulation: 'socp', coneTolerancePu: reference.scenario.solver.coneTolerancePu });
    try {
      const t = result.intervals.reduce((best, r, i) => (r.netMw.reduce((a, b) => a + b, 0) > result.intervals[best].netMw.reduce((a, b) => a + b, 0) ? i : best), 0);
      const r = result.intervals[t];
      const injections = Array.from(result.stationBuses, (bus, s) => ({ bus, pMw: r.netMw[s] }));
      const again = session.solve({ loadScale: r.loadScale, injections });
      for (const bus of result.busIds) expect(again.voltagePu[bus]).toBeCloseTo(r.opf.voltagePu[bus], 5);
      // Balance: import + DG = household load × scale + station net load + losses − shed.
      const household = prepared.feeder.buses.reduce((a, b) => a + b.pLoadMw, 0) * r.loadScale;
      const generated = again.dispatch.reduce((a, d) => a + d.pMw, 0);
      const stations = r.netMw.reduce((a, b) => a + b, 0);
      expect(generated).toBeCloseTo(household + stations + again.lossesKw / 1000 - again.shedKw / 1000, 4);
      // The same loads at other buses give another operating point: the mapping matters.
      const moved = session.solve({ loadScale: r.loadScale, injections: injections.map((inj) => ({ ...inj, bus: 2 })) });
      expect(Math.abs(moved.minVoltagePu - r.opf.minVoltagePu)).toBeGreaterThan(1e-3);
    } finally {
      session.dispose();
    }
  });

  it('is deterministic: a second runCosim (new network, feeder and OPF session) gives identical numbers', async () => {
    const again = await runCosim(reference.scenario, { baseDir: reference.baseDir, source: reference.file });
    const pick = (res: CosimResult) => res.intervals.map((r) => ({
      net: Array.from(r.netMw), v: r.opf.voltagePu, dlmp: r.opf.dlmpP, gap: r.dueGap, price: Array.from(r.chargePriceYuanPerKWh),
      links: Array.from(r.linkInflowVehPerH),
    }));
    expect(pick(again)).toEqual(pick(result));
  });

  it('DLMP feedback changes prices: with DLMP-linked tariffs, ω(t+1) = markup + DLMP(t)·yuanPerUsd/1000', async () => {
    // The first hour (17:00–17:50) already takes the feeder to its voltage limit; 6 intervals keep the test short.
    const profile = reference.scenario.demand.profile!.slice(0, 6);
    const loadScale = (reference.scenario.feeder.loadScale as number[]).slice(0, 6);
    const linked = readScenarioFile(undefined, [
      'prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}',
      'prices.v2g={"mode":"dlmp","markupYuanPerKWh":2.856}',
      'horizon.intervals=6', `demand.profile=${JSON.stringify(profile)}`, `feeder.loadScale=${JSON.stringify(loadScale)}`,
    ]);
    const res = await runCosim(linked.scenario, { baseDir: linked.baseDir, source: linked.file });
    expect(res.status).toBe('ok');
    for (let t = 1; t < 6; t++) {
      for (let s = 0; s < 3; s++) {
        const dlmp = res.intervals[t - 1].dlmpAtStationUsdPerMwh[s];
        expect(res.intervals[t].chargePriceYuanPerKWh[s]).toBeCloseTo(1.856 + (dlmp * 7.2) / 1000, 12);
        expect(res.intervals[t].v2gPriceYuanPerKWh[s]).toBeCloseTo(2.856 + (dlmp * 7.2) / 1000, 12);
      }
    }
    const prices = res.intervals.flatMap((r) => Array.from(r.chargePriceYuanPerKWh));
    // Prices move with the DLMPs (losses raise them along the feeder; fixed tariffs would give a spread of 0).
    expect(Math.max(...prices) - Math.min(...prices)).toBeGreaterThan(5e-3);
    expect(res.timing.dueSolves).toBeGreaterThan(1);
  });
});
