/**
 * fast-check arbitrary of small radial feeders for the reference property tests (not a test file):
 * 4–10 buses, bus 1 the slack with a substation that may import or export, random r/x (pu on
 * 10 MVA), loads up to 0.4 MW at power factors down to 0.82, sometimes a DG with a quadratic cost.
 */
import fc from 'fast-check';
import type { Feeder } from '../../../src/grid/model/feeder.ts';
import { branch, bus, substation } from '../feederFixtures.ts';

/**
 * Random radial feeder: bus 1 is the slack; bus k+1 hangs from a random earlier bus; bus loads in
 * [loadMinMw, loadMaxMw] (fast-check favours the ends of the range).
 *
 * @example
 * fc.sample(radialFeederArbWith(0.005, 0.4), 1)[0].buses.length; // 4–10
 */
export function radialFeederArbWith(loadMinMw: number, loadMaxMw: number): fc.Arbitrary<Feeder> {
  return fc
  .integer({ min: 4, max: 10 })
  .chain((n) =>
    fc.record({
      parents: fc.tuple(...Array.from({ length: n - 1 }, (_, k) => fc.integer({ min: 0, max: k }))),
      r: fc.array(fc.double({ min: 0.002, max: 0.02, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      x: fc.array(fc.double({ min: 0.002, max: 0.02, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
      p: fc.array(fc.double({ min: loadMinMw, max: loadMaxMw, noNaN: true }), { minLength: n, maxLength: n }),
      pf: fc.array(fc.double({ min: 0, max: 0.7, noNaN: true }), { minLength: n, maxLength: n }),
      price: fc.double({ min: 5, max: 80, noNaN: true }),
      dgBus: fc.integer({ min: 1, max: n - 1 }),
      dgCost: fc.double({ min: 10, max: 100, noNaN: true }),
      dgC2: fc.double({ min: 0, max: 20, noNaN: true }),
      withDg: fc.boolean(),
    }),
  )
  .map(({ parents, r, x, p, pf, price, dgBus, dgCost, dgC2, withDg }): Feeder => ({
    name: 'random', source: 'test/random-feeder', baseMva: 10, baseKv: 12.66,
    buses: p.map((pMw, i) => bus(i + 1, i === 0 ? 0 : pMw, i === 0 ? 0 : pMw * pf[i])),
    branches: parents.map((parent, k) => branch(k + 1, parent + 1, k + 2, r[k], x[k])),
    generators: [
      substation(1, { costUsdPerMwh: price, pMinMw: -100 }),
      ...(withDg ? [{ id: 'dg', kind: 'dg' as const, bus: dgBus + 1, pMinMw: 0, pMaxMw: 0.5, qMinMvar: -0.3, qMaxMvar: 0.3, costUsdPerMwh: dgCost, costUsdPerMw2h: dgC2 }] : []),
    ],
    slackBus: 1, slackVoltagePu: 1, sheddingPenaltyUsdPerMwh: 1000,
  }));
}

/** Loads 5 kW – 0.4 MW: the price checks. */
export const radialFeederArb = radialFeederArbWith(0.005, 0.4);

/** Loads 0 – 1 kW: nearly unloaded feeders (zero-flow branches). */
export const lightFeederArb = radialFeederArbWith(0, 0.001);
