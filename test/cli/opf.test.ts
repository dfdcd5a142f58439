import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPF_JSON_SCHEMA, POWER_FLOW_JSON_SCHEMA } from '../../src/cli/outputs/opf.ts';
import { runMain } from '../helpers/cli.ts';

const run = (...args: string[]) => runMain(['opf', ...args]);
const dir = mkdtempSync(join(tmpdir(), 'ev-cosim-cli-opf-'));
function studyFile(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
}

/** Exactly one line of stdout, parsed. */
function onlyJson(stdout: string): unknown {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout);
}

// Baran & Wu (1989) 33-bus feeder: load 3715 kW + j2300 kvar; power flow losses 202.68 kW,
// lowest voltage 0.91309 pu at bus 18 (docs/model.md §3.8).
const CASE33_LOAD_MW = 3.715;
const CASE33_LOAD_MVAR = 2.3;

describe('ev-cosim opf', () => {
  it('--json prints one object that the documented strict schema accepts (case33bw)', async () => {
    const { code, stdout } = await run('case33bw', '--json');
    expect(code).toBe(0);
    const out = OPF_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.status).toBe('optimal');
    expect(out.lossesKw).toBeCloseTo(202.68, 1);
    expect(out.minVoltageBus).toBe(18);
    expect(out.minVoltagePu).toBeCloseTo(0.91309, 5);
    // Power balance at the substation: import = load + series losses.
    expect(out.importMw).toBeCloseTo(CASE33_LOAD_MW + out.lossesKw / 1000, 4);
    expect(out.importMvar).toBeGreaterThan(CASE33_LOAD_MVAR);
    // No DG and no shedding: the objective is the import bought at the substation price.
    const substationPrice = out.dlmpUsdPerMwhByBus['1'];
    expect(substationPrice).toBeCloseTo(20, 6);
    expect(out.objectiveUsdPerH).toBeCloseTo(substationPrice * out.importMw, 3);
    expect(Object.keys(out.dlmpUsdPerMwhByBus)).toHaveLength(33);
    expect(out.dispatch[0]).toMatchObject({ id: 'gen1', bus: 1 });
  });

  it('--json: DLMP components sum to the DLMP, and the max DLMP is found in the map', async () => {
    const out = OPF_JSON_SCHEMA.parse(onlyJson((await run('case33bw', '--json')).stdout));
    for (const [bus, c] of Object.entries(out.dlmpComponentsByBus)) {
      expect(c.energyUsdPerMwh + c.lossUsdPerMwh + c.congestionUsdPerMwh + c.voltageUsdPerMwh, bus).toBeCloseTo(out.dlmpUsdPerMwhByBus[bus], 5);
    }
    const [argMaxBus, max] = Object.entries(out.dlmpUsdPerMwhByBus).reduce((best, e) => (e[1] > best[1] ? e : best));
    expect(out.maxDlmpUsdPerMwh).toBe(max);
    expect(out.maxDlmpBus).toBe(Number(argMaxBus));
    // Losses grow with distance from the substation: the end of the longest lateral prices highest.
    expect(out.maxDlmpBus).toBe(18);
  });

  it('--pf --json prints the power flow in its own strict schema', async () => {
    const { code, stdout } = await run('case33bw', '--pf', '--json');
    expect(code).toBe(0);
    const pf = POWER_FLOW_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(pf.mode).toBe('pf');
    expect(pf.minVoltagePu).toBeCloseTo(0.91309, 5);
    expect(pf.minVoltageBus).toBe(18);
    expect(pf.lossesKw).toBeCloseTo(202.68, 1);
    expect(pf.branches.reduce((s, b) => s + b.lossesKw, 0)).toBeCloseTo(pf.lossesKw, 3);
    expect(pf.importMw).toBeCloseTo(CASE33_LOAD_MW + pf.lossesKw / 1000, 4);
    expect(pf.unsuppliedBuses).toEqual([]);
  });

  it('--formulation lindistflow is lossless, and its output fits the same schema', async () => {
    const { code, stdout } = await run('case33bw', '--formulation', 'lindistflow', '--json');
    expect(code).toBe(0);
    const out = OPF_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.formulation).toBe('lindistflow');
    expect(out.lossesKw).toBe(0);
    expect(out.importMw).toBeCloseTo(CASE33_LOAD_MW, 6);
  });

  it('prints a one-screen summary without --json', async () => {
    const { code, stdout } = await run('case33bw');
    expect(code).toBe(0);
    expect(stdout).toMatch(/min voltage 0\.91309 pu at bus 18/);
    expect(stdout).toMatch(/import 3\.9177 MW \/ [0-9.]+ Mvar/);
    expect(stdout.split('\n').length).toBeLessThan(30);
  });

  it('runs a feeder study JSON', async () => {
    const path = studyFile('study.json', { feeder: 'case33bw', substation: { importPriceUsdPerMwh: 40 }, injections: [{ bus: 30, pMw: 0.3, sMaxMva: 0.5 }] });
    const { code, stdout } = await run(path, '--json');
    expect(code).toBe(0);
    const out = OPF_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.dlmpUsdPerMwhByBus['1']).toBeCloseTo(40, 6);
    expect(out.stationReactiveMvarByBus['30']).toBeGreaterThan(0);
  });

  it('exits 1 on bad input (unknown feeder, bad formulation, unknown study field) with a message on stderr', async () => {
    const unknown = await run('no-such-feeder', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no-such-feeder/);
    expect(unknown.stdout).toBe('');
    const formulation = await run('case33bw', '--formulation', 'acopf');
    expect(formulation.code).toBe(1);
    expect(formulation.stdout).toBe('');
    const field = await run(studyFile('bad.json', { feeder: 'case33bw', bogus: 1 }), '--json');
    expect(field.code).toBe(1);
    expect(field.stdout).toBe('');
  });

  it('exits 2 when the OPF is infeasible (an isolated bus injecting power it cannot export)', async () => {
    const path = studyFile('infeasible.json', { feeder: 'case33bw', outagedBranches: [17], injections: [{ bus: 18, pMw: -0.5 }] });
    const { code, stdout, stderr } = await run(path, '--json');
    expect(code).toBe(2);
    expect(stderr).toMatch(/infeasible/);
    expect(stdout).toBe('');
  });

  it('exits 2 on an inexact relaxation but still prints the point, marked inexact', async () => {
    const path = studyFile('negative-price.json', { feeder: 'case33bw', substation: { importPriceUsdPerMwh: -50 } });
    const { code, stdout, stderr } = await run(path, '--json');
    expect(code).toBe(2);
    const out = OPF_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.status).toBe('inexact');
    expect(out.maxConeGapPu2).toBeGreaterThan(1e-6);
    expect(stderr).toMatch(/inexact/);
  });
});
