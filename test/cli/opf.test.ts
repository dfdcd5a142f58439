import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPF_HORIZON_JSON_SCHEMA, OPF_JSON_SCHEMA, POWER_FLOW_JSON_SCHEMA } from '../../src/cli/outputs/opf.ts';
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
      expect(c.energyUsdPerMwh + c.lossUsdPerMwh + c.congestionUsdPerMwh + c.voltageUsdPerMwh + c.scarcityUsdPerMwh, bus).toBeCloseTo(out.dlmpUsdPerMwhByBus[bus], 5);
    }
    for (const [bus, c] of Object.entries(out.qDlmpComponentsByBus)) {
      expect(c.energyUsdPerMvarh + c.lossUsdPerMvarh + c.congestionUsdPerMvarh + c.voltageUsdPerMvarh + c.scarcityUsdPerMvarh, bus).toBeCloseTo(out.qDlmpUsdPerMvarhByBus[bus], 5);
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

  it('solves a study horizon warm in one process: one JSON entry per interval, each interval priced at its own import price (1e-6)', async () => {
    const prices = [30, 45, 60];
    const intervals = [{ loadScale: 0.8 }, { loadScale: 1, injections: [{ bus: 30, pMw: 0.4 }] }, { loadScale: 1.1, importPriceUsdPerMwh: 60 }];
    const path = studyFile('horizon.json', { feeder: 'case33bw', substation: { importPriceUsdPerMwh: [30, 45, 999] }, intervals });
    const { code, stdout } = await run(path, '--json');
    expect(code).toBe(0);
    const out = OPF_HORIZON_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.mode).toBe('opf-horizon');
    expect(out.intervalCount).toBe(3);
    expect(out.intervals.map((i) => i.interval)).toEqual([0, 1, 2]);
    expect(out.lpSolves).toBe(out.intervals.reduce((a, i) => a + i.lpSolves, 0));
    for (const [t, entry] of out.intervals.entries()) {
      expect(entry.status).toBe('optimal');
      // The substation is the marginal resource at the slack: its DLMP is the interval's price.
      expect(entry.dlmpUsdPerMwhByBus['1']).toBeCloseTo(prices[t], 6);
      // Each interval equals the same interval posed alone (a cold single-interval study).
      const single = studyFile(`single${t}.json`, { feeder: 'case33bw', substation: { importPriceUsdPerMwh: prices[t] }, ...intervals[t], importPriceUsdPerMwh: undefined });
      const alone = OPF_JSON_SCHEMA.parse(onlyJson((await run(single, '--json')).stdout));
      expect(Math.abs(alone.objectiveUsdPerH - entry.objectiveUsdPerH)).toBeLessThan(1e-6 * alone.objectiveUsdPerH);
    }
    // The interval with the station load imports more than the scaled-down one.
    expect(out.intervals[1].importMw).toBeGreaterThan(out.intervals[0].importMw + 0.4);
  });

  it('prints a compact table for a study horizon in text mode (one row per interval)', async () => {
    const path = studyFile('horizon-text.json', { feeder: 'case33bw', loadScale: [0.9, 1.0, 1.1, 1.2] });
    const { code, stdout } = await run(path);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => /^\s+\d\s+optimal/.test(l));
    expect(rows).toHaveLength(4);
    expect(stdout).toMatch(/4 intervals on one warm session/);
  });

  it('reports shedding split into households and EV charging, per bus and per island (constant-pf)', async () => {
    // Branch 17 (17–18) out: bus 18 (90 kW + j40 kvar) and a 60 kW station form an island without resources:
    // everything there is shed, P and Q at the bus's power factor, 90 kW household and 60 kW EV charging.
    const path = studyFile('island.json', { feeder: 'case33bw', outagedBranches: [17], injections: [{ bus: 18, pMw: 0.06 }] });
    const { code, stdout } = await run(path, '--json');
    expect(code).toBe(0);
    const out = OPF_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.shedByBus['18']).toEqual({ pKw: 150, qKvar: 40, householdKw: 90, evKw: 60 });
    expect(out.householdShedKw).toBeCloseTo(90, 6);
    expect(out.evCurtailedKw).toBeCloseTo(60, 6);
    expect(out.shedKvar).toBeCloseTo(40, 6);
    expect(out.householdShedKvar).toBeCloseTo(40 * 90 / 150, 6);
    expect(out.islandSummary).toHaveLength(2);
    expect(out.islandSummary[1]).toEqual({ rootBus: 18, buses: 1, loadMw: 0.15, shedMw: 0.15, shedMvar: 0.04, importMw: 0, status: 'de-energised' });
    expect(out.islandSummary[0]).toMatchObject({ rootBus: 1, buses: 32, shedMw: 0, status: 'energised' });
  });

  it('exits 1 naming the file, field and value for an interval list of the wrong length', async () => {
    const path = studyFile('wrong-length.json', { feeder: 'case33bw', loadScale: [1, 1.1], intervals: [{}, {}, {}] });
    const { code, stdout, stderr } = await run(path, '--json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${path}: loadScale = [1,1.1]: must have one value per interval (3`);
  });

  it('runs the bundled example study scenarios/feeders/case33bw-evening-horizon.json (12 intervals, schema-valid, components sum, 1e-5)', async () => {
    const { code, stdout } = await run('scenarios/feeders/case33bw-evening-horizon.json', '--json');
    expect(code).toBe(0);
    const out = OPF_HORIZON_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.intervalCount).toBe(12);
    for (const entry of out.intervals) {
      for (const [bus, c] of Object.entries(entry.qDlmpComponentsByBus)) {
        const total = c.energyUsdPerMvarh + c.lossUsdPerMvarh + c.congestionUsdPerMvarh + c.voltageUsdPerMvarh + c.scarcityUsdPerMvarh;
        expect(Math.abs(total - entry.qDlmpUsdPerMvarhByBus[bus])).toBeLessThan(1e-5);
      }
      expect(entry.householdShedKw + entry.evCurtailedKw).toBeCloseTo(entry.shedKw, 5);
    }
  });

  it('passes the study\'s solver settings to the OPF: one cut round on case33bw cannot converge (exit 2, the point printed and marked)', async () => {
    const path = studyFile('one-round.json', { feeder: 'case33bw', solver: { maxCutRounds: 1 } });
    const { code, stdout, stderr } = await run(path, '--json');
    expect(code).toBe(2);
    const out = OPF_JSON_SCHEMA.parse(onlyJson(stdout));
    expect(out.status).not.toBe('optimal');
    expect(out.lpSolves).toBe(1);
    expect(stderr).toMatch(/cut|inexact/);
  });
});
