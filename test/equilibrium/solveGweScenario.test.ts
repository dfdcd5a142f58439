import { beforeAll, describe, expect, it } from 'vitest';
import { parseGweScenario, type GweScenario } from '../../src/equilibrium/gweScenario.ts';
import { buildGweModel, solveGweScenario, type GweResult } from '../../src/equilibrium/solveGweScenario.ts';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { loadBundledFeeder } from '../../src/grid/io/loadFeeder.ts';

const path = new URL('../../scenarios/gwe-ieee33.json', import.meta.url).pathname;

describe('solveGweScenario (seed 002, reduced agent set)', () => {
  let sc: GweScenario;
  let r: GweResult;
  beforeAll(async () => {
    const raw = readJsonFile(path) as { agents: Record<string, unknown> };
    sc = parseGweScenario({ ...raw, agents: { ...raw.agents, origins: [1, 13, 20], perOrigin: 3, vehPerH: 8 } }, path);
    r = await solveGweScenario(sc, path, { tolerance: 1e-5 });
  }, 60_000);

  it('reaches the I-FoRB residual tolerance and reports it per iteration', () => {
    expect(r.status).toBe('converged');
    expect(r.residual).toBeLessThanOrEqual(1e-5);
    expect(r.residualHistory.length).toBe(r.iterations);
    expect(r.residualHistory[0]).toBeGreaterThan(r.residual);
  });

  it('is a Wardrop equilibrium per agent: option costs recomputed from flows and prices (used within 1e-3 $ of min)', () => {
    const m = buildGweModel(sc, path);
    const { options: o, network: net } = m;
    const flow = Float64Array.from(net.capacity, (c) => c * sc.backgroundShareOfCapacity);
    const arrivals = new Float64Array(sc.stations.length);
    m.agents.forEach((a, i) => {
      for (let k = o.optStart[i]; k < o.optStart[i + 1]; k++) {
        for (let e = o.linkStart[k]; e < o.linkStart[k + 1]; e++) flow[o.links[e]] += a.vehPerH * r.optionShare[k];
        arrivals[o.optStation[k]] += a.vehPerH * r.optionShare[k];
      }
    });
    const toll = new Map(r.roadTolls.map((t) => [t.link, t.tollUsd]));
    let worst = 0;
    m.agents.forEach((a, i) => {
      const cost: number[] = [];
      for (let k = o.optStart[i]; k < o.optStart[i + 1]; k++) {
        const s = o.optStation[k];
        const st = r.stations[s];
        let c = 0;
        for (let e = o.linkStart[k]; e < o.linkStart[k + 1]; e++) {
          const l = o.links[e];
          c += (a.valueOfTimeUsdPerH / 60) * net.freeFlowMin[l] * (1 + 0.15 * (flow[l] / net.capacity[l]) ** 4);
          c += toll.get(`${net.nodeIds[net.from[l]]}-${net.nodeIds[net.to[l]]}`) ?? 0;
        }
        const spec = sc.stations[s];
        c += (spec.congestionUsd * arrivals[s]) / (spec.chargers * spec.serviceRatePerH);
        c += o.preferred[k] ? 0 : sc.preferenceUsd;
        c += (a.energyKwh * st.dlmpUsdPerMwh) / 1000 + a.energyKwh * st.capacityPriceUsdPerKwh;
        cost.push(c);
      }
      const min = Math.min(...cost);
      cost.forEach((c, j) => {
        if (r.optionShare[o.optStart[i] + j] > 1e-4) worst = Math.max(worst, c - min);
      });
    });
    expect(worst).toBeLessThan(1e-3);
  });

  it('balances energy and prices generators at marginal cost (DSO KKT), from the feeder data', () => {
    const feeder = loadBundledFeeder('case33bw');
    const load = feeder.buses.reduce((s, b) => s + b.pLoadMw, 0) * sc.loadScale + r.stations.reduce((s, st) => s + st.chargingKw, 0) / 1000;
    const gen = r.generators.reduce((s, g) => s + g.pMw, 0);
    expect(Math.abs(gen - load) / load).toBeLessThan(1e-4);
    r.generators.forEach((g, k) => {
      const spec = sc.generators[k];
      if (g.pMw > 1e-3 && g.pMw < spec.pMaxMw - 1e-3) expect(Math.abs(g.dlmpUsdPerMwh - (2 * spec.costUsdPerMw2h * g.pMw + spec.costUsdPerMwh))).toBeLessThan(0.05);
    });
    for (const l of sc.lineLimits) expect(l.rateMva).toBeGreaterThan(0);
    expect(r.residuals.couplingViolation).toBeLessThan(1e-3);
  });

  it('line limits make DLMPs differ across buses (seed 002 §V)', () => {
    expect(r.maxDlmpUsdPerMwh - r.minDlmpUsdPerMwh).toBeGreaterThan(1);
  });
});

describe('parseGweScenario', () => {
  it('names the file, field and value of a bad entry', () => {
    const raw = readJsonFile(path) as Record<string, unknown>;
    expect(() => parseGweScenario({ ...raw, vMinPu: -1 }, 'x.json')).toThrow(/x\.json: vMinPu = -1/);
    expect(() => parseGweScenario({ ...raw, extra: 1 }, 'x.json')).toThrow(/x\.json/);
  });
});
