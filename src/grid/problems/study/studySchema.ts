/**
 * The feeder study file format (`ev-cosim opf study.json`): one strict zod schema, every
 * field with a `.describe()` text from which `docs/feeder-study-reference.md` is generated
 * (src/grid/problems/study/studyReferenceDoc.ts). Cross-field rules (lower ≤ upper, known
 * buses and branches, per-interval array lengths) are checked by `resolveStudy.ts`.
 */
import { z } from 'zod';
import { SHEDDING_CONVENTIONS } from '../../model/feeder.js';

const finite = z.number().finite();
const nonNegative = finite.min(0);
/**
 * Largest household load multiplier (as the scenario's `feeder.loadScale`, docs/limits.md): far above
 * any study, and low enough that HiGHS accepts the scaled loads as bounds.
 */
export const MAX_STUDY_LOAD_SCALE = 1000;
/** Largest |P| or |Q| of one injection, MW / Mvar, as the scenario's DG limits (docs/limits.md; HiGHS refuses ~1e300). */
export const MAX_INJECTION_MW = 1e4;
const loadScaleValue = nonNegative.max(MAX_STUDY_LOAD_SCALE);
const injectionPower = finite.min(-MAX_INJECTION_MW).max(MAX_INJECTION_MW);
const busId = z.number().int();
const branchId = z.number().int();
const conventions = SHEDDING_CONVENTIONS as unknown as readonly [string, ...string[]];

/** "A number, or an array with one number per interval" (the length is checked against the horizon). */
function perInterval<T extends z.ZodNumber>(item: T) {
  return z.union([item, z.array(item).min(1)]);
}

/** One station or device injection at a bus. */
const injectionSchema = z
  .strictObject({
    bus: busId.describe('Feeder bus of the device.'),
    pMw: injectionPower.describe('Active power, MW: + = consumption (EV charging), − = injection (V2G).'),
    qMvar: injectionPower.optional().describe('Fixed reactive power, Mvar, + = consumption (default 0; ignored when `sMaxMva` is given).'),
    sMaxMva: nonNegative.max(MAX_INJECTION_MW).optional().describe('Inverter rating, MVA: its reactive power becomes an OPF decision within |Q| ≤ √(S² − P²).'),
  })
  .describe('Extra power at a bus (summed per bus).');

/** One interval of the horizon. */
const intervalSchema = z
  .strictObject({
    loadScale: loadScaleValue.optional().describe('Multiplier of every household load (P and Q) in this interval (absent: the top-level `loadScale`).'),
    injections: z.array(injectionSchema).optional().describe('Station injections in this interval (absent: the top-level `injections`).'),
    outagedBranches: z.array(branchId).optional().describe('Branch ids out of service in this interval (absent: the top-level `outagedBranches`).'),
    importPriceUsdPerMwh: finite.optional().describe('Substation import price in this interval, $/MWh, negative allowed (absent: `substation.importPriceUsdPerMwh`).'),
  })
  .describe('One interval of the horizon; absent fields fall back to the top-level ones.');

/** Voltage limits: global, then per bus (shared with the co-simulation scenario's `feeder` section). */
export const voltageLimitsSchema = z
  .strictObject({
    vMinPu: finite.positive().optional().describe('Lower voltage limit of every bus except the slack, pu (absent: the case\'s per-bus limits).'),
    vMaxPu: finite.positive().optional().describe('Upper voltage limit of every bus except the slack, pu.'),
    byBus: z
      .array(
        z
          .strictObject({
            bus: busId.describe('Feeder bus.'),
            vMinPu: finite.positive().optional().describe('Lower voltage limit of this bus, pu.'),
            vMaxPu: finite.positive().optional().describe('Upper voltage limit of this bus, pu.'),
          })
          .describe('Limits of one bus (override the global ones).'),
      )
      .optional()
      .describe('Per-bus voltage limits, applied after the global ones.'),
  })
  .describe('Voltage magnitude limits (the slack bus keeps its fixed voltage).');

/** Branch ratings by branch id (shared with the scenario). */
export const branchRatingsSchema = z
  .array(
    z
      .strictObject({
        branch: branchId.describe('Branch id (1-based row of the branch table).'),
        rateMva: finite.positive().describe('Apparent-power rating at the sending end, MVA (> 0).'),
      })
      .describe('Rating of one branch.'),
  )
  .describe("Branch ratings, replacing the case's (other branches keep theirs; bundled cases are unrated).");

/** Shedding convention and penalty (shared with the scenario). */
export const sheddingSchema = z
  .strictObject({
    convention: z
      .enum(conventions)
      .optional()
      .describe(
        'What may be shed at a bus: `constant-pf` (default; P and Q of the net consumption at its power factor, up to the net consumption), `household-only` (household load at its Q/P; EV charging never), `p-only` (active power only, up to the net consumption).',
      ),
    penaltyUsdPerMwh: nonNegative.optional().describe("Penalty of shed load, $/MWh (absent: the case's, 1000 for bundled cases)."),
  })
  .describe('Load shedding (docs/model.md §3.6).');

/** zod schema of a feeder study file (strict: unknown fields are errors). */
export const feederStudySchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path of a JSON Schema (editor support only; ignored).'),
    description: z.string().optional().describe('What the study is about (free text).'),
    feeder: z.string().min(1).describe('Bundled name (`case33bw`, `ieee123`), MATPOWER `.m` file or CSV folder, relative to the study file.'),
    formulation: z.enum(['socp', 'lindistflow']).optional().describe('OPF formulation: SOCP branch flow (default) or lossless LinDistFlow; `--formulation` overrides it.'),
    substation: z
      .strictObject({
        importPriceUsdPerMwh: perInterval(finite)
          .optional()
          .describe("Import price, $/MWh, negative allowed: one value, or one per interval (absent: the case's own cost)."),
        vSetPu: finite.positive().optional().describe("Fixed voltage magnitude of the slack bus, pu (absent: the case's)."),
        pMinMw: finite.optional().describe('Lower limit of the import, MW; negative lets the feeder export (bundled cases: 0).'),
        pMaxMw: finite.optional().describe("Upper limit of the import, MW (absent: the case's)."),
        qMinMvar: finite.optional().describe("Lower limit of the reactive import, Mvar (absent: the case's)."),
        qMaxMvar: finite.optional().describe("Upper limit of the reactive import, Mvar (absent: the case's)."),
      })
      .optional()
      .describe("Overrides of every substation generator of the case (absent fields keep the case's values)."),
    generators: z
      .array(
        z
          .strictObject({
            id: z.string().min(1).describe('Unit name (unique in the study).'),
            kind: z.enum(['dg', 'pv']).describe('`dg` (dispatchable) or `pv`.'),
            bus: busId.describe('Feeder bus of the unit.'),
            pMinMw: finite.default(0).describe('Lower active-power limit, MW.'),
            pMaxMw: finite.describe('Upper active-power limit, MW.'),
            qMinMvar: finite.default(0).describe('Lower reactive-power limit, Mvar.'),
            qMaxMvar: finite.default(0).describe('Upper reactive-power limit, Mvar.'),
            costUsdPerMwh: finite.default(0).describe('Linear cost c1, $/MWh.'),
            costUsdPerMw2h: nonNegative.default(0).describe('Quadratic cost c2, $/(MW²·h).'),
          })
          .describe('A DG or PV unit added to the feeder.'),
      )
      .optional()
      .describe('DG / PV units added to the feeder.'),
    voltageLimits: voltageLimitsSchema.optional(),
    branchRatings: branchRatingsSchema.optional(),
    shedding: sheddingSchema.optional(),
    sheddingPenaltyUsdPerMwh: nonNegative.optional().describe('Same as `shedding.penaltyUsdPerMwh` (older spelling; give one of the two).'),
    solver: z
      .strictObject({
        coneTolerancePu: finite.positive().optional().describe('Cone tolerance of the SOCP cut loop, pu² (absent: the engine default).'),
        maxCutRounds: z.number().int().positive().optional().describe('Most LP solves per interval in the cut loop (absent: the engine default).'),
      })
      .optional()
      .describe('OPF solver settings.'),
    loadScale: perInterval(loadScaleValue)
      .optional()
      .describe('Multiplier of every household load (P and Q): one value, or one per interval (default 1).'),
    outagedBranches: z.array(branchId).optional().describe('Branch ids out of service (every interval unless an interval gives its own).'),
    injections: z.array(injectionSchema).optional().describe('Station injections (every interval unless an interval gives its own).'),
    intervals: z
      .array(intervalSchema)
      .min(1)
      .optional()
      .describe('The horizon: solved in order on one warm OPF session, one result per interval (absent: one interval, or the length of a per-interval array).'),
  })
  .describe('An ev-cosim feeder study: a feeder, its changes and a horizon of OPF intervals.');

/** A parsed feeder study file. */
export type FeederStudyFile = z.infer<typeof feederStudySchema>;
