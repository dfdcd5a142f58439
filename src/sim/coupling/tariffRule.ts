/**
 * Driver tariffs ω (docs/model.md §2, §4): fixed, or linked to the DLMP at the station bus
 * with a markup. This is the only place where $/MWh become ¥/kWh.
 */
import { expandPerInterval } from '../scenario/schema/perInterval.js';
import type { Tariff } from '../scenario/schema/priceSchema.js';
import { usdPerMwhToYuanPerKwh } from './units.js';

/** A compiled tariff: fixed per interval, or DLMP-linked. */
export type TariffRule =
  | { readonly kind: 'fixed'; readonly yuanPerKWhByInterval: Float64Array }
  | { readonly kind: 'dlmp'; readonly markupYuanPerKWh: number; readonly passThrough: number; readonly yuanPerUsd: number };

/**
 * Compile a scenario tariff for a horizon of `intervals`.
 *
 * @example
 * compileTariff({ mode: 'fixed', yuanPerKWh: 2 }, 12, 7.2).kind; // 'fixed'
 */
export function compileTariff(tariff: Tariff, intervals: number, yuanPerUsd: number): TariffRule {
  if (tariff.mode === 'fixed') return { kind: 'fixed', yuanPerKWhByInterval: expandPerInterval(tariff.yuanPerKWh, intervals) };
  return { kind: 'dlmp', markupYuanPerKWh: tariff.markupYuanPerKWh, passThrough: tariff.passThrough, yuanPerUsd };
}

/**
 * The tariff in interval t given the DLMP at the station's bus.
 *
 * fixed: ω = yuanPerKWhByInterval[t]; dlmp: ω = markup + passThrough · DLMP · yuanPerUsd / 1000.
 *
 * @param rule - compiled tariff.
 * @param dlmpUsdPerMwh - active-power DLMP at the station bus, $/MWh (ignored when fixed).
 * @param t - interval index.
 * @returns ¥/kWh.
 * @example
 * tariffPrice({ kind: 'dlmp', markupYuanPerKWh: 1.856, passThrough: 1, yuanPerUsd: 7.2 }, 20, 0); // 2.0
 */
export function tariffPrice(rule: TariffRule, dlmpUsdPerMwh: number, t: number): number {
  if (rule.kind === 'fixed') return rule.yuanPerKWhByInterval[t];
  return rule.markupYuanPerKWh + rule.passThrough * usdPerMwhToYuanPerKwh(dlmpUsdPerMwh, rule.yuanPerUsd);
}
