/**
 * The machine-readable summary of a run (`summary.json` and `run --json`). Field
 * names, units and descriptions live in `summarySchema.ts` (docs/outputs.md is
 * generated from it); this module only computes the values.
 */
import { formatClockTime, parseClockTime } from '../clock/clockTime.js';
import type { CosimResult, IntervalResult } from '../run/cosimTypes.js';
import { evCurtailedKw, householdShedKw } from '../run/runStatus.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { argMaxBus, maxOf, sum } from './reduce.js';
import type { CosimSummary, SummaryAccounting, SummaryInterval, SummaryStation } from './summarySchema.js';
import { DEFAULT_REL_TOLERANCE as DEFAULT_CONE_REL_TOLERANCE } from '../../grid/formulations/distFlowInternals.js';

export type { CosimSummary, SummaryAccounting, SummaryInterval, SummaryStation } from './summarySchema.js';

/**
 * Build the summary of a run.
 *
 * Energies are interval powers × interval length (MW × h = MWh); a peak or an
 * extreme is the first interval that reaches it. Totals cover window and tail;
 * `totals.window` the window alone. Extremes that do not exist (no energised bus, no
 * DLMP) are null, never ±Infinity, NaN or −1.
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
  const dlmp = firstArgBest(intervals.map((i) => i.maxDlmpUsdPerMwh), (a, b) => a > b);
  const voltage = firstArgBest(intervals.map((i) => i.minVoltagePu), (a, b) => a < b);
  const stations = stationTotals(result, scenario, hours);
  const all = accounting(result.intervals, intervals, hours, clockOf);
  const inWindow = accounting(
    result.intervals.filter((r) => r.phase === 'window'), intervals.filter((i) => i.phase === 'window'), hours, clockOf,
  );
  const t = scenario.solver;
  const timing = result.timing;
  const last = result.intervals[result.intervals.length - 1];
  return {
    status: result.status,
    statuses: [...result.statuses],
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
      clearanceMin: scenario.horizon.clearanceMin,
      tailIntervals: result.intervals.filter((r) => r.phase === 'tail').length,
      clearAt: result.cleared ? formatClockTime((last?.startMin ?? parseClockTime(scenario.horizon.start)) + (last === undefined ? 0 : result.intervalMin)) : null,
      replan: scenario.traffic.replan,
    },
    tolerances: { dueRelativeGap: t.dueGapTolerance, coneGapPu2: t.coneTolerancePu ?? null, coneRelativeGap: t.coneTolerancePu === undefined ? (t.coneRelTolerance ?? DEFAULT_CONE_REL_TOLERANCE) : null, fixedPointResidualYuanPerKwh: t.fixedPointTolerance },
    stations,
    intervals,
    totals: {
      ...all.figures,
      peakStationNetInterval: all.peakIndex,
      maxDlmpUsdPerMwh: dlmp.value,
      maxDlmpBus: dlmp.value === null ? null : intervals[dlmp.index].maxDlmpBus,
      maxDlmpInterval: dlmp.index,
      maxDlmpAt: clockOf(dlmp.index),
      minVoltagePu: voltage.value,
      minVoltageBus: voltage.value === null ? null : intervals[voltage.index].minVoltageBus,
      minVoltageInterval: voltage.index,
      minVoltageAt: clockOf(voltage.index),
      maxDueRelativeGap: maxOrZero(intervals.map((i) => i.dueRelativeGap)),
      maxConeGapPu2: maxOrZero(intervals.map((i) => i.maxConeGapPu2)),
      maxFixedPointResidualYuanPerKwh: maxOrZero(intervals.map((i) => i.fixedPointResidualYuanPerKwh)),
      window: inWindow.figures,
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

/**
 * The accounting identities of docs/model.md §4 over some intervals: requested = station
 * charging energy, delivered = requested − curtailed.
 */
function accounting(
  results: readonly IntervalResult[], rows: readonly SummaryInterval[], hours: number, clockOf: (t: number) => string,
): { figures: SummaryAccounting; peakIndex: number } {
  let charged = 0;
  let discharged = 0;
  for (const r of results) {
    charged += sum(r.chargeMw) * hours;
    discharged += sum(r.v2gMw) * hours;
  }
  const curtailed = rows.reduce((a, i) => a + (i.evCurtailedKw / 1000) * hours, 0);
  const peak = firstArgBest(rows.map((i) => i.totalStationNetMw), (a, b) => a > b);
  const peakIndex = rows[peak.index]?.interval ?? 0;
  return {
    figures: {
      stationEnergyChargedMwh: charged,
      stationEnergyDischargedMwh: discharged,
      evEnergyRequestedMwh: charged,
      evEnergyDeliveredMwh: charged - curtailed,
      evEnergyCurtailedMwh: curtailed,
      householdShedMwh: rows.reduce((a, i) => a + (i.householdShedKw / 1000) * hours, 0),
      peakStationNetMw: peak.value ?? 0,
      peakStationNetAt: clockOf(peakIndex),
      feederCostUsd: rows.reduce((a, i) => a + i.feederCostUsdPerH * hours, 0),
      lossesMwh: rows.reduce((a, i) => a + (i.lossesKw / 1000) * hours, 0),
    },
    peakIndex,
  };
}

function summaryInterval(result: CosimResult, r: IntervalResult): SummaryInterval {
  const ids = result.stationIds;
  const byStation = (values: Float64Array): Record<string, number> => Object.fromEntries(ids.map((id, s) => [id, values[s]]));
  const maxDlmp = maxOf(r.opf.dlmpP);
  const bus = argMaxBus(r.opf.dlmpP, maxDlmp);
  const voltageKnown = Number.isFinite(r.opf.minVoltagePu) && r.opf.minVoltageBus >= 0;
  return {
    interval: r.index,
    clock: r.start,
    phase: r.phase,
    stationNetMw: byStation(r.netMw),
    stationChargeMw: byStation(r.chargeMw),
    stationV2gMw: byStation(r.v2gMw),
    totalStationNetMw: sum(r.netMw),
    chargePriceYuanPerKwh: byStation(r.chargePriceYuanPerKWh),
    v2gPriceYuanPerKwh: byStation(r.v2gPriceYuanPerKWh),
    maxDlmpUsdPerMwh: Number.isFinite(maxDlmp) ? maxDlmp : null,
    maxDlmpBus: Number.isFinite(maxDlmp) && Number.isFinite(bus) ? bus : null,
    minVoltagePu: voltageKnown ? r.opf.minVoltagePu : null,
    minVoltageBus: voltageKnown ? r.opf.minVoltageBus : null,
    shedKw: r.opf.shedKw,
    householdShedKw: householdShedKw(r.opf),
    evCurtailedKw: evCurtailedKw(r.opf),
    lossesKw: r.opf.lossesKw,
    importMw: r.opf.importMw,
    feederCostUsdPerH: r.opf.objectiveUsdPerH,
    opfStatus: r.opf.status,
    outagedBranches: [...r.outagedBranches],
    dueRelativeGap: r.dueGap,
    dueIterations: r.dueIterations,
    dueByClass: dueByClass(r),
    maxConeGapPu2: r.opf.maxConeGapPu,
    fixedPointResidualYuanPerKwh: r.fixedPointResidual,
    rounds: r.rounds,
  };
}

function dueByClass(r: IntervalResult): SummaryInterval['dueByClass'] {
  const byClass = r.due?.byClass;
  if (byClass === undefined) return null;
  const one = (c: keyof typeof byClass) => ({
    relativeGap: byClass[c].relativeGap,
    excessCostYuanPerVeh: byClass[c].excessCostYuanPerVeh,
    excessTimeMinPerVeh: byClass[c].excessTimeMinPerVeh,
  });
  return { regular: one('regular'), charging: one('charging'), v2g: one('v2g') };
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
      peakNetMw: peak.value ?? 0,
      peakNetInterval: peak.index,
      peakNetAt: result.intervals[peak.index]?.start ?? scenario.horizon.start,
    };
  });
}

/** Value and index of the first non-null element that no later element beats (value null when none). */
function firstArgBest(values: readonly (number | null)[], better: (a: number, b: number) => boolean): { value: number | null; index: number } {
  let index = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    if (index < 0 || better(v, values[index] as number)) index = i;
  }
  return index < 0 ? { value: null, index: 0 } : { value: values[index], index };
}

function maxOrZero(values: readonly number[]): number {
  let m = 0;
  for (const v of values) if (Number.isFinite(v) && v > m) m = v;
  return m;
}
