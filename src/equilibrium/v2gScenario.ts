/**
 * Scenario files of the seed-000 V2G market equilibrium (`scenarios/siouxfalls-ieee123-*.json`):
 * a strict zod schema (every field documented in docs/static-equilibria.md §1.7) and
 * the loader that turns a file into a `V2gEquilibriumInput`.
 */
import { z } from 'zod';
import { InputError } from '../common/errors.js';
import { parseWithSchema } from '../common/zodIssues.js';
import { loadFeeder } from '../grid/io/loadFeeder.js';
import type { Feeder } from '../grid/model/feeder.js';
import { BUNDLED_NETWORKS, loadBundledNetwork, type BundledNetworkName } from '../traffic/io/loadBundledNetwork.js';
import { readTntpNetwork } from '../traffic/io/readTntpNetwork.js';
import { readTntpTrips } from '../traffic/io/readTntpTrips.js';
import type { Network, OdDemand } from '../traffic/network/network.js';
import { generateV2gPaths, type V2gPathSet } from '../traffic/v2g/v2gPaths.js';
import type { V2gEquilibriumInput } from './v2gModel.js';

const pos = z.number().positive();
const nonNeg = z.number().nonnegative();

const generatorSchema = z.strictObject({
  bus: z.number().int(), pMinMw: nonNeg, pMaxMw: nonNeg, qMaxMvar: nonNeg, costUsdPerMwh: nonNeg, costUsdPerMw2h: nonNeg,
});

/** Schema of a seed-000 scenario file. */
export const v2gScenarioSchema = z.strictObject({
  kind: z.literal('v2g-market-equilibrium'),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Why each calibrated parameter has its value (free text, one entry per field or group; not used by the model). */
  calibration: z.array(z.string()).optional(),
  /** Bundled network name (`SiouxFalls`) or a path to a TNTP `_net.tntp` file. */
  network: z.string().min(1),
  /** Bundled feeder name (`ieee123`, `case33bw`) or a path. */
  feeder: z.string().min(1),
  ods: z.strictObject({ origins: z.array(z.number().int()).min(1), destinations: z.array(z.number().int()).min(1) }),
  demand: z.strictObject({
    /** TNTP trips file for the OD demand (bundled network's when omitted). */
    tripsFile: z.string().optional(),
    scale: pos,
    /** Share of each OD's demand that drives EVs (rest: fuel vehicles). */
    evShare: z.number().min(0).max(1),
  }),
  stations: z.array(z.strictObject({
    id: z.string().min(1), node: z.number().int(), bus: z.number().int(),
    capacityVehPerH: pos, baseWaitMin: nonNeg, waitSlopeMinPerVehPerH: nonNeg, smoothingVehPerH: pos, pileKw: pos,
    pMinMw: z.number(), pMaxMw: z.number(),
  })).min(1),
  ev: z.strictObject({
    batteryKwh: pos, consumptionKwhPerKm: nonNeg, reserveShare: z.number().min(0).max(1),
    postDischargeShare: z.number().min(0).max(1), minExchangeKwh: nonNeg, degradationUsdPerKwh: nonNeg,
  }),
  valueOfTimeUsdPerH: pos,
  paths: z.strictObject({ kShortest: z.number().int().min(1).max(20), maxDetourRatio: z.number().min(1) }),
  grid: z.strictObject({
    loadScale: pos,
    /** Branches out of service, by end buses `[from, to]`. */
    outagedLines: z.array(z.tuple([z.number().int(), z.number().int()])),
    fixedShare: z.number().min(0).max(1),
    elasticRefPriceUsdPerMwh: pos,
    elasticity: pos,
    importPriceUsdPerMwh: nonNeg,
    importMaxMw: nonNeg,
    importQMaxMvar: nonNeg,
    sheddingPenaltyUsdPerMwh: pos,
    vMinPu: pos,
    vMaxPu: pos,
    defaultRatingMva: pos,
    ratings: z.array(z.strictObject({ from: z.number().int(), to: z.number().int(), rateMva: pos })),
    lses: z.array(z.strictObject({ id: z.string().min(1), generators: z.array(generatorSchema) })).min(1),
  }),
  /** V2G allowed (discharge patterns 2, 3, 4); the CLI's --v2g overrides it. */
  v2g: z.boolean(),
  /** OD pair whose dominant path is reported (rerouting example). */
  rerouteOd: z.strictObject({ origin: z.number().int(), destination: z.number().int() }).optional(),
  solver: z.strictObject({ tolerance: pos, maxIterations: z.number().int().min(1) }),
});

/** A parsed seed-000 scenario. */
export type V2gScenario = z.infer<typeof v2gScenarioSchema>;

/**
 * A bundled network name (with its TNTP trips) or a `_net.tntp` path (trips from `tripsFile`).
 * @example
 * const { network, demand } = loadEquilibriumNetwork('SiouxFalls', undefined, file);
 */
export function loadEquilibriumNetwork(name: string, tripsFile: string | undefined, source: string): { network: Network; demand: OdDemand[] } {
  if ((BUNDLED_NETWORKS as readonly string[]).includes(name)) {
    const bundled = loadBundledNetwork(name as BundledNetworkName);
    return { network: bundled.network, demand: tripsFile === undefined ? bundled.demand : readTntpTrips(tripsFile) };
  }
  if (tripsFile === undefined) throw new InputError({ source, field: 'demand.tripsFile', value: undefined }, 'required for a non-bundled network');
  return { network: readTntpNetwork(name), demand: readTntpTrips(tripsFile) };
}

/**
 * Parse and validate a seed-000 scenario object: the strict schema (an unknown key is named
 * as such), then cross-field rules: no duplicate station node / id, origin or destination;
 * no reversed range (station and generator `pMinMw ≤ pMaxMw`, `vMinPu < vMaxPu`,
 * `reserveShare < postDischargeShare < 1`).
 * @throws InputError naming `source`, the field path and the value.
 * @example
 * const sc = parseV2gScenario(readJsonFile(file), file); // readJsonFile: common/readJsonFile.ts
 */
export function parseV2gScenario(raw: unknown, source: string): V2gScenario {
  const s = parseWithSchema(v2gScenarioSchema, raw, source);
  if (s.ev.postDischargeShare <= s.ev.reserveShare) {
    throw new InputError({ source, field: 'ev.postDischargeShare', value: s.ev.postDischargeShare }, 'must exceed ev.reserveShare');
  }
  if (s.ev.postDischargeShare >= 1) {
    throw new InputError({ source, field: 'ev.postDischargeShare', value: s.ev.postDischargeShare }, 'must be < 1 (a discharge has to leave the battery below full)');
  }
  rejectDuplicates(source, 'stations', s.stations.map((st) => st.id), 'id', 'station ids must be unique');
  // Two stations at one road node would be one virtual charge/discharge node pair: the path
  // generator would silently keep only one of them.
  rejectDuplicates(source, 'stations', s.stations.map((st) => st.node), 'node', 'one station per road node (merge them into one station with the summed capacity)');
  rejectDuplicates(source, 'ods.origins', s.ods.origins, undefined, 'each origin once (a repeated origin would count its demand twice)');
  rejectDuplicates(source, 'ods.destinations', s.ods.destinations, undefined, 'each destination once (a repeated destination would count its demand twice)');
  s.stations.forEach((st, k) => {
    if (st.pMinMw > st.pMaxMw) throw new InputError({ source, field: `stations[${k}].pMinMw`, value: st.pMinMw }, `must be ≤ pMaxMw (${st.pMaxMw}); the range is reversed`);
  });
  s.grid.lses.forEach((lse, f) => lse.generators.forEach((g, k) => {
    if (g.pMinMw > g.pMaxMw) {
      throw new InputError({ source, field: `grid.lses[${f}].generators[${k}].pMinMw`, value: g.pMinMw }, `must be ≤ pMaxMw (${g.pMaxMw}); the range is reversed`);
    }
  }));
  if (s.grid.vMinPu >= s.grid.vMaxPu) {
    throw new InputError({ source, field: 'grid.vMinPu', value: s.grid.vMinPu }, `must be < grid.vMaxPu (${s.grid.vMaxPu}); the range is reversed`);
  }
  return s;
}

/** Throw for the second occurrence of a value in `values` (field `list[k].key`, or `list[k]` without key). */
function rejectDuplicates(source: string, list: string, values: readonly (string | number)[], key: string | undefined, reason: string): void {
  const first = new Map<string | number, number>();
  values.forEach((v, k) => {
    const earlier = first.get(v);
    if (earlier !== undefined) {
      const at = (i: number): string => `${list}[${i}]${key === undefined ? '' : `.${key}`}`;
      throw new InputError({ source, field: at(k), value: v }, `duplicate of ${at(earlier)}: ${reason}`);
    }
    first.set(v, k);
  });
}

/** Every road node and feeder bus the scenario names exists (errors name the file and field, not the engine). */
function checkReferences(scenario: V2gScenario, network: Network, feeder: Feeder, source: string): void {
  const node = (id: number, field: string): void => {
    if (!network.nodeIndex.has(id)) throw new InputError({ source, field, value: id }, `unknown node of network ${network.name}`);
  };
  const buses = new Set(feeder.buses.map((b) => b.id));
  const bus = (id: number, field: string): void => {
    if (!buses.has(id)) throw new InputError({ source, field, value: id }, `unknown bus of feeder ${feeder.name}`);
  };
  scenario.ods.origins.forEach((o, k) => node(o, `ods.origins[${k}]`));
  scenario.ods.destinations.forEach((d, k) => node(d, `ods.destinations[${k}]`));
  scenario.stations.forEach((st, k) => {
    node(st.node, `stations[${k}].node`);
    bus(st.bus, `stations[${k}].bus`);
  });
  scenario.grid.lses.forEach((lse, f) => lse.generators.forEach((g, k) => bus(g.bus, `grid.lses[${f}].generators[${k}].bus`)));
  if (scenario.rerouteOd !== undefined) {
    node(scenario.rerouteOd.origin, 'rerouteOd.origin');
    node(scenario.rerouteOd.destination, 'rerouteOd.destination');
  }
}

function branchId(feeder: Feeder, from: number, to: number, source: string, field: string): number {
  const br = feeder.branches.find((b) => (b.fromBus === from && b.toBus === to) || (b.fromBus === to && b.toBus === from));
  if (br === undefined) throw new InputError({ source, field, value: [from, to] }, `no branch between these buses in feeder ${feeder.name}`);
  return br.id;
}

/**
 * Load the network, feeder and demand of a scenario and generate its path set.
 *
 * @param v2g - overrides `scenario.v2g` (the CLI's --v2g).
 * @throws InputError for unknown nodes, buses, lines or OD pairs without demand or paths.
 * @example
 * const input = prepareV2gInput(sc, file, false); // V2G off
 */
export function prepareV2gInput(scenario: V2gScenario, source: string, v2g = scenario.v2g): V2gEquilibriumInput {
  const { network, demand: trips } = loadEquilibriumNetwork(scenario.network, scenario.demand.tripsFile, source);
  const feeder = loadFeeder(scenario.feeder);
  checkReferences(scenario, network, feeder, source);
  const tripOf = new Map<string, number>();
  trips.forEach((t) => tripOf.set(`${t.origin}>${t.destination}`, t.vehPerH));
  const ods: { origin: number; destination: number }[] = [];
  const total: number[] = [];
  for (const o of scenario.ods.origins) {
    for (const d of scenario.ods.destinations) {
      const v = (tripOf.get(`${o}>${d}`) ?? 0) * scenario.demand.scale;
      if (o === d || v <= 0) continue;
      ods.push({ origin: o, destination: d });
      total.push(v);
    }
  }
  if (ods.length === 0) throw new InputError({ source, field: 'ods', value: scenario.ods }, 'no OD pair with positive demand');
  let paths: V2gPathSet;
  try {
    paths = generateV2gPaths(network, {
      ods, stationNodes: scenario.stations.map((s) => s.node), kShortest: scenario.paths.kShortest,
      maxDetourRatio: scenario.paths.maxDetourRatio, v2g, energy: scenario.ev,
    });
  } catch (error) {
    // Name the scenario file, not the path generator: `ods[k]` there is the k-th OD pair with demand.
    if (!(error instanceof InputError) || error.location.field === undefined) throw error;
    const k = /^ods\[(\d+)\]/.exec(error.location.field);
    const od = k === null ? undefined : ods[Number(k[1])];
    const reason = error.message.slice(error.message.lastIndexOf(': ') + 2);
    throw new InputError({ source, field: od === undefined ? 'ev' : 'ods', value: od === undefined ? error.location.value : `${od.origin}->${od.destination}` },
      od === undefined ? reason : `${reason} (check ev.batteryKwh, ev.consumptionKwhPerKm, ev.reserveShare and paths.*)`);
  }
  const g = scenario.grid;
  const outagedBranches = g.outagedLines.map(([f, t], k) => branchId(feeder, f, t, source, `grid.outagedLines[${k}]`));
  const ratings = g.ratings.map((r, k) => ({ branchId: branchId(feeder, r.from, r.to, source, `grid.ratings[${k}]`), rateMva: r.rateMva }));
  const reportOd = scenario.rerouteOd === undefined ? undefined
    : ods.findIndex((od) => od.origin === scenario.rerouteOd!.origin && od.destination === scenario.rerouteOd!.destination);
  return {
    network, feeder, paths, stations: scenario.stations,
    evDemandVehPerH: Float64Array.from(total, (v) => v * scenario.demand.evShare),
    fvDemandVehPerH: Float64Array.from(total, (v) => v * (1 - scenario.demand.evShare)),
    valueOfTimeUsdPerH: scenario.valueOfTimeUsdPerH,
    degradationUsdPerKwh: scenario.ev.degradationUsdPerKwh,
    market: { ...g, outagedBranches, ratings },
    reportOd: reportOd === undefined || reportOd < 0 ? undefined : reportOd,
  };
}
