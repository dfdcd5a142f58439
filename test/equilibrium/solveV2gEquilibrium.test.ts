import { beforeAll, describe, expect, it } from 'vitest';
import { solveV2gEquilibrium, type V2gEquilibriumResult } from '../../src/equilibrium/solveV2gEquilibrium.ts';
import type { V2gEquilibriumInput } from '../../src/equilibrium/v2gModel.ts';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { parseV2gScenario, prepareV2gInput } from '../../src/equilibrium/v2gScenario.ts';
import { runEquilibriumScenario } from '../../src/equilibrium/runEquilibriumScenario.ts';

const file = (name: string) => new URL(`../../scenarios/${name}.json`, import.meta.url).pathname;
const prepare = (name: string, v2g: boolean) => {
  const path = file(name);
  return prepareV2gInput(parseV2gScenario(readJsonFile(path), path), path, v2g);
};

/**
 * Independent recomputation of the Wardrop conditions: link flows from the path
 * flows, BPR times and smoothed waiting times re-implemented here, station prices
 * from the report; returns the largest (cost − OD minimum) over used paths, $.
 */
function wardropViolation(input: V2gEquilibriumInput, r: V2gEquilibriumResult): { worstUsd: number; relGap: number } {
  const { network: net, paths, stations } = input;
  const theta = input.valueOfTimeUsdPerH / 60;
  const flow = new Float64Array(net.from.length);
  const visits = new Float64Array(stations.length);
  paths.paths.forEach((p, i) => {
    for (const a of paths.routes[p.od][p.route]) flow[a] += r.evPathFlowVehPerH[i];
    for (const s of p.stops) visits[s.station] += r.evPathFlowVehPerH[i];
  });
  let k = 0;
  paths.routes.forEach((routes) => routes.forEach((route) => {
    for (const a of route) flow[a] += r.fvRouteFlowVehPerH[k];
    k += 1;
  }));
  const time = Float64Array.from(flow, (x, a) => net.freeFlowMin[a] * (1 + 0.15 * (x / net.capacity[a]) ** 4));
  const wait = stations.map((s, j) => {
    const z = visits[j] - s.capacityVehPerH;
    return s.baseWaitMin + s.waitSlopeMinPerVehPerH * (z + Math.sqrt(z * z + s.smoothingVehPerH ** 2)) / 2;
  });
  const price = r.stations.map((s) => s.priceUsdPerMwh / 1000);
  const routeMin = (od: number, route: number) => Array.from(paths.routes[od][route]).reduce((t, a) => t + time[a], 0);
  let worst = 0;
  let excess = 0;
  let timeCost = 0;
  let fvIndex = 0;
  paths.ods.forEach((_, od) => {
    const cost: number[] = [];
    const used: number[] = [];
    for (let i = paths.odStart[od]; i < paths.odStart[od + 1]; i++) {
      const p = paths.paths[i];
      let c = theta * routeMin(od, p.route) + input.degradationUsdPerKwh * p.dischargedKwh;
      for (const s of p.stops) {
        c += theta * (wait[s.station] + (60 * s.energyKwh) / stations[s.station].pileKw);
        c += (s.action === 'charge' ? 1 : -1) * price[s.station] * s.energyKwh;
      }
      cost.push(c);
      used.push(r.evPathFlowVehPerH[i]);
    }
    const fvCost = paths.routes[od].map((_, rr) => theta * routeMin(od, rr));
    const fvUsed = paths.routes[od].map((_, rr) => r.fvRouteFlowVehPerH[fvIndex + rr]);
    fvIndex += paths.routes[od].length;
    for (const [c, f] of [[cost, used], [fvCost, fvUsed]] as const) {
      const min = Math.min(...c);
      c.forEach((ci, j) => {
        if (f[j] > 1e-6) worst = Math.max(worst, ci - min);
        excess += f[j] * (ci - min);
        timeCost += f[j] * Math.abs(ci);
      });
    }
  });
  return { worstUsd: worst, relGap: excess / timeCost };
}

describe('solveV2gEquilibrium (seed 000), stress scenario', () => {
  let inputOn: V2gEquilibriumInput;
  let on: V2gEquilibriumResult;
  let off: V2gEquilibriumResult;
  beforeAll(async () => {
    inputOn = prepare('siouxfalls-ieee123-stress', true);
    on = await solveV2gEquilibrium(inputOn, { tolerance: 1e-6 });
    off = await solveV2gEquilibrium(prepare('siouxfalls-ieee123-stress', false), { tolerance: 1e-6 });
  }, 60_000);

  it('reports a residual of every player and of market clearing below 1e-6', () => {
    expect(on.status).toBe('converged');
    for (const [name, value] of Object.entries(on.residuals)) expect(value, name).toBeLessThanOrEqual(1e-6);
  });

  it('satisfies Wardrop conditions recomputed from link flows (used paths within 1e-3 $ of the OD minimum, gap < 1e-5)', () => {
    const v = wardropViolation(inputOn, on);
    expect(v.worstUsd).toBeLessThan(1e-3);
    expect(v.relGap).toBeLessThan(1e-5);
  });

  it('clears the market: import + generation + shedding = fixed load + retail sales + station net exchange (1e-6 MW)', () => {
    const gen = on.generators.reduce((s, g) => s + g.pMw, 0);
    const stationNet = on.stations.reduce((s, st) => s + st.netMw, 0);
    expect(on.importMw + gen + on.loadShedMw).toBeCloseTo(on.fixedLoadMw + on.retailSalesMw + stationNet, 6);
    // Station exchange equals the energy of the EV paths that stop there (recomputed).
    on.stations.forEach((st, j) => {
      let kw = 0;
      inputOn.paths.paths.forEach((p, i) => p.stops.forEach((s) => {
        if (s.station === j) kw += (s.action === 'charge' ? 1 : -1) * s.energyKwh * on.evPathFlowVehPerH[i];
      }));
      expect(st.netMw).toBeCloseTo(kw / 1000, 6);
    });
  });

  it('prices satisfy the DSO/LSE/CNO optimality conditions (generator KKT, VOLL where shedding, station price = DLMP)', () => {
    for (const g of on.generators) {
      const spec = inputOn.market.lses.flatMap((l) => l.generators).find((q) => q.bus === g.bus)!;
      if (g.pMw > spec.pMinMw + 1e-7 && g.pMw < spec.pMaxMw - 1e-7) expect(g.dlmpUsdPerMwh).toBeCloseTo(g.costUsdPerMwh, 4);
      if (g.pMw >= spec.pMaxMw - 1e-7) expect(g.dlmpUsdPerMwh).toBeGreaterThanOrEqual(g.costUsdPerMwh - 1e-4);
      if (g.pMw <= spec.pMinMw + 1e-7) expect(g.dlmpUsdPerMwh).toBeLessThanOrEqual(g.costUsdPerMwh + 1e-4);
    }
    for (const bus of Object.keys(off.sheddingMwByBus)) expect(off.dlmpUsdPerMwhByBus[bus]).toBeCloseTo(inputOn.market.sheddingPenaltyUsdPerMwh, 4);
    for (const st of on.stations) expect(st.priceUsdPerMwh).toBeCloseTo(st.dlmpUsdPerMwh, 4);
  });

  it('V2G removes load shedding and lowers the peak DLMP (seed 000 Fig. 6)', () => {
    expect(off.loadShedMw).toBeGreaterThan(0.1);
    expect(on.loadShedMw).toBeLessThan(1e-6);
    expect(on.maxDlmpUsdPerMwh).toBeLessThan(off.maxDlmpUsdPerMwh);
    expect(on.dischargedMwh).toBeGreaterThan(0);
    expect(on.v2gPathShare).toBeGreaterThan(0);
    expect(on.socialCost.totalUsdPerH).toBeLessThan(off.socialCost.totalUsdPerH);
  });
});

describe.skipIf(!process.env.EV_COSIM_LONG)('seed 000 base and island scenarios (EV_COSIM_LONG)', () => {
  it('without stress V2G changes little; in the island case V2G reduces shedding', async () => {
    const baseOff = await runEquilibriumScenario('siouxfalls-ieee123-base', { v2g: false });
    const baseOn = await runEquilibriumScenario('siouxfalls-ieee123-base', { v2g: true });
    expect(baseOff.loadShedMw).toBe(0);
    expect(baseOn.loadShedMw).toBe(0);
    expect(Math.abs(baseOn.socialCost.totalUsdPerH - baseOff.socialCost.totalUsdPerH) / baseOff.socialCost.totalUsdPerH).toBeLessThan(1e-3);
    const islandOff = await runEquilibriumScenario('siouxfalls-ieee123-island', { v2g: false });
    const islandOn = await runEquilibriumScenario('siouxfalls-ieee123-island', { v2g: true });
    expect(islandOn.loadShedMw).toBeLessThan(islandOff.loadShedMw);
    expect(islandOn.socialCost.totalUsdPerH).toBeLessThan(islandOff.socialCost.totalUsdPerH);
  }, 300_000);
});
