/**
 * Scenario section `feeder`: the distribution feeder and its per-interval
 * changes (docs/model.md §3: load scaling, outages, DGs, substation limits and price,
 * voltage limits, branch ratings, shedding convention and penalty, formulation).
 * The voltage-limit, rating and shedding sub-schemas are the feeder study's
 * (src/grid/problems/study/studySchema.ts), so both files read alike.
 */
import { z } from 'zod';
import { branchRatingsSchema, sheddingSchema, voltageLimitsSchema } from '../../../grid/problems/study/studySchema.js';
import { perInterval } from './perInterval.js';

/** Largest power limit of a DG or the substation, |MW| or |Mvar| (docs/limits.md). */
const MAX_POWER_MW = 1e4;
/** Largest cost or price, |$/MWh| (docs/limits.md). */
const MAX_PRICE_USD_PER_MWH = 1e6;
/** Largest household load multiplier (`loadScale`, `loadMultiplier` and their product; docs/limits.md). */
export const MAX_LOAD_SCALE = 1000;

const powerMw = () => z.number().min(-MAX_POWER_MW).max(MAX_POWER_MW);

/** A DG or PV unit added to the feeder. */
export const dgSchema = z
  .strictObject({
    id: z.string().min(1).describe('Unit name.'),
    kind: z.enum(['dg', 'pv']).default('dg').describe('`dg` (dispatchable) or `pv`.'),
    bus: z.number().int().describe('Feeder bus of the unit.'),
    pMinMw: powerMw().default(0).describe('Lower active-power limit, MW (|value| ≤ 10,000).'),
    pMaxMw: powerMw().describe('Upper active-power limit, MW (|value| ≤ 10,000).'),
    qMinMvar: powerMw().default(0).describe('Lower reactive-power limit, MVAr (|value| ≤ 10,000).'),
    qMaxMvar: powerMw().default(0).describe('Upper reactive-power limit, MVAr (|value| ≤ 10,000).'),
    costUsdPerMwh: z.number().nonnegative().max(MAX_PRICE_USD_PER_MWH).describe('Linear cost c1, $/MWh (at most 1,000,000).'),
    costUsdPerMw2h: z.number().nonnegative().max(MAX_PRICE_USD_PER_MWH).default(0).describe('Quadratic cost c2, $/(MW²·h) (at most 1,000,000).'),
  })
  .refine((g) => g.pMinMw <= g.pMaxMw, { message: 'pMinMw must be ≤ pMaxMw', path: ['pMaxMw'] })
  .refine((g) => g.qMinMvar <= g.qMaxMvar, { message: 'qMinMvar must be ≤ qMaxMvar', path: ['qMaxMvar'] })
  .describe('A distributed generator or PV unit.');

/** A branch outage. */
export const outageSchema = z
  .strictObject({
    branch: z.number().int().describe('Branch id (1-based row of the branch table).'),
    fromInterval: z.number().int().nonnegative().default(0).describe('First interval of the outage (0-based).'),
    toInterval: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('Last interval of the outage, inclusive (absent: to the end of the horizon).'),
  })
  .describe('A branch out of service for some intervals (may split the feeder into islands).');

/** Schema of `feeder`. */
export const feederSchema = z
  .strictObject({
    case: z
      .string()
      .min(1)
      .describe('Feeder: a bundled name (`case33bw`, `ieee123`), a MATPOWER `.m` file or a CSV folder, relative to the scenario file.'),
    formulation: z
      .enum(['socp', 'lindistflow'])
      .default('socp')
      .describe('OPF formulation: SOCP branch flow (cone relaxation) or LinDistFlow (losses dropped).'),
    loadScale: perInterval(z.number().nonnegative().max(MAX_LOAD_SCALE))
      .default(1)
      .describe('Multiplier of every household load (P and Q): one value, or one per interval; at most 1,000, also times `loadMultiplier` (docs/limits.md).'),
    loadMultiplier: z
      .number()
      .nonnegative()
      .max(MAX_LOAD_SCALE)
      .default(1)
      .describe('Global multiplier on top of `loadScale`, e.g. `--set feeder.loadMultiplier=1.5` for a +50 % household-load stress case; at most 1,000, also times `loadScale`.'),
    outages: z.array(outageSchema).default([]).describe('Branch outages.'),
    dgs: z.array(dgSchema).default([]).describe('DG / PV units added to the feeder.'),
    sheddingPenaltyUsdPerMwh: z
      .number()
      .nonnegative()
      .max(MAX_PRICE_USD_PER_MWH)
      .optional()
      .describe("Load-shedding penalty, $/MWh, at most 1,000,000 (absent: the feeder's default); same as `shedding.penaltyUsdPerMwh` (give one of the two)."),
    importPriceUsdPerMwh: perInterval(z.number().min(-MAX_PRICE_USD_PER_MWH).max(MAX_PRICE_USD_PER_MWH))
      .optional()
      .describe("Substation import price, $/MWh, negative allowed (|value| ≤ 1,000,000): one value, or one per interval (absent: the case's own generator cost)."),
    substation: z
      .strictObject({
        vSetPu: z.number().min(0.5).max(1.5).optional().describe("Fixed voltage magnitude of the slack bus, pu, 0.5 to 1.5 (absent: the case's)."),
        pMinMw: powerMw().optional().describe('Lower limit of the import, MW (|value| ≤ 10,000); negative lets the feeder export, e.g. under V2G (bundled cases: 0).'),
        pMaxMw: powerMw().optional().describe("Upper limit of the import, MW, |value| ≤ 10,000 (absent: the case's)."),
        qMinMvar: powerMw().optional().describe("Lower limit of the reactive import, Mvar, |value| ≤ 10,000 (absent: the case's)."),
        qMaxMvar: powerMw().optional().describe("Upper limit of the reactive import, Mvar, |value| ≤ 10,000 (absent: the case's)."),
      })
      .optional()
      .describe("Limits of every substation generator of the case (absent fields keep the case's values)."),
    voltageLimits: voltageLimitsSchema.optional(),
    branchRatings: branchRatingsSchema.optional(),
    shedding: sheddingSchema.optional(),
  })
  .describe('Distribution feeder, its per-interval changes and the OPF formulation.');

/** Parsed section. */
export type ScenarioFeeder = z.output<typeof feederSchema>;
export type ScenarioDg = z.output<typeof dgSchema>;
