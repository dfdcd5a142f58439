import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { parseGweScenario } from '../../src/equilibrium/gweScenario.ts';
import { solveGweScenario } from '../../src/equilibrium/solveGweScenario.ts';
import { checkGwe, type RawGweScenario } from './gweCheck.ts';

const file = (name: string): string => new URL(`../../scenarios/${name}.json`, import.meta.url).pathname;
const load = (name: string): RawGweScenario & Record<string, unknown> => readJsonFile(file(name)) as RawGweScenario & Record<string, unknown>;

// Binding-limit variants of both bundled cases (EV_COSIM_LONG=1: ~15 s). Infeasible limits: gweTolls.test.ts.
const variants: [string, string, Record<string, unknown>][] = [
  ['gwe-ieee33', 'road limit 0.302 × capacity (BPR, tolls bind)', { roadLimitShareOfCapacity: 0.302 }],
  ['gwe-ieee33-tolls', 'road limit 0.65 × capacity (ten tolls)', { roadLimitShareOfCapacity: 0.65 }],
  ['gwe-ieee33-tolls', 'road limit 0.8 × capacity', { roadLimitShareOfCapacity: 0.8 }],
  ['gwe-ieee33-tolls', 'background 0.4, limit 0.55', { backgroundShareOfCapacity: 0.4, roadLimitShareOfCapacity: 0.55 }],
  ['gwe-ieee33-tolls', 'one value of time (potential game)', { agents: { ...load('gwe-ieee33-tolls').agents, valueOfTimeUsdPerH: [20, 20] } }],
];

describe.skipIf(process.env.EV_COSIM_LONG !== '1')('seed-002 variants with binding limits (long)', () => {
  for (const [name, label, over] of variants) {
    it(`${name}, ${label}: residual ≤ 1e-6, Wardrop over all routes within 1e-6 $, limits and toll complementarity within 1e-8`, async () => {
      const raw = { ...load(name), ...over };
      const r = await solveGweScenario(parseGweScenario(raw, file(name)), file(name));
      expect(r.residual).toBeLessThanOrEqual(1e-6);
      const c = checkGwe(raw, r);
      expect(c.wardropUsd).toBeLessThan(1e-6);
      expect(c.violation).toBeLessThan(1e-8);
      expect(c.tollSlack).toBeLessThan(1e-8);
      expect(c.stationPriceSlack).toBeLessThan(1e-8);
      expect(c.balance).toBeLessThan(1e-8);
    }, 60_000);
  }

});
