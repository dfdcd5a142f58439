/**
 * Independent checks of a seed-002 result from raw inputs (the scenario JSON, the TNTP
 * network file and the case33bw CSV tables), sharing no code with src/equilibrium:
 * Wardrop over ALL routes (Dijkstra on the priced network, O(V²)), market clearing,
 * road/station/line limits and the complementarity of tolls and station prices.
 */
import { readFileSync } from 'node:fs';
import type { GweResult } from '../../src/equilibrium/solveGweScenario.ts';

const root = new URL('../../scenarios/data/', import.meta.url).pathname;

interface RawLink { from: number; to: number; capacity: number; length: number; fft: number; b: number; power: number }

function readTntp(file: string): RawLink[] {
  const text = readFileSync(file, 'utf8');
  const body = text.slice(text.indexOf('<END OF METADATA>') + 17);
  return body.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('~')).map((l) => {
    const v = l.replace(';', '').trim().split(/\s+/).map(Number);
    return { from: v[0], to: v[1], capacity: v[2], length: v[3], fft: v[4], b: v[5], power: v[6] };
  });
}

function csv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const keys = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, k) => [keys[k], v])));
}

/** Raw scenario fields the checks need (validated by the parser elsewhere). */
export interface RawGweScenario {
  delay?: { kind: 'network' } | { kind: 'linear'; alpha: number; speedKmPerH: number; capacityVehPerKm: number };
  backgroundShareOfCapacity: number;
  roadLimitShareOfCapacity: number;
  agents: { origins: number[]; perOrigin: number; vehPerH: number; valueOfTimeUsdPerH: [number, number]; energyKwh: [number, number] };
  preferenceUsd: number;
  stations: { id: string; node: number; bus: number; capacityKw: number; congestionUsd: number; serviceRatePerH: number; chargers: number }[];
  generators: { bus: number; pMaxMw: number; costUsdPerMwh: number; costUsdPerMw2h: number }[];
  lineLimits: { from: number; to: number; rateMva: number }[];
  loadScale: number;
}

/** Worst findings of the checks (all relative unless named). */
export interface GweCheckReport {
  /** Largest (used route cost − cheapest option over all routes), $. */
  wardropUsd: number;
  /** Largest cost spread among one agent's used routes, $. */
  usedSpreadUsd: number;
  /** |Σ generation − Σ load| / Σ load. */
  balance: number;
  /** Largest limit violation / limit (roads, stations, lines). */
  violation: number;
  /** Largest |flow − limit| / limit over links with a toll > 1e-6 $, and stations with a price > 1e-9 $/kWh. */
  tollSlack: number;
  stationPriceSlack: number;
  /** Largest |DLMP − marginal cost| of generators strictly inside their bounds, $/MWh. */
  generatorMismatchUsdPerMwh: number;
  /** Agent parameters recomputed from the ranges (θ, e) vs reported: largest difference. */
  agentParamDiff: number;
  /** Recomputed link flows, by `from-to`. */
  linkFlow: Map<string, number>;
  limit: Map<string, number>;
}

/**
 * Check `r` against the raw inputs of scenario `sc` on Sioux Falls + case33bw.
 * @example
 * const c = checkGwe(raw, result); expect(c.wardropUsd).toBeLessThan(1e-6);
 */
export function checkGwe(sc: RawGweScenario, r: GweResult): GweCheckReport {
  const links = readTntp(`${root}transport/SiouxFalls/SiouxFalls_net.tntp`);
  const d = sc.delay ?? { kind: 'network' as const };
  const key = (a: number, b: number): string => `${a}-${b}`;
  const idx = new Map(links.map((l, k) => [key(l.from, l.to), k]));
  const cap = links.map((l) => (d.kind === 'linear' ? d.capacityVehPerKm * l.length : l.capacity));
  const t0 = links.map((l) => (d.kind === 'linear' ? (60 * l.length) / d.speedKmPerH : l.fft));
  const time = (k: number, w: number): number => (d.kind === 'linear' ? t0[k] * (1 + d.alpha * (w / cap[k])) : t0[k] * (1 + links[k].b * (w / cap[k]) ** links[k].power));
  // Agents from the ranges (evenly spaced quantiles, energy rotated by origin).
  const q = (lo: number, hi: number, k: number, n: number): number => (n === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (n - 1));
  const A = sc.agents;
  const agents = A.origins.flatMap((o, oi) => Array.from({ length: A.perOrigin }, (_, k) => ({
    origin: o, m: A.vehPerH, theta: q(A.valueOfTimeUsdPerH[0], A.valueOfTimeUsdPerH[1], k, A.perOrigin),
    e: q(A.energyKwh[0], A.energyKwh[1], (k + oi) % A.perOrigin, A.perOrigin),
  })));
  let agentParamDiff = 0;
  agents.forEach((a, i) => {
    const rep = r.agents[i];
    agentParamDiff = Math.max(agentParamDiff, Math.abs(rep.valueOfTimeUsdPerH - a.theta), Math.abs(rep.energyKwh - a.e), Math.abs(rep.origin - a.origin));
  });
  // Flows from the used routes.
  const flow = cap.map((c) => c * sc.backgroundShareOfCapacity);
  const arrivals = new Map<string, number>();
  const kw = new Map<string, number>();
  const routeLinks = r.usedRoutes.map((u) => {
    const nodes = u.nodes.split('-').map(Number);
    const ls = nodes.slice(1).map((n, k) => idx.get(key(nodes[k], n))!);
    ls.forEach((l) => (flow[l] += u.flowVehPerH));
    arrivals.set(u.station, (arrivals.get(u.station) ?? 0) + u.flowVehPerH);
    kw.set(u.station, (kw.get(u.station) ?? 0) + u.flowVehPerH * agents[u.agent].e);
    return ls;
  });
  const tollOf = new Map(r.roadTolls.map((t) => [t.link, t.tollUsd]));
  const toll = links.map((l) => tollOf.get(key(l.from, l.to)) ?? 0);
  const stationPrice = new Map(r.stations.map((s) => [s.id, s.capacityPriceUsdPerKwh]));
  const dlmp = r.dlmpUsdPerMwhByBus;
  const stationCost = (s: RawGweScenario['stations'][number], e: number): number =>
    (s.congestionUsd * (arrivals.get(s.id) ?? 0)) / (s.chargers * s.serviceRatePerH) + (e * dlmp[String(s.bus)]) / 1000 + e * (stationPrice.get(s.id) ?? 0);
  // Plain O(V²) Dijkstra.
  const nodes = [...new Set(links.flatMap((l) => [l.from, l.to]))];
  const dijkstra = (origin: number, w: number[]): Map<number, { cost: number; pred: number }> => {
    const lab = new Map(nodes.map((n) => [n, { cost: Infinity, pred: -1 }]));
    lab.get(origin)!.cost = 0;
    const done = new Set<number>();
    for (;;) {
      let u = -1;
      for (const n of nodes) if (!done.has(n) && lab.get(n)!.cost < Infinity && (u < 0 || lab.get(n)!.cost < lab.get(u)!.cost)) u = n;
      if (u < 0) break;
      done.add(u);
      links.forEach((l, k) => {
        if (l.from !== u) return;
        const c = lab.get(u)!.cost + w[k];
        if (c < lab.get(l.to)!.cost) lab.set(l.to, { cost: c, pred: k });
      });
    }
    return lab;
  };
  // Preferred option per agent: free-flow shortest route to the nearest station.
  let wardropUsd = 0;
  let usedSpreadUsd = 0;
  agents.forEach((a, i) => {
    const ff = dijkstra(a.origin, t0);
    const nearest = sc.stations.reduce((b, s) => (ff.get(s.node)!.cost < ff.get(b.node)!.cost ? s : b));
    const prefRoute: number[] = [];
    for (let v = nearest.node; ff.get(v)!.pred >= 0; v = links[ff.get(v)!.pred].from) prefRoute.unshift(ff.get(v)!.pred);
    const w = links.map((_, k) => (a.theta / 60) * time(k, flow[k]) + toll[k]);
    const lab = dijkstra(a.origin, w);
    const routeCost = (ls: number[]): number => ls.reduce((s, l) => s + w[l], 0);
    let best = routeCost(prefRoute) + stationCost(nearest, a.e);
    for (const s of sc.stations) best = Math.min(best, lab.get(s.node)!.cost + stationCost(s, a.e) + sc.preferenceUsd);
    const used = r.usedRoutes.map((u, k) => ({ u, k })).filter(({ u }) => u.agent === i && u.flowVehPerH > 1e-6);
    const costs = used.map(({ u, k }) => {
      const s = sc.stations.find((x) => x.id === u.station)!;
      const isPref = s.id === nearest.id && routeLinks[k].length === prefRoute.length && routeLinks[k].every((l, j) => l === prefRoute[j]);
      return routeCost(routeLinks[k]) + stationCost(s, a.e) + (isPref ? 0 : sc.preferenceUsd);
    });
    for (const c of costs) wardropUsd = Math.max(wardropUsd, c - best);
    if (costs.length > 0) usedSpreadUsd = Math.max(usedSpreadUsd, Math.max(...costs) - Math.min(...costs));
  });
  // Grid: loads from bus.csv, flows as subtree sums of the radial tree from bus 1.
  const buses = csv(`${root}grid/case33bw/bus.csv`);
  const branches = csv(`${root}grid/case33bw/branch.csv`).filter((b) => b.status === '1');
  const withdrawal = new Map(buses.map((b) => [Number(b.bus_i), (Number(b.Pd_kW) / 1000) * sc.loadScale]));
  sc.stations.forEach((s) => withdrawal.set(s.bus, withdrawal.get(s.bus)! + (kw.get(s.id) ?? 0) / 1000));
  r.generators.forEach((g) => withdrawal.set(g.bus, withdrawal.get(g.bus)! - g.pMw));
  const children = new Map<number, number[]>();
  const seen = new Set([1]);
  const order = [1];
  for (let k = 0; k < order.length; k++) {
    for (const b of branches) {
      const [f, t] = [Number(b.fbus), Number(b.tbus)];
      const other = f === order[k] ? t : t === order[k] ? f : -1;
      if (other < 0 || seen.has(other)) continue;
      seen.add(other);
      order.push(other);
      children.set(order[k], [...(children.get(order[k]) ?? []), other]);
    }
  }
  const sub = new Map<number, number>();
  for (const b of [...order].reverse()) sub.set(b, withdrawal.get(b)! + (children.get(b) ?? []).reduce((s, c) => s + sub.get(c)!, 0));
  const totalLoad = buses.reduce((s, b) => s + (Number(b.Pd_kW) / 1000) * sc.loadScale, 0) + [...kw.values()].reduce((s, v) => s + v, 0) / 1000;
  const totalGen = r.generators.reduce((s, g) => s + g.pMw, 0);
  let violation = 0;
  for (const l of sc.lineLimits) {
    const down = (children.get(l.from) ?? []).includes(l.to) ? l.to : l.from;
    violation = Math.max(violation, (Math.abs(sub.get(down)!) - l.rateMva) / l.rateMva);
  }
  const limit = cap.map((c) => c * sc.roadLimitShareOfCapacity);
  let tollSlack = 0;
  links.forEach((_, k) => {
    violation = Math.max(violation, (flow[k] - limit[k]) / limit[k]);
    if (toll[k] > 1e-6) tollSlack = Math.max(tollSlack, Math.abs(flow[k] - limit[k]) / limit[k]);
  });
  let stationPriceSlack = 0;
  for (const s of sc.stations) {
    const load = kw.get(s.id) ?? 0;
    violation = Math.max(violation, (load - s.capacityKw) / s.capacityKw);
    if ((stationPrice.get(s.id) ?? 0) > 1e-9) stationPriceSlack = Math.max(stationPriceSlack, Math.abs(load - s.capacityKw) / s.capacityKw);
  }
  let generatorMismatchUsdPerMwh = 0;
  sc.generators.forEach((g, k) => {
    const p = r.generators[k].pMw;
    if (p > 1e-6 && p < g.pMaxMw - 1e-6) generatorMismatchUsdPerMwh = Math.max(generatorMismatchUsdPerMwh, Math.abs(dlmp[String(g.bus)] - (2 * g.costUsdPerMw2h * p + g.costUsdPerMwh)));
  });
  const keyed = (v: number[]): Map<string, number> => new Map(links.map((l, k) => [key(l.from, l.to), v[k]]));
  return {
    wardropUsd, usedSpreadUsd, balance: Math.abs(totalGen - totalLoad) / totalLoad, violation: Math.max(0, violation), tollSlack, stationPriceSlack,
    generatorMismatchUsdPerMwh, agentParamDiff, linkFlow: keyed(flow), limit: keyed(limit),
  };
}

/**
 * Road feasibility from raw inputs: maximum flow (augmenting paths, DFS) from the agents'
 * origins to the station nodes on headroom (limit − background) of every link, veh/h.
 * @example
 * roadMaxFlow(raw); // total EV demand when the road limits are feasible
 */
export function roadMaxFlow(sc: RawGweScenario): number {
  const links = readTntp(`${root}transport/SiouxFalls/SiouxFalls_net.tntp`);
  const d = sc.delay ?? { kind: 'network' as const };
  const res = new Map<string, number>();
  const add = (u: number, v: number, c: number): void => {
    res.set(`${u}>${v}`, (res.get(`${u}>${v}`) ?? 0) + c);
    if (!res.has(`${v}>${u}`)) res.set(`${v}>${u}`, 0);
  };
  for (const l of links) add(l.from, l.to, (d.kind === 'linear' ? d.capacityVehPerKm * l.length : l.capacity) * (sc.roadLimitShareOfCapacity - sc.backgroundShareOfCapacity));
  for (const o of sc.agents.origins) add(0, o, sc.agents.vehPerH * sc.agents.perOrigin);
  for (const s of sc.stations) add(s.node, -1, 1e12);
  const nbrs = new Map<number, number[]>();
  for (const k of res.keys()) {
    const [u, v] = k.split('>').map(Number);
    nbrs.set(u, [...(nbrs.get(u) ?? []), v]);
  }
  let total = 0;
  for (;;) {
    const seen = new Set<number>([0]);
    const path: number[] = [];
    const dfs = (u: number): boolean => {
      if (u === -1) return true;
      for (const v of nbrs.get(u) ?? []) {
        if (seen.has(v) || res.get(`${u}>${v}`)! <= 1e-12) continue;
        seen.add(v);
        path.push(v);
        if (dfs(v)) return true;
        path.pop();
      }
      return false;
    };
    if (!dfs(0)) return total;
    const nodes = [0, ...path];
    let push = Infinity;
    for (let k = 1; k < nodes.length; k++) push = Math.min(push, res.get(`${nodes[k - 1]}>${nodes[k]}`)!);
    for (let k = 1; k < nodes.length; k++) {
      res.set(`${nodes[k - 1]}>${nodes[k]}`, res.get(`${nodes[k - 1]}>${nodes[k]}`)! - push);
      res.set(`${nodes[k]}>${nodes[k - 1]}`, res.get(`${nodes[k]}>${nodes[k - 1]}`)! + push);
    }
    total += push;
  }
}
