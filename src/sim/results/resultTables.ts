/**
 * The per-interval result tables: stations, buses, links, system. Pure: rows of
 * plain values; writing them is `writeResults`' job. Column names, order and units
 * come from `tableSchemas.ts` (docs/outputs.md).
 */
import type { z } from 'zod';
import type { CosimResult } from '../run/cosimTypes.js';
import { evCurtailedKw, householdShedKw } from '../run/runStatus.js';
import { argMaxBus, maxOf, sum } from './reduce.js';
import {
  busesCsvSchema, linksCsvSchema, stationsCsvSchema, systemCsvSchema,
  type BusesRow, type LinksRow, type StationsRow, type SystemRow,
} from './tableSchemas.js';

/** A table: column names and rows (same order). */
export interface ResultTable {
  readonly columns: readonly string[];
  readonly rows: (string | number)[][];
}

/** The four tables written as CSV. */
export interface ResultTables {
  readonly stations: ResultTable;
  readonly buses: ResultTable;
  readonly links: ResultTable;
  readonly system: ResultTable;
}

/**
 * Build the four result tables from a run.
 *
 * - `stations`: one row per interval × station (power MW, vehicles, prices, coupons, DLMP at its bus).
 * - `buses`: one row per interval × bus (voltage, P/Q DLMP, shedding, station net load at the bus).
 * - `links`: one row per interval × link (inflow veh/h, experienced travel time min).
 * - `system`: one row per interval (losses, import, cost, extremes, DUE gap, cone gap, residual).
 *
 * @example
 * const { stations } = resultTables(result); stations.columns.slice(0, 2); // ['interval', 'clock']
 */
export function resultTables(result: CosimResult): ResultTables {
  return { stations: stationsTable(result), buses: busesTable(result), links: linksTable(result), system: systemTable(result) };
}

function table<S extends z.ZodObject, R extends z.output<S>>(schema: S, records: readonly R[]): ResultTable {
  const columns = Object.keys(schema.shape);
  // null (an extreme that does not exist, e.g. no energised bus) is an empty cell
  return { columns, rows: records.map((r) => columns.map((c) => (r as Record<string, string | number | null>)[c] ?? '')) };
}

function stationsTable(result: CosimResult): ResultTable {
  const rows: StationsRow[] = [];
  for (const r of result.intervals) {
    result.stationIds.forEach((station, s) => {
      rows.push({
        interval: r.index,
        clock: r.start,
        station,
        bus: result.stationBuses[s],
        chargeMw: r.chargeMw[s],
        v2gMw: r.v2gMw[s],
        netMw: r.netMw[s],
        chargingInServiceVeh: r.chargingInServiceVeh[s],
        v2gInServiceVeh: r.v2gInServiceVeh[s],
        chargeQueueVeh: r.chargeQueueVeh[s],
        v2gQueueVeh: r.v2gQueueVeh[s],
        chargeArrivalsVeh: r.chargeArrivalsVeh[s],
        v2gArrivalsVeh: r.v2gArrivalsVeh[s],
        chargePriceYuanPerKwh: r.chargePriceYuanPerKWh[s],
        v2gPriceYuanPerKwh: r.v2gPriceYuanPerKWh[s],
        chargeCouponYuanPerKwh: r.chargeCouponYuanPerKWh[s],
        v2gCouponYuanPerVisit: r.v2gCouponYuanPerVisit[s],
        dlmpUsdPerMwh: r.dlmpAtStationUsdPerMwh[s],
      });
    });
  }
  return table(stationsCsvSchema, rows);
}

function busesTable(result: CosimResult): ResultTable {
  const rows: BusesRow[] = [];
  for (const r of result.intervals) {
    const stationAt = new Map<number, number>();
    result.stationBuses.forEach((bus, s) => stationAt.set(bus, (stationAt.get(bus) ?? 0) + r.netMw[s]));
    for (const bus of result.busIds) {
      rows.push({
        interval: r.index,
        clock: r.start,
        bus,
        voltagePu: r.opf.voltagePu[bus],
        dlmpUsdPerMwh: r.opf.dlmpP[bus],
        qDlmpUsdPerMvarh: r.opf.dlmpQ[bus],
        shedKw: r.opf.shedKwByBus[bus] ?? 0,
        stationNetMw: stationAt.get(bus) ?? 0,
      });
    }
  }
  return table(busesCsvSchema, rows);
}

function linksTable(result: CosimResult): ResultTable {
  const rows: LinksRow[] = [];
  const links = result.links;
  for (const r of result.intervals) {
    for (let a = 0; a < links.kind.length; a++) {
      rows.push({
        interval: r.index,
        clock: r.start,
        link: a,
        fromNode: links.fromNode[a],
        toNode: links.toNode[a],
        kind: links.kind[a] as LinksRow['kind'],
        inflowVehPerH: r.linkInflowVehPerH[a],
        travelTimeMin: r.linkTravelTimeMin[a],
      });
    }
  }
  return table(linksCsvSchema, rows);
}

function systemTable(result: CosimResult): ResultTable {
  const rows: SystemRow[] = result.intervals.map((r) => {
    const maxDlmp = maxOf(r.opf.dlmpP);
    const dlmpBus = argMaxBus(r.opf.dlmpP, maxDlmp);
    const voltageKnown = Number.isFinite(r.opf.minVoltagePu) && r.opf.minVoltageBus >= 0;
    return {
      interval: r.index,
      clock: r.start,
      phase: r.phase,
      opfStatus: r.opf.status,
      loadScale: r.loadScale,
      outagedBranchCount: r.outagedBranches.length,
      stationNetMw: sum(r.netMw),
      lossesKw: r.opf.lossesKw,
      importMw: r.opf.importMw,
      feederCostUsdPerH: r.opf.objectiveUsdPerH,
      shedKw: r.opf.shedKw,
      householdShedKw: householdShedKw(r.opf),
      evCurtailedKw: evCurtailedKw(r.opf),
      minVoltagePu: voltageKnown ? r.opf.minVoltagePu : null,
      minVoltageBus: voltageKnown ? r.opf.minVoltageBus : null,
      maxDlmpUsdPerMwh: Number.isFinite(maxDlmp) ? maxDlmp : null,
      maxDlmpBus: Number.isFinite(maxDlmp) && Number.isFinite(dlmpBus) ? dlmpBus : null,
      dueRelativeGap: r.dueGap,
      dueIterations: r.dueIterations,
      maxConeGapPu2: r.opf.maxConeGapPu,
      lpSolves: r.opf.lpSolves,
      fixedPointResidualYuanPerKwh: r.fixedPointResidual,
      rounds: r.rounds,
    };
  });
  return table(systemCsvSchema, rows);
}
