/**
 * The cut loop of the SOCP outer approximation (docs/model.md §3.3): statuses that tell the
 * truth (`cut-limit` vs `inexact`), the objective always from a solved LP, no hidden box on
 * the branch current, and DLMPs at the default settings against an independent conic solve
 * (test/grid/reference, SCS + KKT polish) and finite differences of the optimal cost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { runPowerFlow } from '../../../src/grid/powerflow/runPowerFlow.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import { branch, bus, substation } from '../feederFixtures.ts';
import { dlmpErrorAgainstReference } from '../reference/scsDistFlow.ts';

const case33 = loadBundledFeeder('case33bw');

/** case33bw with two DGs (one at its P limit) and a rating on branch 3 (bus 3 → 4) that binds. */
const case33WithDgAndRating: Feeder = {
  ...case33,
  branches: case33.branches.map((br) => (br.id === 3 ? { ...br, rateMva: 2.2 } : br)),
  generators: [
    ...case33.generators,
    { id: 'dg18', kind: 'dg', bus: 18, pMinMw: 0, pMaxMw: 0.3, qMinMvar: -0.2, qMaxMvar: 0.2, costUsdPerMwh: 30, costUsdPerMw2h: 0 },
    { id: 'dg33', kind: 'dg', bus: 33, pMinMw: 0, pMaxMw: 0.5, qMinMvar: -0.3, qMaxMvar: 0.3, costUsdPerMwh: 25, costUsdPerMw2h: 0 },
  ],
};

/** A random radial feeder on a 10 MVA base: bus 1 is the slack, bus k+1 hangs from an earlier bus. */
const feederArb = fc
  .integer({ min: 3, max: 9 })
  .chain((n) =>
    fc.record({
      parents: fc.tuple(...Array.from({ length: n - 1 }, (_, k) => fc.integer({ min: 0, max: k }))),
      r: fc.array(fc.double({ min: 0.002, max: 0.03, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      x: fc.array(fc.double({ min: 0.002, max: 0.03, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      p: fc.array(fc.double({ min: 0.05, max: 0.6, noNaN: true }), { minLength: n, maxLength: n }),
      pf: fc.array(fc.double({ min: 0, max: 0.8, noNaN: true }), { minLength: n, maxLength: n }),
      price: fc.double({ min: 5, max: 80, noNaN: true }),
      probe: fc.integer({ min: 1, max: n - 1 }),
    }),
  )
  .map(({ parents, r, x, p, pf, price, probe }) => ({
    probeBus: probe + 1,
    feeder: {
      name: 'random',
      source: 'test/random-feeder',
      baseMva: 10,
      baseKv: 12.66,
      buses: p.map((pMw, i) => bus(i + 1, i === 0 ? 0 : pMw, i === 0 ? 0 : pMw * pf[i], { vMinPu: 0.5, vMaxPu: 1.5 })),
      branches: parents.map((parent, k) => branch(k + 1, parent + 1, k + 2, r[k], x[k])),
      generators: [substation(1, { costUsdPerMwh: price })],
      slackBus: 1,
      slackVoltagePu: 1,
      sheddingPenaltyUsdPerMwh: 1000,
    } satisfies Feeder,
  }));

describe('cut loop statuses and objective', () => {
  it('ieee123 cold with maxCutRounds 1: cut-limit with the gap and its branch, objective of the solved LP (0 < LP bound ≤ optimum)', async () => {
    const feeder = loadBundledFeeder('ieee123');
    const limited = await OpfSession.create(feeder, { maxCutRounds: 1 });
    const r = limited.solve({ loadScale: 1.1 });
    limited.dispose();
    const exact = await OpfSession.create(feeder);
    const ref = exact.solve({ loadScale: 1.1 });
    exact.dispose();
    expect(ref.status).toBe('optimal');
    expect(r.status).toBe('cut-limit');
    expect(r.message).toMatch(/maxCutRounds/);
    expect(r.maxConeGapBranch).not.toBeNull();
    expect(feeder.branches.some((b) => b.id === r.maxConeGapBranch)).toBe(true);
    expect(r.objectiveUsdPerH).toBeGreaterThan(0);
    expect(r.objectiveUsdPerH).toBeLessThanOrEqual(ref.objectiveUsdPerH * (1 + 1e-9));
    expect(Object.keys(r.dlmpP).length).toBe(feeder.buses.length);
  });

  it('never stalls on ieee123 at any relative tolerance 1e-6 … 1e-12: optimal within the default 60 LPs', async () => {
    const feeder = loadBundledFeeder('ieee123');
    for (const coneRelTolerance of [1e-6, 1e-9, 1e-12]) {
      const opf = await OpfSession.create(feeder, { coneRelTolerance });
      const statuses = [0.9, 1, 1.1].map((loadScale) => opf.solve({ loadScale, injections: [{ bus: 60, pMw: 0.3, sMaxMva: 0.5 }] }));
      opf.dispose();
      for (const s of statuses) {
        expect(s.status).toBe('optimal');
        expect(s.lpSolves).toBeLessThan(60);
      }
    }
  });

  it('random radial feeders: cut-limit when maxCutRounds is forced to 1 (if the loop needs more); its objective is never 0 (0 < bound ≤ optimum)', async () => {
    await fc.assert(
      fc.asyncProperty(feederArb, async ({ feeder }) => {
        const interval: FeederInterval = { loadScale: 1.4 };
        const exact = await OpfSession.create(feeder);
        const ref = exact.solve(interval);
        exact.dispose();
        const limited = await OpfSession.create(feeder, { maxCutRounds: 1 });
        const r = limited.solve(interval);
        limited.dispose();
        expect(ref.status).toBe('optimal');
        expect(r.status).toBe(ref.lpSolves > 1 ? 'cut-limit' : 'optimal');
        expect(ref.objectiveUsdPerH).toBeGreaterThan(0);
        expect(r.objectiveUsdPerH).toBeGreaterThan(0);
        expect(r.objectiveUsdPerH).toBeLessThanOrEqual(ref.objectiveUsdPerH * (1 + 1e-9) + 1e-9);
      }),
      { numRuns: 12 },
    );
  });

  it('random radial feeders: the P-DLMP of a bus equals the central finite difference of the optimal cost (0.01 $/MWh, default settings)', async () => {
    await fc.assert(
      fc.asyncProperty(feederArb, async ({ feeder, probeBus }) => {
        const opf = await OpfSession.create(feeder);
        const hMw = 1e-3;
        const at = (dMw: number) => opf.solve({ injections: [{ bus: probeBus, pMw: dMw }] });
        const mid = at(0);
        const up = at(hMw);
        const down = at(-hMw);
        opf.dispose();
        for (const s of [mid, up, down]) expect(s.status).toBe('optimal');
        const fd = (up.objectiveUsdPerH - down.objectiveUsdPerH) / (2 * hMw);
        expect(Math.abs(mid.dlmpP[probeBus] - fd)).toBeLessThan(0.01);
      }),
      { numRuns: 12 },
    );
  });
});

describe('no hidden box on the branch current', () => {
  it('case33bw on a 0.1 MVA base (same physical case) does not shed and matches runPowerFlow (1e-4 pu, 0.05 kW); no current box binds', async () => {
    const k = 0.1 / case33.baseMva;
    // Per-unit impedances scale with the base (Z_base = kV² / S_base); MW, MVAr and MVA stay.
    const small: Feeder = { ...case33, baseMva: 0.1, branches: case33.branches.map((b) => ({ ...b, rPu: b.rPu * k, xPu: b.xPu * k })) };
    const pf = runPowerFlow(small);
    const opf = await OpfSession.create(small);
    const r = opf.solve();
    opf.dispose();
    expect(r.status).toBe('optimal');
    expect(r.shedKw).toBeLessThan(1e-6);
    expect(r.currentBoxBinding).toEqual([]);
    expect(Math.abs(r.lossesKw - pf.lossesKw)).toBeLessThan(0.05);
    for (const b of small.buses) expect(Math.abs(r.voltagePu[b.id] - pf.voltagePu[b.id])).toBeLessThan(1e-4);
  });
});

describe('DLMPs at default settings against the independent conic reference (SCS + KKT polish)', () => {
  it('case33bw with two DGs and a binding branch rating: P- and Q-DLMPs within 0.01 $/MWh', async () => {
    const opf = await OpfSession.create(case33WithDgAndRating);
    const r = opf.solve();
    opf.dispose();
    expect(r.status).toBe('optimal');
    // The rating binds: the flow on branch 3 is at 2.2 MVA.
    const br3 = r.branches.find((b) => b.id === 3)!;
    expect(Math.hypot(br3.pMw, br3.qMvar)).toBeGreaterThan(2.2 * (1 - 1e-6));
    const e = await dlmpErrorAgainstReference(case33WithDgAndRating, {}, r);
    expect(e.reference.status).toBe('optimal');
    expect(e.maxAbsP).toBeLessThan(0.01);
    expect(e.maxAbsQ).toBeLessThan(0.01);
  });

  it('case33bw with DGs, rating and station inverters giving Q (interior decisions): P- and Q-DLMPs within 0.01 $/MWh', async () => {
    const interval: FeederInterval = {
      loadScale: 1.05,
      injections: [{ bus: 22, pMw: 0.3, sMaxMva: 0.5 }, { bus: 16, pMw: 0.2, sMaxMva: 0.4 }, { bus: 30, pMw: -0.1, sMaxMva: 0.3 }],
    };
    const opf = await OpfSession.create(case33WithDgAndRating);
    opf.solve();
    const r = opf.solve(interval);
    opf.dispose();
    expect(r.status).toBe('optimal');
    const e = await dlmpErrorAgainstReference(case33WithDgAndRating, interval, r);
    expect(e.reference.status).toBe('optimal');
    expect(e.maxAbsP).toBeLessThan(0.01);
    expect(e.maxAbsQ).toBeLessThan(0.01);
  });
});

describe.skipIf(process.env.EV_COSIM_LONG !== '1')('DLMPs on a 12-interval horizon (long)', () => {
  it('case33bw, EV station loads growing into shedding behind the rating: P- and Q-DLMPs within 0.1 $/MWh in every interval', async () => {
    const opf = await OpfSession.create(case33WithDgAndRating);
    for (let t = 0; t < 12; t++) {
      const ev = 0.15 * t;
      const interval: FeederInterval = { loadScale: 0.85 + 0.03 * t, injections: [{ bus: 22, pMw: 0.5 * ev }, { bus: 16, pMw: ev }, { bus: 30, pMw: 0.8 * ev }] };
      const r = opf.solve(interval);
      expect(r.status).toBe('optimal');
      const e = await dlmpErrorAgainstReference(case33WithDgAndRating, interval, r);
      expect(e.maxAbsP).toBeLessThan(0.1);
      expect(e.maxAbsQ).toBeLessThan(0.1);
    }
    opf.dispose();
  });
});
