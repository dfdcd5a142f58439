import { beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { parseGweScenario } from '../../src/equilibrium/gweScenario.ts';
import { solveGweScenario, type GweResult } from '../../src/equilibrium/solveGweScenario.ts';
import { checkGwe, roadMaxFlow, type GweCheckReport, type RawGweScenario } from './gweCheck.ts';

const path = new URL('../../scenarios/gwe-ieee33-tolls.json', import.meta.url).pathname;
const raw = readJsonFile(path) as RawGweScenario & Record<string, unknown>;

describe('gwe-ieee33-tolls (seed 002 with binding tolls and station prices)', () => {
  let r: GweResult;
  let check: GweCheckReport;
  let free: GweResult;
  let freeCheck: GweCheckReport;
  // Uncoordinated reference: no road limits and no station capacities (no tolls, no station prices).
  const freeRaw = { ...raw, roadLimitShareOfCapacity: 5, stations: raw.stations.map((s) => ({ ...s, capacityKw: 1e6 })) };
  beforeAll(async () => {
    r = await solveGweScenario(parseGweScenario(raw, path), path);
    check = checkGwe(raw, r);
    free = await solveGweScenario(parseGweScenario(freeRaw, path), path);
    freeCheck = checkGwe(freeRaw, free);
  }, 60_000);

  it('converges to residual ≤ 1e-6 (natural residual and every check, limits included) with column generation adding routes', () => {
    expect(r.status).toBe('converged');
    expect(r.residual).toBeLessThanOrEqual(1e-6);
    expect(r.residuals.couplingViolation).toBeLessThanOrEqual(1e-6);
    expect(r.columnRounds).toBeGreaterThan(1);
    expect(r.residualHistory.length).toBe(r.iterations);
  });

  it('is Wardrop over ALL routes of the network (independent Dijkstra on the priced network, within 1e-6 $)', () => {
    expect(check.agentParamDiff).toBeLessThan(1e-12);
    expect(check.wardropUsd).toBeLessThan(1e-6);
    expect(check.usedSpreadUsd).toBeLessThan(1e-6);
    expect(freeCheck.wardropUsd).toBeLessThan(1e-6);
  });

  it('clears the market, meets every limit and prices generators at marginal cost (raw feeder CSVs, within 1e-8 / 1e-6 $/MWh)', () => {
    expect(check.balance).toBeLessThan(1e-8);
    expect(check.violation).toBeLessThan(1e-8);
    expect(check.generatorMismatchUsdPerMwh).toBeLessThan(1e-6);
  });

  it('tolls bind and are complementary: toll > 0 ⇒ recomputed link flow at its limit (within 1e-8 relative)', () => {
    expect(r.roadTolls.filter((t) => t.tollUsd > 0.1).length).toBeGreaterThanOrEqual(2);
    expect(check.tollSlack).toBeLessThan(1e-8);
  });

  it('station capacity prices bind and are complementary: price > 0 ⇒ station at its capacity (within 1e-8 relative)', () => {
    const priced = r.stations.filter((s) => s.capacityPriceUsdPerKwh > 0.01);
    expect(priced.map((s) => s.id)).toEqual(['CS1', 'CS2']);
    expect(check.stationPriceSlack).toBeLessThan(1e-8);
  });

  it('tolls change routes: without road limits the tolled links carry more than their limit (by > 1 veh/h)', () => {
    for (const t of r.roadTolls.filter((x) => x.tollUsd > 0.1)) {
      expect(freeCheck.linkFlow.get(t.link)!).toBeGreaterThan(t.limitVehPerH + 1);
    }
    const routes = (x: GweResult): Set<string> => new Set(x.usedRoutes.filter((u) => u.flowVehPerH > 1e-6).map((u) => `${u.agent}:${u.station}:${u.nodes}`));
    const a = routes(r);
    const b = routes(free);
    expect([...a].filter((k) => !b.has(k)).length).toBeGreaterThan(0);
  });

  it('rejects infeasible road limits before solving, with the maximum flow of an independent augmenting-path count (within 1e-3 veh/h)', async () => {
    const tight = { ...raw, roadLimitShareOfCapacity: 0.6 };
    const carried = roadMaxFlow(tight);
    const demand = raw.agents.origins.length * raw.agents.perOrigin * raw.agents.vehPerH;
    expect(carried).toBeLessThan(demand - 1);
    expect(roadMaxFlow(raw)).toBeGreaterThan(demand - 1e-9);
    const err = await solveGweScenario(parseGweScenario(tight, 'x.json'), 'x.json').catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^x\.json: roadLimitShareOfCapacity = 0\.6: road limits cannot carry the EVs to the stations/);
    const reported = Number(/at most ([\d.]+) of/.exec((err as Error).message)![1]);
    expect(Math.abs(reported - carried)).toBeLessThan(1e-3);
    await expect(solveGweScenario(parseGweScenario({ ...raw, roadLimitShareOfCapacity: 0.4 }, 'x.json'), 'x.json')).rejects.toThrow(/^x\.json: roadLimitShareOfCapacity = 0\.4: below backgroundShareOfCapacity/);
  });

  it('station prices move EVs to other stations: without capacities CS1 and CS2 draw more than their capacity (by > 10 kW)', () => {
    for (const id of ['CS1', 'CS2']) {
      const f = free.stations.find((s) => s.id === id)!;
      const capacityKw = raw.stations.find((s) => s.id === id)!.capacityKw;
      expect(f.chargingKw).toBeGreaterThan(capacityKw + 10);
    }
  });
});
