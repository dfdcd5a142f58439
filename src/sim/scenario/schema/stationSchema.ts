/**
 * Scenario section `stations`: bidirectional charging / V2G stations on the way and
 * destination (home) stations, each at a road node and a feeder bus (docs/model.md §2
 * station links and "Destination charging", §6 reference stations).
 */
import { z } from 'zod';
import type { Station } from '../../../traffic/network/network.js';

/** Bounds of the station fields (docs/limits.md): servers, kW per vehicle, minutes per visit. */
const MAX_SERVERS = 100_000;
const MAX_KW = 10_000;
const MAX_SERVICE_MIN = 1440;
const servers = () => z.number().int().nonnegative().max(MAX_SERVERS);
const kw = () => z.number().nonnegative().max(MAX_KW);
const minutes = () => z.number().nonnegative().max(MAX_SERVICE_MIN);

const inverterSMaxMva = z
  .number()
  .positive()
  .max(1000)
  .optional()
  .describe(
    'Station inverter rating S, MVA (at most 1,000). When given, the OPF may use the station for reactive support within P² + Q² ≤ S² (docs/model.md §3, seed 001); when absent the station draws no reactive power.',
  );

/** Schema of an en-route station (the default kind). */
export const enRouteStationSchema = z
  .strictObject({
    kind: z
      .literal('en-route')
      .default('en-route')
      .describe('`en-route` (default): vehicles pass, charge or discharge on their way; `destination`: see the destination station.'),
    id: z.string().min(1).describe('Station name used in results, e.g. `"CS1"`.'),
    node: z
      .number()
      .int()
      .describe('External id of the road node the station sits at (split into the node and a virtual node joined by charge / V2G / bypass links).'),
    bus: z.number().int().describe("Feeder bus (the data's own bus number) the station's net load is connected to."),
    chargers: servers().describe('Number of chargers c_ch (servers of the charge link), at most 100,000; 0 closes the charge link.'),
    v2gPorts: servers().describe('Number of V2G ports c_v2g (servers of the V2G link), at most 100,000; 0 closes the V2G link.'),
    chargeKw: kw().describe('Charging power per vehicle p_ch, kW (at most 10,000).'),
    chargeServiceMin: minutes().describe('Charging service time t_ch, minutes (at most 1,440).'),
    v2gKw: kw().describe('V2G discharge power per vehicle p_v2g, kW (at most 10,000).'),
    v2gServiceMin: minutes().describe('V2G service time t_v2g, minutes (at most 1,440).'),
    chargeCongestionMaxMin: minutes().describe('Congestion term t_ch_max of the charge link time τ + t_ch + t_ch_max (h/c_ch)³, minutes, at most 1,440 (docs/model.md §2).'),
    v2gCongestionMaxMin: minutes().describe('Congestion term t_v2g_max of the V2G link time τ + t_v2g + t_v2g_max (h/c_v2g)³, minutes, at most 1,440 (docs/model.md §2).'),
    inverterSMaxMva,
  })
  .describe('A bidirectional charging / V2G station on the way (docs/model.md §2 station links).');

/**
 * Schema of a destination (home) station. Parsing keeps the fields as written (so a parsed
 * scenario parses again unchanged); {@link stationServiceRecord} gives the en-route field set
 * the engines read: `chargeServiceMin` = `dwellMin` (charger occupancy per visit), no V2G
 * ports, no congestion terms (docs/model.md §2 "Destination charging").
 */
export const destinationStationSchema = z
  .strictObject({
    kind: z
      .literal('destination')
      .describe('`destination`: the charging and V2G vehicles whose trip ends at `node` plug in on arrival (docs/model.md §2 "Destination charging").'),
    id: z.string().min(1).describe('Station name used in results, e.g. `"H2"`.'),
    node: z
      .number()
      .int()
      .describe('External id of the road node (a trip destination) the station sits at; a charge link leads from it into a sink.'),
    bus: z.number().int().describe("Feeder bus (the data's own bus number) the station's load is connected to."),
    chargers: servers().describe('Number of chargers (shared; a FIFO queue forms when all are occupied), at most 100,000.'),
    chargeKw: kw().describe('Charging power per vehicle, kW (at most 10,000).'),
    dwellMin: z
      .number()
      .positive()
      .max(MAX_SERVICE_MIN)
      .describe(
        'Dwell: minutes a vehicle occupies a charger per visit (at most 1,440); it draws chargeKw for the first need / chargeKw of it (need: `classes.chargingEnergyNeedKwh`, `classes.v2gEnergyNeedKwh`).',
      ),
    plugInShare: z
      .number()
      .gt(0)
      .max(1)
      .default(1)
      .describe(
        'Share of the charging and V2G trips ending at `node` that plug in here (default 1); the others end at the node without plugging in and charge en route as before.',
      ),
    inverterSMaxMva,
  })
  .describe('A destination (home) charging station.');

/** Schema of one station: en-route (default) or destination, by `kind`. */
export const stationSchema = z
  .discriminatedUnion('kind', [enRouteStationSchema, destinationStationSchema])
  .describe('A charging station: en-route (bidirectional charging / V2G, the default) or destination (home charging).');

/** A parsed station. */
export type ScenarioStation = z.output<typeof stationSchema>;

/** The service fields of a station as the engines read them (the traffic engine's en-route field set). */
export type StationServiceRecord = Pick<
  Station,
  'chargers' | 'v2gPorts' | 'chargeKw' | 'chargeServiceMin' | 'v2gKw' | 'v2gServiceMin' | 'chargeCongestionMaxMin' | 'v2gCongestionMaxMin'
>;

/**
 * The en-route service fields of any station: an en-route station's own, and for a
 * destination station `chargeServiceMin` = `dwellMin` with no V2G ports and no congestion terms.
 *
 * @example
 * stationServiceRecord({ kind: 'destination', id: 'H2', node: 2, bus: 25, chargers: 200, chargeKw: 7.4, dwellMin: 180, plugInShare: 0.4 })
 *   .chargeServiceMin; // 180
 */
export function stationServiceRecord(station: ScenarioStation): StationServiceRecord {
  if (station.kind === 'destination') {
    return {
      chargers: station.chargers, v2gPorts: 0, chargeKw: station.chargeKw, chargeServiceMin: station.dwellMin,
      v2gKw: 0, v2gServiceMin: 0, chargeCongestionMaxMin: 0, v2gCongestionMaxMin: 0,
    };
  }
  return station;
}
