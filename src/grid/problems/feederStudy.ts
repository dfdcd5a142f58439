/**
 * Feeder study files: a JSON scenario naming a feeder plus the changes one
 * OPF study needs (substation price and limits, extra DG/PV units, shedding
 * penalty, load scale, outages, station injections, formulation). Validated
 * with zod at the boundary (docs/model.md §7): unknown fields, wrong types, unknown
 * buses and NaN stop with one `InputError` naming the file, field and value.
 *
 * @example
 * // scenarios/grid/evening-peak.json
 * {
 *   "feeder": "case33bw",
 *   "substation": { "importPriceUsdPerMwh": 45, "vSetPu": 1.02 },
 *   "generators": [{ "id": "pv18", "kind": "pv", "bus": 18, "pMaxMw": 0.3, "qMinMvar": -0.1, "qMaxMvar": 0.1 }],
 *   "loadScale": 1.1,
 *   "injections": [{ "bus": 30, "pMw": 0.6, "sMaxMva": 0.8 }]
 * }
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../common/errors.js';
import { readJsonFile } from '../../common/readJsonFile.js';
import { parseWithSchema } from '../../common/zodIssues.js';
import { BUNDLED_FEEDERS, loadFeeder } from '../io/loadFeeder.js';
import type { Feeder, FeederGenerator } from '../model/feeder.js';
import type { FeederInterval } from '../model/injection.js';
import type { FormulationName } from '../formulations/branchFlowFormulation.js';

const finite = z.number().finite();
const nonNegative = finite.min(0);

/** zod schema of a feeder study file (strict: unknown fields are errors). */
export const feederStudySchema = z.strictObject({
  /** Bundled name (`case33bw`, `ieee123`), MATPOWER `.m` file or CSV directory, relative to the JSON file. */
  feeder: z.string().min(1),
  substation: z
    .strictObject({
      importPriceUsdPerMwh: finite.optional(),
      vSetPu: finite.positive().optional(),
      pMinMw: finite.optional(),
      pMaxMw: finite.optional(),
      qMinMvar: finite.optional(),
      qMaxMvar: finite.optional(),
    })
    .optional(),
  generators: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        kind: z.enum(['dg', 'pv']),
        bus: z.number().int(),
        pMinMw: finite.default(0),
        pMaxMw: finite,
        qMinMvar: finite.default(0),
        qMaxMvar: finite.default(0),
        costUsdPerMwh: finite.default(0),
        costUsdPerMw2h: nonNegative.default(0),
      }),
    )
    .optional(),
  sheddingPenaltyUsdPerMwh: nonNegative.optional(),
  loadScale: nonNegative.optional(),
  outagedBranches: z.array(z.number().int()).optional(),
  injections: z
    .array(z.strictObject({ bus: z.number().int(), pMw: finite, qMvar: finite.optional(), sMaxMva: nonNegative.optional() }))
    .optional(),
  formulation: z.enum(['socp', 'lindistflow']).optional(),
});

/** A parsed feeder study file. */
export type FeederStudyFile = z.infer<typeof feederStudySchema>;

/** A loaded study: the modified feeder, the interval to solve, and the formulation asked for. */
export interface FeederStudy {
  readonly feeder: Feeder;
  readonly interval: FeederInterval;
  readonly formulation: FormulationName | undefined;
  /** The study file path. */
  readonly source: string;
}

/**
 * Read, validate and apply a feeder study file.
 *
 * Steps: 1. read the JSON (`common/readJsonFile.ts`: a syntax error is an `InputError`
 * naming the file, line and column); 2. validate with {@link feederStudySchema}
 * (`common/zodIssues.ts`: field path, value and rule); 3. load the feeder (relative paths
 * resolved against the JSON's folder); 4. override the substation, add the
 * generators, set the shedding penalty; 5. check every bus referenced exists.
 *
 * @param path the study JSON file
 * @throws InputError naming the file, field and value
 * @example
 * const study = loadFeederStudy('scenarios/grid/evening-peak.json');
 * const opf = await OpfSession.create(study.feeder, { formulation: study.formulation });
 * opf.solve(study.interval);
 */
export function loadFeederStudy(path: string): FeederStudy {
  const study = parseWithSchema(feederStudySchema, readJsonFile(path), path);
  const spec = (BUNDLED_FEEDERS as readonly string[]).includes(study.feeder) || isAbsolute(study.feeder)
    ? study.feeder
    : resolve(dirname(path), study.feeder);
  const base = loadFeeder(spec);
  const feeder = applyStudy(base, study);
  const busIds = new Set(feeder.buses.map((b) => b.id));
  study.generators?.forEach((g, k) => {
    if (!busIds.has(g.bus)) throw new InputError({ source: path, field: `generators[${k}].bus`, value: g.bus }, 'no such bus in the feeder');
    if (g.pMinMw > g.pMaxMw) throw new InputError({ source: path, field: `generators[${k}].pMinMw`, value: g.pMinMw }, `exceeds pMaxMw = ${g.pMaxMw}`);
    if (g.qMinMvar > g.qMaxMvar) throw new InputError({ source: path, field: `generators[${k}].qMinMvar`, value: g.qMinMvar }, `exceeds qMaxMvar = ${g.qMaxMvar}`);
  });
  study.injections?.forEach((inj, k) => {
    if (!busIds.has(inj.bus)) throw new InputError({ source: path, field: `injections[${k}].bus`, value: inj.bus }, 'no such bus in the feeder');
  });
  const interval: FeederInterval = {
    ...(study.loadScale === undefined ? {} : { loadScale: study.loadScale }),
    ...(study.injections === undefined ? {} : { injections: study.injections }),
    ...(study.outagedBranches === undefined ? {} : { outagedBranches: study.outagedBranches }),
  };
  return { feeder, interval, formulation: study.formulation, source: path };
}

function applyStudy(base: Feeder, study: FeederStudyFile): Feeder {
  const sub = study.substation ?? {};
  const generators: FeederGenerator[] = base.generators.map((g) =>
    g.kind !== 'substation'
      ? g
      : {
          ...g,
          costUsdPerMwh: sub.importPriceUsdPerMwh ?? g.costUsdPerMwh,
          pMinMw: sub.pMinMw ?? g.pMinMw,
          pMaxMw: sub.pMaxMw ?? g.pMaxMw,
          qMinMvar: sub.qMinMvar ?? g.qMinMvar,
          qMaxMvar: sub.qMaxMvar ?? g.qMaxMvar,
        },
  );
  for (const g of study.generators ?? []) generators.push({ ...g });
  return {
    ...base,
    generators,
    slackVoltagePu: sub.vSetPu ?? base.slackVoltagePu,
    sheddingPenaltyUsdPerMwh: study.sheddingPenaltyUsdPerMwh ?? base.sheddingPenaltyUsdPerMwh,
  };
}
