/**
 * The per-interval result tables: stations, buses, links, system.
 * Pure: rows of plain values; writing them is `writeResults`' job.
 */
import type { CosimResult } from '../run/cosimTypes.js';

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
 * const { stations } = resultTables(result); stations.columns[0]; // 'interval'
 */
export function resultTables(result: CosimResult): ResultTables {
  return { stations: stationsTable(result), buses: busesTable(result), links: linksTable(result), system: systemTable(result) };
}

function stationsTable(result: CosimResult): ResultTable {
  const columns = [
    'interval', 'start', 'station', 'bus', 'chargeMw', 'v2gMw', 'netMw', 'chargingInServiceVeh', 'v2gInServiceVeh',
    'chargeQueueVeh', 'v2gQueueVeh', 'chargeArrivalsVeh', 'v2gArrivalsVeh', 'chargePriceYuanPerKWh', 'v2gPriceYuanPerKWh',
    'chargeCouponYuanPerKWh', 'v2gCouponYuanPerVisit', 'dlmpUsdPerMWh',
  ];
  const rows: (string | number)[][] = [];
  for (const r of result.intervals) {
    result.stationIds.forEach((id, s) => {
      rows.push([
        r.index, r.start, id, result.stationBuses[s], r.chargeMw[s], r.v2gMw[s], r.netMw[s], r.chargingInServiceVeh[s],
        r.v2gInServiceVeh[s], r.chargeQueueVeh[s], r.v2gQueueVeh[s], r.chargeArrivalsVeh[s], r.v2gArrivalsVeh[s],
        r.chargePriceYuanPerKWh[s], r.v2gPriceYuanPerKWh[s], r.chargeCouponYuanPerKWh[s], r.v2gCouponYuanPerVisit[s],
        r.dlmpAtStationUsdPerMwh[s],
      ]);
    });
  }
  return { columns, rows };
}

function busesTable(result: CosimResult): ResultTable {
  const columns = ['interval', 'start', 'bus', 'voltagePu', 'dlmpPUsdPerMWh', 'dlmpQUsdPerMVArh', 'shedKw', 'stationNetMw'];
  const rows: (string | number)[][] = [];
  for (const r of result.intervals) {
    const stationAt = new Map<number, number>();
    result.stationBuses.forEach((bus, s) => stationAt.set(bus, (stationAt.get(bus) ?? 0) + r.netMw[s]));
    for (const bus of result.busIds) {
      rows.push([
        r.index, r.start, bus, r.opf.voltagePu[bus], r.opf.dlmpP[bus], r.opf.dlmpQ[bus], r.opf.shedKwByBus[bus] ?? 0, stationAt.get(bus) ?? 0,
      ]);
    }
  }
  return { columns, rows };
}

function linksTable(result: CosimResult): ResultTable {
  const columns = ['interval', 'start', 'link', 'fromNode', 'toNode', 'kind', 'inflowVehPerH', 'travelTimeMin'];
  const rows: (string | number)[][] = [];
  const links = result.links;
  for (const r of result.intervals) {
    for (let a = 0; a < links.kind.length; a++) {
      rows.push([r.index, r.start, a, links.fromNode[a], links.toNode[a], links.kind[a], r.linkInflowVehPerH[a], r.linkTravelTimeMin[a]]);
    }
  }
  return { columns, rows };
}

function systemTable(result: CosimResult): ResultTable {
  const columns = [
    'interval', 'start', 'opfStatus', 'loadScale', 'outagedBranches', 'stationNetMw', 'lossesKw', 'importMw', 'costUsdPerH', 'shedKw',
    'minVoltagePu', 'minVoltageBus', 'maxDlmpUsdPerMWh', 'dueGap', 'dueIterations', 'maxConeGapPu', 'lpSolves',
    'fixedPointResidual', 'rounds',
  ];
  const rows = result.intervals.map((r) => [
    r.index, r.start, r.opf.status, r.loadScale, r.outagedBranches.join(' '), sum(r.netMw), r.opf.lossesKw, r.opf.importMw,
    r.opf.objectiveUsdPerH, r.opf.shedKw, r.opf.minVoltagePu, r.opf.minVoltageBus, maxOf(r.opf.dlmpP), r.dueGap, r.dueIterations,
    r.opf.maxConeGapPu, r.opf.lpSolves, r.fixedPointResidual, r.rounds,
  ]);
  return { columns, rows };
}

/**
 * Σ of a typed array (e.g. total station net load, MW).
 *
 * @example
 * sum(Float64Array.from([0.5, -0.2])); // 0.3
 */
export function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * Largest value of a per-bus record (e.g. the largest DLMP, $/MWh); −∞ when empty.
 *
 * @example
 * maxOf({ 1: 20, 18: 61.3 }); // 61.3
 */
export function maxOf(byBus: Readonly<Record<number, number>>): number {
  let m = -Infinity;
  for (const v of Object.values(byBus)) if (v > m) m = v;
  return m;
}
