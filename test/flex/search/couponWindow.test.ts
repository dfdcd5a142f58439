import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { couponWindow, expandCoupons, stationCouponKinds } from '../../../src/flex/search/couponWindow.ts';
import { InputError } from '../../../src/common/errors.ts';

describe('couponWindow (window span: the fine blocks only)', () => {
  it('should split [t* − k, t*] into contiguous blocks, earlier blocks taking the remainder', () => {
    expect(couponWindow({ stations: 3, intervals: 12, timeIndex: 6, blocks: 2, span: 'window' }).blockIntervals).toEqual([[3, 4], [5, 6]]);
    expect(couponWindow({ stations: 1, intervals: 12, timeIndex: 6, lookbackIntervals: 4, blocks: 2, span: 'window' }).blockIntervals).toEqual([[2, 3, 4], [5, 6]]);
  });
  it('should clip the window at interval 0 and never make more blocks than intervals', () => {
    const w = couponWindow({ stations: 2, intervals: 12, timeIndex: 0, blocks: 3, span: 'window' });
    expect(w.blockIntervals).toEqual([[0]]);
    expect(w.components).toBe(4);
  });
  it('should expand a component vector into the book at the right station, kind and interval', () => {
    const w = couponWindow({ stations: 3, intervals: 12, timeIndex: 6, blocks: 2, span: 'window' }, ['CS1', 'CS2', 'CS3']);
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

describe('couponWindow (horizon span, the default basis)', () => {
  it('should add one block before the window and one after t*, covering every interval once', () => {
    const w = couponWindow({ stations: 3, intervals: 12, timeIndex: 6, blocks: 2 }, ['CS1', 'CS2', 'CS3']);
    expect(w.blockIntervals).toEqual([[0, 1, 2], [3, 4], [5, 6], [7, 8, 9, 10, 11]]);
    expect(w.blockRoles).toEqual(['before', 'window', 'window', 'after']);
    expect(w.components).toBe(3 * 2 * 4);
    expect(w.labels[3]).toBe('CS1 charge t7–t11+tail');
    expect(w.labels[4]).toBe('CS1 v2g t0–t2');
  });
  it('should give every interval of the window its own block by default (k + 1 blocks, fewer when t* < k)', () => {
    const w = couponWindow({ stations: 3, intervals: 12, timeIndex: 6 }, ['CS1', 'CS2', 'CS3']);
    expect(w.blockIntervals).toEqual([[0, 1, 2], [3], [4], [5], [6], [7], [8, 9, 10, 11]]);
    expect(w.blockRoles).toEqual(['before', 'window', 'window', 'window', 'window', 'after', 'after']);
    expect(w.components).toBe(3 * 2 * 7);
    expect(w.labels.slice(0, 7)).toEqual(['CS1 charge t0–t2', 'CS1 charge t3', 'CS1 charge t4', 'CS1 charge t5', 'CS1 charge t6', 'CS1 charge t7', 'CS1 charge t8–t11+tail']);
    // the reduced reference case: 6 intervals, t* = 3 → t0 … t3 one by one, t4 alone, then t5 (+tail)
    expect(couponWindow({ stations: 1, intervals: 6, timeIndex: 3 }).blockIntervals).toEqual([[0], [1], [2], [3], [4], [5]]);
    expect(couponWindow({ stations: 1, intervals: 12, timeIndex: 1, lookbackIntervals: 5 }).blockIntervals).toEqual([[0], [1], [2], [3, 4, 5, 6, 7, 8, 9, 10, 11]]);
    // t* + 1 = T − 1: one after block; afterBlocks 3 → t7, t8 alone
    expect(couponWindow({ stations: 1, intervals: 8, timeIndex: 6 }).blockIntervals).toEqual([[0, 1, 2], [3], [4], [5], [6], [7]]);
    expect(couponWindow({ stations: 1, intervals: 12, timeIndex: 6, afterBlocks: 3 }).blockIntervals.slice(5)).toEqual([[7], [8], [9, 10, 11]]);
    expect(() => couponWindow({ stations: 1, intervals: 12, timeIndex: 6, afterBlocks: 0 })).toThrow(/afterBlocks/);
  });
  it('should leave out the before block at t* − k ≤ 0 and the after block at t* = T − 1', () => {
    expect(couponWindow({ stations: 1, intervals: 12, timeIndex: 2, blocks: 2 }).blockRoles).toEqual(['window', 'window', 'after']);
    const last = couponWindow({ stations: 1, intervals: 12, timeIndex: 11, blocks: 2 });
    expect(last.blockRoles).toEqual(['before', 'window', 'window']);
    expect(last.labels[2]).toBe('S0 charge t10–t11+tail'); // the last window block holds through the tail
  });
  it('should give a destination station (no V2G ports) its charge components only', () => {
    const kinds = stationCouponKinds([{ chargers: 60, v2gPorts: 40 }, { chargers: 200, v2gPorts: 0 }]);
    expect(kinds).toEqual([['charge', 'v2g'], ['charge']]);
    const w = couponWindow({ stations: 2, intervals: 12, timeIndex: 6, blocks: 2, stationKinds: kinds }, ['CS1', 'H2']);
    expect(w.components).toBe(2 * 4 + 1 * 4);
    expect(w.labels.slice(8)).toEqual(['H2 charge t0–t2', 'H2 charge t3–t4', 'H2 charge t5–t6', 'H2 charge t7–t11+tail']);
    expect(() => couponWindow({ stations: 3, intervals: 12, timeIndex: 6, stationKinds: kinds })).toThrow(/stationKinds/);
  });
  it('should expand every component onto exactly its block intervals of its station and kind (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 14 }), fc.nat(), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 }),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.nat(),
      (n, T, tRaw, k, blocks, hasV2g, pick) => {
        const t = tRaw % T;
        const stationKinds = Array.from({ length: n }, (_, s) => (hasV2g[s] ? ['charge', 'v2g'] as const : ['charge'] as const).slice());
        const w = couponWindow({ stations: n, intervals: T, timeIndex: t, lookbackIntervals: k, blocks, stationKinds });
        // Blocks partition 0 … T − 1 in order.
        expect(w.blockIntervals.flat()).toEqual(Array.from({ length: T }, (_, i) => i));
        const j = pick % w.components;
        const x = new Array(w.components).fill(0);
        x[j] = 1.5;
        const book = expandCoupons(w, x);
        const s = w.componentStation[j];
        const own = w.componentKind[j] === 0 ? book.chargeYuanPerKWh : book.v2gYuanPerVisit;
        const other = w.componentKind[j] === 0 ? book.v2gYuanPerVisit : book.chargeYuanPerKWh;
        const block = new Set(w.blockIntervals[w.componentBlock[j]]);
        for (let q = 0; q < n; q++) {
          for (let i = 0; i < T; i++) expect(own[q * T + i]).toBe(q === s && block.has(i) ? 1.5 : 0);
        }
        expect(other.every((v) => v === 0)).toBe(true);
        // A station without V2G ports never gets a V2G component.
        for (let c = 0; c < w.components; c++) if (w.componentKind[c] === 1) expect(hasV2g[w.componentStation[c]]).toBe(true);
      },
    ), { numRuns: 200 });
  });
});
