import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOdCsv, type OdCsvOptions } from '../../../src/traffic/io/readOdCsv.ts';
import { inputErrorMessage } from '../../helpers/inputErrorMessage.ts';
import { writeTemp } from './tntpFixture.ts';

// Window 17:00–19:00 in 12 × 10 min; nodes 1…24 (like Sioux Falls).
const WINDOW: OdCsvOptions = { startMin: 17 * 60, intervalMin: 10, intervals: 12, nodes: new Set(Array.from({ length: 24 }, (_, i) => i + 1)), networkName: 'SiouxFalls' };
const csv = (text: string): string => writeTemp('demand.csv', text);

describe('readOdCsv', () => {
  it('should sum rows per OD, class and interval, reading HH:MM and interval indices', () => {
    const path = csv(
      [
        '# evening departures',
        'origin,destination,departure,vehicles,class',
        '1,2,17:00,10,',
        '1,2,17:09,5,', // same interval 0
        '1,2,1,7,', // interval index 1
        '',
        '1,2,18:55,3,charging', // interval 11, own class entry
        '2,1,17:10,2.5,v2g',
      ].join('\r\n'),
    );
    const entries = readOdCsv(path, WINDOW);
    expect(entries.map((e) => [e.origin, e.destination, e.userClass])).toEqual([[1, 2, undefined], [1, 2, 'charging'], [2, 1, 'v2g']]);
    expect(Array.from(entries[0].vehiclesByInterval)).toEqual([15, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(entries[1].vehiclesByInterval[11]).toBe(3);
    expect(entries[2].vehiclesByInterval[1]).toBe(2.5);
  });

  it('should take the columns in any order, without a class column, with a byte-order mark and blanks', () => {
    const entries = readOdCsv(csv('\uFEFF Vehicles , departure,Destination,origin\n4, 17:30 ,3,5\n'), WINDOW);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ origin: 5, destination: 3, userClass: undefined });
    expect(entries[0].vehiclesByInterval[3]).toBe(4);
  });

  it('should wrap a window past midnight (23:50 + 3 × 10 min: 00:05 is interval 1)', () => {
    const entries = readOdCsv(csv('origin,destination,departure,vehicles\n1,2,00:05,1\n'), { startMin: 23 * 60 + 50, intervalMin: 10, intervals: 3 });
    expect(Array.from(entries[0].vehiclesByInterval)).toEqual([0, 1, 0]);
  });

  // Each bad input: one message naming the file, the line, the field and the value.
  const bad: [string, string, RegExp][] = [
    ['empty file', '', /demand\.csv: empty file: expected a header row origin,destination,departure,vehicles\[,class\]$/],
    ['only comments and blank lines', '# nothing\n\n', /demand\.csv: empty file/],
    ['header without rows', 'origin,destination,departure,vehicles\n', /demand\.csv: line 1: no rows after the header/],
    ['no header', '1,2,17:00,10\n', /demand\.csv: line 1: header column 1 = "1": unknown column: expected origin, destination, departure, vehicles, class \(the first line must be the header/],
    ['duplicate header', 'origin,destination,departure,vehicles,origin\n1,2,17:00,1,1\n', /demand\.csv: line 1: header column 5 = "origin": duplicate header: column given twice$/],
    ['missing column', 'origin,destination,vehicles\n1,2,1\n', /demand\.csv: line 1: header = "origin,destination,vehicles": missing column "departure"/],
    ['wrong column count', 'origin,destination,departure,vehicles\n1,2,17:00,1\n1,2,17:00\n', /demand\.csv: line 3 = "1,2,17:00": wrong column count: 3 cells, the header has 4/],
    ['malformed line (unclosed quote)', 'origin,destination,departure,vehicles\n1,2,17:00,1\n1,"2,17:00,1\n', /demand\.csv: (line \d+: )?malformed CSV/],
    ['unknown node', 'origin,destination,departure,vehicles\n1,25,17:00,1\n', /demand\.csv: line 2: destination = 25: no such node in road network SiouxFalls$/],
    ['non-integer node', 'origin,destination,departure,vehicles\n1.5,2,17:00,1\n', /demand\.csv: line 2: origin = "1\.5": not an integer node id$/],
    ['repeated header line', 'origin,destination,departure,vehicles\n1,2,17:00,1\norigin,destination,departure,vehicles\n', /line 3: origin = "origin": not an integer node id \(a repeated header line\?\)/],
    ['origin = destination', 'origin,destination,departure,vehicles\n3,3,17:00,1\n', /line 2: destination = 3: equals the origin/],
    ['negative vehicles', 'origin,destination,departure,vehicles\n1,2,17:00,-2\n', /demand\.csv: line 2: vehicles = -2: must be ≥ 0$/],
    ['non-numeric vehicles', 'origin,destination,departure,vehicles\n1,2,17:00,lots\n', /line 2: vehicles = "lots": not a number$/],
    ['departure before the window', 'origin,destination,departure,vehicles\n1,2,16:59,1\n', /line 2: departure = "16:59": outside the departure window 17:00–19:00 \(12 × 10 min\)$/],
    ['departure at the window end', 'origin,destination,departure,vehicles\n1,2,19:00,1\n', /line 2: departure = "19:00": outside the departure window/],
    ['interval index past the horizon', 'origin,destination,departure,vehicles\n1,2,12,1\n', /line 2: departure = 12: outside the horizon: interval indices are 0…11$/],
    ['malformed departure', 'origin,destination,departure,vehicles\n1,2,5pm,1\n', /line 2: departure = "5pm": expected a clock time HH:MM or a 0-based interval index$/],
    ['impossible clock', 'origin,destination,departure,vehicles\n1,2,17:75,1\n', /line 2: departure = "17:75": not a time of day/],
    ['unknown class', 'origin,destination,departure,vehicles,class\n1,2,17:00,1,truck\n', /line 2: class = "truck": unknown class: expected regular, charging, v2g or empty/],
    ['unknown column', 'origin,destination,departure,vehicles,colour\n1,2,17:00,1,red\n', /line 1: header column 5 = "colour": unknown column/],
  ];
  it.each(bad)('should reject %s with one message naming file, line, field and value', (_name, text, pattern) => {
    expect(inputErrorMessage(() => readOdCsv(csv(text), WINDOW))).toMatch(pattern);
  });

  it('should count every row exactly once: per-entry totals equal the row sums (property, exact for integer counts)', () => {
    const row = fc.record({
      o: fc.integer({ min: 1, max: 4 }),
      d: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 0, max: 11 }),
      v: fc.integer({ min: 0, max: 1000 }),
      c: fc.constantFrom('', 'regular', 'charging', 'v2g'),
      clock: fc.boolean(),
    }).filter((r) => r.o !== r.d);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        const clock = (k: number): string => `${17 + Math.floor(k / 6)}:${String((k % 6) * 10 + (k % 7)).padStart(2, '0')}`;
        const text = ['origin,destination,departure,vehicles,class', ...rows.map((r) => `${r.o},${r.d},${r.clock ? clock(r.k) : r.k},${r.v},${r.c}`)].join('\n');
        const entries = readOdCsv(csv(text), WINDOW);
        // independent tally: a plain object keyed by the cells as written
        const expected: Record<string, number> = {};
        for (const r of rows) {
          const key = `${r.o}|${r.d}|${r.c}|${r.k}`;
          expected[key] = (expected[key] ?? 0) + r.v;
        }
        const got: Record<string, number> = {};
        for (const e of entries) e.vehiclesByInterval.forEach((v, k) => {
          if (v !== 0) got[`${e.origin}|${e.destination}|${e.userClass ?? ''}|${k}`] = v;
        });
        for (const key of Object.keys(expected)) if (expected[key] === 0) delete expected[key];
        expect(got).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('should read a 20,000-row table with the totals of its rows (exact: integer counts)', () => {
    const lines = ['origin,destination,departure,vehicles'];
    let total = 0;
    for (let i = 0; i < 20_000; i++) {
      const o = (i % 24) + 1;
      const d = ((i * 7) % 23) + 1 + (((i * 7) % 23) + 1 >= o ? 1 : 0);
      const v = i % 5;
      total += v;
      lines.push(`${o},${d},${i % 12},${v}`);
    }
    const entries = readOdCsv(csv(lines.join('\n')), WINDOW);
    let sum = 0;
    for (const e of entries) for (const v of e.vehiclesByInterval) sum += v;
    expect(sum).toBe(total);
    expect(entries.length).toBeLessThanOrEqual(24 * 23);
  });
});
