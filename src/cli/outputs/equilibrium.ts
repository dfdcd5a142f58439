/**
 * What `ev-cosim equilibrium --json` prints (one JSON object on stdout), one strict
 * schema per model `kind`: docs/outputs.md is generated from them and the CLI tests
 * parse real outputs with them. The models, residuals and outputs are those of
 * docs/static-equilibria.md (§1 seed 000, §2 seed 002); the study period is 1 h, so
 * an energy in MWh equals the mean power in MW.
 */
import { z } from 'zod';
import type { OutputDoc } from '../../common/outputDoc.js';
import { numberByBus, numberById } from '../../common/outputFields.js';

const busId = z.number().int();
const status = z.enum(['converged', 'not-converged']).describe('`converged` when the residual reached the tolerance');
const residualHistory = z.array(z.number()).describe('equilibrium residual after each iteration');

const socialCost = z.strictObject({
  generationUsdPerH: z.number().describe('generation cost (LSE units and substation import), $/h'),
  sheddingUsdPerH: z.number().describe('shedding penalty × load shed, $/h (0 for seed 002)'),
  travelUsdPerH: z.number().describe('value of time × travel, waiting and service time of all vehicles, $/h'),
  energyUsdPerH: z.number().describe('EV energy payments (net of V2G revenue) and battery degradation, $/h'),
  totalUsdPerH: z.number().describe('sum of the four, $/h (the papers\' operational cost, not a welfare measure)'),
}).describe('social cost split (docs/static-equilibria.md §1.6)');

const v2gResiduals = z.strictObject({
  traffic: z.number().describe('EV and FV Wardrop gap Σ f(c − c_min) / Σ f·(time cost)'),
  lseGeneration: z.number().describe('LSE generator optimality (marginal cost vs DLMP), relative to the reference price'),
  lseSales: z.number().describe('LSE Cournot sales |S − S*(DLMP)| relative to the retail market'),
  cno: z.number().describe('charging-network operator optimality (station price vs DLMP), relative to the reference price'),
  dso: z.number().describe('DSO reduced-cost sign conditions, relative to the reference price'),
  marketClearing: z.number().describe('largest row violation (bus balances, station energy, OD demand), relative to load or demand'),
  max: z.number().describe('largest of the above: the equilibrium residual'),
}).describe('relative residual of every player\'s optimality conditions and of market clearing (docs/static-equilibria.md §1.5)');

const gweResiduals = z.strictObject({
  wardrop: z.number().describe('Wardrop gap Σ f·(c − c_min) / Σ f·c over route flows, c_min = cheapest option over all network routes'),
  energyBalance: z.number().describe('|Σ generation − Σ load| / Σ load'),
  couplingViolation: z.number().describe('largest violation of line, voltage, road and station limits, relative to the limit'),
  complementarity: z.number().describe('largest |multiplier × slack|, relative to the multiplier scale'),
  dso: z.number().describe('largest generator optimality violation (marginal cost vs DLMP, sign at bounds), relative to the mean DLMP'),
}).describe('equilibrium checks at the solution; `wardrop` against the cheapest option over all network routes (docs/static-equilibria.md §2.2)');

const pathCost = z.strictObject({
  timeUsd: z.number().describe('travel time cost, $'),
  waitUsd: z.number().describe('waiting cost at stations, $'),
  serviceUsd: z.number().describe('charging / discharging service time cost, $'),
  energyUsd: z.number().describe('charging payment minus discharging revenue at station prices, $'),
  degradationUsd: z.number().describe('battery degradation cost, $'),
  totalUsd: z.number().describe('generalized cost, the sum of the above, $'),
}).describe('generalized cost per vehicle by component');

const dominantPath = z.strictObject({
  od: z.string().describe('OD pair, `origin->destination`'),
  pattern: z.string().describe('path pattern (seed 000 Table I)'),
  nodes: z.string().describe('expanded-network nodes joined by `-`; `12+` = charge at 12, `12-` = discharge at 12'),
  flowShare: z.number().describe('share of the OD pair\'s EVs on this path'),
  lengthKm: z.number().describe('path length, km'),
  cost: pathCost,
});

/** Seed-000 shedding energy and price-sensitive demand priced out, beside `loadShedMw` (docs/static-equilibria.md §1.6). */
const v2gUnservedFields = {
  loadShedMwh: z.number().describe('household load shed over the 1-h study period, MWh'),
  priceSensitiveRefMw: z.number().describe('price-sensitive household demand at the reference retail price (`grid.elasticRefPriceUsdPerMwh`), MW'),
  unservedPriceSensitiveMw: z.number().describe('price-sensitive demand priced out: Σ over buses of max(0, reference demand − retail sales), MW (not shedding: no penalty)'),
  unservedPriceSensitiveMwh: z.number().describe('the same over the 1-h study period, MWh'),
};

/** `details` of a seed-000 result (`V2gEquilibriumResult`). */
const v2gDetails = z.strictObject({
  status,
  residual: z.number().describe('equilibrium residual reached (= `residuals.max`)'),
  residuals: v2gResiduals,
  iterations: z.number().int().describe('outer-approximation iterations'),
  residualHistory,
  cuts: z.number().int().describe('outer-approximation cuts added'),
  loadShedMw: z.number().describe('household load shed, MW'),
  ...v2gUnservedFields,
  maxDlmpUsdPerMwh: z.number().describe('highest DLMP, $/MWh'),
  minDlmpUsdPerMwh: z.number().describe('lowest DLMP, $/MWh'),
  dlmpUsdPerMwhByBus: numberByBus('DLMP by bus, $/MWh'),
  stationVisitShare: z.number().describe('share of EV trips that stop at a station'),
  v2gPathShare: z.number().describe('share of EV trips whose path has a discharge stop'),
  chargedMwh: z.number().describe('gross energy charged at stations, MWh'),
  dischargedMwh: z.number().describe('gross energy discharged at stations, MWh'),
  waitingVehH: z.number().describe('waiting time at stations, veh·h'),
  serviceVehH: z.number().describe('charging and discharging service time, veh·h'),
  activeV2gOdPairs: z.array(z.string()).describe('OD pairs (`origin->destination`) with discharge flow'),
  stations: z.array(z.strictObject({
    id: z.string().describe('station id'),
    node: z.number().int().describe('road node'),
    bus: busId.describe('feeder bus'),
    visitsVehPerH: z.number().describe('visits, veh/h'),
    chargedMw: z.number().describe('charging power, MW'),
    dischargedMw: z.number().describe('discharging (V2G) power, MW'),
    netMw: z.number().describe('net exchange with the grid (+ = drawn), MW'),
    waitMin: z.number().describe('waiting time per visit, min'),
    priceUsdPerMwh: z.number().describe('station energy price, $/MWh'),
    dlmpUsdPerMwh: z.number().describe('DLMP at the station bus, $/MWh'),
  })).describe('per station'),
  importMw: z.number().describe('substation import, MW'),
  lseGenerationMw: numberById('lse', 'generation by LSE, MW'),
  generators: z.array(z.strictObject({
    lse: z.string().describe('LSE that owns the unit'),
    bus: busId.describe('bus of the unit'),
    pMw: z.number().describe('output, MW'),
    costUsdPerMwh: z.number().describe('linear cost coefficient, $/MWh'),
    dlmpUsdPerMwh: z.number().describe('DLMP at its bus, $/MWh'),
  })).describe('every LSE unit'),
  fixedLoadMw: z.number().describe('fixed (inelastic) household load, MW'),
  sheddingMwByBus: numberByBus('load shed by bus, MW (buses with shedding only)'),
  evPathFlowVehPerH: z.array(z.number()).describe('EV flow on each generated path, veh/h (path order of the scenario\'s path set)'),
  fvRouteFlowVehPerH: z.array(z.number()).describe('fuel-vehicle flow on each route, veh/h (routes grouped by OD pair)'),
  retailSalesMw: z.number().describe('elastic retail sales of the LSEs, MW'),
  socialCost: z.strictObject({
    generationUsdPerH: z.number().describe('generation cost, $/h'),
    sheddingUsdPerH: z.number().describe('shedding penalty × load shed, $/h'),
    travelUsdPerH: z.number().describe('travel, waiting and service time cost, $/h'),
    energyUsdPerH: z.number().describe('EV net energy payments and degradation, $/h'),
    totalUsdPerH: z.number().describe('sum of the four, $/h'),
  }).describe('social cost split (same as the top-level `socialCost`)'),
  dominantPaths: z.array(dominantPath).describe('per OD pair with EV demand: its largest-flow path'),
  dominantV2gPaths: z.array(dominantPath).describe('per OD pair with discharge flow: its largest-flow path with a discharge stop'),
  reroute: z.strictObject({
    dominant: dominantPath.describe('largest-flow path of the reported OD pair'),
    dominantV2g: dominantPath.nullable().describe('its largest-flow path with a discharge stop, or null'),
  }).nullable().describe('the rerouting example of the scenario\'s `reportOd`, or null when it names none'),
}).describe('seed-000 model details (docs/static-equilibria.md §1.6)');

/** `details` of a seed-002 result (`GweResult`). */
const gweDetails = z.strictObject({
  status,
  residual: z.number().describe('largest of the Newton natural residual and the checks in `residuals`'),
  iterations: z.number().int().describe('semismooth Newton iterations over all column-generation rounds'),
  residualHistory,
  columnRounds: z.number().int().describe('column-generation rounds (restricted solves)'),
  routeCount: z.number().int().describe('(agent, station, route) options in the final route set'),
  residuals: gweResiduals,
  loadShedMw: z.number().describe('load shed, MW (always 0: the seed-002 model has no shedding)'),
  maxDlmpUsdPerMwh: z.number().describe('highest DLMP, $/MWh'),
  minDlmpUsdPerMwh: z.number().describe('lowest DLMP, $/MWh'),
  dlmpUsdPerMwhByBus: numberByBus('DLMP by bus, $/MWh'),
  chargedMwh: z.number().describe('energy charged at all stations, MWh'),
  agents: z.array(z.strictObject({
    origin: z.number().int().describe('origin road node'),
    vehPerH: z.number().describe('population, veh/h'),
    valueOfTimeUsdPerH: z.number().describe('value of time, $/h'),
    energyKwh: z.number().describe('energy demand per vehicle, kWh'),
    costUsd: z.number().describe('equilibrium cost per vehicle (cost of every used option), $'),
  })).describe('EV agents (populations) in scenario order'),
  stations: z.array(z.strictObject({
    id: z.string().describe('station id'),
    node: z.number().int().describe('road node'),
    bus: busId.describe('feeder bus'),
    arrivalsVehPerH: z.number().describe('arrivals, veh/h'),
    chargingKw: z.number().describe('charging power delivered, kW'),
    capacityKw: z.number().describe('station capacity (coupling limit 15a), kW'),
    congestionPriceUsd: z.number().describe('congestion price per visiting vehicle, $'),
    dlmpUsdPerMwh: z.number().describe('DLMP at the station bus, $/MWh'),
    capacityPriceUsdPerKwh: z.number().describe('multiplier of the station capacity constraint, $/kWh'),
  })).describe('per station'),
  generators: z.array(z.strictObject({
    bus: busId.describe('bus of the unit'),
    pMw: z.number().describe('output, MW'),
    marginalCostUsdPerMwh: z.number().describe('marginal cost at that output, $/MWh'),
    dlmpUsdPerMwh: z.number().describe('DLMP at its bus, $/MWh'),
  })).describe('every generator'),
  roadTolls: z.array(z.strictObject({
    link: z.string().describe('road link, `from-to` node numbers'),
    tollUsd: z.number().describe('toll per vehicle (multiplier of the road limit), $'),
    flowVehPerH: z.number().describe('link flow (background + EVs), veh/h'),
    limitVehPerH: z.number().describe('road limit (15b), veh/h'),
  })).describe('links with a positive toll'),
  lineFlows: z.array(z.strictObject({
    from: busId.describe('from bus'),
    to: busId.describe('to bus'),
    flowMw: z.number().describe('active power flow (LinDistFlow, positive downstream), MW'),
    rateMw: z.number().describe('limit, MW'),
  })).describe('limited lines (scenario `lineLimits`)'),
  usedRoutes: z.array(z.strictObject({
    agent: z.number().int().describe('agent index (order of `agents`)'),
    station: z.string().describe('station id'),
    nodes: z.string().describe('road nodes from the origin to the station, joined by `-`'),
    flowVehPerH: z.number().describe('flow, veh/h'),
    costUsd: z.number().describe('generalized cost per vehicle, $'),
  })).describe('every (agent, station, route) option with flow'),
  socialCost: z.strictObject({
    generationUsdPerH: z.number().describe('generation cost, $/h'),
    travelUsdPerH: z.number().describe('travel time cost, $/h'),
    energyUsdPerH: z.number().describe('EV energy payments at DLMPs, $/h'),
    totalUsdPerH: z.number().describe('sum of the three, $/h'),
  }).describe('social cost split (the top-level `socialCost` adds `sheddingUsdPerH` = 0)'),
}).describe('seed-002 model details (docs/static-equilibria.md §2)');

/** The fields both kinds print, around their kind-specific `residuals` and `details`. */
function summarySchema<K extends string, R extends z.ZodType, D extends z.ZodType>(kind: K, v2g: z.ZodType<boolean>, residuals: R, details: D) {
  return z.strictObject({
    scenario: z.string().describe('scenario name'),
    kind: z.literal(kind).describe('model of the scenario file'),
    v2g: v2g,
    status,
    residual: z.number().describe('equilibrium residual reached (relative); the exit code is 2 above the tolerance'),
    residuals,
    iterations: z.number().int().describe('solver iterations'),
    residualHistory,
    loadShedMw: z.number().describe('household load shed, MW'),
    maxDlmpUsdPerMwh: z.number().describe('highest DLMP, $/MWh'),
    maxDlmpBus: busId.describe('bus with the highest DLMP (the lowest bus number on a tie)'),
    stationVisitShare: z.number().describe('share of EV trips that stop at a station'),
    v2gPathShare: z.number().describe('share of EV trips whose path has a discharge stop'),
    chargedMwh: z.number().describe('gross energy charged at stations, MWh'),
    dischargedMwh: z.number().describe('gross energy discharged (V2G) at stations, MWh'),
    socialCost,
    details,
  });
}

/** `ev-cosim equilibrium <seed-000 scenario> --json`. */
export const V2G_EQUILIBRIUM_JSON_SCHEMA = summarySchema('v2g-market-equilibrium',
  z.boolean().describe('V2G discharge paths allowed (`--v2g`, else the scenario file)'), v2gResiduals, v2gDetails).extend(v2gUnservedFields);

/** `ev-cosim equilibrium <seed-002 scenario> --json`. */
export const GWE_EQUILIBRIUM_JSON_SCHEMA = summarySchema('generalized-wardrop-equilibrium',
  z.literal(false).describe('always false (the seed-002 model has no V2G)'), gweResiduals, gweDetails);

/** Outputs of `ev-cosim equilibrium`. */
export const EQUILIBRIUM_OUTPUT_DOCS: readonly OutputDoc[] = [
  {
    command: 'ev-cosim equilibrium --json (kind v2g-market-equilibrium)',
    target: 'stdout',
    format: 'json',
    description: 'A seed-000 coupled V2G market equilibrium (bundled `siouxfalls-ieee123-*`): residuals, shedding, DLMPs, station and V2G shares, energies, social cost, and the model details.',
    schema: V2G_EQUILIBRIUM_JSON_SCHEMA,
  },
  {
    command: 'ev-cosim equilibrium --json (kind generalized-wardrop-equilibrium)',
    target: 'stdout',
    format: 'json',
    description: 'A seed-002 generalized Wardrop equilibrium with station choice (bundled `gwe-ieee33`, `gwe-ieee33-tolls`): the same summary fields, and the model details.',
    schema: GWE_EQUILIBRIUM_JSON_SCHEMA,
  },
];
