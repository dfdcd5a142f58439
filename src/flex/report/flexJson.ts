/**
 * The one JSON object of `ev-cosim flex --json` and `flex.json` (stable keys:
 * docs/flexibility.md §8; schema: flexJsonSchema.ts).
 */
import type { BookCheck, BookCheckTier } from '../books/bookCheck.js';
import type { TierPlan } from '../plan/planTier.js';
import { admissible } from '../search/flexEvaluation.js';
import { defaultScenarioName, modelJson, pointJson, type FlexModelJson, type FlexModelResult, type FlexPointJson } from '../sweep/flexModelResult.js';
import { compareModels, type ModelComparisonRow } from './compareModels.js';
import { narrowStations, type NarrowStation } from './narrowStations.js';

/** One need of a plan with its verified load (JSON). */
export interface FlexPlanNeedJson {
  readonly text: string;
  readonly stations: string[];
  readonly bus: number;
  readonly op: '<=' | '>=';
  readonly limitMw: number;
  /** Net load of the need's stations in the plan's re-simulated run, MW; null without a plan point. */
  readonly loadMw: number | null;
  readonly met: boolean;
}

/** The `plan` of a model object (with `--need`). */
export interface FlexPlanJson {
  /** The first need (as before several needs were allowed). */
  readonly need: { readonly station: string; readonly bus: number; readonly op: '<=' | '>='; readonly limitMw: number; readonly interval: number; readonly clock: string };
  readonly needs: FlexPlanNeedJson[];
  /** Subsidy actually paid by the plan's run, ¥; null when no admissible book meets the needs. */
  readonly subsidyYuan: number | null;
  /** Cheapest tier holding the plan, ¥; null when none does. */
  readonly tierYuan: number | null;
  /** Same as `tierYuan`. */
  readonly budgetYuan: number | null;
  /** The plan's coupon book keyed by station id; null without a plan. */
  readonly coupons: FlexPointJson['coupons'] | null;
  readonly inTierHull: boolean;
  readonly inSmallerTierHulls: number[];
  readonly point: FlexPointJson | null;
  /** Net load of the first need's station at the chosen point, MW; null when none. */
  readonly stationNetMw: number | null;
  readonly tiers: { readonly budgetYuan: number; readonly canMeet: boolean; readonly containsPoint: boolean }[];
  readonly runs: number;
  readonly shrinkRuns: number;
  readonly modelRuns: number;
  readonly polishRuns: number;
  readonly summary: string;
}

/** A sweep task that failed for good (`SweepDeadLetter`): its points are missing from the results. */
export interface FlexDeadLetterJson {
  readonly taskId: string;
  readonly kind: string;
  readonly probe?: number;
  readonly direction?: number;
  readonly book?: number;
  readonly attempts: number;
  readonly reason: string;
}

/**
 * One model's object: `narrowStations` — axis stations whose range at the largest budget is below
 * 5 % of the widest axis's range (narrowStations.ts; empty when none) — the plan when
 * `--need` was given, and `deadLetters` when some sweep task failed for good (absent otherwise).
 */
export type FlexModelPlanJson = FlexModelJson & {
  readonly narrowStations: NarrowStation[];
  readonly plan?: FlexPlanJson;
  readonly bookCheck?: FlexBookCheckJson;
  readonly deadLetters?: FlexDeadLetterJson[];
};

/** The checked books of a model (`bookCheck`; schema: flexJsonSchema.ts). */
export interface FlexBookCheckJson {
  readonly source: 'file' | 'random';
  readonly file?: string;
  readonly seed?: number;
  readonly requested: number;
  readonly books: number;
  readonly admissible: number;
  readonly runs: number;
  readonly outsideToleranceMw: number;
  readonly tiers: BookCheckTier[];
  readonly outside: { readonly label: string; readonly book: number; readonly budgetYuan: number; readonly distanceMw: number | null; readonly distanceLowerMw: number | null; readonly point: FlexPointJson }[];
}

/** `--model both`. */
export interface FlexBothJson {
  readonly model: 'both';
  readonly scenario: string;
  readonly models: Record<string, FlexModelPlanJson>;
  readonly comparison: ModelComparisonRow[];
}

/**
 * One model → that model's object (`model`, `scenario`, `interval` + `clock` of t*,
 * `stations`, `tiers[]` with `budgetYuan`, the measure named by its dimension
 * (`volumeMw3`, `areaMw2`, `lengthMw`), `affineRank`, `ranges`, `vertices[]` of
 * `netMw` / `subsidyYuan` / `dueRelativeGap` / `coupons`). Several models (`--model
 * both`) → `{ model: 'both', scenario, models: { dta, sta }, comparison }`, each model
 * object of the single-model shape. A plan (`--need`) adds `plan` (per model).
 *
 * @param results - one result per model
 * @param plans - tier plans (any order; matched by model), possibly empty
 * @param scenario - scenario name (default: the scenario file's name)
 * @example
 * JSON.stringify(flexJson([dta], [], 'nguyen-dupuis-ieee33-evening-peak'));
 */
export function flexJson(results: readonly FlexModelResult[], plans: readonly TierPlan[] = [], scenario?: string): FlexModelPlanJson | FlexBothJson {
  const name = scenario ?? (results[0] ? defaultScenarioName(results[0]) : '');
  const one = (r: FlexModelResult): FlexModelPlanJson => {
    const plan = plans.find((p) => p.model === r.model);
    const dead = [...(r.run.deadLetters ?? []), ...(r.bookCheck?.deadLetters ?? [])];
    const obj = {
      ...modelJson(r, name),
      narrowStations: narrowStations(r)?.narrow ?? [],
      ...(r.bookCheck === undefined ? {} : { bookCheck: bookCheckJson(r, r.bookCheck) }),
      ...(dead.length > 0 ? { deadLetters: dead.map((l) => ({ ...l })) } : {}),
    };
    return plan ? { ...obj, plan: planJson(r, plan) } : obj;
  };
  if (results.length === 1) return one(results[0]);
  const models: Record<string, FlexModelPlanJson> = {};
  for (const r of results) models[r.model] = one(r);
  return { model: 'both', scenario: name, models, comparison: compareModels(results) };
}

function bookCheckJson(result: FlexModelResult, check: BookCheck): FlexBookCheckJson {
  const top = result.tiers[result.tiers.length - 1]?.budgetYuan ?? 0;
  return {
    source: check.source,
    ...(check.file === undefined ? {} : { file: check.file }),
    ...(check.seed === undefined ? {} : { seed: check.seed }),
    requested: check.requested,
    books: check.books.length,
    admissible: check.books.filter((b) => admissible(b.point, top)).length,
    runs: check.runs,
    outsideToleranceMw: check.outsideToleranceMw,
    tiers: check.tiers.map((t) => ({ ...t })),
    outside: check.outside.map((o) => ({
      label: o.book.label, book: o.book.index, budgetYuan: o.budgetYuan, distanceMw: o.distanceMw, distanceLowerMw: o.distanceLowerMw, point: pointJson(result, o.book.point),
    })),
  };
}

function planJson(result: FlexModelResult, plan: TierPlan): FlexPlanJson {
  const point = plan.point ? pointJson(result, plan.point) : null;
  return {
    need: { station: plan.need.stationId, bus: plan.need.bus, op: plan.need.op, limitMw: plan.need.limitMw, interval: result.timeIndex, clock: result.time },
    needs: plan.needs.map((n) => {
      const load = plan.loads.find((l) => l.need === n);
      return {
        text: n.text, stations: n.stations.map((s) => result.stations[s]), bus: n.bus, op: n.op, limitMw: n.limitMw,
        loadMw: load ? load.loadMw : null, met: load?.met ?? false,
      };
    }),
    subsidyYuan: plan.subsidyYuan ?? null,
    tierYuan: plan.tierYuan ?? null,
    budgetYuan: plan.tierYuan ?? null,
    coupons: point ? point.coupons : null,
    inTierHull: plan.inTierHull,
    inSmallerTierHulls: plan.inSmallerTierHulls,
    point,
    stationNetMw: plan.point ? plan.point.netMw[plan.need.station] : null,
    tiers: plan.tiers.map((t) => ({ budgetYuan: t.budgetYuan, canMeet: t.canMeet, containsPoint: t.containsPoint })),
    runs: plan.runs,
    shrinkRuns: plan.shrinkRuns,
    modelRuns: plan.modelRuns,
    polishRuns: plan.polishRuns,
    summary: plan.summary,
  };
}
