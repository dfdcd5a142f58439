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
const byStation = (what: string) => byId('station', z.number(), `${what}, keyed by station id`);

/** One interval of the summary. */
export const summaryIntervalSchema = z.strictObject({
  interval: intervalIndex('Interval'),
  clock: clockField('Start of the interval'),
  stationNetMw: byStation('Station net load (charging − V2G discharging, + = consumption) averaged over the interval, MW'),
  stationChargeMw: byStation('Station charging power averaged over the interval, MW'),
  stationV2gMw: byStation('Station V2G discharging power averaged over the interval, MW'),
  totalStationNetMw: z.number().describe('Σ station net load over all stations, MW'),
  chargePriceYuanPerKwh: byStation('Charging tariff in force, ¥/kWh'),
  v2gPriceYuanPerKwh: byStation('V2G remuneration in force, ¥/kWh'),
  maxDlmpUsdPerMwh: z.number().describe('Largest active-power DLMP over the feeder buses, $/MWh'),
  maxDlmpBus: z.int().describe('Bus of the largest DLMP (first such bus)'),
  minVoltagePu: z.number().describe('Lowest bus voltage magnitude, pu'),
  minVoltageBus: z.int().describe('Bus of the lowest voltage'),
  shedKw: z.number().describe('Household load shed by the OPF (all buses), kW'),
  lossesKw: z.number().describe('Feeder active losses, kW'),
  importMw: z.number().describe('Active power imported at the substation, MW'),
  feederCostUsdPerH: z.number().describe('OPF objective: import + DG + shedding-penalty cost rate, $/h'),
  opfStatus: z.enum(['optimal', 'inexact', 'infeasible', 'error']).describe('Status of the interval\'s OPF'),
  outagedBranches: z.array(z.int()).describe('Ids of the feeder branches out of service in this interval (empty when none)'),
  dueRelativeGap: z.number().describe('Relative gap of the DUE that produced the station load, dimensionless'),
  dueIterations: z.int().nonnegative().describe('Iterations of that DUE'),
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
  energyChargedMwh: z.number().describe('Energy charged at the station over the horizon, MWh'),
  energyDischargedMwh: z.number().describe('Energy discharged by V2G at the station over the horizon, MWh'),
  peakNetMw: z.number().describe('Largest interval net load of the station, MW'),
  peakNetInterval: intervalIndex('Interval of the station\'s largest net load'),
  peakNetAt: clockField('Start of that interval'),
});

/** Horizon-wide figures. */
export const summaryTotalsSchema = z.strictObject({
  stationEnergyChargedMwh: z.number().describe('Energy charged at all stations over the horizon, MWh (per station: `stations[].energyChargedMwh`)'),
  stationEnergyDischargedMwh: z.number().describe('Energy discharged by V2G at all stations over the horizon, MWh'),
  peakStationNetMw: z.number().describe('Largest total station net load over the intervals, MW'),
  peakStationNetInterval: intervalIndex('Interval of the largest total station net load'),
  peakStationNetAt: clockField('Start of that interval'),
  maxDlmpUsdPerMwh: z.number().describe('Largest active-power DLMP over buses and intervals, $/MWh'),
  maxDlmpBus: z.int().describe('Bus of the largest DLMP'),
  maxDlmpInterval: intervalIndex('Interval of the largest DLMP'),
  maxDlmpAt: clockField('Start of that interval'),
  minVoltagePu: z.number().describe('Lowest bus voltage over buses and intervals, pu'),
  minVoltageBus: z.int().describe('Bus of the lowest voltage'),
  minVoltageInterval: intervalIndex('Interval of the lowest voltage'),
  minVoltageAt: clockField('Start of that interval'),
  householdShedMwh: z.number().describe('Household load shed by the OPF over the horizon, MWh'),
  feederCostUsd: z.number().describe('Feeder operating cost over the horizon (Σ cost rate × interval length), $'),
  lossesMwh: z.number().describe('Feeder active losses over the horizon (Σ losses × interval length), MWh'),
  maxDueRelativeGap: z.number().describe('Largest DUE relative gap over the intervals, dimensionless'),
  maxConeGapPu2: z.number().describe('Largest OPF cone gap over the intervals, pu²'),
  maxFixedPointResidualYuanPerKwh: z.number().describe('Largest price residual over the intervals, ¥/kWh'),
});

/** The whole summary. */
export const cosimSummarySchema = z.strictObject({
  status: z.enum(['ok', 'not-converged']).describe('`not-converged` when a DUE or a price fixed point missed its tolerance (the results are still written)'),
  scenario: z.string().describe('Scenario name (file name without `.json`)'),
  scenarioFile: z.string().describe('Absolute path of the scenario file'),
  seed: z.int().describe('Scenario seed'),
  feedback: z.enum(['next-tick', 'fixed-point']).describe('Price feedback mode of the run'),
  exchangeRateYuanPerUsd: z.number().describe('Exchange rate used to turn DLMPs ($/MWh) into tariffs (¥/kWh), ¥ per US$ (scenario `prices.yuanPerUsd`)'),
  horizon: z
    .strictObject({
      startAt: clockField('Start of interval 0'),
      intervalMin: z.number().describe('Length of one interval, min'),
      intervals: z.int().positive().describe('Number of intervals'),
      stepSec: z.number().describe('Loading step of the traffic model, s'),
    })
    .describe('Time horizon of the run'),
  tolerances: z
    .strictObject({
      dueRelativeGap: z.number().describe('DUE relative-gap tolerance, dimensionless (scenario `solver.dueGapTolerance`)'),
      coneGapPu2: z.number().describe('Largest accepted OPF cone gap, pu² (scenario `solver.coneTolerancePu`)'),
      fixedPointResidualYuanPerKwh: z.number().describe('Price fixed-point tolerance, ¥/kWh (scenario `solver.fixedPointTolerance`)'),
    })
    .describe('Solver tolerances the run was held to'),
  stations: z.array(summaryStationSchema).describe('Stations in scenario order'),
  intervals: z.array(summaryIntervalSchema).describe('One entry per interval'),
  totals: summaryTotalsSchema.describe('Horizon-wide figures'),
  problems: z.array(z.string()).describe('Human-readable solver problems (non-convergence, inexact relaxations); empty when none'),
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
