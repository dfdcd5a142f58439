import { describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { DlmpComponents, OpfResult } from '../../../src/grid/problems/opfResult.ts';

const case33 = loadBundledFeeder('case33bw');
const cases: Record<string, Feeder> = {
  'nothing binds': case33,
  'binding voltage limit (vMin 0.93 pu)': { ...case33, buses: case33.buses.map((b) => ({ ...b, vMinPu: b.id === 1 ? b.vMinPu : 0.93 })) },
  'binding branch rating (branch 3 at 2 MVA)': { ...case33, branches: case33.branches.map((br) => (br.id === 3 ? { ...br, rateMva: 2 } : br)) },
};
const buses = [2, 6, 13, 18, 25, 30];
const stepMw = 0.005;

function sum(c: DlmpComponents): number {
  return c.energy + c.loss + c.congestion + c.voltage + c.scarcity;
}

function componentSum(r: OpfResult, bus: number): number {
  return sum(r.dlmpComponents[bus]);
}

/** Largest |Σ components − DLMP| over buses, P and Q. */
function worstSumError(r: OpfResult): { p: number; q: number } {
  let p = 0;
  let q = 0;
  for (const id of Object.keys(r.dlmpP).map(Number)) {
    p = Math.max(p, Math.abs(sum(r.dlmpComponents[id]) - r.dlmpP[id]));
    q = Math.max(q, Math.abs(sum(r.dlmpQComponents[id]) - r.dlmpQ[id]));
  }
  return { p, q };
}

describe('DLMP decomposition on case33bw', () => {
  for (const [name, feeder] of Object.entries(cases)) {
    it(`${name}: components sum to the DLMP (1e-9 $/MWh, P and Q) and the DLMP is the cost derivative (finite differences, 0.1 %)`, async () => {
      // The DLMP is the derivative of the cost with respect to a demand that cannot itself be shed.
      // Under `household-only` the probing injection is such a demand; under `constant-pf` it would
      // join the bus's sheddable net load and move its power factor (tested separately below).
      const opf = await OpfSession.create({ ...feeder, sheddingConvention: 'household-only' });
      const r = opf.solve();
      expect(r.status).toBe('optimal');
      const worst = worstSumError(r);
      expect(worst.p).toBeLessThan(1e-9);
      expect(worst.q).toBeLessThan(1e-9);
      let smoothChecks = 0;
      for (const bus of buses) {
        const cost = (pMw: number, qMvar = 0): number => opf.solve({ injections: [{ bus, pMw, qMvar }] }).objectiveUsdPerH;
        const c0 = cost(0);
        const right = (cost(stepMw) - c0) / stepMw;
        const left = (c0 - cost(-stepMw)) / stepMw;
        const tol = 1e-3 * Math.max(1, Math.abs(r.dlmpP[bus]));
        // The optimal cost is convex in the load, so the dual lies between the one-sided slopes.
        expect(r.dlmpP[bus]).toBeGreaterThanOrEqual(left - tol);
        expect(r.dlmpP[bus]).toBeLessThanOrEqual(right + tol);
        if (Math.abs(right - left) < tol) {
          smoothChecks++;
          expect(Math.abs((right + left) / 2 - r.dlmpP[bus])).toBeLessThan(tol);
          const rightQ = (cost(0, stepMw) - c0) / stepMw;
          const leftQ = (c0 - cost(0, -stepMw)) / stepMw;
          const tolQ = 1e-3 * Math.max(1, Math.abs(r.dlmpQ[bus]));
          if (Math.abs(rightQ - leftQ) < tolQ) expect(Math.abs((rightQ + leftQ) / 2 - r.dlmpQ[bus])).toBeLessThan(tolQ);
        }
      }
      expect(smoothChecks).toBeGreaterThanOrEqual(3);
      opf.dispose();
    });
  }

  it('attributes a binding voltage limit to the voltage component and a rating to the congestion component', async () => {
    const v = await OpfSession.create(cases['binding voltage limit (vMin 0.93 pu)']);
    const rv = v.solve();
    v.dispose();
    expect(rv.dlmpComponents[18].voltage).toBeGreaterThan(100);
    expect(rv.dlmpComponents[18].congestion).toBeCloseTo(0, 9);
    const c = await OpfSession.create(cases['binding branch rating (branch 3 at 2 MVA)']);
    const rc = c.solve();
    c.dispose();
    expect(rc.dlmpComponents[18].congestion).toBeGreaterThan(100);
    expect(rc.dlmpComponents[18].voltage).toBeCloseTo(0, 9);
    // Buses upstream of the rated branch see no congestion.
    expect(rc.dlmpComponents[2].congestion).toBeCloseTo(0, 9);
    expect(rc.dlmpComponents[25].congestion).toBeCloseTo(0, 9);
  });

  it('puts a binding substation limit into the scarcity component at the slack, none into congestion (1e-9)', async () => {
    const feeder: Feeder = { ...case33, generators: case33.generators.map((g) => ({ ...g, pMaxMw: 3.5 })) };
    const opf = await OpfSession.create(feeder);
    const r = opf.solve();
    opf.dispose();
    expect(r.importMw).toBeCloseTo(3.5, 6);
    expect(r.dlmpComponents[1].energy).toBeCloseTo(20, 9);
    expect(r.dlmpComponents[1].scarcity).toBeGreaterThan(0);
    // Unrated feeder: no congestion anywhere.
    for (const c of Object.values(r.dlmpComponents)) expect(Math.abs(c.congestion)).toBeLessThan(1e-9);
    expect(worstSumError(r).p).toBeLessThan(1e-9);
    expect(worstSumError(r).q).toBeLessThan(1e-9);
  });

  it('labels the scarcity rent of a DG at Pmax serving an island as scarcity, not congestion (1e-9 $/MWh)', async () => {
    // Branch 22 (3–23) out: buses 23–25 (930 kW of household load) form an island served by a
    // 0.3 MW DG at 50 $/MWh. The DG runs at Pmax, the rest is shed, so the island's price is the
    // penalty (1000 $/MWh) = 50 (DG cost: energy) + 950 (its scarcity rent).
    const feeder: Feeder = {
      ...case33,
      generators: [...case33.generators, { id: 'dg25', kind: 'dg', bus: 25, pMinMw: 0, pMaxMw: 0.3, qMinMvar: -0.3, qMaxMvar: 0.3, costUsdPerMwh: 50, costUsdPerMw2h: 0 }],
    };
    const opf = await OpfSession.create(feeder);
    const r = opf.solve({ outagedBranches: [22] });
    opf.dispose();
    expect(r.status).toBe('optimal');
    expect(r.dispatch.find((d) => d.id === 'dg25')!.pMw).toBeCloseTo(0.3, 6);
    expect(r.shedKw).toBeCloseTo(930 - 300, 3);
    for (const bus of [23, 24, 25]) {
      const c = r.dlmpComponents[bus];
      expect(r.dlmpP[bus]).toBeCloseTo(1000, 6);
      expect(c.energy).toBeCloseTo(50, 6);
      expect(c.scarcity).toBeCloseTo(950, 6);
      expect(Math.abs(c.congestion)).toBeLessThan(1e-9);
    }
    expect(worstSumError(r).p).toBeLessThan(1e-9);
    expect(worstSumError(r).q).toBeLessThan(1e-9);
  });

  it('constant-pf shedding: where a bus sheds part of its load, λP + (Qnet/Pnet)·λQ equals the penalty (1e-6 $/MWh)', async () => {
    // Stationarity of the shed column: it carries 1 in the P balance and Qnet/Pnet in the Q balance at cost π.
    const feeder: Feeder = { ...case33, buses: case33.buses.map((b) => ({ ...b, vMinPu: b.id === 1 ? b.vMinPu : 0.93 })) };
    const injections = [{ bus: 18, pMw: 0.2, qMvar: 0.05 }, { bus: 33, pMw: -0.05 }];
    const opf = await OpfSession.create(feeder);
    const r = opf.solve({ injections });
    opf.dispose();
    expect(r.status).toBe('optimal');
    const partial = Object.entries(r.shedByBus).filter(([id, s]) => {
      const bus = case33.buses.find((b) => b.id === Number(id))!;
      const inj = injections.filter((i) => i.bus === bus.id);
      const pNetKw = (bus.pLoadMw + inj.reduce((a, i) => a + i.pMw, 0)) * 1000;
      return s.pKw > 1e-3 && s.pKw < pNetKw - 1e-3;
    });
    expect(partial.length).toBeGreaterThan(0);
    for (const [id, s] of partial) {
      const bus = Number(id);
      expect(Math.abs(r.dlmpP[bus] + (s.qKvar / s.pKw) * r.dlmpQ[bus] - 1000)).toBeLessThan(1e-6);
    }
  });
});

describe('DLMP decomposition on ieee123 (shunt capacitors and charging at most buses)', () => {
  it('components sum to the DLMP and the DLMP matches central finite differences (0.1 %)', async () => {
    const feeder = loadBundledFeeder('ieee123');
    const opf = await OpfSession.create(feeder);
    const r = opf.solve();
    expect(r.status).toBe('optimal');
    for (const bus of feeder.buses) expect(Math.abs(componentSum(r, bus.id) - r.dlmpP[bus.id])).toBeLessThan(1e-9);
    const d = 0.002;
    for (const bus of [r.minVoltageBus, feeder.buses[40].id]) {
      const up = opf.solve({ injections: [{ bus, pMw: d }] }).objectiveUsdPerH;
      const dn = opf.solve({ injections: [{ bus, pMw: -d }] }).objectiveUsdPerH;
      expect(Math.abs((up - dn) / (2 * d) - r.dlmpP[bus])).toBeLessThan(1e-3 * r.dlmpP[bus]);
      const upQ = opf.solve({ injections: [{ bus, pMw: 0, qMvar: d }] }).objectiveUsdPerH;
      const dnQ = opf.solve({ injections: [{ bus, pMw: 0, qMvar: -d }] }).objectiveUsdPerH;
      expect(Math.abs((upQ - dnQ) / (2 * d) - r.dlmpQ[bus])).toBeLessThan(1e-3 * Math.max(r.dlmpQ[bus], 0.01));
    }
    opf.dispose();
  });
});
