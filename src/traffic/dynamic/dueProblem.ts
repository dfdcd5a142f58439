/**
 * Boundary check of a `DueScenario` and its translation into integer groups
 * (OD pair × user class) with demand per departure interval (docs/model.md §2, §7).
 */
import { InputError } from '../../common/errors.js';
import { LinkKind } from '../network/network.js';
import { type DueScenario, USER_CLASSES } from './dueTypes.js';

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
 * (veh/h × Δt/60). Groups with no demand at all are dropped.
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
    classShares.forEach((share, classCode) => {
      if (!(share > 1e-15)) return;
      const demandVeh = Float64Array.from(d.vehPerHByInterval, (r) => (r * share * scenario.intervalMin) / 60);
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
