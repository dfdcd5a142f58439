/**
 * Independent checks of the seed-000 equilibria, recomputed from the raw inputs (network,
 * feeder, scenario file) and the reported flows and prices only:
 * - Wardrop over ALL routes: every loopless road route of each OD pair with every stop
 *   plan of A1–A4 (≤ 2 stops at distinct intermediate stations, at most one discharge),
 *   energies re-simulated here, enumerated by depth-first search with a cost bound (a
 *   route is skipped only when its travel time alone, minus the largest revenue any
 *   discharge could earn, already exceeds the OD's equilibrium cost);
 * - market clearing per island (islands found here from the feeder and the outages);
 * - complementarity of shedding with the DLMP at the penalty.
 * Default suite: island with V2G (three islands, rerouted discharge paths); EV_COSIM_LONG=1: all six cases.
 */
import { describe, expect, it } from 'vitest';
import { readJsonFile } from '../../src/common/readJsonFile.ts';
import { loadFeeder } from '../../src/grid/io/loadFeeder.ts';
import { solveV2gEquilibrium, type V2gEquilibriumResult } from '../../src/equilibrium/solveV2gEquilibrium.ts';
import type { V2gEquilibriumInput } from '../../src/equilibrium/v2gModel.ts';
import { parseV2gScenario, prepareV2gInput, type V2gScenario } from '../../src/equilibrium/v2gScenario.ts';

const LONG = process.env.EV_COSIM_LONG === '1';
const file = (name: string): string => new URL(`../../scenarios/siouxfalls-ieee123-${name}.json`, import.meta.url).pathname;

interface Case { readonly scenario: V2gScenario; readonly v2g: boolean; readonly input: V2gEquilibriumInput; readonly r: V2gEquilibriumResult }
async function solve(name: string, v2g: boolean): Promise<Case> {
  const path = file(name);
  const scenario = parseV2gScenario(readJsonFile(path), path);
  const input = prepareV2gInput(scenario, path, v2g);
  return { scenario, v2g, input, r: await solveV2gEquilibrium(input, { tolerance: 1e-6 }) };
}

/** Link times (min) from the reported path and route flows (BPR re-implemented). */
function linkTimes({ input, r }: Case): Float64Array {
  const { network: net, paths } = input;
  const flow = new Float64Array(net.from.length);
  paths.paths.forEach((p, i) => { for (const a of paths.routes[p.od][p.route]) flow[a] += r.evPathFlowVehPerH[i]; });
  let k = 0;
  for (const routes of paths.routes) for (const route of routes) { for (const a of route) flow[a] += r.fvRouteFlowVehPerH[k]; k += 1; }
  return Float64Array.from(flow, (x, a) => net.freeFlowMin[a] * (1 + net.bprB[a] * (x / net.capacity[a]) ** net.bprPower[a]));
}

type Action = 'charge' | 'discharge';
/** A2–A4 re-implemented: stop energies along a route (link lengths, km), or null when infeasible. */
function stopEnergies(lengths: readonly number[], stops: readonly { at: number; action: Action }[], ev: V2gScenario['ev']): number[] | null {
  const B = ev.batteryKwh;
  const reserve = ev.reserveShare * B;
  const kwh = (from: number, to: number): number => { let s = 0; for (let i = from; i < to; i++) s += lengths[i] * ev.consumptionKwhPerKm; return s; };
  let e = B;
  let pos = 0;
  const out: number[] = [];
  for (let k = 0; k < stops.length; k++) {
    e -= kwh(pos, stops[k].at + 1);
    pos = stops[k].at + 1;
    if (e < reserve - 1e-9) return null;
    let level = B;
    if (stops[k].action === 'discharge') {
      const nextCharge = stops.slice(k + 1).find((s) => s.action === 'charge');
      level = Math.max(ev.postDischargeShare * B, reserve + kwh(pos, nextCharge === undefined ? lengths.length : nextCharge.at + 1));
    }
    const amount = stops[k].action === 'charge' ? B - e : e - level;
    if (amount < ev.minExchangeKwh) return null;
    out.push(amount);
    e = level;
  }
  e -= kwh(pos, lengths.length);
  return e < reserve - 1e-9 ? null : out;
}

interface WardropCheck { readonly odCount: number; readonly routesSeen: number; readonly worstUsd: number; readonly usedSpreadUsd: number; readonly fvWorstMin: number; readonly fvOutsideMin: number }

function wardropOverAllRoutes(c: Case): WardropCheck {
  const { input, r, scenario, v2g } = c;
  const { network: net, paths, stations } = input;
  const theta = scenario.valueOfTimeUsdPerH / 60; // $ per minute
  const t = linkTimes(c);
  const visits = new Float64Array(stations.length);
  paths.paths.forEach((p, i) => p.stops.forEach((s) => (visits[s.station] += r.evPathFlowVehPerH[i])));
  const wait = stations.map((s, j) => {
    const z = visits[j] - s.capacityVehPerH;
    return s.baseWaitMin + s.waitSlopeMinPerVehPerH * (z + Math.sqrt(z * z + s.smoothingVehPerH ** 2)) / 2;
  });
  const price = r.stations.map((s) => s.priceUsdPerMwh / 1000); // $/kWh
  for (const p of price) expect(p).toBeGreaterThanOrEqual(0); // charging never pays: the bound below relies on it
  const stationAt = new Map<number, number>(stations.map((s, j) => [net.nodeIndex.get(s.node)!, j]));
  const deg = scenario.ev.degradationUsdPerKwh;
  const stopCost = (j: number, action: Action, e: number): number => theta * (wait[j] + (60 * e) / stations[j].pileKw)
    + (action === 'charge' ? price[j] * e : -price[j] * e + deg * e);
  const revenueBound = !v2g ? 0 : Math.max(0, ...stations.map((s, j) =>
    (price[j] - deg - theta * 60 / s.pileKw) * scenario.ev.batteryKwh * (1 - scenario.ev.postDischargeShare) - theta * wait[j]));
  const out: number[][] = Array.from({ length: net.nodeIds.length }, () => []);
  for (let a = 0; a < net.from.length; a++) out[net.from[a]].push(a);

  /** Cheapest stop plan on a route (link list), $ beyond its travel time; Infinity when none is feasible. */
  const bestPlan = (links: readonly number[]): number => {
    const lengths = links.map((a) => net.lengthKm[a]);
    const spots: { at: number; j: number }[] = [];
    for (let i = 0; i + 1 < links.length; i++) { const j = stationAt.get(net.to[links[i]]); if (j !== undefined) spots.push({ at: i, j }); }
    const plans: { at: number; j: number; action: Action }[][] = [[]];
    const actions: Action[] = v2g ? ['charge', 'discharge'] : ['charge'];
    for (const a of spots) for (const x of actions) plans.push([{ ...a, action: x }]);
    for (let i = 0; i < spots.length; i++) for (let k = i + 1; k < spots.length; k++) for (const x of actions) for (const y of actions) {
      if (x === 'discharge' && y === 'discharge') continue; // A3: one discharge
      if (spots[i].j === spots[k].j) continue;
      plans.push([{ ...spots[i], action: x }, { ...spots[k], action: y }]);
    }
    let best = Infinity;
    for (const plan of plans) {
      const e = stopEnergies(lengths, plan, scenario.ev);
      if (e === null) continue;
      best = Math.min(best, plan.reduce((s, st, k) => s + stopCost(st.j, st.action, e[k]), 0));
    }
    return best;
  };

  // Remaining-time lower bound: Dijkstra to the destination on reversed links (O(n²), 24 nodes).
  const toDest = (d: number): Float64Array => {
    const dist = new Float64Array(net.nodeIds.length).fill(Infinity);
    const done = new Uint8Array(dist.length);
    dist[d] = 0;
    for (;;) {
      let u = -1;
      for (let v = 0; v < dist.length; v++) if (!done[v] && dist[v] < Infinity && (u < 0 || dist[v] < dist[u])) u = v;
      if (u < 0) return dist;
      done[u] = 1;
      for (let a = 0; a < net.from.length; a++) if (net.to[a] === u && dist[u] + t[a] < dist[net.from[a]]) dist[net.from[a]] = dist[u] + t[a];
    }
  };

  let routesSeen = 0;
  let worst = 0;
  let spread = 0;
  let fvWorst = 0;
  let fvOutside = 0;
  let fvIndex = 0;
  paths.ods.forEach((od, k) => {
    const o = net.nodeIndex.get(od.origin)!;
    const d = net.nodeIndex.get(od.destination)!;
    // Equilibrium cost of the OD: recomputed cost of its used EV paths.
    const usedCosts: number[] = [];
    for (let i = paths.odStart[k]; i < paths.odStart[k + 1]; i++) {
      if (r.evPathFlowVehPerH[i] <= 1e-6 * input.evDemandVehPerH[k]) continue;
      const p = paths.paths[i];
      const route = Array.from(paths.routes[k][p.route]);
      let cost = theta * route.reduce((s, a) => s + t[a], 0);
      for (const s of p.stops) cost += stopCost(s.station, s.action, s.energyKwh);
      usedCosts.push(cost);
    }
    const cUsed = Math.max(...usedCosts);
    spread = Math.max(spread, cUsed - Math.min(...usedCosts));
    const rest = toDest(d);
    let cAll = Infinity;
    const onPath = new Uint8Array(net.nodeIds.length);
    const links: number[] = [];
    const dfs = (u: number, minutes: number): void => {
      if (theta * (minutes + rest[u]) - revenueBound > cUsed + 1e-6) return;
      if (u === d) {
        routesSeen += 1;
        cAll = Math.min(cAll, theta * minutes + bestPlan(links));
        return;
      }
      onPath[u] = 1;
      for (const a of out[u]) {
        if (onPath[net.to[a]]) continue;
        links.push(a);
        dfs(net.to[a], minutes + t[a]);
        links.pop();
      }
      onPath[u] = 0;
    };
    dfs(o, 0);
    worst = Math.max(worst, cUsed - cAll);
    // Fuel vehicles: used routes vs the shortest route over the whole network.
    const nRoutes = paths.routes[k].length;
    for (let rr = 0; rr < nRoutes; rr++) {
      if (r.fvRouteFlowVehPerH[fvIndex + rr] <= 1e-6 * input.fvDemandVehPerH[k]) continue;
      const listedBest = Math.min(...paths.routes[k].map((route) => Array.from(route).reduce((s, a) => s + t[a], 0)));
      fvOutside = Math.max(fvOutside, listedBest - rest[o]);
      fvWorst = Math.max(fvWorst, Array.from(paths.routes[k][rr]).reduce((s, a) => s + t[a], 0) - rest[o]);
    }
    fvIndex += nRoutes;
  });
  return { odCount: paths.ods.length, routesSeen, worstUsd: worst, usedSpreadUsd: spread, fvWorstMin: fvWorst, fvOutsideMin: fvOutside };
}

/** Per island: generation + import + shedding − fixed load − Cournot sales at the DLMP − station net, MW. */
function islandBalances({ scenario, r }: Case): { island: number[]; imbalanceMw: number[]; shedIssues: string[] } {
  const feeder = loadFeeder(scenario.feeder);
  const g = scenario.grid;
  const out = new Set(g.outagedLines.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
  const adj = new Map<number, number[]>(feeder.buses.map((b) => [b.id, []]));
  for (const br of feeder.branches) {
    if (!br.inService || out.has(`${Math.min(br.fromBus, br.toBus)}-${Math.max(br.fromBus, br.toBus)}`)) continue;
    adj.get(br.fromBus)!.push(br.toBus);
    adj.get(br.toBus)!.push(br.fromBus);
  }
  const islandOf = new Map<number, number>();
  let count = 0;
  for (const b of feeder.buses) {
    if (islandOf.has(b.id)) continue;
    const stack = [b.id];
    islandOf.set(b.id, count);
    while (stack.length > 0) for (const v of adj.get(stack.pop()!)!) if (!islandOf.has(v)) { islandOf.set(v, count); stack.push(v); }
    count += 1;
  }
  const bal = new Array<number>(count).fill(0);
  const F = g.lses.length;
  const shedIssues: string[] = [];
  for (const b of feeder.buses) {
    const k = islandOf.get(b.id)!;
    const pLoad = g.loadScale * b.pLoadMw;
    const fixed = g.fixedShare * pLoad + b.shuntGMw;
    const sRef = (1 - g.fixedShare) * pLoad;
    const dlmp = r.dlmpUsdPerMwhByBus[String(b.id)];
    let sales = 0;
    if (sRef > 0) {
      const beta = g.elasticRefPriceUsdPerMwh / (g.elasticity * sRef);
      const alpha = g.elasticRefPriceUsdPerMwh * (1 + 1 / g.elasticity);
      sales = Math.min(alpha / beta, Math.max(0, (F * (alpha - dlmp)) / ((F + 1) * beta)));
    }
    const shed = r.sheddingMwByBus[String(b.id)] ?? 0;
    bal[k] += shed - fixed - sales;
    if (shed > g.fixedShare * pLoad + 1e-9) shedIssues.push(`bus ${b.id}: shed ${shed} above its inelastic load`);
    if (shed > 1e-6 && Math.abs(dlmp - g.sheddingPenaltyUsdPerMwh) > 1e-4 * g.sheddingPenaltyUsdPerMwh) shedIssues.push(`bus ${b.id}: shed ${shed} MW at DLMP ${dlmp}`);
    if (dlmp > g.sheddingPenaltyUsdPerMwh * (1 + 1e-4)) shedIssues.push(`bus ${b.id}: DLMP ${dlmp} above the penalty`);
  }
  for (const gen of r.generators) bal[islandOf.get(gen.bus)!] += gen.pMw;
  bal[islandOf.get(feeder.slackBus)!] += r.importMw;
  for (const st of r.stations) bal[islandOf.get(st.bus)!] -= st.netMw;
  return { island: Array.from({ length: count }, (_, k) => k), imbalanceMw: bal, shedIssues };
}

const CASES: readonly [string, boolean][] = LONG
  ? [['base', false], ['base', true], ['stress', false], ['stress', true], ['island', false], ['island', true]]
  : [['island', true]];

describe.each(CASES)('seed 000 %s, V2G %s: independent checks', (name, v2g) => {
  let c: Case;
  it('solves to residual 1e-6', async () => {
    c = await solve(name, v2g);
    expect(c.r.status).toBe('converged');
  }, 60_000);

  it('Wardrop over all loopless routes × all stop plans: no path cheaper than the used ones by more than 1e-4 $, used EV paths within 1e-4 $; FV: listed routes include the network shortest (1e-9 min), used ones within 2e-3 min of it', () => {
    const w = wardropOverAllRoutes(c);
    expect(w.routesSeen).toBeGreaterThanOrEqual(w.odCount);
    expect(w.worstUsd).toBeLessThan(1e-4);
    expect(w.usedSpreadUsd).toBeLessThan(1e-4);
    expect(w.fvOutsideMin).toBeLessThan(1e-9);
    expect(w.fvWorstMin).toBeLessThan(2e-3);
  });

  it('market clears in every island (|imbalance| ≤ 1e-4 MW) and shedding is complementary to the DLMP at the penalty (1e-4 relative)', () => {
    const b = islandBalances(c);
    if (name === 'island') expect(b.island.length).toBeGreaterThanOrEqual(3);
    for (const [k, x] of b.imbalanceMw.entries()) expect(Math.abs(x), `island ${k}`).toBeLessThanOrEqual(1e-4);
    expect(b.shedIssues).toEqual([]);
  });
});
