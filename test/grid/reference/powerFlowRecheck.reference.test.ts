/**
 * AC power-flow re-check: the project's backward/forward sweep (runPowerFlow) at the OPF's
 * dispatch — loads minus shed load, DG set-points and inverter Q as negative consumption — must
 * reproduce the OPF voltages to 1e-6 pu whenever the OPF reports `optimal` (a tight relaxation
 * is a physical AC point).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import type { FeederInterval } from '../../../src/grid/model/injection.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';
import { case33WithDgs, horizon33, ieee123WithVoltageLimit, LONG, powerFlowVoltageGap } from './referenceCases.ts';
import { radialFeederArb } from './randomRadialFeeder.ts';

async function gap(feeder: Feeder, interval: FeederInterval): Promise<{ status: string; maxAbsPu: number; bus: number; converged: boolean }> {
  const opf = await OpfSession.create(feeder);
  const r = opf.solve(interval);
  opf.dispose();
  return { status: r.status, ...powerFlowVoltageGap(feeder, interval, r) };
}

describe('AC power-flow re-check of OPF points', () => {
  it('case33bw + 2 DGs + binding rating: power-flow voltages within 1e-6 pu of the OPF', async () => {
    const g = await gap(case33WithDgs(), {});
    expect(g.status).toBe('optimal');
    expect(g.converged).toBe(true);
    expect(g.maxAbsPu, `bus ${g.bus}`).toBeLessThan(1e-6);
  });

  it('ieee123 + DG + binding voltage floor: power-flow voltages within 1e-6 pu of the OPF', async () => {
    const g = await gap(ieee123WithVoltageLimit(), {});
    expect(g.status).toBe('optimal');
    expect(g.maxAbsPu, `bus ${g.bus}`).toBeLessThan(1e-6);
  });

  it('case33bw horizon intervals 6–8 (inverter Q, shedding in 7–8): power-flow voltages within 1e-6 pu when optimal', async () => {
    for (const t of [6, 7, 8]) {
      const g = await gap(case33WithDgs(), horizon33()[t]);
      if (g.status !== 'optimal') continue;
      expect(g.maxAbsPu, `t=${t}, bus ${g.bus}`).toBeLessThan(1e-6);
    }
  });

  it(`random radial feeders: power-flow voltages within 1e-6 pu whenever optimal (${LONG ? 60 : 8} feeders)`, async () => {
    await fc.assert(
      fc.asyncProperty(radialFeederArb, async (feeder) => {
        const g = await gap(feeder, {});
        if (g.status !== 'optimal') return;
        expect(g.maxAbsPu, `bus ${g.bus}`).toBeLessThan(1e-6);
      }),
      { numRuns: LONG ? 60 : 8, seed: 13, endOnFailure: !LONG },
    );
  });
});
