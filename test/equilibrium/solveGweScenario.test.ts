import { beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { parseGweScenario } from '../../src/equilibrium/gweScenario.ts';
import { solveGweScenario, type GweResult } from '../../src/equilibrium/solveGweScenario.ts';
import { checkGwe, type GweCheckReport, type RawGweScenario } from './gweCheck.ts';

const path = new URL('../../scenarios/gwe-ieee33.json', import.meta.url).pathname;
const raw = readJsonFile(path) as RawGweScenario & Record<string, unknown>;

describe('solveGweScenario on gwe-ieee33 (TNTP BPR roads, line limits bind)', () => {
  let r: GweResult;
  let check: GweCheckReport;
  let noLines: GweResult;
  beforeAll(async () => {
    r = await solveGweScenario(parseGweScenario(raw, path), path);
    check = checkGwe(raw, r);
    noLines = await solveGweScenario(parseGweScenario({ ...raw, lineLimits: [] }, path), path);
  }, 60_000);

  it('converges to residual ≤ 1e-6 with every check in the residual (no limit violated)', () => {
    expect(r.status).toBe('converged');
    expect(r.residual).toBeLessThanOrEqual(1e-6);
    expect(r.residuals.couplingViolation).toBeLessThanOrEqual(1e-6);
    expect(r.residualHistory.length).toBe(r.iterations);
  });

  it('independent checks from raw inputs: Wardrop over all routes (1e-6 $), balance and limits (1e-8), DG marginal cost = DLMP (1e-6 $/MWh)', () => {
    expect(check.wardropUsd).toBeLessThan(1e-6);
    expect(check.usedSpreadUsd).toBeLessThan(1e-6);
    expect(check.balance).toBeLessThan(1e-8);
    expect(check.violation).toBeLessThan(1e-8);
    expect(check.generatorMismatchUsdPerMwh).toBeLessThan(1e-6);
  });

  it('line limits make DLMPs differ across buses (> 10 $/MWh); without them DLMPs are equal (within 1e-6 $/MWh), seed 002 §III-B', () => {
    expect(r.maxDlmpUsdPerMwh - r.minDlmpUsdPerMwh).toBeGreaterThan(10);
    expect(noLines.maxDlmpUsdPerMwh - noLines.minDlmpUsdPerMwh).toBeLessThan(1e-6);
  });

  it('EVs switch toward the station on the cheapest bus (CS4, bus 25) when lines congest (by > 1 veh/h), and away from the dearest (CS6)', () => {
    const get = (x: GweResult, id: string): number => x.stations.find((s) => s.id === id)!.arrivalsVehPerH;
    const cheapest = r.stations.reduce((a, b) => (b.dlmpUsdPerMwh < a.dlmpUsdPerMwh ? b : a));
    const dearest = r.stations.reduce((a, b) => (b.dlmpUsdPerMwh > a.dlmpUsdPerMwh ? b : a));
    expect([cheapest.id, dearest.id]).toEqual(['CS4', 'CS6']);
    expect(get(r, 'CS4')).toBeGreaterThan(get(noLines, 'CS4') + 1);
    expect(get(r, 'CS6')).toBeLessThan(get(noLines, 'CS6') - 1);
  });
});

describe('solveGweScenario non-convergence (2 Newton iterations)', () => {
  it('throws a SolverError with the residual and every check by default, and returns status not-converged on request', async () => {
    const sc = parseGweScenario(raw, path);
    await expect(solveGweScenario(sc, path, { maxIterations: 2 })).rejects.toThrow(/not-converged: .*couplingViolation .*\(gap reached/);
    const r = await solveGweScenario(sc, path, { maxIterations: 2, throwOnNonConvergence: false });
    expect(r.status).toBe('not-converged');
    expect(r.residual).toBeGreaterThan(1e-6);
    expect(r.residual).toBe(Math.max(...Object.values(r.residuals), r.residual));
  });
});

describe('parseGweScenario (bad input: file, field and value named)', () => {
  const src = 'x.json';
  it('rejects a reversed value-of-time or energy range', () => {
    const a = raw.agents;
    expect(() => parseGweScenario({ ...raw, agents: { ...a, valueOfTimeUsdPerH: [30, 10] } }, src)).toThrow(/^x\.json: agents\.valueOfTimeUsdPerH = \[30,10\]: must be \[min, max\]/);
    expect(() => parseGweScenario({ ...raw, agents: { ...a, energyKwh: [40, 10] } }, src)).toThrow(/^x\.json: agents\.energyKwh/);
  });
  it('names an unknown or misspelled key as unknown (not the correct key as missing)', () => {
    expect(() => parseGweScenario({ ...raw, extra: 1 }, src)).toThrow(/^x\.json: extra: unknown field "extra"/);
    const { preferenceUsd, ...rest } = raw as Record<string, unknown>;
    expect(preferenceUsd).toBeDefined();
    expect(() => parseGweScenario({ ...rest, preferenceUSD: 0.5 }, src)).toThrow(/^x\.json: preferenceUSD: unknown field "preferenceUSD" \(did you mean "preferenceUsd"\?\)/);
  });
  it('rejects duplicate station nodes and ids, and a bad value with its field', () => {
    const st = raw.stations;
    expect(() => parseGweScenario({ ...raw, stations: [...st, { ...st[0], id: 'CS9' }] }, src)).toThrow(/^x\.json: stations\[6\]\.node = 3: duplicates stations\[0\]\.node/);
    expect(() => parseGweScenario({ ...raw, stations: [...st, { ...st[0], node: 24 }] }, src)).toThrow(/^x\.json: stations\[6\]\.id = "CS1": duplicates stations\[0\]\.id/);
    expect(() => parseGweScenario({ ...raw, vMinPu: -1 }, src)).toThrow(/^x\.json: vMinPu = -1/);
  });
  it('names the scenario file for an unknown road node or bus (not an internal module)', async () => {
    const st = raw.stations;
    await expect(solveGweScenario(parseGweScenario({ ...raw, stations: [{ ...st[0], node: 99 }, ...st.slice(1)] }, src), src)).rejects.toThrow(/^x\.json: stations\[0\]\.node = 99: unknown node/);
    await expect(solveGweScenario(parseGweScenario({ ...raw, agents: { ...raw.agents, origins: [1, 77] } }, src), src)).rejects.toThrow(/^x\.json: agents\.origins\[1\] = 77: unknown node/);
    await expect(solveGweScenario(parseGweScenario({ ...raw, stations: [{ ...st[0], bus: 40 }, ...st.slice(1)] }, src), src)).rejects.toThrow(/^x\.json: stations\[0\]\.bus = 40: unknown bus/);
    await expect(solveGweScenario(parseGweScenario({ ...raw, network: 'Nowhere' }, src), src)).rejects.toThrow(/^x\.json: network = "Nowhere": /);
    await expect(solveGweScenario(parseGweScenario({ ...raw, feeder: 'nofeeder' }, src), src)).rejects.toThrow(/^x\.json: feeder = "nofeeder": /);
  });
});
