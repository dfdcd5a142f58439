/**
 * The feeder changes a feeder study and a co-simulation scenario share: substation limits
 * and flat import price, voltage limits (global, then per bus), branch ratings, shedding
 * convention and penalty — applied to a loaded case with the cross-field checks the schemas
 * cannot make (known buses and branches, lower ≤ upper, each bus or branch listed once).
 */
import { InputError } from '../../../common/errors.js';
import type { Feeder, FeederBranch, FeederBus, FeederGenerator, SheddingConvention } from '../../model/feeder.js';

/** What may change (every field optional; absent = keep the case's value). */
export interface FeederChanges {
  readonly substation?: {
    readonly importPriceUsdPerMwh?: number;
    readonly vSetPu?: number;
    readonly pMinMw?: number;
    readonly pMaxMw?: number;
    readonly qMinMvar?: number;
    readonly qMaxMvar?: number;
  };
  readonly voltageLimits?: {
    readonly vMinPu?: number;
    readonly vMaxPu?: number;
    readonly byBus?: readonly { readonly bus: number; readonly vMinPu?: number; readonly vMaxPu?: number }[];
  };
  readonly branchRatings?: readonly { readonly branch: number; readonly rateMva: number }[];
  readonly shedding?: { readonly convention?: string; readonly penaltyUsdPerMwh?: number };
}

/**
 * Apply `changes` to `base`.
 *
 * @param source the user's file (for messages)
 * @param prefix field path of the changes in that file (`''` for a study, `'feeder.'` for a scenario)
 * @throws InputError naming `source`, the field (with `prefix`) and the value
 * @example
 * applyFeederChanges(loadFeeder('case33bw'), { branchRatings: [{ branch: 3, rateMva: 2 }] }, 'study.json', '');
 */
export function applyFeederChanges(base: Feeder, changes: FeederChanges, source: string, prefix: string): Feeder {
  const fail = (field: string, value: unknown, reason: string): never => {
    throw new InputError({ source, field: `${prefix}${field}`, value }, reason);
  };
  const ordered = (field: string, lower: number | undefined, upper: number | undefined, upperName: string): void => {
    if (lower !== undefined && upper !== undefined && lower > upper) fail(field, lower, `exceeds ${upperName} = ${upper}`);
  };
  const busIds = new Set(base.buses.map((b) => b.id));
  const branchIds = new Set(base.branches.map((b) => b.id));

  const sub = changes.substation ?? {};
  ordered('substation.pMinMw', sub.pMinMw, sub.pMaxMw, `${prefix}substation.pMaxMw`);
  ordered('substation.qMinMvar', sub.qMinMvar, sub.qMaxMvar, `${prefix}substation.qMaxMvar`);
  const generators: FeederGenerator[] = base.generators.map((g) => {
    if (g.kind !== 'substation') return g;
    const next = {
      ...g,
      costUsdPerMwh: sub.importPriceUsdPerMwh ?? g.costUsdPerMwh,
      pMinMw: sub.pMinMw ?? g.pMinMw,
      pMaxMw: sub.pMaxMw ?? g.pMaxMw,
      qMinMvar: sub.qMinMvar ?? g.qMinMvar,
      qMaxMvar: sub.qMaxMvar ?? g.qMaxMvar,
    };
    ordered('substation.pMinMw', next.pMinMw, next.pMaxMw, `the substation's pMaxMw`);
    ordered('substation.qMinMvar', next.qMinMvar, next.qMaxMvar, `the substation's qMaxMvar`);
    return next;
  });

  const limits = changes.voltageLimits;
  ordered('voltageLimits.vMinPu', limits?.vMinPu, limits?.vMaxPu, `${prefix}voltageLimits.vMaxPu`);
  const byBus = new Map<number, number>();
  limits?.byBus?.forEach((l, k) => {
    if (!busIds.has(l.bus)) fail(`voltageLimits.byBus[${k}].bus`, l.bus, 'no such bus in the feeder');
    if (byBus.has(l.bus)) fail(`voltageLimits.byBus[${k}].bus`, l.bus, 'bus listed twice');
    byBus.set(l.bus, k);
  });
  const buses: FeederBus[] = base.buses.map((bus) => {
    if (bus.id === base.slackBus) return bus;
    const k = byBus.get(bus.id);
    const own = k === undefined ? undefined : limits!.byBus![k];
    const vMinPu = own?.vMinPu ?? limits?.vMinPu ?? bus.vMinPu;
    const vMaxPu = own?.vMaxPu ?? limits?.vMaxPu ?? bus.vMaxPu;
    if (vMinPu > vMaxPu) {
      fail(k !== undefined ? `voltageLimits.byBus[${k}].vMinPu` : 'voltageLimits.vMinPu', vMinPu, `exceeds the upper limit ${vMaxPu} pu of bus ${bus.id}`);
    }
    return vMinPu === bus.vMinPu && vMaxPu === bus.vMaxPu ? bus : { ...bus, vMinPu, vMaxPu };
  });

  const rating = new Map<number, number>();
  changes.branchRatings?.forEach((r, k) => {
    if (!branchIds.has(r.branch)) fail(`branchRatings[${k}].branch`, r.branch, 'no such branch in the feeder');
    if (rating.has(r.branch)) fail(`branchRatings[${k}].branch`, r.branch, 'branch listed twice');
    if (!(r.rateMva > 0)) fail(`branchRatings[${k}].rateMva`, r.rateMva, 'must be > 0');
    rating.set(r.branch, r.rateMva);
  });
  const branches: FeederBranch[] = base.branches.map((br) => (rating.has(br.id) ? { ...br, rateMva: rating.get(br.id)! } : br));

  const convention = changes.shedding?.convention as SheddingConvention | undefined;
  return {
    ...base,
    buses,
    branches,
    generators,
    slackVoltagePu: sub.vSetPu ?? base.slackVoltagePu,
    sheddingPenaltyUsdPerMwh: changes.shedding?.penaltyUsdPerMwh ?? base.sheddingPenaltyUsdPerMwh,
    ...(convention === undefined ? {} : { sheddingConvention: convention }),
  };
}
