/**
 * The machine-readable summary of a run (`summary.json` and `run --json`). Field
 * names, units and descriptions live in `summarySchema.ts` (docs/outputs.md is
 * generated from it); this module only computes the values.
 */
import type { CosimResult, IntervalResult } from '../run/cosimTypes.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { argMaxBus, maxOf, sum } from './reduce.js';
import type { CosimSummary, SummaryInterval, SummaryStation } from './summarySchema.js';

export type { CosimSummary, SummaryInterval, SummaryStation } from './summarySchema.js';

/**
 * Build the summary of a run.
 *
 * Energies are interval powers × interval length (MW × h = MWh); a peak or an
 * extreme is the first interval that reaches it.
 *
 * @param result - the run.
 * @param scenario - the validated scenario (seed, horizon, exchange rate, tolerances).
 * @param where - scenario name and file.
 * @example
 * JSON.stringify(cosimSummary(result, scenario, { name, file }));
 */
export function cosimSummary(result: CosimResult, scenario: Scenario, where: { name: string; file: string }): CosimSummary {
  const hours = result.intervalMin / 60;
  const intervals = result.intervals.map((r) => summaryInterval(result, r));
  const clockOf = (t: number): string => result.intervals[t]?.start ?? scenario.horizon.start;
  const peak = firstArgBest(intervals.map((i) => i.totalStationNetMw), (a, b) => a > b);
  const dlmp = firstArgBest(intervals.map((i) => i.maxDlmpUsdPerMwh), (a, b) => a > b);
  const voltage = firstArgBest(intervals.map((i) => i.minVoltagePu), (a, b) => a < b);
  const stations = stationTotals(result, scenario, hours);
  const t = scenario.solver;
  const timing = result.timing;
  return {
    status: result.status,
    scenario: where.name,
    scenarioFile: where.file,
    seed: scenario.seed,
    feedback: scenario.feedback,
    exchangeRateYuanPerUsd: scenario.prices.yuanPerUsd,
    horizon: {
      startAt: scenario.horizon.start,
      intervalMin: scenario.horizon.intervalMin,
      intervals: scenario.horizon.intervals,
      stepSec: scenario.horizon.stepSec,
    },
    tolerances: { dueRelativeGap: t.dueGapTolerance, coneGapPu2: t.coneTolerancePu, fixedPointResidualYuanPerKwh: t.fixedPointTolerance },
    stations,
    intervals,
    totals: {
      stationEnergyChargedMwh: stations.reduce((a, s) => a + s.energyChargedMwh, 0),
      stationEnergyDischargedMwh: stations.reduce((a, s) => a + s.energyDischargedMwh, 0),
      peakStationNetMw: peak.value,
      peakStationNetInterval: peak.index,
      peakStationNetAt: clockOf(peak.index),
      maxDlmpUsdPerMwh: dlmp.value,
      maxDlmpBus: intervals[dlmp.index]?.maxDlmpBus ?? Number.NaN,
      maxDlmpInterval: dlmp.index,
      maxDlmpAt: clockOf(dlmp.index),
      minVoltagePu: voltage.value,
      minVoltageBus: intervals[voltage.index]?.minVoltageBus ?? Number.NaN,
      minVoltageInterval: voltage.index,
      minVoltageAt: clockOf(voltage.index),
      householdShedMwh: intervals.reduce((a, i) => a + (i.shedKw / 1000) * hours, 0),
      feederCostUsd: intervals.reduce((a, i) => a + i.feederCostUsdPerH * hours, 0),
      lossesMwh: intervals.reduce((a, i) => a + (i.lossesKw / 1000) * hours, 0),
      maxDueRelativeGap: Math.max(...intervals.map((i) => i.dueRelativeGap)),
      maxConeGapPu2: Math.max(...intervals.map((i) => i.maxConeGapPu2)),
      maxFixedPointResidualYuanPerKwh: Math.max(...intervals.map((i) => i.fixedPointResidualYuanPerKwh)),
    },
    problems: [...result.problems],
    timing: {
      wallMs: timing.totalMs,
      trafficMs: timing.trafficMs,
      gridMs: timing.gridMs,
      couplingMs: timing.couplingMs,
      dueSolves: timing.dueSolves,
      opfSolves: timing.opfSolves,
    },
    files: [],
  };
}

function summaryInterval(result: CosimResult, r: IntervalResult): SummaryInterval {
  const ids = result.stationIds;
  const byStation = (values: Float64Array): Record<string, number> => Object.fromEntries(ids.map((id, s) => [id, values[s]]));
  const maxDlmp = maxOf(r.opf.dlmpP);
  return {
    interval: r.index,
    clock: r.start,
    stationNetMw: byStation(r.netMw),
    stationChargeMw: byStation(r.chargeMw),
    stationV2gMw: byStation(r.v2gMw),
    totalStationNetMw: sum(r.netMw),
    chargePriceYuanPerKwh: byStation(r.chargePriceYuanPerKWh),
    v2gPriceYuanPerKwh: byStation(r.v2gPriceYuanPerKWh),
    maxDlmpUsdPerMwh: maxDlmp,
    maxDlmpBus: argMaxBus(r.opf.dlmpP, maxDlmp),
    minVoltagePu: r.opf.minVoltagePu,
    minVoltageBus: r.opf.minVoltageBus,
    shedKw: r.opf.shedKw,
    lossesKw: r.opf.lossesKw,
    importMw: r.opf.importMw,
    feederCostUsdPerH: r.opf.objectiveUsdPerH,
    opfStatus: r.opf.status,
    outagedBranches: [...r.outagedBranches],
    dueRelativeGap: r.dueGap,
    dueIterations: r.dueIterations,
    maxConeGapPu2: r.opf.maxConeGapPu,
    fixedPointResidualYuanPerKwh: r.fixedPointResidual,
    rounds: r.rounds,
  };
}

function stationTotals(result: CosimResult, scenario: Scenario, hours: number): SummaryStation[] {
  return scenario.stations.map((st, s) => {
    const net = result.intervals.map((r) => r.netMw[s]);
    const peak = firstArgBest(net, (a, b) => a > b);
    return {
      station: st.id,
      node: st.node,
      bus: st.bus,
      energyChargedMwh: result.intervals.reduce((a, r) => a + r.chargeMw[s] * hours, 0),
      energyDischargedMwh: result.intervals.reduce((a, r) => a + r.v2gMw[s] * hours, 0),
      peakNetMw: peak.value,
      peakNetInterval: peak.index,
      peakNetAt: result.intervals[peak.index]?.start ?? scenario.horizon.start,
    };
  });
}

/** Value and index of the first element that no later element beats. */
function firstArgBest(values: readonly number[], better: (a: number, b: number) => boolean): { value: number; index: number } {
  let index = 0;
  for (let i = 1; i < values.length; i++) if (better(values[i], values[index])) index = i;
  return { value: values[index] ?? Number.NaN, index };
}
