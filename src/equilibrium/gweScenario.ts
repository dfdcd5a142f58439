/**
 * Scenario files of the seed-002 generalized Wardrop equilibrium (`scenarios/gwe-ieee33.json`):
 * strict zod schema; fields documented in docs/static-equilibria.md §2.
 */
import { z } from 'zod';
import { InputError } from '../common/errors.js';
import { parseWithSchema } from '../common/zodIssues.js';

const pos = z.number().positive();
const nonNeg = z.number().nonnegative();
const range = z.tuple([nonNeg, nonNeg]);

/** Schema of a seed-002 scenario. */
export const gweScenarioSchema = z.strictObject({
  kind: z.literal('generalized-wardrop-equilibrium'),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Bundled network (`SiouxFalls`) or a TNTP `_net.tntp` path (Savannah is not public). */
  network: z.string().min(1),
  feeder: z.string().min(1),
  /** Non-EV flow on every road, as a share of its capacity (seed 002: uniform background traffic). */
  backgroundShareOfCapacity: z.number().min(0).max(5),
  /** Road coupling limit (eq. 15b) as a share of capacity; tolls are its multipliers. */
  roadLimitShareOfCapacity: pos,
  agents: z.strictObject({
    origins: z.array(z.number().int()).min(1),
    /** Agents per origin; agent k of an origin gets evenly spaced quantiles of the ranges below. */
    perOrigin: z.number().int().min(1),
    vehPerH: pos,
    valueOfTimeUsdPerH: range,
    energyKwh: range,
  }),
  routesPerStation: z.number().int().min(1).max(10),
  /** Cost of not taking the preferred (fastest free-flow) station-route option, $ per vehicle. */
  preferenceUsd: nonNeg,
  stations: z.array(z.strictObject({
    id: z.string().min(1), node: z.number().int(), bus: z.number().int(),
    capacityKw: pos, congestionUsd: nonNeg, serviceRatePerH: pos, chargers: z.number().int().min(1),
  })).min(1),
  generators: z.array(z.strictObject({
    bus: z.number().int(), pMaxMw: nonNeg, qMaxMvar: nonNeg, costUsdPerMwh: nonNeg, costUsdPerMw2h: nonNeg,
  })).min(1),
  lineLimits: z.array(z.strictObject({ from: z.number().int(), to: z.number().int(), rateMva: pos })),
  vMinPu: pos,
  vMaxPu: pos,
  loadScale: pos,
  solver: z.strictObject({ tolerance: pos, maxIterations: z.number().int().min(1), inertia: z.number().min(0).max(0.3) }),
});

/** A parsed seed-002 scenario. */
export type GweScenario = z.infer<typeof gweScenarioSchema>;

/**
 * Parse and validate a seed-002 scenario object.
 * @throws InputError naming `source`, the field path and the value.
 * @example
 * const sc = parseGweScenario(readJsonFile('scenarios/gwe-ieee33.json'), 'scenarios/gwe-ieee33.json');
 */
export function parseGweScenario(raw: unknown, source: string): GweScenario {
  const s = parseWithSchema(gweScenarioSchema, raw, source);
  if (s.vMinPu >= s.vMaxPu) throw new InputError({ source, field: 'vMinPu', value: s.vMinPu }, 'must be < vMaxPu');
  return s;
}
