/**
 * Readers bound declared counts by the file and refuse non-regular files (issue 14 item 4,
 * docs/limits.md "Readers"): a TNTP header that declares more than the file can hold is one
 * `InputError` naming file, field and value before anything is allocated from it, and a FIFO
 * or a device is refused without reading. Through `validate`: exit 1, one line, nothing written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from '../../../src/common/readTextFile.ts';
import { readTntpNetwork } from '../../../src/traffic/io/readTntpNetwork.ts';
import { MAX_ZONES, readTntpTrips } from '../../../src/traffic/io/readTntpTrips.ts';
import { REFERENCE, runMain } from '../../helpers/cli.ts';
import { thrownInputError } from '../../helpers/inputErrorMessage.ts';
import { GOOD_LINKS, tntpNet, writeTemp } from './tntpFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TNTP network: declared counts bounded by the file', () => {
  it('refuses <NUMBER OF NODES> 2000000000 for a 5-link file (bound 2 × links + zones = 12)', () => {
    const path = writeTemp('Big_net.tntp', tntpNet(GOOD_LINKS, { 'NUMBER OF NODES': '2000000000' }));
    const e = thrownInputError(() => readTntpNetwork(path));
    expect(e.location).toEqual({ source: path, field: '<NUMBER OF NODES>', value: 2000000000 });
    expect(e.message).toContain('= 12');
  });

  it('refuses <NUMBER OF LINKS> larger than the lines after the metadata', () => {
    const path = writeTemp('Big_net.tntp', tntpNet(GOOD_LINKS, { 'NUMBER OF LINKS': '2000000000' }));
    expect(thrownInputError(() => readTntpNetwork(path)).location).toEqual({ source: path, field: '<NUMBER OF LINKS>', value: 2000000000 });
  });

  it('refuses <NUMBER OF ZONES> above <NUMBER OF NODES>', () => {
    const path = writeTemp('Big_net.tntp', tntpNet(GOOD_LINKS, { 'NUMBER OF ZONES': '2000000000' }));
    expect(thrownInputError(() => readTntpNetwork(path)).location).toEqual({ source: path, field: '<NUMBER OF ZONES>', value: 2000000000 });
  });

  it('still reads a file at the bound: 4 nodes, 2 of them zones, reached by its links', () => {
    const path = writeTemp('Ok_net.tntp', tntpNet(GOOD_LINKS));
    expect(readTntpNetwork(path).nodeIds.length).toBe(4);
  });
});

describe('TNTP trips: declared zones bounded', () => {
  it(`refuses <NUMBER OF ZONES> above ${MAX_ZONES}`, () => {
    const path = writeTemp('Big_trips.tntp', '<NUMBER OF ZONES> 2000000000\n<END OF METADATA>\nOrigin 1\n 2 : 5;\n');
    expect(thrownInputError(() => readTntpTrips(path)).location).toEqual({ source: path, field: '<NUMBER OF ZONES>', value: 2000000000 });
  });

  it('reads the same table with 2 zones', () => {
    const path = writeTemp('Ok_trips.tntp', '<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : 5;\n');
    expect(readTntpTrips(path)).toEqual([{ origin: 1, destination: 2, vehPerH: 5 }]);
  });
});

describe('non-regular files are refused without reading', () => {
  const fifo = join(dir, 'pipe.json');
  execFileSync('mkfifo', [fifo]);

  it('refuses a FIFO (a read would block forever)', () => {
    expect(thrownInputError(() => readTextFile(fifo)).message).toBe(`${fifo}: is a FIFO, not a regular file`);
  });

  it('refuses /dev/zero (a read would never end)', () => {
    expect(thrownInputError(() => readTextFile('/dev/zero')).message).toBe('/dev/zero: is a device, not a regular file');
  });

  for (const [what, args] of [['a FIFO scenario', [fifo]], ['/dev/zero as the scenario', ['/dev/zero']]] as const) {
    it(`validate: ${what} → exit 1, one line naming the file`, async () => {
      const { code, stdout, stderr } = await runMain(['validate', ...args]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`${args[0]}: is a`)]);
    });
  }

  it('validate and run: a FIFO as demand.tripsFile → exit 1 naming it, nothing written', async () => {
    const s = JSON.parse(readFileSync(REFERENCE, 'utf8'));
    s.stations = s.stations.filter((st: { kind?: string }) => st.kind !== 'destination');
    s.demand = { tripsFile: 'pipe.json' };
    const file = join(dir, 'fifo-trips.json');
    writeFileSync(file, JSON.stringify(s));
    for (const command of ['validate', 'run']) {
      const out = join(dir, `out-${command}`);
      const { code, stderr } = await runMain(command === 'run' ? ['run', file, '--out', out] : ['validate', file]);
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([expect.stringContaining(`${fifo}: is a FIFO, not a regular file`)]);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('validate with a declared-count bomb in the network file', () => {
  it('exit 1 with the network file, <NUMBER OF NODES> and its value; no output', async () => {
    const net = join(dir, 'Bomb_net.tntp');
    writeFileSync(net, tntpNet(GOOD_LINKS, { 'NUMBER OF NODES': '2000000000' }));
    const s = JSON.parse(readFileSync(REFERENCE, 'utf8'));
    s.traffic.network = 'Bomb_net.tntp';
    s.demand = { od: [{ origin: 1, destination: 2, vehPerH: 10 }] };
    s.stations = [{ ...s.stations[0], node: 3 }];
    const file = join(dir, 'bomb.json');
    writeFileSync(file, JSON.stringify(s));
    const { code, stdout, stderr } = await runMain(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/Bomb_net\.tntp: <NUMBER OF NODES> = 2000000000: exceeds 2 × <NUMBER OF LINKS>/)]);
  });
});
