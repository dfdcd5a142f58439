/**
 * Property tests on random radial feeders (4–10 buses, random r/x and loads of 5 kW – 0.4 MW,
 * one substation, sometimes a DG; and nearly unloaded ones): the engine's DLMPs equal finite differences of its own optimal cost, its DLMP
 * components sum to the DLMP, and it agrees with the conic reference (objective never 0 when the
 * reference optimum is not). 6 feeders by default, 60 with EV_COSIM_LONG=1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import { fdDlmp, LONG } from './referenceCases.ts';
import { lightFeederArb, radialFeederArb } from './randomRadialFeeder.ts';
import { compareWithReference, solveReferenceSocp } from './scsDistFlow.ts';

const RUNS = LONG ? 60 : 6;

describe('random radial feeders (fast-check)', () => {
  it(`DLMPs within 0.01 $/MWh of central finite differences (±0.01 MW) of the engine's cost, components sum to the DLMP within 1e-9 (${RUNS} feeders)`, async () => {
    await fc.assert(
      fc.asyncProperty(radialFeederArb, async (feeder) => {
        const opf = await OpfSession.create(feeder);
        try {
          const r = opf.solve();
          expect(r.status).toBe('optimal');
          for (const b of feeder.buses) {
            for (const [parts, total] of [[r.dlmpComponents[b.id], r.dlmpP[b.id]], [r.dlmpQComponents[b.id], r.dlmpQ[b.id]]] as const) {
              const sum = Object.values(parts).reduce((s, v) => s + v, 0);
              expect(Math.abs(sum - total)).toBeLessThan(1e-9);
            }
            // Shedding makes the cost kinked at the shed bound: the derivative check needs a smooth point.
            if (r.shedKw > 0) continue;
            expect(Math.abs(fdDlmp(opf, {}, b.id, 'p', 0.01) - r.dlmpP[b.id]), `P at bus ${b.id}`).toBeLessThan(0.01);
            expect(Math.abs(fdDlmp(opf, {}, b.id, 'q', 0.01) - r.dlmpQ[b.id]), `Q at bus ${b.id}`).toBeLessThan(0.01);
          }
        } finally {
          opf.dispose();
        }
      }),
      { numRuns: RUNS, seed: 11, endOnFailure: !LONG },
    );
  });

  it(`engine vs conic reference: DLMPs within 0.01 $/MWh, objective within 1e-6 relative and nonzero when the reference's is (${RUNS} feeders)`, async () => {
    await fc.assert(
      fc.asyncProperty(radialFeederArb, async (feeder) => {
        const opf = await OpfSession.create(feeder);
        const r = opf.solve();
        opf.dispose();
        const ref = await solveReferenceSocp(feeder);
        expect(ref.accuracy.polished).toBe(true);
        expect(r.status).toBe('optimal');
        if (Math.abs(ref.objectiveUsdPerH) > 1e-9) expect(r.objectiveUsdPerH).not.toBe(0);
        const e = compareWithReference(feeder, r, ref);
        expect(e.objectiveRel).toBeLessThan(1e-6);
        expect(e.maxAbsP, `bus ${e.busP}`).toBeLessThan(0.01);
        expect(e.maxAbsQ, `bus ${e.busQ}`).toBeLessThan(0.01);
      }),
      { numRuns: RUNS, seed: 12, endOnFailure: !LONG },
    );
  });

  it(`nearly unloaded feeders (loads ≤ 1 kW): engine status optimal and objective within 1e-6 $/h of the reference, whose relaxation is tight to 1e-12 pu² (${RUNS} feeders)`, async () => {
    await fc.assert(
      fc.asyncProperty(lightFeederArb, async (feeder) => {
        const opf = await OpfSession.create(feeder);
        const r = opf.solve();
        opf.dispose();
        const ref = await solveReferenceSocp(feeder);
        expect(ref.accuracy.polished).toBe(true);
        expect(ref.accuracy.maxConeGapPu).toBeLessThan(1e-12);
        expect(r.status, r.message).toBe('optimal');
        expect(Math.abs(r.objectiveUsdPerH - ref.objectiveUsdPerH)).toBeLessThan(1e-6);
      }),
      { numRuns: RUNS, seed: 14, endOnFailure: !LONG },
    );
  });
});
