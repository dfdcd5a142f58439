import { describe, expect, it } from 'vitest';
import { compileTariff, tariffPrice } from '../../../src/sim/coupling/tariffRule.ts';
import { impliedPrices, initialPriceBook, isDlmpLinked, publishPrices } from '../../../src/sim/coupling/priceBook.ts';

describe('tariffRule', () => {
  it('should return the fixed tariff of the interval', () => {
    const rule = compileTariff({ mode: 'fixed', yuanPerKWh: [1, 2, 3] }, 3, 7.2);
    expect(tariffPrice(rule, 999, 1)).toBe(2);
  });
  it('should add the markup to the converted DLMP (20 $/MWh + 1.856 ¥/kWh = 2.0 ¥/kWh at 7.2 ¥/$)', () => {
    const rule = compileTariff({ mode: 'dlmp', markupYuanPerKWh: 1.856, passThrough: 1 }, 3, 7.2);
    expect(tariffPrice(rule, 20, 0)).toBeCloseTo(2.0, 12);
    const half = compileTariff({ mode: 'dlmp', markupYuanPerKWh: 0, passThrough: 0.5 }, 3, 7.2);
    expect(tariffPrice(half, 1000, 0)).toBeCloseTo(3.6, 12);
  });
});

describe('priceBook', () => {
  const tariffs = {
    charge: compileTariff({ mode: 'dlmp', markupYuanPerKWh: 1, passThrough: 1 }, 3, 10),
    v2g: compileTariff({ mode: 'fixed', yuanPerKWh: 3 }, 3, 10),
  };
  it('should detect DLMP linkage', () => {
    expect(isDlmpLinked(tariffs)).toBe(true);
    expect(isDlmpLinked({ charge: tariffs.v2g, v2g: tariffs.v2g })).toBe(false);
  });
  it('should fill the initial book and publish only DLMP-linked prices from an interval on', () => {
    const book = initialPriceBook(tariffs, Float64Array.from([100, 200]), 3);
    expect(Array.from(book.chargeYuanPerKWh)).toEqual([2, 2, 2, 3, 3, 3]);
    expect(Array.from(book.v2gYuanPerKWh)).toEqual([3, 3, 3, 3, 3, 3]);
    const charge = new Float64Array(2);
    const v2g = new Float64Array(2);
    impliedPrices(tariffs, Float64Array.from([300, 0]), 1, charge, v2g);
    expect(Array.from(charge)).toEqual([4, 1]);
    publishPrices(book, tariffs, 2, 3, charge, v2g);
    expect(Array.from(book.chargeYuanPerKWh)).toEqual([2, 2, 4, 3, 3, 1]);
    expect(Array.from(book.v2gYuanPerKWh)).toEqual([3, 3, 3, 3, 3, 3]);
  });
});
