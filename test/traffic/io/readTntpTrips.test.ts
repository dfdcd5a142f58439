import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { readTntpTrips } from '../../../src/traffic/io/readTntpTrips.ts';
import { writeTemp } from './tntpFixture.ts';

const trips = (body: string, zones = 3) => `<NUMBER OF ZONES> ${zones}\n<TOTAL OD FLOW> 60\n<END OF METADATA>\n\n${body}\n`;

describe('readTntpTrips', () => {
  it('reads origin blocks with several entries per line, skipping zeros', () => {
    const path = writeTemp('t_trips.tntp', trips('Origin 1\n  1 : 0.0;  2 : 10.5;  3 : 20;\n~ comment\nOrigin \t3\n    1 :    30.0;'));
    expect(readTntpTrips(path)).toEqual([
      { origin: 1, destination: 2, vehPerH: 10.5 },
      { origin: 1, destination: 3, vehPerH: 20 },
      { origin: 3, destination: 1, vehPerH: 30 },
    ]);
  });

  it.each([
    ['an entry before any Origin', '  1 : 5;', /line 5 = "1 : 5": entry before any "Origin" line/],
    ['a malformed entry', 'Origin 1\n  2 = 5;', /line 6 = "2 = 5": expected "destination : flow;"/],
    ['a non-number flow', 'Origin 1\n  2 : lots;', /line 6: flow 1→2 = "lots": not a number/],
    ['a negative flow', 'Origin 1\n  2 : -4;', /line 6: flow 1→2 = -4: must be ≥ 0/],
    ['demand on a zone that cannot be reached (not a zone)', 'Origin 1\n  7 : 4;', /line 6: destination = 7: not a zone \(zones are 1…3\): demand cannot reach it/],
    ['an origin that is not a zone', 'Origin 0\n  2 : 4;', /line 5: origin = 0: not a zone/],
    ['a repeated OD pair', 'Origin 1\n  2 : 4; 2 : 5;', /line 6: flow 1→2 = 5: OD pair given twice/],
  ])('rejects %s', (_name, body, message) => {
    const path = writeTemp('bad_trips.tntp', trips(body));
    expect(() => readTntpTrips(path)).toThrow(InputError);
    expect(() => readTntpTrips(path)).toThrow(message);
  });

  it('checks every zone against the road network when given its node ids (options.nodes), naming the line', () => {
    const path = writeTemp('n_trips.tntp', trips('Origin 1\n  2 : 4;\nOrigin 3\n  1 : 5;'));
    expect(readTntpTrips(path, { nodes: new Set([1, 2, 3]) })).toHaveLength(2);
    expect(() => readTntpTrips(path, { nodes: new Set([1, 2]), networkName: 'Tiny' })).toThrow(/n_trips\.tntp: line 7: origin = 3: no such node in road network Tiny$/);
  });

  it('rejects an empty file (no metadata)', () => {
    expect(() => readTntpTrips(writeTemp('e_trips.tntp', ''))).toThrow(/e_trips\.tntp: <END OF METADATA>: missing/);
  });
});
