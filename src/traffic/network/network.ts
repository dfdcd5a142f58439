/**
 * The road network shared by every traffic reader and algorithm.
 *
 * Built once per network (docs/architecture.md §6): nodes get dense integer
 * indices, links are stored column-wise in typed arrays and a CSR forward star
 * (`outStart`/`outLinks`) lets shortest-path and loading loops run over integers.
 *
 * Link kinds (docs/model.md §2): `road` (BPR travel time), `charge` (a charging-station
 * service link), `v2g` (a V2G service link), `bypass` (zero-time dummy past a
 * station). Station links carry `station` ≥ 0, the index in `stations`.
 * A destination station (`Station.kind === 'destination'`) has one `charge` link k → k*
 * into a sink node k* (docs/model.md §2 "Destination charging").
 */

/** Numeric link kind codes stored in `Network.kind`. */
export const LinkKind = { road: 0, charge: 1, v2g: 2, bypass: 3 } as const;
export type LinkKindName = keyof typeof LinkKind;
export type LinkKindCode = (typeof LinkKind)[LinkKindName];

/**
 * `en-route`: vehicles pass, charge or discharge on their way (three parallel links);
 * `destination`: vehicles of the charging and V2G classes whose trip ends at the node
 * plug in on arrival (one charge link into a sink, docs/model.md §2 "Destination charging").
 */
export type StationKind = 'en-route' | 'destination';

/** Energy drawn per visit at a destination station by the charging and V2G classes, kWh. */
export interface ClassEnergyNeedKwh {
  readonly charging: number;
  readonly v2g: number;
}

/**
 * A charging / V2G station attached at a road node (docs/model.md §2, §6).
 *
 * Destination stations: `chargeServiceMin` is the dwell (charger occupancy per visit),
 * `energyNeedKwh` the energy drawn per visit (power flows only for need / chargeKw of the
 * dwell), V2G ports, power and times are 0 and the congestion terms are 0 (the queue in
 * front of the chargers is modelled physically).
 */
export interface Station {
  /** User-facing name, e.g. `CS1`. */
  readonly id: string;
  /** Default `'en-route'`. */
  readonly kind?: StationKind;
  /** Destination stations only (required there): energy need per visit by class, kWh. */
  readonly energyNeedKwh?: ClassEnergyNeedKwh;
  /**
   * Destination stations only: share in (0, 1] of the charging and V2G trips ending at
   * the node that plug in here (default 1); the others end at the node as before.
   */
  readonly plugInShare?: number;
  /** External id of the road node the station sits at. */
  readonly node: number;
  /** Number of chargers (servers of the charge link), c_ch. */
  readonly chargers: number;
  /** Number of V2G ports (servers of the V2G link), c_v2g. */
  readonly v2gPorts: number;
  /** Charging power per vehicle, kW, and fixed service time, minutes. */
  readonly chargeKw: number;
  readonly chargeServiceMin: number;
  /** V2G discharge power per vehicle, kW, and fixed service time, minutes. */
  readonly v2gKw: number;
  readonly v2gServiceMin: number;
  /** Congestion terms of docs/model.md §2: t_ch_max (h/c)³ and t_v2g_max (h/c)³, minutes. */
  readonly chargeCongestionMaxMin: number;
  readonly v2gCongestionMaxMin: number;
}

/** A directed network in struct-of-arrays form. Link index = position in the arrays. */
export interface Network {
  readonly name: string;
  /** Where it was read from, for error messages. */
  readonly source: string;
  /** External node ids by dense index, and the reverse lookup. */
  readonly nodeIds: Int32Array;
  readonly nodeIndex: ReadonlyMap<number, number>;
  /** Zones are nodes 1…zoneCount (TNTP); nodes below `firstThruNode` carry no through traffic. */
  readonly zoneCount: number;
  readonly firstThruNode: number;
  /** Per link (dense node indices): */
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly kind: Uint8Array;
  /** Capacity: veh/h for road links; for station links the server count. */
  readonly capacity: Float64Array;
  readonly lengthKm: Float64Array;
  /**
   * Jam density per link, veh/km, for the LTM loading (`traffic.loading: "ltm"`); absent or
   * ≤ 0 = the default 150 veh/km/lane × max(1, capacity / 1,800) lanes (`ltmLinkParams`).
   */
  readonly jamDensityVehPerKm?: Float64Array;
  /** Free-flow travel time τ_a, minutes. */
  readonly freeFlowMin: Float64Array;
  /** BPR t = τ (1 + b (w/c)^power). */
  readonly bprB: Float64Array;
  readonly bprPower: Float64Array;
  /** TNTP toll (network units) and link type. */
  readonly toll: Float64Array;
  readonly linkType: Int32Array;
  /** Station index for charge/v2g/bypass links, −1 for road links. */
  readonly station: Int32Array;
  /** CSR forward star: links leaving node i are outLinks[outStart[i] .. outStart[i+1]). */
  readonly outStart: Int32Array;
  readonly outLinks: Int32Array;
  readonly stations: readonly Station[];
  /** TNTP generalized-cost factors: cost = time + tollFactor·toll + distanceFactor·length. */
  readonly tollFactor: number;
  readonly distanceFactor: number;
  /**
   * Per station s (index in `stations`): its link indices (−1 when absent) and the
   * dense index of its virtual node k' (the head of its service links; for a destination
   * station the sink k*), filled by `buildNetwork` / `insertStations` (docs/model.md §2).
   */
  readonly stationChargeLink: Int32Array;
  readonly stationV2gLink: Int32Array;
  readonly stationBypassLink: Int32Array;
  readonly stationVirtualNode: Int32Array;
}

/**
 * True for a destination station (its charge link ends in a sink node).
 *
 * @example
 * isDestinationStation({ ...cs1, kind: 'destination' }); // true
 */
export function isDestinationStation(station: Station): boolean {
  return station.kind === 'destination';
}

/** Demand between one origin and one destination (external node ids), veh/h. */
export interface OdDemand {
  readonly origin: number;
  readonly destination: number;
  readonly vehPerH: number;
}
