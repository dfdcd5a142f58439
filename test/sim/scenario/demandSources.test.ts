import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTrafficInputs } from '../../../src/sim/run/buildTrafficInputs.ts';
import { dueProblem } from '../../../src/traffic/dynamic/dueProblem.ts';
import { USER_CLASSES } from '../../../src/traffic/dynamic/dueTypes.ts';
import { applyOverrides } from '../../../src/sim/scenario/applyOverrides.ts';
import { parseScenario } from '../../../src/sim/scenario/parseScenario.ts';
import { inputErrorMessage } from '../../helpers/inputErrorMessage.ts';
import { runMain } from '../../helpers/cli.ts';
import { GOOD_LINKS, tntpNet } from '../../traffic/io/tntpFixture.ts';
import { minimalScenario } from '../fixtures/minimalScenario.ts';

/** A fresh folder holding `files` (name → text); returns its path. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-demand-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const trips = (zones: number, body: string[]): string => [`<NUMBER OF ZONES> ${zones}`, '<TOTAL OD FLOW> 0', '<END OF METADATA>', '', ...body, ''].join('\n');

// Minimal scenario: NguyenDupuis, 3 × 10 min from 17:00, λ = 0.2, φ = 0.1, one station at node 6.
const scenario = (...sets: string[]) => parseScenario(applyOverrides(minimalScenario(), sets, 's.json'), 's.json');
// The 4-node TNTP fixture network (zones 1-2, links 1→3→4→2, 3→2, 2→1) with the station at node 3.
const onFileNetwork = (...sets: string[]) => scenario('traffic.network="net.tntp"', 'stations.0.node=3', ...sets);

describe('scenario demand sources (docs/demand.md)', () => {
  it('should refuse two demand sources, and a profile with a CSV table', () => {
    expect(inputErrorMessage(() => scenario('demand.tripsFile="t.tntp"', 'demand.csvFile="d.csv"'))).toMatch(/^s\.json: demand = \{"tripsFile":"t\.tntp","csvFile":"d\.csv"\}: give at most one demand source: od, tripsFile or csvFile/);
    expect(inputErrorMessage(() => scenario('demand.csvFile="d.csv"', 'demand.profile=[1,1,1]'))).toMatch(/^s\.json: demand\.profile = \[1,1,1\]: profile is not allowed with csvFile/);
  });

  it('should read a TNTP trips file on a file network: rate × profile × scale, intrazonal entries dropped', () => {
    const dir = folder({ 'net.tntp': tntpNet(GOOD_LINKS), 't.tntp': trips(2, ['Origin 1', '1 : 5; 2 : 100;', 'Origin 2', '1 : 40;']) });
    const { demand } = buildTrafficInputs(onFileNetwork('demand.tripsFile="t.tntp"', 'demand.profile=[0.5,1,2]', 'demand.scale=3'), dir, 's.json');
    expect(demand).toEqual([
      { origin: 1, destination: 2, vehPerHByInterval: [150, 300, 600] },
      { origin: 2, destination: 1, vehPerHByInterval: [60, 120, 240] },
    ]);
  });

  it('should replace a bundled network’s own table by a trips file', () => {
    const dir = folder({ 't.tntp': trips(4, ['Origin 4', '3 : 60;']) });
    const { demand } = buildTrafficInputs(scenario('demand.tripsFile="t.tntp"'), dir, 's.json');
    expect(demand).toEqual([{ origin: 4, destination: 3, vehPerHByInterval: [60, 60, 60] }]);
  });

  it('should turn CSV vehicles per interval into veh/h (× 60 / Δt × scale), summing rows', () => {
    const dir = folder({ 'd.csv': 'origin,destination,departure,vehicles\n1,2,17:00,10\n1,2,17:05,5\n4,3,2,20\n' });
    const { demand } = buildTrafficInputs(scenario('demand.csvFile="d.csv"', 'demand.scale=2'), dir, 's.json');
    // 15 vehicles in 10 min = 90 veh/h, × 2; 20 vehicles in interval 2 = 120 veh/h, × 2
    expect(demand).toEqual([
      { origin: 1, destination: 2, vehPerHByInterval: [180, 0, 0] },
      { origin: 4, destination: 3, vehPerHByInterval: [0, 0, 240] },
    ]);
  });

  it('should give a classed row all to its class and split unclassed rows by the shares (DUE groups, to 1e-12 veh)', () => {
    const dir = folder({ 'd.csv': 'origin,destination,departure,vehicles,class\n1,2,17:00,10,\n1,2,17:00,4,charging\n' });
    const sc = scenario('demand.csvFile="d.csv"');
    const { network, demand } = buildTrafficInputs(sc, dir, 's.json');
    const I = sc.horizon.intervals;
    const problem = dueProblem({
      network, demand, shares: { charging: 0.2, v2g: 0.1 }, intervalMin: 10, intervals: I, stepSec: 30, valueOfTimeYuanPerH: 30,
      prices: { chargeYuanPerKWh: new Float64Array(sc.stations.length * I), v2gYuanPerKWh: new Float64Array(sc.stations.length * I) },
      coupons: { chargeYuanPerKWh: new Float64Array(sc.stations.length * I), v2gYuanPerVisit: new Float64Array(sc.stations.length * I) },
    });
    const byClass = new Map(problem.groups.map((g) => [USER_CLASSES[g.classCode], g.demandVeh[0]]));
    // 10 unclassed vehicles split 0.7 / 0.2 / 0.1, plus 4 that are all charging
    expect(byClass.get('regular')).toBeCloseTo(7, 12);
    expect(byClass.get('charging')).toBeCloseTo(2 + 4, 12);
    expect(byClass.get('v2g')).toBeCloseTo(1, 12);
  });

  // Errors name the file the user must fix: the data file with its line, or the scenario field.
  const bad: [string, Record<string, string>, string[], RegExp][] = [
    ['a file network without a demand source', { 'net.tntp': tntpNet(GOOD_LINKS) }, [], /^s\.json: demand: needs od, tripsFile or csvFile when traffic\.network is a file$/],
    ['a missing trips file', { 'net.tntp': tntpNet(GOOD_LINKS) }, ['demand.tripsFile="nope.tntp"'], /^s\.json: demand\.tripsFile = "nope\.tntp": file not found/],
    ['a trips zone that is not a road node', { 'net.tntp': tntpNet(GOOD_LINKS), 't.tntp': trips(9, ['Origin 1', '9 : 5;']) }, ['demand.tripsFile="t.tntp"'], /t\.tntp: line 6: destination = 9: no such node in road network/],
    ['a negative trips flow', { 'net.tntp': tntpNet(GOOD_LINKS), 't.tntp': trips(2, ['Origin 1', '2 : -5;']) }, ['demand.tripsFile="t.tntp"'], /t\.tntp: line 6: flow 1→2 = -5: must be ≥ 0/],
    ['a CSV node that is not a road node', { 'net.tntp': tntpNet(GOOD_LINKS), 'd.csv': 'origin,destination,departure,vehicles\n1,7,17:00,1\n' }, ['demand.csvFile="d.csv"'], /d\.csv: line 2: destination = 7: no such node in road network/],
    ['a CSV departure after the window', { 'net.tntp': tntpNet(GOOD_LINKS), 'd.csv': 'origin,destination,departure,vehicles\n1,2,17:30,1\n' }, ['demand.csvFile="d.csv"'], /d\.csv: line 2: departure = "17:30": outside the departure window 17:00–17:30/],
  ];
  it.each(bad)('should reject %s with one message naming file, field and value', (_name, files, sets, pattern) => {
    const dir = folder(files);
    expect(inputErrorMessage(() => buildTrafficInputs(onFileNetwork(...sets), dir, 's.json'))).toMatch(pattern);
  });

  it('`validate` checks a CSV table as `run` does: one line, exit 1', async () => {
    const dir = folder({ 'd.csv': 'origin,destination,departure,vehicles\n1,2,17:00,-3\n' });
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify({ ...minimalScenario(), demand: { csvFile: 'd.csv' } }));
    const { code, stdout, stderr } = await runMain(['validate', file]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${join(dir, 'd.csv')}: line 2: vehicles = -3: must be ≥ 0`);
  });

  it('`validate` accepts the bundled CSV example next to a copy of the scenario', async () => {
    const dir = folder({});
    copyFileSync(join(import.meta.dirname, '..', '..', '..', 'scenarios', 'data', 'demand', 'nguyen-dupuis-evening.csv'), join(dir, 'nd.csv'));
    const file = join(dir, 'x.json');
    writeFileSync(file, JSON.stringify({ ...minimalScenario(), horizon: { start: '17:00', intervalMin: 10, intervals: 12, stepSec: 60 }, demand: { csvFile: 'nd.csv' } }));
    const { code, stdout } = await runMain(['validate', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/NguyenDupuis \(4 OD pairs\)/);
  });
});
