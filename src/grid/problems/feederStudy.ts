/**
 * Feeder study files: a JSON file naming a feeder plus everything one OPF study needs —
 * substation price (per interval, negative allowed) and P/Q limits, DG/PV units, voltage
 * limits, branch ratings, the shedding convention and penalty, solver settings, and a
 * horizon of intervals (load scale, injections, outages, import price) that
 * `ev-cosim opf study.json` solves warm in one process. Field reference:
 * docs/feeder-study-reference.md (generated from `study/studySchema.ts`). Validated at the
 * boundary (docs/model.md §7): unknown fields, wrong types, unknown buses or branches,
 * lower > upper, a rating ≤ 0, a per-interval array of the wrong length and NaN stop with
 * one `InputError` naming the file, field and value.
 *
 * @example
 * // scenarios/feeders/case33bw-evening-horizon.json
 * {
 *   "feeder": "case33bw",
 *   "substation": { "importPriceUsdPerMwh": [40, 55, 70], "pMinMw": -2 },
 *   "generators": [{ "id": "pv18", "kind": "pv", "bus": 18, "pMaxMw": 0.3 }],
 *   "branchRatings": [{ "branch": 3, "rateMva": 2.5 }],
 *   "intervals": [{ "loadScale": 0.9 }, { "loadScale": 1.0 }, { "loadScale": 1.1 }]
 * }
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { readJsonFile } from '../../common/readJsonFile.js';
import { parseWithSchema } from '../../common/zodIssues.js';
import { BUNDLED_FEEDERS, loadFeeder } from '../io/loadFeeder.js';
import type { Feeder } from '../model/feeder.js';
import type { FeederInterval } from '../model/injection.js';
import type { FormulationName } from '../formulations/branchFlowFormulation.js';
import type { OpfOptions } from './opfResult.js';
import { resolveStudy } from './study/resolveStudy.js';
import { feederStudySchema, type FeederStudyFile } from './study/studySchema.js';

export { feederStudySchema, type FeederStudyFile };

/** A loaded study: the modified feeder, the horizon to solve, and the OPF options asked for. */
export interface FeederStudy {
  readonly feeder: Feeder;
  /** The first interval (the whole study when it has one interval). */
  readonly interval: FeederInterval;
  /** Every interval of the horizon, in order (at least one). */
  readonly intervals: readonly FeederInterval[];
  readonly formulation: FormulationName | undefined;
  /** Options for `OpfSession.create` (formulation, cone tolerance, cut rounds). */
  readonly options: OpfOptions;
  /** The study file path. */
  readonly source: string;
}

/**
 * Read, validate and apply a feeder study file.
 *
 * Steps: 1. read the JSON (`common/readJsonFile.ts`: a syntax error is an `InputError`
 * naming the file, line and column); 2. validate with {@link feederStudySchema}
 * (`common/zodIssues.ts`: field path, value and rule); 3. load the feeder (relative paths
 * resolved against the JSON's folder); 4. apply the study and build its horizon
 * (`study/resolveStudy.ts`: cross-field checks).
 *
 * @param path the study JSON file
 * @throws InputError naming the file, field and value
 * @example
 * const study = loadFeederStudy('scenarios/feeders/case33bw-evening-horizon.json');
 * const opf = await OpfSession.create(study.feeder, study.options);
 * const results = solveHorizon(opf, study.intervals);
 */
export function loadFeederStudy(path: string): FeederStudy {
  const study = parseWithSchema(feederStudySchema, readJsonFile(path), path);
  const spec = (BUNDLED_FEEDERS as readonly string[]).includes(study.feeder) || isAbsolute(study.feeder)
    ? study.feeder
    : resolve(dirname(path), study.feeder);
  const { feeder, intervals, options } = resolveStudy(loadFeeder(spec), study, path);
  return { feeder, interval: intervals[0], intervals, formulation: study.formulation, options, source: path };
}
