import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundledFeeder } from '../../../src/grid/io/loadFeeder.ts';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { FeederLoadSupport } from '../../../src/grid/problems/feederLoadSupport.ts';
import { OpfSession } from '../../../src/grid/problems/opfSession.ts';

/** Served without shedding: the OPF's own answer, independent of the support LP (tolerance 1e-4 kW shed). */
function servedUnshed(session: OpfSession, injections: { bus: number; pMw: number }[], loadScale = 1): boolean {
  const r = session.solve({ loadScale, injections });
  return r.status === 'optimal' && r.shedKw <= 1e-4 && (r.evCurtailedKw ?? 0) <= 1e-4;
}

/** Largest load at `bus` the OPF serves unshed, by bisection (28 halvings of [0, hiMw]: 7e-9 MW for 2 MW). */
function bisectMaxLoad(session: OpfSession, bus: number, hiMw: number): { lo: number; hi: number } {
  let lo = 0;
  let hi = hiMw;
  for (let k = 0; k < 28; k++) {
    const mid = (lo + hi) / 2;
    if (servedUnshed(session, [{ bus, pMw: mid }])) lo = mid;
    else hi = mid;
  }
  return { lo, hi };
}

describe('FeederLoadSupport on case33bw', () => {
  let feeder: Feeder;
  let session: OpfSession;
  beforeAll(async () => {
    feeder = loadBundledFeeder('case33bw');
    session = await OpfSession.create(feeder, {});
  });
  afterAll(() => session.dispose());

  for (const bus of [18, 30]) {
    it(`should bound the largest unshed load at bus ${bus} from above, within 1e-4 MW of the OPF bisection (relaxation: ≥ bisection − 2e-6 MW)`, async () => {
      const lp = new FeederLoadSupport({ feeder, loadScale: 1, stations: [{ bus, pMinMw: 0, pMaxMw: 20 }] });
      try {
        await lp.compile();
        const best = lp.maximize([{ col: lp.stationCols[0], weight: 1 }]);
        const { lo, hi } = bisectMaxLoad(session, bus, 2);
        // valid bound: never below a load the OPF serves unshed (2e-6 MW: the OPF's 1e-4 kW shed tolerance and LP tolerances)
        expect(best.value).toBeGreaterThanOrEqual(lo - 2e-6);
        // and close: the SOCP relaxation is exact here, so the LP (cuts to 1e-7) is within 1e-4 MW of it
        expect(best.value).toBeLessThanOrEqual(hi + 1e-4);
        expect(best.stationMw[0]).toBeCloseTo(best.value, 9);
        expect(best.maxConeViolation).toBe(0);
      } finally {
        lp.dispose();
      }
    });
  }

  it('should keep h(a) ≥ aᵀP for random two-station loads the OPF serves unshed, over random directions (property, 12 runs)', async () => {
    const stations = [{ bus: 18, pMinMw: -1, pMaxMw: 1 }, { bus: 25, pMinMw: -1, pMaxMw: 1 }];
    const lp = new FeederLoadSupport({ feeder, loadScale: 0.9, stations });
    try {
      await lp.compile();
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
          fc.tuple(fc.double({ min: -0.5, max: 0.6, noNaN: true }), fc.double({ min: -0.5, max: 1, noNaN: true })),
          async ([a1, a2], [p1, p2]) => {
            fc.pre(Math.hypot(a1, a2) > 1e-3);
            fc.pre(servedUnshed(session, [{ bus: 18, pMw: p1 }, { bus: 25, pMw: p2 }], 0.9));
            const h = lp.maximize([{ col: lp.stationCols[0], weight: a1 }, { col: lp.stationCols[1], weight: a2 }]).value;
            expect(h).toBeGreaterThanOrEqual(a1 * p1 + a2 * p2 - 2e-6 * (Math.abs(a1) + Math.abs(a2)));
          },
        ),
        { numRuns: 12, seed: 12 },
      );
    } finally {
      lp.dispose();
    }
  });

  for (const bus of [30]) {
    it(`should bound the largest V2G injection at bus ${bus} (no export at the substation) from above once the fictitious losses are bounded: ≥ the OPF's exact bisection − 2e-6 MW, within 15 %`, async () => {
      const lp = new FeederLoadSupport({ feeder, loadScale: 1, stations: [{ bus, pMinMw: -10, pMaxMw: 20 }] });
      try {
        await lp.compile();
        // without the secant rows the relaxation burns the surplus in ℓ up to the column box
        expect(lp.maximize([{ col: lp.stationCols[0], weight: -1 }]).value).toBeCloseTo(10, 6);
        lp.tightenLosses();
        const injection = lp.maximize([{ col: lp.stationCols[0], weight: -1 }]).value;
        let lo = 0;
        let hi = 10;
        for (let k = 0; k < 24; k++) {
          const mid = (lo + hi) / 2;
          if (servedUnshed(session, [{ bus, pMw: -mid }])) lo = mid;
          else hi = mid;
        }
        expect(injection).toBeGreaterThanOrEqual(lo - 2e-6);
        expect(injection).toBeLessThanOrEqual(1.15 * lo);
        // the load side is not cut by the secants (still ≥ the exact maximum found above)
        expect(lp.maximize([{ col: lp.stationCols[0], weight: 1 }]).value).toBeGreaterThan(0.16);
      } finally {
        lp.dispose();
      }
    });
  }

  it('should refuse a station at a bus not on the feeder and an objective before compile()', () => {
    expect(() => new FeederLoadSupport({ feeder, stations: [{ bus: 99, pMinMw: 0, pMaxMw: 1 }] })).toThrow(/bus 99/);
    const lp = new FeederLoadSupport({ feeder, stations: [{ bus: 18, pMinMw: 0, pMaxMw: 1 }] });
    expect(() => lp.maximize([{ col: lp.stationCols[0], weight: 1 }])).toThrow(/compile/);
    lp.dispose();
  });

  it('should throw (no number) when the feeder cannot serve its household load unshed at any station load', async () => {
    const lp = new FeederLoadSupport({ feeder, loadScale: 3, stations: [{ bus: 18, pMinMw: 0, pMaxMw: 1 }] });
    try {
      await lp.compile();
      expect(() => lp.maximize([{ col: lp.stationCols[0], weight: 1 }])).toThrow(/infeasible/);
    } finally {
      lp.dispose();
    }
  });
});
