/**
 * The columns of the four CSV tables of a results folder, in order, as zod objects
 * (one key per column, each with its unit in `.describe()`): `resultTables` takes its
 * column order from here, docs/outputs.md is generated from here, and tests parse
 * real rows with these schemas. One value per cell (docs/outputs.md "Vocabulary").
 */
import { z } from 'zod';
import { clockField } from '../../common/outputFields.js';

const interval = z.int().nonnegative().describe('Interval, 0-based index');
const clock = clockField('Start of the interval');

/** `stations.csv`: one row per interval × station. */
export const stationsCsvSchema = z.strictObject({
  interval,
  clock,
  station: z.string().describe('Station id'),
  bus: z.int().describe('Feeder bus of the station'),
  chargeMw: z.number().describe('Charging power averaged over the interval, MW'),
  v2gMw: z.number().describe('V2G discharging power averaged over the interval, MW'),
  netMw: z.number().describe('Net load charge − V2G (+ = consumption), MW'),
  chargingInServiceVeh: z.number().describe('Mean vehicles charging, veh'),
  v2gInServiceVeh: z.number().describe('Mean vehicles discharging (V2G), veh'),
  chargeQueueVeh: z.number().describe('Mean vehicles waiting to charge, veh'),
  v2gQueueVeh: z.number().describe('Mean vehicles waiting for a V2G port, veh'),
  chargeArrivalsVeh: z.number().describe('Vehicles arriving to charge during the interval, veh'),
  v2gArrivalsVeh: z.number().describe('Vehicles arriving for V2G during the interval, veh'),
  chargePriceYuanPerKwh: z.number().describe('Charging tariff in force, ¥/kWh'),
  v2gPriceYuanPerKwh: z.number().describe('V2G remuneration in force, ¥/kWh'),
  chargeCouponYuanPerKwh: z.number().describe('Charging coupon, ¥/kWh'),
  v2gCouponYuanPerVisit: z.number().describe('V2G coupon, ¥ per visit'),
  dlmpUsdPerMwh: z.number().describe('Active-power DLMP at the station bus, $/MWh'),
});

/** `buses.csv`: one row per interval × feeder bus. */
export const busesCsvSchema = z.strictObject({
  interval,
  clock,
  bus: z.int().describe('Feeder bus'),
  voltagePu: z.number().describe('Voltage magnitude, pu'),
  dlmpUsdPerMwh: z.number().describe('Active-power DLMP, $/MWh'),
  qDlmpUsdPerMvarh: z.number().describe('Reactive-power DLMP, $/MVArh'),
  shedKw: z.number().describe('Household load shed at the bus, kW'),
  stationNetMw: z.number().describe('Net load of the stations at the bus (0 when none), MW'),
});

/** `links.csv`: one row per interval × road link (stations inserted as links). */
export const linksCsvSchema = z.strictObject({
  interval,
  clock,
  link: z.int().nonnegative().describe('Link index of the road network with stations inserted'),
  fromNode: z.int().describe('Road node at the tail of the link (virtual station nodes are numbered above the real ones)'),
  toNode: z.int().describe('Road node at the head of the link'),
  kind: z.enum(['road', 'charge', 'v2g', 'bypass']).describe('`road`, a station\'s `charge` or `v2g` service link, or its `bypass`'),
  inflowVehPerH: z.number().describe('Mean inflow into the link, veh/h'),
  travelTimeMin: z.number().describe('Experienced travel time of vehicles entering in the interval, min'),
});

/** `system.csv`: one row per interval. */
export const systemCsvSchema = z.strictObject({
  interval,
  clock,
  phase: z.enum(['window', 'tail']).describe('`window`: an interval of the study; `tail`: after it, no new departures, until the network is clear'),
  opfStatus: z.enum(['optimal', 'inexact', 'cut-limit', 'infeasible', 'error']).describe('Status of the interval\'s OPF (`inexact` / `cut-limit`: the point is not physical)'),
  loadScale: z.number().describe('Household load scale of the interval (profile × multiplier), dimensionless'),
  outagedBranchCount: z.int().nonnegative().describe('Number of feeder branches out of service (their ids: summary.json `intervals[].outagedBranches`)'),
  stationNetMw: z.number().describe('Σ station net load, MW'),
  lossesKw: z.number().describe('Feeder active losses, kW'),
  importMw: z.number().describe('Active power imported at the substation, MW'),
  feederCostUsdPerH: z.number().describe('OPF objective: import + DG + shedding-penalty cost rate, $/h'),
  shedKw: z.number().describe('Load shed (all buses, household and EV), kW'),
  householdShedKw: z.number().describe('Household load shed, kW'),
  evCurtailedKw: z.number().describe('EV charging curtailed by the OPF, kW'),
  minVoltagePu: z.number().nullable().describe('Lowest voltage of an energised bus, pu; empty cell when no bus is energised'),
  minVoltageBus: z.int().nullable().describe('Bus of the lowest voltage; empty cell when none'),
  maxDlmpUsdPerMwh: z.number().nullable().describe('Largest active-power DLMP, $/MWh; empty cell when none'),
  maxDlmpBus: z.int().nullable().describe('Bus of the largest DLMP; empty cell when none'),
  dueRelativeGap: z.number().describe('Relative gap of the DUE behind the station load, dimensionless'),
  dueIterations: z.int().nonnegative().describe('Iterations of that DUE'),
  maxConeGapPu2: z.number().describe('Largest cone gap |P² + Q² − v·ℓ| of the SOCP OPF, pu²'),
  lpSolves: z.int().nonnegative().describe('LP solves of the OPF (cutting-plane rounds)'),
  fixedPointResidualYuanPerKwh: z.number().describe('Price residual max |F(ω) − ω| over stations and tariffs, ¥/kWh'),
  rounds: z.int().nonnegative().describe('DUE → OPF rounds done in the interval'),
});

/** Row types (one per CSV). */
export type StationsRow = z.output<typeof stationsCsvSchema>;
export type BusesRow = z.output<typeof busesCsvSchema>;
export type LinksRow = z.output<typeof linksCsvSchema>;
export type SystemRow = z.output<typeof systemCsvSchema>;
