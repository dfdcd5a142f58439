/**
 * Boundary check of a `DueScenario` and its translation into integer groups
 * (OD pair × user class) with demand per departure interval (docs/model.md §2, §7).
 */
import { InputError } from '../../common/errors.js';
import { isDestinationStation, LinkKind, type Network } from '../network/network.js';
import { type DueScenario, USER_CLASSES, UserClassCode } from './dueTypes.js';

/** One OD pair and class: dense node indices and vehicles departing per interval. */
export interface DueGroup {
  readonly origin: number;
  readonly destination: number;
  readonly originId: number;
  readonly destinationId: number;
  readonly classCode: number;
  readonly demandVeh: Float64Array;
  /** Indices into the solver's path list. */
  readonly paths: number[];
}

/** The validated problem. */
export interface DueProblem {
  readonly groups: DueGroup[];
  readonly stepsPerInterval: number;
  /** Per link: 1 if a path may use it (capacity / servers > 0). */
  readonly usable: Uint8Array;
}

const SOURCE = 'traffic/dynamic/solveDue';

function fail(field: string, value: unknown, reason: string): never {
  throw new InputError({ source: SOURCE, field, value }, reason);
}

/**
 * Validate `scenario` and build the groups. Each OD's demand is split by the shares
 * (regular 1 − λ − φ, charging λ, V2G φ) and converted to vehicles per interval
 * (veh/h × Δt/60). Groups with no demand at all are dropped. Of the charging and V2G
 * trips whose destination k has a destination station, the station's `plugInShare`
 * (default 1) forms a group ending at its sink k* (they plug in on arrival; the group's
 * `destinationId`, hence its paths' `destination`, is the sink's id, which keeps the
 * group keys OD × class × destination unique); the rest ends at k as before.
 *
 * Note: a destination station no group ends at is not rejected here (the scenario
 * boundary, `buildTrafficInputs`, does that); its chargers stay idle.
 *
 * Errors (`InputError`, naming field and value): non-integer steps per interval,
 * bad shares, wrong price/coupon lengths, NaN or negative rates, unknown nodes.
 *
 * @example
 * const { groups, stepsPerInterval } = dueProblem(scenario); // 10-min intervals, δ = 30 s → 20
 */
export function dueProblem(scenario: DueScenario): DueProblem {
  const net = scenario.network;
  const I = scenario.intervals;
  if (!(Number.isInteger(I) && I >= 1)) fail('intervals', I, 'must be an integer ≥ 1');
  if (!(scenario.intervalMin > 0 && Number.isFinite(scenario.intervalMin))) fail('intervalMin', scenario.intervalMin, 'must be > 0');
  if (!(scenario.stepSec > 0 && Number.isFinite(scenario.stepSec))) fail('stepSec', scenario.stepSec, 'must be > 0');
  const spiExact = (scenario.intervalMin * 60) / scenario.stepSec;
  const spi = Math.round(spiExact);
  if (spi < 1 || Math.abs(spiExact - spi) > 1e-9 * spiExact) {
    fail('stepSec', scenario.stepSec, `must divide intervalMin · 60 = ${scenario.intervalMin * 60} s`);
  }
  if (scenario.horizonSteps !== undefined && !(Number.isInteger(scenario.horizonSteps) && scenario.horizonSteps >= I * spi)) {
    fail('horizonSteps', scenario.horizonSteps, `must be an integer ≥ intervals · steps per interval = ${I * spi}`);
  }
  const { charging, v2g } = scenario.shares;
  if (!(charging >= 0 && v2g >= 0 && charging + v2g <= 1 + 1e-12)) fail('shares', scenario.shares, 'need λ, φ ≥ 0 and λ + φ ≤ 1');
  const theta = scenario.valueOfTimeYuanPerH;
  if (!(theta >= 0 && Number.isFinite(theta))) fail('valueOfTimeYuanPerH', theta, 'must be a finite number ≥ 0');
  const cells = net.stations.length * I;
  const arrays: [string, Float64Array][] = [
    ['prices.chargeYuanPerKWh', scenario.prices.chargeYuanPerKWh], ['prices.v2gYuanPerKWh', scenario.prices.v2gYuanPerKWh],
    ['coupons.chargeYuanPerKWh', scenario.coupons.chargeYuanPerKWh], ['coupons.v2gYuanPerVisit', scenario.coupons.v2gYuanPerVisit],
  ];
  for (const [field, arr] of arrays) {
    if (arr.length !== cells) fail(`${field}.length`, arr.length, `must be stations × intervals = ${cells}`);
    for (let i = 0; i < arr.length; i++) if (!Number.isFinite(arr[i])) fail(`${field}[${i}]`, arr[i], 'must be finite');
  }
  const classShares = [1 - charging - v2g, charging, v2g];
  const homeSink = destinationSinks(net);
  const groups: DueGroup[] = [];
  scenario.demand.forEach((d, i) => {
    const o = net.nodeIndex.get(d.origin);
    const s = net.nodeIndex.get(d.destination);
    if (o === undefined) fail(`demand[${i}].origin`, d.origin, 'unknown node');
    if (s === undefined) fail(`demand[${i}].destination`, d.destination, 'unknown node');
    if (d.vehPerHByInterval.length !== I) fail(`demand[${i}].vehPerHByInterval.length`, d.vehPerHByInterval.length, `must be ${I}`);
    d.vehPerHByInterval.forEach((r, t) => {
      if (!(r >= 0 && Number.isFinite(r))) fail(`demand[${i}].vehPerHByInterval[${t}]`, r, 'must be a finite number ≥ 0');
    });
    const total = d.vehPerHByInterval.reduce((x, y) => x + y, 0);
    if (total === 0) return;
    if (o === s) fail(`demand[${i}].destination`, d.destination, 'equals the origin');
    const entryShares = d.userClass === undefined ? classShares : USER_CLASSES.map((c) => (c === d.userClass ? 1 : 0));
    entryShares.forEach((share, classCode) => {
      if (!(share > 1e-15)) return;
      const vehicles = (r: number, part: number) => (r * share * part * scenario.intervalMin) / 60;
      // charging and V2G trips ending at a destination station plug in there: they end in its sink
      const home = classCode === UserClassCode.regular ? undefined : homeSink.get(s!);
      const homePart = home?.plugInShare ?? 0;
      if (home !== undefined) {
        const demandVeh = Float64Array.from(d.vehPerHByInterval, (r) => vehicles(r, homePart));
        groups.push({ origin: o!, destination: home.sink, originId: d.origin, destinationId: net.nodeIds[home.sink], classCode, demandVeh, paths: [] });
      }
      if (homePart >= 1) return;
      const demandVeh = Float64Array.from(d.vehPerHByInterval, (r) => vehicles(r, 1 - homePart));
      groups.push({ origin: o!, destination: s!, originId: d.origin, destinationId: d.destination, classCode, demandVeh, paths: [] });
    });
  });
  const usable = new Uint8Array(net.from.length);
  for (let a = 0; a < usable.length; a++) {
    const kind = net.kind[a];
    if (kind === LinkKind.road) usable[a] = net.capacity[a] > 0 ? 1 : 0;
    else if (kind === LinkKind.bypass) usable[a] = 1;
    else {
      const st = net.stations[net.station[a]];
      usable[a] = (kind === LinkKind.charge ? st.chargers : st.v2gPorts) > 0 ? 1 : 0;
    }
  }
  return { groups, stepsPerInterval: spi, usable };
}

/** Dense road node → dense sink node and plug-in share of the destination station there (docs/model.md §2 "Destination charging"). */
function destinationSinks(net: Network): Map<number, { sink: number; plugInShare: number }> {
  const sinks = new Map<number, { sink: number; plugInShare: number }>();
  net.stations.forEach((st, s) => {
    const a = net.stationChargeLink[s];
    if (isDestinationStation(st) && a >= 0) sinks.set(net.from[a], { sink: net.to[a], plugInShare: st.plugInShare ?? 1 });
  });
  return sinks;
}

/**
 * The error thrown when a group has demand but no usable path of its class; the
 * value shown is the group's vehicles.
 *
 * @example
 * throw noPathError(group);
 */
export function noPathError(group: DueGroup): InputError {
  const vehicles = group.demandVeh.reduce((x, y) => x + y, 0);
  return new InputError(
    { source: SOURCE, field: `demand ${group.originId}→${group.destinationId} (${USER_CLASSES[group.classCode]}) vehicles`, value: vehicles },
    `no path of class ${USER_CLASSES[group.classCode]} (zero-capacity links and stations without servers are unusable)`,
  );
}

/**
 * Validate `DueOptions.committedIntervals` (default 0): an integer in [0, intervals]; when > 0
 * a warm start with the same number of intervals is required (it carries the committed
 * cohorts). Returns the value.
 *
 * @example
 * const committed = checkCommittedIntervals(options.committedIntervals, options.warmStart?.intervals, 12); // 0…12
 */
export function checkCommittedIntervals(committed: number | undefined, warmIntervals: number | undefined, intervals: number): number {
  const c = committed ?? 0;
  if (!(Number.isInteger(c) && c >= 0 && c <= intervals)) fail('options.committedIntervals', c, `must be an integer in [0, intervals = ${intervals}]`);
  if (c > 0 && warmIntervals === undefined) fail('options.committedIntervals', c, 'needs options.warmStart (it carries the committed departures)');
  if (c > 0 && warmIntervals !== intervals) fail('options.warmStart.intervals', warmIntervals, `must equal intervals = ${intervals} when intervals are committed`);
  return c;
}
