/**
 * The machine-readable summary of a run (`summary.json` and `run --json`; issue
 * #3 "Machine-readable output": keep the field names stable).
 */
import type { CosimResult } from '../run/cosimTypes.js';
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import { maxOf, sum } from './resultTables.js';

/** One interval of the summary. */
export interface SummaryInterval {
  readonly start: string;
  /** Station → net load (charge − V2G), MW. */
  readonly stationNetMW: Record<string, number>;
  readonly stationChargeMW: Record<string, number>;
  readonly stationV2gMW: Record<string, number>;
  /** Station → tariffs in force, ¥/kWh. */
  readonly chargePriceYuanPerKWh: Record<string, number>;
  readonly v2gPriceYuanPerKWh: Record<string, number>;
  /** Largest active DLMP over buses, $/MWh, and where. */
  readonly maxDlmp: number;
  readonly maxDlmpBus: number;
  readonly minVoltagePu: number;
  readonly minVoltageBus: number;
  readonly shedKW: number;
  readonly lossesKW: number;
  readonly importMW: number;
  readonly costUsdPerH: number;
  readonly opfStatus: string;
  readonly dueGap: number;
  readonly maxConeGap: number;
  readonly fixedPointResidual: number;
  readonly rounds: number;
}

/** The whole summary. */
export interface CosimSummary {
  readonly status: 'ok' | 'not-converged';
  readonly scenario: string;
  readonly scenarioFile: string;
  readonly seed: number;
  readonly feedback: string;
  readonly horizon: { readonly start: string; readonly intervalMin: number; readonly intervals: number; readonly stepSec: number };
  readonly stations: { readonly id: string; readonly node: number; readonly bus: number }[];
  readonly intervals: SummaryInterval[];
  readonly totals: {
    /** Station energy over the horizon, MWh (net = charged − discharged). */
    readonly stationChargedMWh: Record<string, number>;
    readonly stationDischargedMWh: Record<string, number>;
    readonly peakStationNetMW: number;
    readonly peakStart: string;
    readonly maxDlmp: number;
    readonly minVoltagePu: number;
    readonly shedMWh: number;
    readonly costUsd: number;
  };
  readonly problems: readonly string[];
  /** Wall time, ms (the only field that differs between identical runs). */
  readonly timing: CosimResult['timing'];
  /** Files written (absolute paths); empty before writing. */
  readonly files: string[];
}

/**
 * Build the summary of a run.
 *
 * @param result - the run.
 * @param scenario - the validated scenario.
 * @param where - scenario name and file.
 * @example
 * JSON.stringify(cosimSummary(result, scenario, { name, file }));
 */
export function cosimSummary(result: CosimResult, scenario: Scenario, where: { name: string; file: string }): CosimSummary {
  const ids = result.stationIds;
  const byStation = (values: Float64Array): Record<string, number> => Object.fromEntries(ids.map((id, s) => [id, values[s]]));
  const hours = result.intervalMin / 60;
  const charged: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  const discharged: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  let peak = -Infinity;
  let peakStart = '';
  let shedMWh = 0;
  let costUsd = 0;
  const intervals = result.intervals.map((r) => {
    ids.forEach((id, s) => {
      charged[id] += r.chargeMw[s] * hours;
      discharged[id] += r.v2gMw[s] * hours;
    });
    const net = sum(r.netMw);
    if (net > peak) {
      peak = net;
      peakStart = r.start;
    }
    shedMWh += (r.opf.shedKw / 1000) * hours;
    costUsd += r.opf.objectiveUsdPerH * hours;
    const maxDlmp = maxOf(r.opf.dlmpP);
    const maxDlmpBus = Number(Object.entries(r.opf.dlmpP).find(([, v]) => v === maxDlmp)?.[0] ?? Number.NaN);
    return {
      start: r.start,
      stationNetMW: byStation(r.netMw),
      stationChargeMW: byStation(r.chargeMw),
      stationV2gMW: byStation(r.v2gMw),
      chargePriceYuanPerKWh: byStation(r.chargePriceYuanPerKWh),
      v2gPriceYuanPerKWh: byStation(r.v2gPriceYuanPerKWh),
      maxDlmp,
      maxDlmpBus,
      minVoltagePu: r.opf.minVoltagePu,
      minVoltageBus: r.opf.minVoltageBus,
      shedKW: r.opf.shedKw,
      lossesKW: r.opf.lossesKw,
      importMW: r.opf.importMw,
      costUsdPerH: r.opf.objectiveUsdPerH,
      opfStatus: r.opf.status,
      dueGap: r.dueGap,
      maxConeGap: r.opf.maxConeGapPu,
      fixedPointResidual: r.fixedPointResidual,
      rounds: r.rounds,
    };
  });
  return {
    status: result.status,
    scenario: where.name,
    scenarioFile: where.file,
    seed: scenario.seed,
    feedback: scenario.feedback,
    horizon: {
      start: scenario.horizon.start,
      intervalMin: scenario.horizon.intervalMin,
      intervals: scenario.horizon.intervals,
      stepSec: scenario.horizon.stepSec,
    },
    stations: scenario.stations.map((s) => ({ id: s.id, node: s.node, bus: s.bus })),
    intervals,
    totals: {
      stationChargedMWh: charged,
      stationDischargedMWh: discharged,
      peakStationNetMW: peak,
      peakStart,
      maxDlmp: Math.max(...intervals.map((i) => i.maxDlmp)),
      minVoltagePu: Math.min(...intervals.map((i) => i.minVoltagePu)),
      shedMWh,
      costUsd,
    },
    problems: result.problems,
    timing: result.timing,
    files: [],
  };
}
