import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import type { OpfResult } from '../../../src/grid/problems/opfResult.ts';
import { branch, bus, substation } from '../feederFixtures.ts';

/** A random radial feeder: bus 1 is the slack, bus k+1 hangs from a random earlier bus. */
const feederArb = fc
  .integer({ min: 2, max: 10 })
  .chain((n) =>
    fc.record({
      parents: fc.tuple(...Array.from({ length: n - 1 }, (_, k) => fc.integer({ min: 0, max: k }))),
      r: fc.array(fc.double({ min: 0.002, max: 0.03, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      x: fc.array(fc.double({ min: 0.002, max: 0.03, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      p: fc.array(fc.double({ min: 0, max: 0.6, noNaN: true }), { minLength: n, maxLength: n }),
      pf: fc.array(fc.double({ min: 0, max: 0.8, noNaN: true }), { minLength: n, maxLength: n }),
      price: fc.double({ min: 5, max: 80, noNaN: true }),
      dgBus: fc.integer({ min: 1, max: n - 1 }),
      dgCost: fc.double({ min: 0, max: 100, noNaN: true }),
      withDg: fc.boolean(),
    }),
  )
  .map(({ parents, r, x, p, pf, price, dgBus, dgCost, withDg }): Feeder => ({
    name: 'random',
    source: 'test/random-feeder',
    baseMva: 10,
    baseKv: 12.66,
    buses: p.map((pMw, i) => bus(i + 1, i === 0 ? 0 : pMw, i === 0 ? 0 : pMw * pf[i])),
    branches: parents.map((parent, k) => branch(k + 1, parent + 1, k + 2, r[k], x[k])),
    generators: [
      substation(1, { costUsdPerMwh: price }),
      ...(withDg ? [{ id: 'dg', kind: 'dg' as const, bus: dgBus + 1, pMinMw: 0, pMaxMw: 0.5, qMinMvar: -0.3, qMaxMvar: 0.3, costUsdPerMwh: dgCost, costUsdPerMw2h: 0 }] : []),
    ],
    slackBus: 1,
    slackVoltagePu: 1,
    sheddingPenaltyUsdPerMwh: 1000,
  }));

function checkPoint(feeder: Feeder, r: OpfResult): void {
  const base = feeder.baseMva;
  const branchAt = new Map(r.branches.map((b) => [b.toBus, b]));
  const vSq = (id: number): number => r.voltagePu[id] ** 2;
  for (const b of feeder.buses) {
    // Nodal balance, pu: inflow − series loss − outflow + generation + shed − load = 0.
    const inBr = branchAt.get(b.id);
    const line = inBr ? feeder.branches.find((l) => l.id === inBr.id)! : undefined;
    let pRes = 0;
    let qRes = 0;
    if (inBr && line) {
      pRes += inBr.pMw / base - line.rPu * inBr.currentSqPu;
      qRes += inBr.qMvar / base - line.xPu * inBr.currentSqPu;
      // Voltage drop: v_b = v_a − 2(rP + xQ) + (r² + x²)ℓ.
      const drop = vSq(inBr.fromBus) - 2 * (line.rPu * inBr.pMw + line.xPu * inBr.qMvar) / base + (line.rPu ** 2 + line.xPu ** 2) * inBr.currentSqPu;
      expect(Math.abs(vSq(b.id) - drop)).toBeLessThanOrEqual(1e-6);
    }
    for (const out of r.branches.filter((o) => o.fromBus === b.id)) {
      pRes -= out.pMw / base;
      qRes -= out.qMvar / base;
    }
    for (const g of r.dispatch.filter((d) => d.bus === b.id)) {
      pRes += g.pMw / base;
      qRes += g.qMvar / base;
    }
    const shedMw = (r.shedKwByBus[b.id] ?? 0) / 1000;
    pRes += (shedMw - b.pLoadMw) / base;
    qRes += (shedMw * (b.pLoadMw > 0 ? b.qLoadMvar / b.pLoadMw : 0) - b.qLoadMvar) / base;
    expect(Math.abs(pRes)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(qRes)).toBeLessThanOrEqual(1e-6);
    // DLMP components add up to the DLMP.
    const c = r.dlmpComponents[b.id];
    expect(Math.abs(c.energy + c.loss + c.congestion + c.voltage + c.scarcity - r.dlmpP[b.id])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(r.dlmpP[b.id])));
  }
}

describe('OpfSession on random radial feeders (properties)', () => {
  it('balances every bus (≤ 1e-6 pu), satisfies the voltage-drop equations and sums DLMP components (SOCP and LinDistFlow)', async () => {
    await fc.assert(
      fc.asyncProperty(feederArb, fc.constantFrom('socp' as const, 'lindistflow' as const), async (feeder, formulation) => {
        const opf = await OpfSession.create(feeder, { formulation });
        try {
          const r = opf.solve();
          expect(r.status).toBe('optimal');
          checkPoint(feeder, r);
        } finally {
          opf.dispose();
        }
      }),
      { numRuns: 30, seed: 20261122 },
    );
  });

  it('never lowers the optimal cost when a load is raised', async () => {
    await fc.assert(
      fc.asyncProperty(feederArb, fc.nat(), fc.double({ min: 0.001, max: 0.3, noNaN: true }), async (feeder, k, extraMw) => {
        const opf = await OpfSession.create(feeder);
        try {
          const busId = feeder.buses[k % feeder.buses.length].id;
          const before = opf.solve();
          const after = opf.solve({ injections: [{ bus: busId, pMw: extraMw, qMvar: extraMw * 0.3 }] });
          expect(after.status).toBe('optimal');
          expect(after.objectiveUsdPerH).toBeGreaterThanOrEqual(before.objectiveUsdPerH - 1e-6 * Math.max(1, before.objectiveUsdPerH));
        } finally {
          opf.dispose();
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
