/**
 * A parsed feeder study → the modified feeder, the OPF options and the horizon of
 * intervals, with the cross-field checks the schema cannot make: known buses and
 * branches, lower ≤ upper for every limit, per-interval arrays as long as the horizon,
 * one spelling of the shedding penalty. Every failure is one `InputError` naming the
 * study file, the field and the value.
 */
import { InputError } from '../../../common/errors.js';
import type { Feeder, FeederGenerator } from '../../model/feeder.js';
import type { BusInjection, FeederInterval } from '../../model/injection.js';
import type { OpfOptions } from '../opfResult.js';
import { applyFeederChanges } from './applyFeederChanges.js';
import type { FeederStudyFile } from './studySchema.js';

/** What a study asks the OPF to do. */
export interface ResolvedStudy {
  readonly feeder: Feeder;
  /** One entry per interval of the horizon (at least one). */
  readonly intervals: FeederInterval[];
  readonly options: OpfOptions;
}

/**
 * Apply `study` to the loaded case `base`.
 *
 * Steps: 1. horizon length — `intervals.length`, else the length of the first per-interval
 * array (`loadScale`, `substation.importPriceUsdPerMwh`), else 1; every per-interval array must
 * have that length; 2. check generators, injections and outages; 3. override the substation,
 * set voltage limits (global, then per bus; the slack keeps its fixed voltage), branch ratings,
 * shedding convention and penalty (`applyFeederChanges`), add the generators; 4. build each
 * interval, its absent fields falling back to the top-level ones.
 *
 * @param source the study file (for messages)
 * @throws InputError naming `source`, the field and the value
 * @example
 * const { feeder, intervals, options } = resolveStudy(loadFeeder('case33bw'), parsed, 'study.json');
 */
export function resolveStudy(base: Feeder, study: FeederStudyFile, source: string): ResolvedStudy {
  const fail = (field: string, value: unknown, reason: string): never => {
    throw new InputError({ source, field, value }, reason);
  };
  const busIds = new Set(base.buses.map((b) => b.id));
  const branchIds = new Set(base.branches.map((b) => b.id));
  const knownBus = (field: string, bus: number): void => {
    if (!busIds.has(bus)) fail(field, bus, 'no such bus in the feeder');
  };
  const knownBranch = (field: string, branch: number): void => {
    if (!branchIds.has(branch)) fail(field, branch, 'no such branch in the feeder');
  };
  const ordered = (field: string, lower: number | undefined, upper: number | undefined, upperName: string): void => {
    if (lower !== undefined && upper !== undefined && lower > upper) fail(field, lower, `exceeds ${upperName} = ${upper}`);
  };

  // 1. Horizon length.
  const sub = study.substation ?? {};
  const arrays: [string, readonly number[]][] = [];
  if (Array.isArray(study.loadScale)) arrays.push(['loadScale', study.loadScale]);
  if (Array.isArray(sub.importPriceUsdPerMwh)) arrays.push(['substation.importPriceUsdPerMwh', sub.importPriceUsdPerMwh]);
  const count = study.intervals?.length ?? arrays[0]?.[1].length ?? 1;
  for (const [field, values] of arrays) {
    if (values.length !== count) {
      fail(field, values, `must have one value per interval (${count}${study.intervals ? ', the length of `intervals`' : ''}), got ${values.length}`);
    }
  }

  // 2. References and limits of the study's own fields (the shared ones: applyFeederChanges).
  if (study.sheddingPenaltyUsdPerMwh !== undefined && study.shedding?.penaltyUsdPerMwh !== undefined) {
    fail('sheddingPenaltyUsdPerMwh', study.sheddingPenaltyUsdPerMwh, 'give either sheddingPenaltyUsdPerMwh or shedding.penaltyUsdPerMwh, not both');
  }
  const ids = new Set(base.generators.map((g) => g.id));
  study.generators?.forEach((g, k) => {
    knownBus(`generators[${k}].bus`, g.bus);
    if (ids.has(g.id)) fail(`generators[${k}].id`, g.id, 'duplicate generator id');
    ids.add(g.id);
    ordered(`generators[${k}].pMinMw`, g.pMinMw, g.pMaxMw, 'pMaxMw');
    ordered(`generators[${k}].qMinMvar`, g.qMinMvar, g.qMaxMvar, 'qMaxMvar');
  });
  const checkInjections = (field: string, list: readonly BusInjection[] | undefined): void => {
    list?.forEach((inj, k) => knownBus(`${field}[${k}].bus`, inj.bus));
  };
  const checkOutages = (field: string, list: readonly number[] | undefined): void => {
    list?.forEach((b, k) => knownBranch(`${field}[${k}]`, b));
  };
  checkInjections('injections', study.injections);
  checkOutages('outagedBranches', study.outagedBranches);
  study.intervals?.forEach((it, t) => {
    checkInjections(`intervals[${t}].injections`, it.injections);
    checkOutages(`intervals[${t}].outagedBranches`, it.outagedBranches);
  });

  // 3. The modified feeder.
  const flatPrice = typeof sub.importPriceUsdPerMwh === 'number' ? sub.importPriceUsdPerMwh : undefined;
  const penalty = study.shedding?.penaltyUsdPerMwh ?? study.sheddingPenaltyUsdPerMwh;
  const changed = applyFeederChanges(base, {
    substation: { ...sub, importPriceUsdPerMwh: flatPrice },
    ...(study.voltageLimits === undefined ? {} : { voltageLimits: study.voltageLimits }),
    ...(study.branchRatings === undefined ? {} : { branchRatings: study.branchRatings }),
    shedding: { ...study.shedding, penaltyUsdPerMwh: penalty },
  }, source, '');
  const generators: FeederGenerator[] = [...changed.generators, ...(study.generators ?? []).map((g) => ({ ...g }))];
  const feeder: Feeder = { ...changed, generators };

  // 4. The horizon.
  const intervals: FeederInterval[] = [];
  for (let t = 0; t < count; t++) {
    const own = study.intervals?.[t] ?? {};
    const loadScale = own.loadScale ?? (Array.isArray(study.loadScale) ? study.loadScale[t] : study.loadScale);
    const injections = own.injections ?? study.injections;
    const outagedBranches = own.outagedBranches ?? study.outagedBranches;
    const price = own.importPriceUsdPerMwh ?? (Array.isArray(sub.importPriceUsdPerMwh) ? sub.importPriceUsdPerMwh[t] : undefined);
    intervals.push({
      ...(loadScale === undefined ? {} : { loadScale }),
      ...(injections === undefined ? {} : { injections }),
      ...(outagedBranches === undefined ? {} : { outagedBranches }),
      ...(price === undefined ? {} : { importPriceUsdPerMwh: price }),
    });
  }
  const solver = study.solver ?? {};
  const options: OpfOptions = {
    ...(study.formulation === undefined ? {} : { formulation: study.formulation }),
    ...(solver.coneTolerancePu === undefined ? {} : { coneTolerancePu: solver.coneTolerancePu }),
    ...(solver.maxCutRounds === undefined ? {} : { maxCutRounds: solver.maxCutRounds }),
  };
  return { feeder, intervals, options };
}
