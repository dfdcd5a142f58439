import { describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder, SheddingConvention } from '../../../src/grid/model/feeder.ts';
import type { BusInjection } from '../../../src/grid/model/injection.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { runPowerFlow } from '../../../src/grid/powerflow/runPowerFlow.ts';

// Baran & Wu case33bw loads used below (kW + j kvar): bus 18 90 + j40, 23 90 + j50, 24 420 + j200, 25 420 + j200.
const case33 = loadBundledFeeder('case33bw');
const withConvention = (feeder: Feeder, sheddingConvention: SheddingConvention): Feeder => ({ ...feeder, sheddingConvention });
const dg25 = (qMaxMvar: number) => ({ id: 'dg25', kind: 'dg' as const, bus: 25, pMinMw: 0, pMaxMw: 0.3, qMinMvar: -qMaxMvar, qMaxMvar, costUsdPerMwh: 50, costUsdPerMw2h: 0 });

async function solveOnce(feeder: Feeder, interval: Parameters<OpfSession['solve']>[0]): Promise<OpfResult> {
  const opf = await OpfSession.create(feeder);
  try {
    return opf.solve(interval);
  } finally {
    opf.dispose();
  }
}

describe('shedding conventions', () => {
  it('constant-pf (default): no household is shed at a bus whose station exports more than the household draws', async () => {
    // Branch 22 (3–23) out: island 23–25 with a 0.3 MW DG (±1 Mvar, so P is what runs short); a V2G
    // station at bus 24 exports 0.5 MW > its 0.42 MW household.
    const feeder: Feeder = { ...case33, generators: [...case33.generators, dg25(1)] };
    for (const convention of ['constant-pf', 'p-only'] as const) {
      const r = await solveOnce(withConvention(feeder, convention), { outagedBranches: [22], injections: [{ bus: 24, pMw: -0.5 }] });
      expect(r.status, convention).toBe('optimal');
      expect(r.shedByBus[24], convention).toBeUndefined();
      // Island balance: net load 0.93 − 0.5 = 0.43 MW, DG 0.3 MW ⇒ 0.13 MW shed plus the island's losses (< 5 kW).
      const island = r.islandSummary.find((i) => i.rootBus === 25)!;
      expect(island.loadMw).toBeCloseTo(0.43, 9);
      expect(island.shedMw).toBeGreaterThan(0.13);
      expect(island.shedMw).toBeLessThan(0.135);
      expect(r.evCurtailedKw).toBe(0);
    }
  });

  it('in an island without resources: constant-pf sheds P and Q; household-only cannot shed EV charging and p-only cannot shed Q (infeasible)', async () => {
    const interval = { outagedBranches: [17], injections: [{ bus: 18, pMw: 0.06 }] };
    const pf = await solveOnce(case33, interval);
    expect(pf.status).toBe('optimal');
    expect(pf.shedByBus[18].pKw).toBeCloseTo(150, 9);
    expect(pf.shedByBus[18].qKvar).toBeCloseTo(40, 9);
    expect((await solveOnce(withConvention(case33, 'household-only'), interval)).status).toBe('infeasible');
    expect((await solveOnce(withConvention(case33, 'p-only'), interval)).status).toBe('infeasible');
  });

  it('p-only sheds no reactive power: a DG with reactive range serves all of the island’s Q', async () => {
    const feeder = withConvention({ ...case33, generators: [...case33.generators, dg25(1)] }, 'p-only');
    const r = await solveOnce(feeder, { outagedBranches: [22] });
    expect(r.status).toBe('optimal');
    expect(r.shedKw).toBeGreaterThan(600);
    for (const s of Object.values(r.shedByBus)) expect(s.qKvar).toBe(0);
    // Island Q load 0.45 Mvar, plus reactive losses.
    expect(r.dispatch.find((d) => d.id === 'dg25')!.qMvar).toBeGreaterThanOrEqual(0.45 - 1e-9);
  });

  it('household-only never curtails EV charging and sheds at most the household load of a bus', async () => {
    const feeder = withConvention({ ...case33, buses: case33.buses.map((b) => ({ ...b, vMinPu: b.id === 1 ? b.vMinPu : 0.93 })) }, 'household-only');
    const r = await solveOnce(feeder, { injections: [{ bus: 18, pMw: 0.5 }] });
    expect(r.status).toBe('optimal');
    expect(r.shedKw).toBeGreaterThan(0);
    expect(r.evCurtailedKw).toBe(0);
    expect(r.householdShedKw).toBeCloseTo(r.shedKw, 9);
    for (const [id, s] of Object.entries(r.shedByBus)) {
      const bus = case33.buses.find((b) => b.id === Number(id))!;
      expect(s.pKw).toBeLessThanOrEqual(bus.pLoadMw * 1000 + 1e-6);
      expect(s.qKvar).toBeCloseTo(s.pKw * (bus.qLoadMvar / bus.pLoadMw), 9);
    }
  });

  for (const convention of ['constant-pf', 'household-only', 'p-only'] as const) {
    it(`${convention}: a power flow at the served loads reproduces the OPF voltages (1e-5 pu) and import (0.1 kW)`, async () => {
      // Tight voltage limits force shedding in the slack island; stations at 18 (charging) and 33 (V2G).
      const feeder = withConvention({ ...case33, buses: case33.buses.map((b) => ({ ...b, vMinPu: b.id === 1 ? b.vMinPu : 0.93 })) }, convention);
      const injections: BusInjection[] = [{ bus: 18, pMw: 0.2, qMvar: 0.05 }, { bus: 33, pMw: -0.05 }];
      const r = await solveOnce(feeder, { injections });
      expect(r.status).toBe('optimal');
      expect(r.shedKw).toBeGreaterThan(10);
      const served: BusInjection[] = case33.buses.map((bus) => {
        const own = injections.filter((i) => i.bus === bus.id);
        const pNet = bus.pLoadMw + own.reduce((a, i) => a + i.pMw, 0);
        const qNet = bus.qLoadMvar + own.reduce((a, i) => a + (i.qMvar ?? 0), 0);
        const shed = r.shedByBus[bus.id];
        if (shed !== undefined && convention === 'constant-pf') expect(shed.qKvar / shed.pKw).toBeCloseTo(qNet / pNet, 9);
        if (shed !== undefined && convention === 'p-only') expect(shed.qKvar).toBe(0);
        // Pro-rata attribution of the shed P to households and EV charging.
        const ev = convention === 'household-only' ? 0 : own.reduce((a, i) => a + Math.max(0, i.pMw), 0);
        if (shed !== undefined) expect(shed.householdKw).toBeCloseTo(shed.pKw * (bus.pLoadMw / (bus.pLoadMw + ev)), 9);
        return { bus: bus.id, pMw: pNet - (shed?.pKw ?? 0) / 1000, qMvar: qNet - (shed?.qKvar ?? 0) / 1000 };
      });
      const pf = runPowerFlow(case33, { loadScale: 0, injections: served });
      expect(pf.converged).toBe(true);
      for (const bus of case33.buses) expect(Math.abs(pf.voltagePu[bus.id] - r.voltagePu[bus.id]), `bus ${bus.id}`).toBeLessThan(1e-5);
      expect(Math.abs(pf.slackPMw - r.importMw) * 1000).toBeLessThan(0.1);
      expect(r.householdShedKw + r.evCurtailedKw).toBeCloseTo(r.shedKw, 9);
    });
  }
});
