/** randomBook: deterministic per (seed, index), within the bounds, only the kinds a station offers. */
import { describe, expect, it } from 'vitest';
import { randomBook } from '../../../src/flex/books/randomBooks.ts';

const options = { seed: 7, stationKinds: [['charge', 'v2g'], ['charge']] as const, intervals: 6, maxChargeYuanPerKWh: 2, maxV2gYuanPerVisit: 60 };

describe('randomBook', () => {
  it('gives the same book for the same seed and index, and another for another index or seed', () => {
    expect(randomBook(3, options)).toEqual(randomBook(3, options));
    expect(randomBook(4, options)).not.toEqual(randomBook(3, options));
    expect(randomBook(3, { ...options, seed: 8 })).not.toEqual(randomBook(3, options));
  });

  it('keeps every coupon in [0, bound], none of a kind the station does not offer, and scale draws in (0, 1]', () => {
    let nonzero = 0;
    for (let i = 0; i < 200; i++) {
      const { book, scaleDraws } = randomBook(i, options);
      expect(book.chargeYuanPerKWh).toHaveLength(12);
      expect(book.v2gYuanPerVisit).toHaveLength(12);
      for (const v of book.chargeYuanPerKWh) expect(v >= 0 && v <= 2).toBe(true);
      book.v2gYuanPerVisit.forEach((v, j) => {
        expect(v >= 0 && v <= 60).toBe(true);
        if (j >= 6) expect(v).toBe(0); // station 1 has no V2G
      });
      nonzero += book.chargeYuanPerKWh.filter((v) => v > 0).length;
      for (const d of scaleDraws) expect(d > 0 && d <= 1).toBe(true);
    }
    // densities 0.1, 0.25, 0.5 → about 0.28 of 12 charge slots per book on average
    expect(nonzero / 200).toBeGreaterThan(12 * 0.15);
    expect(nonzero / 200).toBeLessThan(12 * 0.45);
  });
});
