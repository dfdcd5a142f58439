/**
 * The one JSON object of `ev-cosim flex --json` and `flex.json` (stable keys:
 * docs/flexibility.md §8; schema: flexJsonSchema.ts).
 */
import type { TierPlan } from '../plan/planTier.js';
import { defaultScenarioName, modelJson, pointJson, type FlexModelJson, type FlexModelResult, type FlexPointJson } from '../sweep/flexModelResult.js';
import { compareModels, type ModelComparisonRow } from './compareModels.js';

/** The `plan` of a model object (with `--need`). */
export interface FlexPlanJson {
  readonly need: { readonly station: string; readonly bus: number; readonly op: '<=' | '>='; readonly limitMw: number; readonly interval: number; readonly clock: string };
  /** Cheapest tier meeting the need, ¥; null when none does. */
  readonly budgetYuan: number | null;
  readonly point: FlexPointJson | null;
  /** Net load of the need's station at the chosen point, MW; null when none. */
  readonly stationNetMw: number | null;
  readonly tiers: { readonly budgetYuan: number; readonly canMeet: boolean; readonly containsPoint: boolean }[];
  readonly runs: number;
  readonly summary: string;
}

/** One model's object, with its plan when `--need` was given. */
export type FlexModelPlanJson = FlexModelJson & { readonly plan?: FlexPlanJson };

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
    const obj = modelJson(r, name);
    return plan ? { ...obj, plan: planJson(r, plan) } : obj;
  };
  if (results.length === 1) return one(results[0]);
  const models: Record<string, FlexModelPlanJson> = {};
  for (const r of results) models[r.model] = one(r);
  return { model: 'both', scenario: name, models, comparison: compareModels(results) };
}

function planJson(result: FlexModelResult, plan: TierPlan): FlexPlanJson {
  return {
    need: { station: plan.need.stationId, bus: plan.need.bus, op: plan.need.op, limitMw: plan.need.limitMw, interval: result.timeIndex, clock: result.time },
    budgetYuan: plan.budgetYuan ?? null,
    point: plan.point ? pointJson(result, plan.point) : null,
    stationNetMw: plan.point ? plan.point.netMw[plan.need.station] : null,
    tiers: plan.tiers.map((t) => ({ budgetYuan: t.budgetYuan, canMeet: t.canMeet, containsPoint: t.containsPoint })),
    runs: plan.runs,
    summary: plan.summary,
  };
}
