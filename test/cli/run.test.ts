import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { RUN_OUTPUT_DOCS } from '../../src/sim/index.ts';
import { cosimSummarySchema } from '../../src/sim/results/summarySchema.ts';
import { REFERENCE, runCli, runMain } from '../helpers/cli.ts';

// A 3-interval cut of the reference case keeps the CLI checks fast; the full horizon runs in test/sim/run.
const SHORT = ['--set', 'horizon.intervals=3', '--set', 'demand.profile=[0.8,0.9,1]', '--set', 'feeder.loadScale=1'];

function outDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'ev-cosim-run-')), 'out');
}

describe('ev-cosim run', () => {
  it('--json prints exactly one JSON object, the documented summary, and writes every file in the documented columns', async () => {
    const out = outDir();
    const { code, stdout, stderr } = await runCli(['run', REFERENCE, '--out', out, '--json', ...SHORT]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = cosimSummarySchema.parse(JSON.parse(lines[0]));
    expect(summary.status).toBe('ok');
    // the 3 window intervals, then the tail until every vehicle has arrived
    expect(summary.intervals.slice(0, 3).map((i) => [i.interval, i.clock, i.phase])).toEqual([[0, '17:00', 'window'], [1, '17:10', 'window'], [2, '17:20', 'window']]);
    expect(summary.intervals.slice(3).every((i) => i.phase === 'tail')).toBe(true);
    expect(summary.horizon.tailIntervals).toBe(summary.intervals.length - 3);
    expect(summary.horizon.clearAt).not.toBeNull();
    for (const i of summary.intervals) expect(Object.keys(i.stationNetMw)).toEqual(summary.stations.map((s) => s.station));
    // Run totals are the interval values × 10 min; the window figures cover the first 3 intervals only.
    const hours = 10 / 60;
    const windowCharged = summary.intervals.slice(0, 3).reduce((a, i) => a + Object.values(i.stationChargeMw).reduce((x, y) => x + y, 0) * hours, 0);
    expect(summary.totals.window.stationEnergyChargedMwh).toBeCloseTo(windowCharged, 12);
    expect(summary.totals.evEnergyDeliveredMwh).toBeCloseTo(summary.totals.evEnergyRequestedMwh - summary.totals.evEnergyCurtailedMwh, 12);
    expect(stdout).not.toMatch(/Infinity|NaN/);
    expect(summary.totals.lossesMwh).toBeCloseTo(summary.intervals.reduce((a, i) => a + (i.lossesKw / 1000) * hours, 0), 12);
    expect(summary.totals.feederCostUsd).toBeCloseTo(summary.intervals.reduce((a, i) => a + i.feederCostUsdPerH * hours, 0), 9);
    expect(summary.files).toContain(join(out, 'report.html'));
    for (const file of summary.files) expect(existsSync(file)).toBe(true);
    expect(cosimSummarySchema.parse(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).intervals).toEqual(summary.intervals);
    for (const doc of RUN_OUTPUT_DOCS.filter((d) => d.format === 'csv')) {
      const header = readFileSync(join(out, doc.target), 'utf8').split('\n')[0];
      expect([doc.target, header.split(',')]).toEqual([doc.target, Object.keys((doc.schema as z.ZodObject).shape)]);
    }
  });

  it('prints the one-screen text summary without --json', async () => {
    const out = outDir();
    const { code, stdout } = await runMain(['run', REFERENCE, '--out', out, ...SHORT]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ev-cosim run: nguyen-dupuis-ieee33-evening-peak — status ok/);
    expect(stdout.split('\n').length).toBeLessThanOrEqual(26);
    expect(stdout).toMatch(/energy: EV charging requested \d+\.\d\d MWh \(window \d+\.\d\d\), delivered \d+\.\d\d, curtailed \d+\.\d{3}; V2G discharged \d+\.\d\d MWh; losses \d+\.\d{3} MWh/);
    expect(stdout).toContain(`${out}/report.html`);
  });

  it('a case that must shed exits 0 with status shed, the MWh of household load shed and EV charging curtailed printed first', async () => {
    const out = outDir();
    // the published feeder without the scenario's two DGs cannot carry 1.5 × the demand without shedding
    const { code, stdout } = await runMain(['run', REFERENCE, '--out', out, ...SHORT, '--set', 'feeder.dgs=[]', '--set', 'demand.scale=1.5']);
    expect(code).toBe(0);
    const [first, second] = stdout.split('\n');
    expect(first).toMatch(/^LOAD SHED: [\d.]+ (MWh|kWh) of household load shed, [\d.]+ (MWh|kWh) of EV charging curtailed$/);
    expect(second).toMatch(/status shed/);
    const summary = cosimSummarySchema.parse(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
    expect(summary.status).toBe('shed');
    expect(summary.totals.householdShedMwh).toBeGreaterThan(0.001);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/data-key-figure="shed"/);
  });

  const bad: [string, string[], RegExp][] = [
    ['a schema violation', ['--set', 'classes.chargingShare=2'], /classes\.chargingShare = 2: Too big/],
    ['an unknown station node', ['--set', 'stations.CS2.node=42'], /stations\[1\] \(CS2\)\.node = 42: no such node/],
    ['a station bus outside the feeder', ['--set', 'stations.CS1.bus=0'], /stations\[0\] \(CS1\)\.bus = 0: bus is not on the feeder/],
    ['a horizon that does not divide into steps', ['--set', 'horizon.stepSec=7'], /horizon\.stepSec = 7: does not divide the interval/],
    ['an override without "="', ['--set', 'demand.scale'], /--set.*expected path=value/],
    [
      'stations no charging traveller can reach',
      ['--set', 'stations=[{"id":"CS1","node":13,"bus":22,"chargers":6,"v2gPorts":4,"chargeKw":60,"chargeServiceMin":20,"v2gKw":40,"v2gServiceMin":30,"chargeCongestionMaxMin":10,"v2gCongestionMaxMin":10}]'],
      /nguyen-dupuis-ieee33-evening-peak\.json: .*OD 1→2 = .*charging vehicles.*: no path from node 1 to node 2 through a charge link/,
    ],
  ];
  it.each(bad)('rejects %s: one message, exit 1, no result files', async (_name, sets, pattern) => {
    const out = outDir();
    const { code, stdout, stderr } = await runMain(['run', REFERENCE, '--out', out, '--json', ...sets]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, '..'))).toEqual([]);
  });

  it('a price fixed point that misses its tolerance is reported as not converged with exit 2', async () => {
    const out = outDir();
    const { code, stdout, stderr } = await runMain([
      'run', REFERENCE, '--out', out, '--json', ...SHORT,
      '--set', 'prices.charge={"mode":"dlmp","markupYuanPerKWh":1.856}', '--set', 'feedback=fixed-point',
      '--set', 'solver.maxRounds=1', '--set', 'solver.fixedPointTolerance=1e-12',
    ]);
    expect(code).toBe(2);
    const summary = cosimSummarySchema.parse(JSON.parse(stdout));
    expect(summary.status).toBe('not-converged');
    expect(summary.problems.join('\n')).toMatch(/price fixed point did not converge in 1 rounds/);
    expect(stderr).toMatch(/solver failure: sim\/run: not-converged: /);
    // Written, but flagged: summary.json says not-converged.
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).status).toBe('not-converged');
  });
});
