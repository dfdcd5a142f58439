import { describe, expect, it } from 'vitest';
import { couponWindow, expandCoupons } from '../../../src/flex/search/couponWindow.ts';
import { InputError } from '../../../src/common/errors.ts';

describe('couponWindow', () => {
  it('should split [t* − k, t*] into contiguous blocks, earlier blocks taking the remainder', () => {
    expect(couponWindow({ stations: 3, intervals: 12, timeIndex: 6 }).blockIntervals).toEqual([[3, 4], [5, 6]]);
    expect(couponWindow({ stations: 1, intervals: 12, timeIndex: 6, lookbackIntervals: 4, blocks: 2 }).blockIntervals).toEqual([[2, 3, 4], [5, 6]]);
  });
  it('should clip the window at interval 0 and never make more blocks than intervals', () => {
    const w = couponWindow({ stations: 2, intervals: 12, timeIndex: 0, blocks: 3 });
    expect(w.blockIntervals).toEqual([[0]]);
    expect(w.components).toBe(4);
  });
  it('should expand a component vector into the book at the right station, kind and interval', () => {
    const w = couponWindow({ stations: 3, intervals: 12, timeIndex: 6 }, ['CS1', 'CS2', 'CS3']);
    const x = new Array(w.components).fill(0);
    const j = (2 * 2 + 1) * 2 + 1; // CS3, v2g, block 1
    x[j] = 7;
    x[(0 * 2 + 0) * 2 + 0] = 0.5; // CS1, charge, block 0
    expect(w.labels[j]).toBe('CS3 v2g t5–t6');
    const book = expandCoupons(w, x);
    expect(book.v2gYuanPerVisit[2 * 12 + 5]).toBe(7);
    expect(book.v2gYuanPerVisit[2 * 12 + 6]).toBe(7);
    expect(book.v2gYuanPerVisit[2 * 12 + 4]).toBe(0);
    expect(book.chargeYuanPerKWh[3]).toBe(0.5);
    expect(book.chargeYuanPerKWh[4]).toBe(0.5);
    expect(book.chargeYuanPerKWh.reduce((a, b) => a + b, 0)).toBe(1);
  });
  it('should reject a time index outside the horizon', () => {
    expect(() => couponWindow({ stations: 3, intervals: 12, timeIndex: 12 })).toThrow(InputError);
    expect(() => couponWindow({ stations: 3, intervals: 12, timeIndex: -1 })).toThrow(/time/);
  });
});
