/**
 * The schema of a run's summary (`summary.json` and `ev-cosim run --json`): the one
 * definition of its field names, units and descriptions. `CosimSummary` is derived
 * from it, `docs/outputs.md` is generated from it, and tests parse real summaries
 * with it (strict: an added, missing or renamed field fails).
 *
 * Vocabulary (docs/outputs.md "Vocabulary"): a quantity ends in its unit, every time
 * is an `interval` index plus a `clock` (`HH:MM`), peaks as `…Interval` + `…At`.
 */
import { z } from 'zod';
import { byId, clockField } from '../../common/outputFields.js';

const intervalIndex = (what: string) => z.int().nonnegative().describe(`${what}, 0-based interval index`);
const statusEnum = z.enum(['ok', 'shed', 'inexact', 'not-converged', 'infeasible']);
const opfStatusEnum = z.enum(['optimal', 'inexact', 'cut-limit', 'infeasible', 'error']);
const byStation = (what: string) => byId('station', z.number(), `${what}, keyed by station id`);

/** One interval of the summary. */
export const summaryIntervalSchema = z.strictObject({
  interval: intervalIndex('Interval'),
  clock: clockField('Start of the interval'),
  phase: z.enum(['window', 'tail']).describe('`window`: an interval of the study (`horizon.intervals`, departures happen); `tail`: after it, no new departures, until every vehicle has arrived (docs/model.md §4)'),
  stationNetMw: byStation('Station net load (charging − V2G discharging, + = consumption) averaged over the interval, MW'),
  stationChargeMw: byStation('Station charging power averaged over the interval, MW'),
  stationV2gMw: byStation('Station V2G discharging power averaged over the interval, MW'),
  totalStationNetMw: z.number().describe('Σ station net load over all stations, MW'),
  chargePriceYuanPerKwh: byStation('Charging tariff in force, ¥/kWh'),
  v2gPriceYuanPerKwh: byStation('V2G remuneration in force, ¥/kWh'),
  maxDlmpUsdPerMwh: z.number().nullable().describe('Largest active-power DLMP over the feeder buses, $/MWh; null when the OPF reports none'),
  maxDlmpBus: z.int().nullable().describe('Bus of the largest DLMP (first such bus); null when the OPF reports no DLMP'),
  minVoltagePu: z.number().nullable().describe('Lowest voltage magnitude among energised buses, pu; null when no bus is energised (every bus shed)'),
  minVoltageBus: z.int().nullable().describe('Bus of the lowest voltage; null when no bus is energised'),
  shedKw: z.number().describe('Load shed by the OPF (all buses, household and EV), kW'),
  householdShedKw: z.number().describe('Household load shed by the OPF, kW'),
  evCurtailedKw: z.number().describe('EV charging (station load) curtailed by the OPF, kW'),
  lossesKw: z.number().describe('Feeder active losses, kW'),
  importMw: z.number().describe('Active power imported at the substation, MW'),
  feederCostUsdPerH: z.number().describe('OPF objective: import + DG + shedding-penalty cost rate, $/h'),
  opfStatus: opfStatusEnum.describe('Status of the interval\'s OPF (`inexact`: cone relaxation not tight, `cut-limit`: outer approximation stopped at its cut limit; both points are not physical)'),
  outagedBranches: z.array(z.int()).describe('Ids of the feeder branches out of service in this interval (empty when none)'),
  dueRelativeGap: z.number().describe('Relative gap of the DUE that produced the station load, dimensionless'),
  dueIterations: z.int().nonnegative().describe('Iterations of that DUE'),
  dueByClass: z
    .record(
      z.enum(['regular', 'charging', 'v2g']).meta({ title: 'class' }),
      z.strictObject({
        relativeGap: z.number().describe('Relative gap of the class, dimensionless (convergence is judged per class)'),
        excessCostYuanPerVeh: z.number().describe('Average excess generalized cost over the cheapest path, ¥ per vehicle'),
        excessTimeMinPerVeh: z.number().nullable().describe('The same in minutes of travel time (¥ / value of time); null when the value of time is 0'),
      }),
    )
    .nullable()
    .describe('Accuracy of that DUE per user class, over the departures it re-equilibrated; null when the traffic model does not report it'),
  maxConeGapPu2: z.number().describe('Largest cone gap |P² + Q² − v·ℓ| of the SOCP OPF over branches, pu²'),
  fixedPointResidualYuanPerKwh: z
    .number()
    .describe('Price residual max |F(ω) − ω| over stations and tariffs, ¥/kWh (after the last round with `fixed-point` feedback; the one-interval price lag with `next-tick`; 0 when no tariff follows the DLMP)'),
  rounds: z.int().nonnegative().describe('DUE → OPF rounds done in the interval (1 with `next-tick` feedback)'),
});

/** One station of the run, with its energy over the horizon. */
export const summaryStationSchema = z.strictObject({
  station: z.string().describe('Station id'),
  node: z.int().describe('Road node of the station'),
  bus: z.int().describe('Feeder bus of the station'),
  energyChargedMwh: z.number().describe('Energy charged at the station over the run (window and tail), MWh'),
  energyDischargedMwh: z.number().describe('Energy discharged by V2G at the station over the run (window and tail), MWh'),
  peakNetMw: z.number().describe('Largest interval net load of the station, MW'),
  peakNetInterval: intervalIndex('Interval of the station\'s largest net load'),
  peakNetAt: clockField('Start of that interval'),
});

/** The accounting figures given for the whole run and for the window alone (docs/model.md §4 "Accounting"). */
const accountingShape = {
  stationEnergyChargedMwh: z.number().describe('Energy the vehicles drew for charging at all stations (Σ charge MW × interval length), MWh = Σ charge visits × energy per visit over the whole run'),
  stationEnergyDischargedMwh: z.number().describe('Energy discharged by V2G at all stations, MWh'),
  evEnergyRequestedMwh: z.number().describe('EV charging energy requested: the station charging energy of the traffic model, MWh'),
  evEnergyDeliveredMwh: z.number().describe('EV charging energy delivered by the feeder: requested − curtailed, MWh'),
  evEnergyCurtailedMwh: z.number().describe('EV charging energy the OPF curtailed (Σ `evCurtailedKw` × interval length), MWh'),
  householdShedMwh: z.number().describe('Household load shed by the OPF, MWh'),
  peakStationNetMw: z.number().describe('Largest total station net load over the intervals, MW'),
  peakStationNetAt: clockField('Start of that interval (the first one reaching it)'),
  feederCostUsd: z.number().describe('Feeder operating cost (Σ cost rate × interval length), $'),
  lossesMwh: z.number().describe('Feeder active losses (Σ losses × interval length), MWh'),
};

/** The accounting figures of the window alone. */
export const summaryWindowTotalsSchema = z.strictObject(accountingShape);

/** Run-wide figures: window and tail together, with the window alone in `window`. */
export const summaryTotalsSchema = z.strictObject({
  ...accountingShape,
  peakStationNetInterval: intervalIndex('Interval of the largest total station net load'),
  maxDlmpUsdPerMwh: z.number().nullable().describe('Largest active-power DLMP over buses and intervals, $/MWh; null when no interval has one'),
  maxDlmpBus: z.int().nullable().describe('Bus of the largest DLMP; null when none'),
  maxDlmpInterval: intervalIndex('Interval of the largest DLMP'),
  maxDlmpAt: clockField('Start of that interval'),
  minVoltagePu: z.number().nullable().describe('Lowest voltage of an energised bus over buses and intervals, pu; null when no interval has an energised bus'),
  minVoltageBus: z.int().nullable().describe('Bus of the lowest voltage; null when none'),
  minVoltageInterval: intervalIndex('Interval of the lowest voltage'),
  minVoltageAt: clockField('Start of that interval'),
  maxDueRelativeGap: z.number().describe('Largest DUE relative gap over the intervals, dimensionless'),
  maxConeGapPu2: z.number().describe('Largest OPF cone gap over the intervals, pu²'),
  maxFixedPointResidualYuanPerKwh: z.number().describe('Largest price residual over the intervals, ¥/kWh'),
  window: summaryWindowTotalsSchema.describe('The same accounting figures over the study window only (intervals with `phase: "window"`)'),
});

/** The whole summary. */
export const cosimSummarySchema = z.strictObject({
  status: statusEnum.describe('Most severe status that holds (docs/model.md §4 "Status"): `infeasible` (an OPF without solution; the run stopped there, exit 2) > `inexact` (an OPF point not physical, exit 2) > `not-converged` (a DUE, a price fixed point or the clearance missed, exit 2) > `shed` (household load shed or EV charging curtailed; exit 0) > `ok`'),
  statuses: z.array(statusEnum).min(1).describe('Every status that holds, most severe first (`["ok"]` when none)'),
  scenario: z.string().describe('Scenario name (file name without `.json`)'),
  scenarioFile: z.string().describe('Absolute path of the scenario file'),
  seed: z.int().describe('Scenario seed'),
  feedback: z.enum(['next-tick', 'fixed-point']).describe('Price feedback mode of the run'),
  exchangeRateYuanPerUsd: z.number().describe('Exchange rate used to turn DLMPs ($/MWh) into tariffs (¥/kWh), ¥ per US$ (scenario `prices.yuanPerUsd`)'),
  horizon: z
    .strictObject({
      startAt: clockField('Start of interval 0'),
      intervalMin: z.number().describe('Length of one interval, min'),
      intervals: z.int().positive().describe('Number of intervals of the study window'),
      stepSec: z.number().describe('Loading step of the traffic model, s'),
      clearanceMin: z.number().describe('Longest tail allowed after the window, min (scenario `horizon.clearanceMin`)'),
      tailIntervals: z.int().nonnegative().describe('Tail intervals simulated after the window (until the network was clear)'),
      clearAt: clockField('End of the last interval reported, when the network was clear there').nullable().describe('Clock time at which every vehicle had arrived (end of the last interval reported), HH:MM; null when the network was not clear within the longest tail or the run stopped early'),
      replan: z.enum(['committed', 'whole-horizon']).describe('Traffic replanning of the run (scenario `traffic.replan`)'),
    })
    .describe('Time horizon of the run'),
  tolerances: z
    .strictObject({
      dueRelativeGap: z.number().describe('DUE relative-gap tolerance, dimensionless (scenario `solver.dueGapTolerance`)'),
      coneGapPu2: z.number().nullable().describe('Absolute OPF cone tolerance, pu² (scenario `solver.coneTolerancePu`); null when the scale-aware criterion is used'),
      coneRelativeGap: z.number().nullable().describe('Relative OPF cut-loop tolerance (scenario `solver.coneRelTolerance`, default 1e-9); null when an absolute tolerance replaces it'),
      fixedPointResidualYuanPerKwh: z.number().describe('Price fixed-point tolerance, ¥/kWh (scenario `solver.fixedPointTolerance`)'),
    })
    .describe('Solver tolerances the run was held to'),
  stations: z.array(summaryStationSchema).describe('Stations in scenario order'),
  intervals: z.array(summaryIntervalSchema).describe('One entry per interval: the window, then the tail'),
  totals: summaryTotalsSchema.describe('Run-wide figures (window and tail), with the window alone in `totals.window`'),
  problems: z.array(z.string()).describe('Human-readable problems, the load-shed line first when there is one (shedding, non-convergence, inexact relaxations, clearance, an OPF without solution); empty when none'),
  timing: z
    .strictObject({
      wallMs: z.number().describe('Wall time of the whole run, ms (the only figures that differ between identical runs)'),
      trafficMs: z.number().describe('Wall time in DUE solves, ms'),
      gridMs: z.number().describe('Wall time in OPF solves, ms'),
      couplingMs: z.number().describe('Wall time in the coupling (prices, station power), ms'),
      dueSolves: z.int().nonnegative().describe('Number of DUE solves'),
      opfSolves: z.int().nonnegative().describe('Number of OPF solves'),
    })
    .describe('Wall time per part of the run'),
  files: z.array(z.string()).describe('Absolute paths of the files written (empty when nothing was written)'),
});

/** A run's summary, as written to `summary.json`. */
export type CosimSummary = z.output<typeof cosimSummarySchema>;
/** One interval of the summary. */
export type SummaryInterval = z.output<typeof summaryIntervalSchema>;
/** One station of the summary. */
export type SummaryStation = z.output<typeof summaryStationSchema>;
/** The accounting figures of `totals` and `totals.window`. */
export type SummaryAccounting = z.output<typeof summaryWindowTotalsSchema>;
