/**
 * Scenario sections `prices` and `coupons` (docs/model.md §2 generalized link cost ω, ψ;
 * §4 price feedback; seed 003 §1.1).
 */
import { z } from 'zod';
import { perInterval } from './perInterval.js';

/** A tariff fixed in advance (constant or one value per interval). */
const fixedTariffSchema = z
  .strictObject({
    mode: z.literal('fixed').describe('Fixed tariff.'),
    yuanPerKWh: perInterval(z.number().nonnegative().max(1000)).describe('Price, ¥/kWh (at most 1,000): one value, or one per interval.'),
  })
  .describe('A fixed tariff.');

/** A tariff that follows the DLMP at the station bus. */
const dlmpTariffSchema = z
  .strictObject({
    mode: z.literal('dlmp').describe('DLMP-linked tariff.'),
    markupYuanPerKWh: z
      .number()
      .min(-1000)
      .max(1000)
      .describe('Markup added to the converted DLMP, ¥/kWh (may be negative; |value| ≤ 1,000).'),
    passThrough: z
      .number()
      .nonnegative()
      .max(100)
      .default(1)
      .describe('Share of the DLMP passed to drivers (1 = all of it; at most 100).'),
  })
  .describe(
    'price = markupYuanPerKWh + passThrough · DLMP_bus · yuanPerUsd / 1000 (DLMP in $/MWh → ¥/kWh); the DLMP is that of the interval before (feedback `next-tick`) or of the same interval at the fixed point (`fixed-point`).',
  );

/** Either kind of tariff. */
export const tariffSchema = z.discriminatedUnion('mode', [fixedTariffSchema, dlmpTariffSchema]);

/** Schema of `prices`. */
export const pricesSchema = z
  .strictObject({
    yuanPerUsd: z
      .number()
      .positive()
      .max(1e5)
      .default(7.2)
      .describe(
        'Currency conversion for DLMP-linked tariffs, ¥ per US$ (DLMPs are $/MWh, tariffs ¥/kWh), at most 100,000. Default 7.2 ≈ the 2024 average CNY/USD rate.',
      ),
    charge: tariffSchema.describe('Charging price ω_ch paid by drivers, ¥/kWh.'),
    v2g: tariffSchema.describe('V2G discharge price ω_v2g paid to drivers, ¥/kWh.'),
  })
  .describe('Tariffs seen by drivers at every station.');

/** Coupons offered at one station. */
export const couponSchema = z
  .strictObject({
    station: z.string().min(1).describe('Station id (as in `stations`).'),
    chargeYuanPerKWh: perInterval(z.number().nonnegative().max(1000))
      .default(0)
      .describe('Charging coupon ψ_ch, ¥/kWh off the charging price (at most 1,000): one value, or one per interval.'),
    v2gYuanPerVisit: perInterval(z.number().nonnegative().max(1e5))
      .default(0)
      .describe('V2G participation coupon ψ_v2g, ¥ per visit (at most 100,000): one value, or one per interval.'),
  })
  .describe('Subsidies offered at one station (docs/model.md §2, §5).');

/** Parsed sections. */
export type Tariff = z.output<typeof tariffSchema>;
export type ScenarioPrices = z.output<typeof pricesSchema>;
export type ScenarioCoupon = z.output<typeof couponSchema>;
