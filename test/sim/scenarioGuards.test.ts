/**
 * Validation equals the run (issue 14 item 3, docs/limits.md): every input a run would
 * reject, or turn into Infinity, is rejected by `validate` and by `run` before any solve —
 * exit 1, one stderr line naming the scenario file, the user's field and the value, and no
 * results folder written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE, runMain } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-guards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, any>;
let count = 0;

/** A copy of the reference scenario, changed by `edit`, in the temp folder. */
function scenarioFile(edit: (s: Json) => void): string {
  const s = JSON.parse(readFileSync(REFERENCE, 'utf8')) as Json;
  edit(s);
  const path = join(dir, `case-${count++}.json`);
  writeFileSync(path, JSON.stringify(s));
  return path;
}

/** The reference without its destination stations (so a changed OD table needs none to end at its nodes). */
function enRouteOnly(s: Json): void {
  s.stations = s.stations.filter((st: Json) => st.kind !== 'destination');
}

/** validate and run both exit 1 with one line naming file, field and value; run writes nothing. */
async function expectRejected(file: string, sets: string[], field: string, value: string): Promise<string> {
  const setArgs = sets.flatMap((x) => ['--set', x]);
  const validated = await runMain(['validate', file, ...setArgs]);
  expect(validated.code).toBe(1);
  expect(validated.stdout).toBe('');
  const line = validated.stderr.trimEnd();
  expect(line.split('\n')).toHaveLength(1);
  expect(line).toContain(file);
  expect(line).toContain(value === '' ? field : `${field} = ${value}`);
  const out = join(dir, `out-${count++}`);
  const ran = await runMain(['run', file, '--out', out, ...setArgs]);
  expect(ran.code).toBe(1);
  expect(ran.stderr.trimEnd()).toBe(line);
  expect(existsSync(out)).toBe(false);
  return line;
}

describe('validate = run: values that overflow or are absurd are schema errors naming the field', () => {
  const cases: [string, string, string][] = [
    ['demand.scale=1e308', 'demand.scale', '1e+308'],
    ['feeder.loadScale=1e308', 'feeder.loadScale', '1e+308'],
    ['feeder.loadMultiplier=1e308', 'feeder.loadMultiplier', '1e+308'],
    ['stations.0.chargeServiceMin=1e308', 'stations[0].chargeServiceMin', '1e+308'],
    ['stations.0.v2gServiceMin=1e308', 'stations[0].v2gServiceMin', '1e+308'],
    ['stations.3.dwellMin=1e308', 'stations[3].dwellMin', '1e+308'],
    ['horizon.stepSec=0.001', 'horizon.stepSec', '0.001'],
    ['horizon.intervalMin=1000000', 'horizon.intervalMin', '1000000'],
    ['horizon.clearanceMin=10000000', 'horizon.clearanceMin', '10000000'],
    ['classes.valueOfTimeYuanPerH=1e308', 'classes.valueOfTimeYuanPerH', '1e+308'],
    ['prices.yuanPerUsd=1e308', 'prices.yuanPerUsd', '1e+308'],
    ['solver.dueMaxIterations=1e12', 'solver.dueMaxIterations', '1000000000000'],
  ];
  for (const [set, field, value] of cases) {
    it(`rejects --set ${set} (exit 1, field and value named, nothing written)`, async () => {
      await expectRejected(REFERENCE, [set], field, value);
    });
  }

  it('rejects a load multiplier whose product with loadScale exceeds 1000 though each is in range', async () => {
    const file = scenarioFile((s) => { s.feeder.loadScale = 40; s.feeder.loadMultiplier = 30; });
    const line = await expectRejected(file, [], 'feeder.loadMultiplier', '30');
    expect(line).toContain('1200');
  });
});

describe('validate = run: demand the traffic engine cannot route', () => {
  it('rejects an OD pair whose destination cannot be reached (node 1 of Nguyen-Dupuis has no in-links)', async () => {
    const file = scenarioFile((s) => { enRouteOnly(s); s.demand = { od: [{ origin: 5, destination: 1, vehPerH: 100 }] }; });
    const line = await expectRejected(file, [], 'demand.od[0] (5→1)', '');
    expect(line).toContain('no path from node 5 to node 1');
    expect(line).not.toContain('traffic/dynamic');
  });

  it('rejects an OD pair with origin = destination', async () => {
    const file = scenarioFile((s) => { enRouteOnly(s); s.demand = { od: [{ origin: 1, destination: 2, vehPerH: 100 }, { origin: 4, destination: 4, vehPerH: 10 }] }; });
    await expectRejected(file, [], 'demand.od[1].destination', '4');
  });

  it('rejects zero chargers at every en-route station while chargingShare > 0, naming the share', async () => {
    const file = scenarioFile((s) => { for (const st of s.stations) if (st.kind !== 'destination') st.chargers = 0; });
    const line = await expectRejected(file, [], 'classes.chargingShare', '0.2');
    expect(line).toContain('chargers = 0');
  });

  it('rejects zero V2G ports everywhere while v2gShare > 0, naming the share', async () => {
    const file = scenarioFile((s) => { for (const st of s.stations) if (st.kind !== 'destination') st.v2gPorts = 0; });
    await expectRejected(file, [], 'classes.v2gShare', '0.1');
  });

  it('rejects a destination station with zero chargers, naming it', async () => {
    await expectRejected(REFERENCE, ['stations.3.chargers=0'], 'stations[3] (H2).chargers', '0');
  });

  it('accepts a station no trip can use, with a warning on stderr and in the JSON report', async () => {
    // node 13 lies only on 9→13→3; with demand 1→2 alone no trip passes a station there
    const file = scenarioFile((s) => {
      enRouteOnly(s);
      s.demand = { od: [{ origin: 1, destination: 2, vehPerH: 300 }] };
      s.stations.push({ ...s.stations[0], id: 'CS9', node: 13, bus: 18 });
    });
    const { code, stdout, stderr } = await runMain(['validate', file, '--json']);
    expect(code).toBe(0);
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^warning: .*case-\d+\.json: stations\[3\] \(CS9\)\.node = 13: no charging or V2G trip/)]);
    expect(JSON.parse(stdout).warnings).toHaveLength(1);
  });

  it('gives the reference scenario no warning', async () => {
    const { code, stderr } = await runMain(['validate', REFERENCE]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
