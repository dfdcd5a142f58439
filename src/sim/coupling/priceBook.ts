/**
 * The prices drivers see, per station per interval (index `s * intervals + t`,
 * the DUE's layout), and their DLMP feedback (docs/model.md §4).
 */
import { tariffPrice, type TariffRule } from './tariffRule.js';

/** Charge and V2G prices, ¥/kWh, index `s * intervals + t`. */
export interface PriceBook {
  readonly chargeYuanPerKWh: Float64Array;
  readonly v2gYuanPerKWh: Float64Array;
}

/** Tariffs of both kinds. */
export interface Tariffs {
  readonly charge: TariffRule;
  readonly v2g: TariffRule;
}

/**
 * True when at least one tariff follows the DLMP (otherwise there is no feedback
 * and the DUE is solved once per run).
 *
 * @example
 * isDlmpLinked({ charge: compileTariff({ mode: 'fixed', yuanPerKWh: 2 }, 12, 7.2), v2g }); // depends on v2g
 */
export function isDlmpLinked(tariffs: Tariffs): boolean {
  return tariffs.charge.kind === 'dlmp' || tariffs.v2g.kind === 'dlmp';
}

/**
 * Prices implied by DLMPs for interval t, per station (caller-owned outputs).
 *
 * @param tariffs - compiled tariffs.
 * @param dlmpAtStation - DLMP at each station's bus, $/MWh.
 * @param t - interval index (for fixed per-interval tariffs).
 * @param outCharge - ¥/kWh per station (overwritten).
 * @param outV2g - ¥/kWh per station (overwritten).
 * @example
 * impliedPrices(tariffs, dlmp, 5, charge, v2g);
 */
export function impliedPrices(tariffs: Tariffs, dlmpAtStation: Float64Array, t: number, outCharge: Float64Array, outV2g: Float64Array): void {
  for (let s = 0; s < dlmpAtStation.length; s++) {
    outCharge[s] = tariffPrice(tariffs.charge, dlmpAtStation[s], t);
    outV2g[s] = tariffPrice(tariffs.v2g, dlmpAtStation[s], t);
  }
}

/**
 * Set the prices of intervals `from … intervals − 1` to per-station values for
 * DLMP-linked tariffs, leaving fixed tariffs at their scheduled values. Later
 * intervals get the latest value because drivers deciding now expect the
 * published price to persist (no price forecast is assumed).
 *
 * @example
 * publishPrices(book, tariffs, 3, 12, charge, v2g); // intervals 3…11
 */
export function publishPrices(
  book: PriceBook,
  tariffs: Tariffs,
  from: number,
  intervals: number,
  charge: Float64Array,
  v2g: Float64Array,
): void {
  for (let s = 0; s < charge.length; s++) {
    for (let t = from; t < intervals; t++) {
      if (tariffs.charge.kind === 'dlmp') book.chargeYuanPerKWh[s * intervals + t] = charge[s];
      if (tariffs.v2g.kind === 'dlmp') book.v2gYuanPerKWh[s * intervals + t] = v2g[s];
    }
  }
}

/**
 * Initial price book: fixed tariffs as scheduled, DLMP-linked ones from `dlmpAtStation`
 * (the DLMPs of the feeder without station load) in every interval.
 *
 * @example
 * const book = initialPriceBook(tariffs, baseDlmp, 12);
 */
export function initialPriceBook(tariffs: Tariffs, dlmpAtStation: Float64Array, intervals: number): PriceBook {
  const stations = dlmpAtStation.length;
  const book: PriceBook = {
    chargeYuanPerKWh: new Float64Array(stations * intervals),
    v2gYuanPerKWh: new Float64Array(stations * intervals),
  };
  for (let s = 0; s < stations; s++) {
    for (let t = 0; t < intervals; t++) {
      book.chargeYuanPerKWh[s * intervals + t] = tariffPrice(tariffs.charge, dlmpAtStation[s], t);
      book.v2gYuanPerKWh[s * intervals + t] = tariffPrice(tariffs.v2g, dlmpAtStation[s], t);
    }
  }
  return book;
}
