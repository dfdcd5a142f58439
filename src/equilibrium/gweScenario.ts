/**
 * Scenario files of the seed-002 generalized Wardrop equilibrium (`scenarios/gwe-*.json`):
 * strict zod schema (unknown keys are errors naming the key); fields documented in
 * docs/static-equilibria.md §2 and §4. Cross-field rules checked after the schema:
 * ordered `[min, max]` ranges, unique station ids and road nodes, vMinPu < vMaxPu.
 */
import { z } from 'zod';
import { InputError } from '../common/errors.js';
import { parseWithSchema } from '../common/zodIssues.js';

const pos = z.number().positive();
const nonNeg = z.number().nonnegative();
const range = z.tuple([nonNeg, nonNeg]);

/**
 * Road travel-time model. `network`: the network file's own BPR parameters and capacities.
 * `linear` (seed 002 §V): t_a = τ_a (1 + alpha · w_a / c_a) with τ_a = length / speed and
 * c_a = capacityVehPerKm × length (the paper: 30 km/h, 20 veh/km).
 */
const delaySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('network') }),
  z.strictObject({ kind: z.literal('linear'), alpha: pos, speedKmPerH: pos, capacityVehPerKm: pos }),
]);

/** Schema of a seed-002 scenario. */
export const gweScenarioSchema = z.strictObject({
  kind: z.literal('generalized-wardrop-equilibrium'),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Bundled network (`SiouxFalls`) or a TNTP `_net.tntp` path (Savannah is not public). */
  network: z.string().min(1),
  feeder: z.string().min(1),
  /** Road delay model; default `{ kind: 'network' }` (the file's BPR). */
  delay: delaySchema.default({ kind: 'network' }),
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
  /** Routes per station in the initial route set (column generation adds the rest). */
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
  /** Newton iterations per column-generation round and rounds; residual = max of all checks (§2.2). */
  solver: z.strictObject({ tolerance: pos, maxIterations: z.number().int().min(1), maxColumnRounds: z.number().int().min(1).default(50) }),
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
  if (s.vMinPu >= s.vMaxPu) throw new InputError({ source, field: 'vMinPu', value: s.vMinPu }, `must be < vMaxPu (${s.vMaxPu})`);
  for (const key of ['valueOfTimeUsdPerH', 'energyKwh'] as const) {
    const [lo, hi] = s.agents[key];
    if (lo > hi) throw new InputError({ source, field: `agents.${key}`, value: s.agents[key] }, 'must be [min, max] with min ≤ max');
  }
  const seen = new Map<string, number>();
  s.stations.forEach((st, k) => {
    for (const [what, v] of [['id', st.id], ['node', String(st.node)]] as const) {
      const prev = seen.get(`${what}:${v}`);
      if (prev !== undefined) throw new InputError({ source, field: `stations[${k}].${what}`, value: what === 'id' ? st.id : st.node }, `duplicates stations[${prev}].${what}`);
      seen.set(`${what}:${v}`, k);
    }
  });
  return s;
}
