/**
 * The one JSON object of `ev-cosim flex --json` (stable keys; docs/flexibility.md).
 */
import type { TierPlan } from '../plan/planTier.js';
import { modelJson, pointJson, type FlexModelResult } from '../sweep/flexModelResult.js';
import { compareModels } from './compareModels.js';

/**
 * One model → that model's object (`model: 'dta' | 'sta'`, `time`, `stations`,
 * `tiers[]` with `budget`, `volume`, `affineRank`, `vertices[]` of `netMW`,
 * `coupons`, `subsidy`, `dueGap`). Several models (`--model both`) → `{ model:
 * 'both', models: { dta, sta }, comparison }`, where each model object has the
 * single-model shape. A plan (`--need`) adds `plan` (per model under `both`).
 *
 * @param results - one result per model
 * @param plans - tier plans (same model order), possibly empty
 * @example
 * JSON.stringify(flexJson([dta]));
 */
export function flexJson(results: readonly FlexModelResult[], plans: readonly TierPlan[] = []): Record<string, unknown> {
  const one = (r: FlexModelResult): Record<string, unknown> => {
    const obj = modelJson(r);
    const plan = plans.find((p) => p.model === r.model);
    if (plan) obj.plan = planJson(r, plan);
    return obj;
  };
  if (results.length === 1) return one(results[0]);
  const models: Record<string, unknown> = {};
  for (const r of results) models[r.model] = one(r);
  return { model: 'both', models, comparison: compareModels(results) };
}

function planJson(result: FlexModelResult, plan: TierPlan): Record<string, unknown> {
  return {
    need: { station: plan.need.stationId, bus: plan.need.bus, op: plan.need.op, limitMW: plan.need.limitMw },
    budget: plan.budgetYuan ?? null,
    point: plan.point ? pointJson(result, plan.point) : null,
    tiers: plan.tiers,
    runs: plan.runs,
    summary: plan.summary,
  };
}
