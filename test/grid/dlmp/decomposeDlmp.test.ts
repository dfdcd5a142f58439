import { describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';

const case33 = loadBundledFeeder('case33bw');
const cases: Record<string, Feeder> = {
  'nothing binds': case33,
  'binding voltage limit (vMin 0.93 pu)': { ...case33, buses: case33.buses.map((b) => ({ ...b, vMinPu: b.id === 1 ? b.vMinPu : 0.93 })) },
  'binding branch rating (branch 3 at 2 MVA)': { ...case33, branches: case33.branches.map((br) => (br.id === 3 ? { ...br, rateMva: 2 } : br)) },
};
const buses = [2, 6, 13, 18, 25, 30];
const stepMw = 0.005;

function componentSum(r: OpfResult, bus: number): number {
  const c = r.dlmpComponents[bus];
  return c.energy + c.loss + c.congestion + c.voltage;
}

describe('DLMP decomposition on case33bw', () => {
  for (const [name, feeder] of Object.entries(cases)) {
    it(`${name}: components sum to the DLMP (1e-6 $/MWh) and the DLMP is the cost derivative (finite differences, 0.1 %)`, async () => {
      const opf = await OpfSession.create(feeder);
      const r = opf.solve();
      expect(r.status).toBe('optimal');
      for (const bus of case33.buses) expect(Math.abs(componentSum(r, bus.id) - r.dlmpP[bus.id])).toBeLessThan(1e-6);
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

  it('puts a binding substation limit into the congestion component at the slack', async () => {
    const feeder: Feeder = { ...case33, generators: case33.generators.map((g) => ({ ...g, pMaxMw: 3.5 })) };
    const opf = await OpfSession.create(feeder);
    const r = opf.solve();
    opf.dispose();
    expect(r.importMw).toBeCloseTo(3.5, 6);
    expect(r.dlmpComponents[1].energy).toBeCloseTo(20, 9);
    expect(r.dlmpComponents[1].congestion).toBeGreaterThan(0);
    expect(Math.abs(componentSum(r, 1) - r.dlmpP[1])).toBeLessThan(1e-6);
  });
});

describe('DLMP decomposition on ieee123 (shunt capacitors and charging at most buses)', () => {
  it('components sum to the DLMP and the DLMP matches central finite differences (0.1 %)', async () => {
    const feeder = loadBundledFeeder('ieee123');
    const opf = await OpfSession.create(feeder);
    const r = opf.solve();
    expect(r.status).toBe('optimal');
    for (const bus of feeder.buses) expect(Math.abs(componentSum(r, bus.id) - r.dlmpP[bus.id])).toBeLessThan(1e-6);
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
