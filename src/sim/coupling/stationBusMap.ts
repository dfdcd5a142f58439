/**
 * Station ↔ bus mapping (seed 003 §1.2, the indicator η linking a station's
 * links to a feeder bus) and the per-interval bus injections it produces.
 */
import { InputError } from '../../common/errors.js';
import type { BusInjection } from '../../grid/model/injection.js';

/** Where each station (index s, scenario order) connects to the feeder. */
export interface StationBusMap {
  /** Station ids, index s. */
  readonly stationIds: readonly string[];
  /** Feeder bus id of station s. */
  readonly busId: Int32Array;
  /** Inverter rating of station s, MVA (NaN: no reactive capability). */
  readonly sMaxMva: Float64Array;
}

/** One station as the mapping needs it. */
export interface StationConnection {
  readonly id: string;
  readonly bus: number;
  readonly inverterSMaxMva?: number;
}

/**
 * Build the mapping and check every bus exists on the feeder.
 *
 * @param stations - stations in scenario order.
 * @param feederBusIds - bus ids of the feeder.
 * @param source - scenario file name for errors.
 * @throws InputError naming `stations[i].bus` when a bus is not on the feeder.
 * @example
 * const map = buildStationBusMap(scenario.stations, feeder.buses.map((b) => b.id), 'x.json');
 */
export function buildStationBusMap(stations: readonly StationConnection[], feederBusIds: readonly number[], source: string): StationBusMap {
  const known = new Set(feederBusIds);
  const busId = new Int32Array(stations.length);
  const sMaxMva = new Float64Array(stations.length);
  stations.forEach((st, s) => {
    if (!known.has(st.bus)) {
      throw new InputError({ source, field: `stations[${s}] (${st.id}).bus`, value: st.bus }, 'bus is not on the feeder');
    }
    busId[s] = st.bus;
    sMaxMva[s] = st.inverterSMaxMva ?? Number.NaN;
  });
  return { stationIds: stations.map((s) => s.id), busId, sMaxMva };
}

/**
 * Station net loads as feeder injections (positive = consumption, V2G negative),
 * one per station at its mapped bus. Stations with an inverter rating let the
 * OPF choose their reactive power within `P² + Q² ≤ S²`.
 *
 * @param map - station ↔ bus mapping.
 * @param netMw - station net load, MW (index s).
 * @example
 * session.solve({ injections: stationInjections(map, power.netMw) });
 */
export function stationInjections(map: StationBusMap, netMw: Float64Array): BusInjection[] {
  const out: BusInjection[] = [];
  for (let s = 0; s < netMw.length; s++) {
    const sMax = map.sMaxMva[s];
    out.push(Number.isNaN(sMax) ? { bus: map.busId[s], pMw: netMw[s] } : { bus: map.busId[s], pMw: netMw[s], sMaxMva: sMax });
  }
  return out;
}

/**
 * Read a per-bus record (e.g. `OpfResult.dlmpP`) at every station's bus.
 *
 * @example
 * atStationBuses(map, opf.dlmpP, dlmpAtStation);
 */
export function atStationBuses(map: StationBusMap, byBus: Readonly<Record<number, number>>, out: Float64Array): Float64Array {
  for (let s = 0; s < map.busId.length; s++) out[s] = byBus[map.busId[s]];
  return out;
}
