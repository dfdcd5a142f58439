import { describe, expect, it } from 'vitest';
import { validateReportSchema } from '../../src/sim/results/validateSchema.ts';
import { REFERENCE, runCli, runMain } from '../helpers/cli.ts';

describe('ev-cosim validate', () => {
  it('should accept the reference scenario (exit 0, one JSON object with --json)', async () => {
    const { code, stdout } = await runCli(['validate', REFERENCE, '--json']);
    expect(code).toBe(0);
    const report = validateReportSchema.parse(JSON.parse(stdout));
    expect(report.status).toBe('ok');
    expect(report.stations).toEqual([{ station: 'CS1', node: 6, bus: 22 }, { station: 'CS2', node: 9, bus: 16 }, { station: 'CS3', node: 11, bus: 30 },
      { station: 'H2', node: 2, bus: 25 }, { station: 'H3', node: 3, bus: 4 }]);
    expect(report.feeder.busCount).toBe(33);
    expect(report.horizon).toEqual({ startAt: '17:00', intervalMin: 10, intervals: 12, stepSec: 30 });
    expect(validateReportSchema.safeParse({ ...report, extra: true }).success).toBe(false);
  });

  const bad: [string, string[], RegExp][] = [
    ['a schema violation', ['--set', 'stations.0.chargers=-5'], /stations\[0\]\.chargers = -5/],
    ['an unknown field', ['--set', 'horizon.length=3'], /horizon\.length: unknown field/],
    ['an unknown station node', ['--set', 'stations.CS1.node=99'], /stations\[0\] \(CS1\)\.node = 99: no such node in road network/],
    ['a station bus outside the feeder', ['--set', 'stations.CS3.bus=34'], /stations\[2\] \(CS3\)\.bus = 34: bus is not on the feeder/],
    ['a horizon that does not divide into steps', ['--set', 'horizon.stepSec=45'], /horizon\.stepSec = 45: does not divide the interval/],
    ['an unknown DG bus', ['--set', 'feeder.dgs=[{"id":"X","bus":99,"pMaxMw":1,"costUsdPerMwh":50}]'], /feeder\.dgs\[0\] \(X\)\.bus = 99/],
    ['an unknown outaged branch', ['--set', 'feeder.outages=[{"branch":999}]'], /feeder\.outages\[0\]\.branch = 999: no such branch/],
    ['an unknown OD node', ['--set', 'demand.od=[{"origin":1,"destination":77,"vehPerH":10}]'], /demand\.od\[0\]\.destination = 77/],
    ['an unknown network', ['--set', 'traffic.network=Atlantis'], /traffic\.network = "Atlantis": not a bundled network/],
  ];
  it.each(bad)('should reject %s with one message on stderr and exit 1', async (_name, sets, pattern) => {
    const { code, stdout, stderr } = await runMain(['validate', REFERENCE, ...sets]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('nguyen-dupuis-ieee33-evening-peak.json');
  });

  it('should reject a missing file', async () => {
    const { code, stderr } = await runMain(['validate', 'scenarios/nope.json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/scenarios\/nope\.json: file not found/);
  });
});
