/**
 * Scenario sections `traffic`, `classes` and `demand` (docs/model.md §2 user classes,
 * §6 reference demand).
 */
import { z } from 'zod';

/** Schema of `traffic`. */
export const trafficSchema = z
  .strictObject({
    network: z
      .string()
      .min(1)
      .describe(
        'Road network: a bundled name (`NguyenDupuis`, `SiouxFalls`, …) or a TNTP `_net` file path relative to the scenario file.',
      ),
    propagation: z
      .enum(['dynamic', 'instantaneous'])
      .default('dynamic')
      .describe(
        '`dynamic`: vehicles take each link at the time they reach it (DTA). `instantaneous`: a trip loads every link of its path in its departure interval (the static special case, docs/model.md §5).',
      ),
    replan: z
      .enum(['committed', 'whole-horizon'])
      .default('committed')
      .describe(
        'How the traffic equilibrium follows the prices (docs/model.md §4 "Committed past"). `committed` (default): at tick t the routes and stations of every cohort that departed before t are frozen; only departures at t or later re-equilibrate against the prices published so far, and the loading restarts from the network state at t. `whole-horizon`: every tick re-solves the equilibrium of all departures, past ones included (anticipatory; the reported series is stitched from several traffic solutions).',
      ),
    loading: z
      .enum(['point-queue', 'ltm'])
      .default('point-queue')
      .describe(
        'Link model of the dynamic loading (docs/model.md §2.5). `point-queue` (default): BPR running time and vertical queues at each link exit, no spillback. `ltm`: link transmission model (Yperman) with a triangular fundamental diagram per road (free speed = length / free-flow time, lanes = capacity / 1,800 veh/h, jam density 150 veh/km/lane): queues take physical room and spill back to upstream links; stations keep their servers and a queue inside the station area. Ignored by `propagation: instantaneous`.',
      ),
  })
  .describe('Road network and loading model.');

/** Schema of `classes`. */
export const classesSchema = z
  .strictObject({
    chargingShare: z.number().min(0).max(1).describe('λ: share of travellers who must charge once on their trip (docs/model.md §2).'),
    v2gShare: z.number().min(0).max(1).describe('φ: share of travellers who discharge (V2G) once on their trip.'),
    valueOfTimeYuanPerH: z.number().nonnegative().max(1e4).describe('θ: value of travel time, ¥/h (all classes), at most 10,000.'),
    chargingEnergyNeedKwh: z
      .number()
      .nonnegative()
      .max(1000)
      .optional()
      .describe(
        'Energy a charging-class vehicle draws per visit at a destination station, kWh, at most 1,000 (required when a station has `kind: "destination"`; docs/model.md §2 "Destination charging").',
      ),
    v2gEnergyNeedKwh: z
      .number()
      .nonnegative()
      .max(1000)
      .optional()
      .describe(
        'Energy a V2G-class vehicle draws per visit at a destination station (recharging at home after discharging en route), kWh, at most 1,000 (required when a station has `kind: "destination"`).',
      ),
  })
  .refine((c) => c.chargingShare + c.v2gShare <= 1, {
    message: 'chargingShare + v2gShare must be ≤ 1',
    path: ['v2gShare'],
  })
  .describe('User classes: regular (1 − λ − φ), charging (λ), V2G (φ).');

/** One explicit OD entry. */
export const odEntrySchema = z
  .strictObject({
    origin: z.number().int().describe('Origin road node id.'),
    destination: z.number().int().describe('Destination road node id.'),
    vehPerH: z.number().nonnegative().max(1e6).optional().describe('Demand rate, veh/h (at most 1,000,000), multiplied by `profile` and `scale`.'),
    vehPerHByInterval: z
      .array(z.number().nonnegative().max(1e6))
      .optional()
      .describe('Demand rate per interval, veh/h (one per interval, each at most 1,000,000), multiplied by `scale` only.'),
  })
  .refine((e) => (e.vehPerH === undefined) !== (e.vehPerHByInterval === undefined), {
    message: 'give exactly one of vehPerH and vehPerHByInterval',
  })
  .describe('Demand of one OD pair (all classes together).');

/** Schema of `demand`. */
export const demandSchema = z
  .strictObject({
    od: z
      .array(odEntrySchema)
      .optional()
      .describe("Explicit OD table replacing the network's own (absent: use the bundled or file OD table)."),
    tripsFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A TNTP `_trips.tntp` OD table (veh/h per OD pair, zones = road node ids), relative to the scenario file; the rates are multiplied by `profile` and `scale` (docs/demand.md).',
      ),
    csvFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        'A CSV departure table `origin,destination,departure,vehicles[,class]` relative to the scenario file: `departure` is an `HH:MM` clock time inside the window or a 0-based interval index, `vehicles` the vehicles departing in that interval (rows with the same OD, interval and class add up), `class` optional (`regular`, `charging`, `v2g`; empty = split by the class shares). Multiplied by `scale`; `profile` is not allowed with it (docs/demand.md).',
      ),
    profile: z
      .array(z.number().nonnegative().max(1000))
      .optional()
      .describe('Multiplier of the OD rates per interval (one per interval, each at most 1,000); absent = 1 in every interval. Not allowed with `csvFile` (the table gives the departures per interval).'),
    scale: z.number().nonnegative().max(1000).default(1).describe('Global multiplier of all demand, e.g. `--set demand.scale=1.2`; at most 1,000 (docs/limits.md).'),
  })
  .refine((d) => [d.od, d.tripsFile, d.csvFile].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one demand source: od, tripsFile or csvFile',
  })
  .refine((d) => d.csvFile === undefined || d.profile === undefined, {
    message: 'profile is not allowed with csvFile: the table gives the vehicles per departure interval',
    path: ['profile'],
  })
  .describe(
    "Travel demand per interval (docs/demand.md): one source at most — inline `od`, a TNTP `tripsFile` or a CSV `csvFile`; none = the bundled network's own trip table. OD rates (veh/h, all classes) times `profile[t]` times `scale`.",
  );

/** Parsed sections. */
export type ScenarioTraffic = z.output<typeof trafficSchema>;
/** `traffic.replan`. */
export type ReplanMode = ScenarioTraffic['replan'];
export type ScenarioClasses = z.output<typeof classesSchema>;
export type ScenarioDemand = z.output<typeof demandSchema>;
