import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { gweRoadMaxFlow } from '../../src/equilibrium/gweFeasibility.ts';
import { buildGweModel } from '../../src/equilibrium/gweModel.ts';
import { parseGweScenario } from '../../src/equilibrium/gweScenario.ts';
import { roadMaxFlow, type RawGweScenario } from './gweCheck.ts';

const path = new URL('../../scenarios/gwe-ieee33-tolls.json', import.meta.url).pathname;
const raw = readJsonFile(path) as RawGweScenario & Record<string, unknown>;

describe('gweRoadMaxFlow (road feasibility of the seed-002 limits)', () => {
  it('equals an independent augmenting-path maximum flow on the raw TNTP file (within 1e-6 veh/h) for random limits, backgrounds and origins', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 0.6, noNaN: true }), fc.double({ min: 0.001, max: 0.3, noNaN: true }),
      fc.subarray(raw.agents.origins, { minLength: 1 }), fc.double({ min: 0.5, max: 20, noNaN: true }),
      (background, headroom, origins, vehPerH) => {
        const sc = { ...raw, backgroundShareOfCapacity: background, roadLimitShareOfCapacity: background + headroom, agents: { ...raw.agents, origins, vehPerH } };
        const m = buildGweModel(parseGweScenario(sc, path), path);
        expect(Math.abs(gweRoadMaxFlow(m) - roadMaxFlow(sc))).toBeLessThan(1e-6);
      },
    ), { numRuns: 12 });
  });
});
