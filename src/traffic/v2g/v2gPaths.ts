/**
 * Energy-feasible EV path patterns on the seed-000 expanded network (seed 000
 * §II-B1–B4, Table I, Algorithm 1; docs/model.md §2 "Static special cases").
 *
 * Assumptions A1–A4: at most two station visits; full battery at departure;
 * discharge greedily down to the post-discharge level; charge greedily to full.
 * Under them the energy charged/discharged at every stop of a path is fixed before
 * the equilibrium is solved, so it is a path attribute, not a variable.
 */
import { InputError } from '../../common/errors.js';
import type { Network } from '../network/network.js';
import { kShortestPaths } from './kShortestPaths.js';

/** Path patterns of seed 000 Table I. */
export type V2gPattern = '0' | '1-1' | '1-2' | '2' | '3' | '4';

/** One station visit on a path. */
export interface V2gStop {
  /** Index into `V2gPathOptions.stationNodes`. */
  readonly station: number;
  readonly action: 'charge' | 'discharge';
  /** Energy charged (charge) or delivered to the grid (discharge), kWh per vehicle. */
  readonly energyKwh: number;
  /** The stop happens at the head node of `links[afterLink]`. */
  readonly afterLink: number;
}

/** One EV path in the expanded network: a road route plus its stops. */
export interface V2gPath {
  /** Index of the OD pair in `V2gPathSet.ods`. */
  readonly od: number;
  /** Index of the base route (in `V2gPathSet.routes[od]`). */
  readonly route: number;
  readonly pattern: V2gPattern;
  readonly stops: readonly V2gStop[];
  readonly chargedKwh: number;
  readonly dischargedKwh: number;
}

/** EV battery and energy-use parameters (seed 000 nomenclature). */
export interface V2gEnergyModel {
  /** Battery capacity B, kWh (A2: full at departure). */
  readonly batteryKwh: number;
  /** Energy use per km, kWh/km. */
  readonly consumptionKwhPerKm: number;
  /** Range-anxiety share: energy never below this share of B on arrival anywhere. */
  readonly reserveShare: number;
  /**
   * Post-discharge level as a share of B (A3). The level actually left is the larger
   * of this and the reserve plus the energy to the next charging stop or destination.
   */
  readonly postDischargeShare: number;
  /** Smallest charge/discharge worth a stop, kWh (smaller ones are not generated). */
  readonly minExchangeKwh: number;
}

/** Options of `generateV2gPaths`. */
export interface V2gPathOptions {
  /** OD pairs as external node ids. */
  readonly ods: readonly { readonly origin: number; readonly destination: number }[];
  /** External ids of the road nodes with a fast-charging station. */
  readonly stationNodes: readonly number[];
  /** Base routes per OD from Yen's algorithm on free-flow time (plus via-station routes). */
  readonly kShortest: number;
  /** Drop routes slower (free flow) than this multiple of the OD's fastest. */
  readonly maxDetourRatio: number;
  /** Allow discharge stops (patterns 2, 3, 4). */
  readonly v2g: boolean;
  readonly energy: V2gEnergyModel;
}

/** All generated paths, grouped by OD (CSR `odStart`). */
export interface V2gPathSet {
  readonly ods: readonly { readonly origin: number; readonly destination: number }[];
  /** Road routes per OD (link-index arrays); FVs use all of them without stops. */
  readonly routes: readonly (readonly Int32Array[])[];
  readonly paths: readonly V2gPath[];
  readonly odStart: Int32Array;
}

const nodesOf = (net: Network, origin: number, links: readonly number[]): number[] => [origin, ...links.map((a) => net.to[a])];
const loopless = (nodes: readonly number[]): boolean => new Set(nodes).size === nodes.length;

/** Base routes of one OD: k shortest, plus shortest via one and via two stations. */
function baseRoutes(net: Network, o: number, d: number, stations: readonly number[], options: V2gPathOptions): number[][] {
  const ff = net.freeFlowMin;
  const routes = kShortestPaths(net, ff, o, d, options.kShortest);
  if (routes.length === 0) return [];
  const fastest = routes[0].reduce((s, a) => s + ff[a], 0);
  const seen = new Set(routes.map((r) => r.join(',')));
  const leg = new Map<string, number[] | null>();
  const shortest = (a: number, b: number): number[] | null => {
    const k = `${a}>${b}`;
    if (!leg.has(k)) leg.set(k, kShortestPaths(net, ff, a, b, 1)[0] ?? null);
    return leg.get(k)!;
  };
  const tryAdd = (via: readonly number[]): void => {
    const chain = [o, ...via, d];
    const links: number[] = [];
    for (let i = 0; i + 1 < chain.length; i++) {
      const l = shortest(chain[i], chain[i + 1]);
      if (l === null) return;
      links.push(...l);
    }
    if (!loopless(nodesOf(net, o, links))) return;
    const key = links.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    routes.push(links);
  };
  const inner = stations.filter((s) => s !== o && s !== d);
  for (const s of inner) tryAdd([s]);
  for (const s1 of inner) for (const s2 of inner) if (s1 !== s2) tryAdd([s1, s2]);
  return routes.filter((r) => r.reduce((s, a) => s + ff[a], 0) <= options.maxDetourRatio * fastest + 1e-9);
}

/**
 * Simulate the battery along `links` with the given stops (A2–A4) and return the
 * stop energies, or null when infeasible (energy below the reserve on arrival at a
 * stop or the destination, or an exchange below `minExchangeKwh`).
 * @example
 * simulateV2gEnergy(net, route, [{ afterLink: 0, action: 'charge' }], energy); // [kWh charged]
 */
export function simulateV2gEnergy(
  net: Network, links: readonly number[], stops: readonly { afterLink: number; action: 'charge' | 'discharge' }[], energy: V2gEnergyModel,
): number[] | null {
  const full = energy.batteryKwh;
  const reserve = energy.reserveShare * full;
  const post = energy.postDischargeShare * full;
  // usedAfter[i] = energy used on links i+1…end (to the destination).
  const usedAfter = new Float64Array(links.length + 1);
  for (let i = links.length - 1; i >= 0; i--) usedAfter[i] = usedAfter[i + 1] + (i + 1 < links.length ? net.lengthKm[links[i + 1]] * energy.consumptionKwhPerKm : 0);
  let e = full;
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < links.length; i++) {
    e -= net.lengthKm[links[i]] * energy.consumptionKwhPerKm;
    while (next < stops.length && stops[next].afterLink === i) {
      if (e < reserve - 1e-9) return null;
      let level = full;
      if (stops[next].action === 'discharge') {
        // A3: down to the post-discharge level, but keep enough to reach the next
        // charging stop (or the destination) with the reserve.
        const nextCharge = stops.slice(next + 1).find((st) => st.action === 'charge');
        const need = nextCharge === undefined ? usedAfter[i] : usedAfter[i] - usedAfter[nextCharge.afterLink];
        level = Math.max(post, reserve + need);
      }
      const amount = stops[next].action === 'charge' ? full - e : e - level;
      if (amount < energy.minExchangeKwh) return null;
      out.push(amount);
      e = level;
      next += 1;
    }
  }
  return e < reserve - 1e-9 ? null : out;
}

/**
 * Generate the energy-feasible path set (seed 000 Algorithm 1).
 *
 * 1. Base routes per OD: Yen's k shortest (free-flow time), plus the shortest route
 *    through each station and each ordered station pair, kept if loopless and within
 *    `maxDetourRatio` of the fastest.
 * 2. For each route, every stop plan with ≤ 2 stops at distinct intermediate station
 *    nodes: none (0), charge (1-1), charge+charge (1-2), discharge (2),
 *    charge→discharge (3), discharge→charge (4); discharge plans only with `v2g`.
 * 3. Keep plans that pass `simulateV2gEnergy`; their stop energies become fixed
 *    attributes.
 *
 * @throws InputError for unknown nodes or non-positive energy parameters.
 * @example
 * const set = generateV2gPaths(net, { ods: [{ origin: 1, destination: 20 }], stationNodes: [12], kShortest: 4,
 *   maxDetourRatio: 1.6, v2g: true, energy: { batteryKwh: 10, consumptionKwhPerKm: 0.25, reserveShare: 0.2,
 *   postDischargeShare: 0.4, minExchangeKwh: 0.5 } });
 */
export function generateV2gPaths(net: Network, options: V2gPathOptions): V2gPathSet {
  const src = 'traffic/v2g/generateV2gPaths';
  const e = options.energy;
  if (!(e.batteryKwh > 0)) throw new InputError({ source: src, field: 'energy.batteryKwh', value: e.batteryKwh }, 'must be > 0');
  if (!(e.consumptionKwhPerKm >= 0)) throw new InputError({ source: src, field: 'energy.consumptionKwhPerKm', value: e.consumptionKwhPerKm }, 'must be ≥ 0');
  if (!(e.reserveShare >= 0 && e.reserveShare < e.postDischargeShare && e.postDischargeShare < 1)) {
    throw new InputError({ source: src, field: 'energy.postDischargeShare', value: e.postDischargeShare }, 'need 0 ≤ reserveShare < postDischargeShare < 1');
  }
  const idx = (id: number, field: string): number => {
    const i = net.nodeIndex.get(id);
    if (i === undefined) throw new InputError({ source: src, field, value: id }, `unknown node of network ${net.name}`);
    return i;
  };
  const stationIdx = options.stationNodes.map((s, k) => idx(s, `stationNodes[${k}]`));
  const stationAt = new Map<number, number>();
  stationIdx.forEach((node, k) => stationAt.set(node, k));
  const routesByOd: Int32Array[][] = [];
  const paths: V2gPath[] = [];
  const odStart = new Int32Array(options.ods.length + 1);
  options.ods.forEach((od, k) => {
    const o = idx(od.origin, `ods[${k}].origin`);
    const d = idx(od.destination, `ods[${k}].destination`);
    const routes = baseRoutes(net, o, d, stationIdx, options);
    if (routes.length === 0) throw new InputError({ source: src, field: `ods[${k}]`, value: `${od.origin}->${od.destination}` }, 'no route');
    routesByOd.push(routes.map((r) => Int32Array.from(r)));
    routes.forEach((links, r) => {
      const spots: { afterLink: number; station: number }[] = [];
      for (let i = 0; i + 1 < links.length; i++) {
        const s = stationAt.get(net.to[links[i]]);
        if (s !== undefined) spots.push({ afterLink: i, station: s });
      }
      const plans: { stops: { afterLink: number; station: number; action: 'charge' | 'discharge' }[]; pattern: V2gPattern }[] = [{ stops: [], pattern: '0' }];
      for (const a of spots) {
        plans.push({ stops: [{ ...a, action: 'charge' }], pattern: '1-1' });
        if (options.v2g) plans.push({ stops: [{ ...a, action: 'discharge' }], pattern: '2' });
      }
      for (let i = 0; i < spots.length; i++) {
        for (let j = i + 1; j < spots.length; j++) {
          const a = spots[i];
          const b = spots[j];
          plans.push({ stops: [{ ...a, action: 'charge' }, { ...b, action: 'charge' }], pattern: '1-2' });
          if (options.v2g) {
            plans.push({ stops: [{ ...a, action: 'charge' }, { ...b, action: 'discharge' }], pattern: '3' });
            plans.push({ stops: [{ ...a, action: 'discharge' }, { ...b, action: 'charge' }], pattern: '4' });
          }
        }
      }
      for (const plan of plans) {
        const amounts = simulateV2gEnergy(net, links, plan.stops, e);
        if (amounts === null) continue;
        const stops = plan.stops.map((s, k) => ({ station: s.station, action: s.action, afterLink: s.afterLink, energyKwh: amounts[k] }));
        const sum = (act: string): number => stops.filter((s) => s.action === act).reduce((t, s) => t + s.energyKwh, 0);
        paths.push({ od: k, route: r, pattern: plan.pattern, stops, chargedKwh: sum('charge'), dischargedKwh: sum('discharge') });
      }
    });
    odStart[k + 1] = paths.length;
    if (odStart[k + 1] === odStart[k]) {
      throw new InputError({ source: src, field: `ods[${k}]`, value: `${od.origin}->${od.destination}` }, 'no energy-feasible EV path (battery too small for every route and stop plan)');
    }
  });
  return { ods: options.ods, routes: routesByOd, paths, odStart };
}
