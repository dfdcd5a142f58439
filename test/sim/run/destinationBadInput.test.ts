/**
 * Bad destination-station input through the CLI (issue 10 checks): one clear error naming
 * file, field and value, exit 1, nothing written. The bundled evening peak has home
 * stations H2 (stations[3], node 2) and H3 (stations[4], node 3): 7.4 kW, dwell 180 min.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE, runMain } from '../../helpers/cli.ts';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'ev-cosim-dest-'));
}

/** The reference scenario with `edit` applied, written next to a fresh output folder. */
function editedReference(edit: (s: Record<string, any>) => void): { file: string; out: string } {
  const dir = scratch();
  const s = JSON.parse(readFileSync(REFERENCE, 'utf8'));
  delete s.$schema;
  edit(s);
  const file = join(dir, 'edited.json');
  writeFileSync(file, JSON.stringify(s));
  return { file, out: join(dir, 'out') };
}

describe('ev-cosim run rejects bad destination stations', () => {
  const cases: [string, string[], RegExp][] = [
    ['a negative dwell', ['stations.3.dwellMin=-5'], /: stations\[3\]\.dwellMin = -5: .*>\s?0/],
    ['a need above what the dwell delivers', ['classes.chargingEnergyNeedKwh=30'],
      /: classes\.chargingEnergyNeedKwh = 30: exceeds what station H2 \(stations\[3\]\) can deliver in its dwell: chargeKw · dwellMin \/ 60 = 22\.2 kWh$/],
    ['a V2G need above what a shorter dwell delivers', ['stations.4.dwellMin=100'],
      /: classes\.v2gEnergyNeedKwh = 15: exceeds what station H3 \(stations\[4\]\) can deliver in its dwell: chargeKw · dwellMin \/ 60 = 12\.3333333333 kWh$/],
    ['a destination station on a node no trip ends at', ['stations.3.node=5'],
      /: stations\[3\] \(H2\)\.node = 5: no trip of the charging or V2G class ends at this node/],
    ['a destination station when no trip charges or discharges', ['classes.chargingShare=0', 'classes.v2gShare=0'],
      /: stations\[3\] \(H2\)\.node = 2: no trip of the charging or V2G class ends at this node/],
  ];

  it.each(cases)('rejects %s: one message naming file, field and value, exit 1, no result files', async (_name, sets, pattern) => {
    const out = join(scratch(), 'out');
    const { code, stdout, stderr } = await runMain(['run', REFERENCE, '--out', out, ...sets.flatMap((s) => ['--set', s])]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('nguyen-dupuis-ieee33-evening-peak.json');
    expect(lines[0]).toMatch(pattern);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a missing class energy need when a station is a destination', async () => {
    const { file, out } = editedReference((s) => { delete s.classes.v2gEnergyNeedKwh; });
    const { code, stderr } = await runMain(['run', file, '--out', out]);
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/edited\.json: classes\.v2gEnergyNeedKwh: is required: station H2 \(stations\[3\]\) has kind "destination"$/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects V2G ports on a destination station as an unknown field', async () => {
    const { file, out } = editedReference((s) => { s.stations[3].v2gPorts = 10; });
    const { code, stderr } = await runMain(['run', file, '--out', out]);
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/edited\.json: stations\[3\]\.v2gPorts: unknown field "v2gPorts"/);
    expect(existsSync(out)).toBe(false);
  });
});
