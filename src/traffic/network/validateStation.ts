/**
 * Boundary check for one `Station` record (docs/model.md §2, §7): finite, non-negative
 * counts, powers and times, and a non-empty id; for a destination station also a
 * positive dwell, no V2G ports and energy needs the dwell can deliver.
 */
import { InputError } from '../../common/errors.js';
import { isDestinationStation, type Station } from './network.js';

const NON_NEGATIVE = [
  'chargers', 'v2gPorts', 'chargeKw', 'chargeServiceMin', 'v2gKw', 'v2gServiceMin',
  'chargeCongestionMaxMin', 'v2gCongestionMaxMin',
] as const;

/** Relative slack on need ≤ chargeKw · dwell / 60 (rounding of values written in kWh). */
const NEED_SLACK = 1e-9;

/**
 * Throw an `InputError` naming `source`, `stations[index].field` and the value for
 * the first bad field of `station`.
 *
 * Destination stations (`kind: 'destination'`): `chargeServiceMin` (the dwell) > 0,
 * `v2gPorts` = 0, `plugInShare` (default 1) in (0, 1], `energyNeedKwh.charging` and
 * `.v2g` finite, ≥ 0 and at most chargeKw · dwell / 60 (what one charger delivers
 * during the dwell).
 *
 * @example
 * validateStation(cs1, 0, 'scenario.json'); // throws on { chargers: -1 }
 */
export function validateStation(station: Station, index: number, source: string): void {
  const at = `stations[${index}]`;
  if (typeof station.id !== 'string' || station.id.length === 0) {
    throw new InputError({ source, field: `${at}.id`, value: station.id }, 'must be a non-empty string');
  }
  const named = `${at} (${station.id})`;
  if (!Number.isInteger(station.node)) {
    throw new InputError({ source, field: `${named}.node`, value: station.node }, 'must be an integer node id');
  }
  for (const field of NON_NEGATIVE) {
    const value = station[field];
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new InputError({ source, field: `${named}.${field}`, value }, 'must be a finite number ≥ 0');
    }
  }
  if (station.kind !== undefined && station.kind !== 'en-route' && station.kind !== 'destination') {
    throw new InputError({ source, field: `${named}.kind`, value: station.kind }, "must be 'en-route' or 'destination'");
  }
  if (!isDestinationStation(station)) return;
  if (!(station.chargeServiceMin > 0)) {
    throw new InputError({ source, field: `${named}.chargeServiceMin`, value: station.chargeServiceMin }, 'the dwell of a destination station must be > 0');
  }
  if (station.v2gPorts !== 0) {
    throw new InputError({ source, field: `${named}.v2gPorts`, value: station.v2gPorts }, 'a destination station has no V2G ports (must be 0)');
  }
  const share = station.plugInShare ?? 1;
  if (!(share > 0 && share <= 1)) {
    throw new InputError({ source, field: `${named}.plugInShare`, value: station.plugInShare }, 'must be in (0, 1]');
  }
  const deliverableKwh = (station.chargeKw * station.chargeServiceMin) / 60;
  for (const userClass of ['charging', 'v2g'] as const) {
    const need = station.energyNeedKwh?.[userClass];
    const field = `${named}.energyNeedKwh.${userClass}`;
    if (!(typeof need === 'number' && Number.isFinite(need) && need >= 0)) {
      throw new InputError({ source, field, value: need }, 'must be a finite number ≥ 0 for a destination station');
    }
    if (need > deliverableKwh * (1 + NEED_SLACK)) {
      throw new InputError({ source, field, value: need }, `exceeds what the dwell can deliver: chargeKw · dwell / 60 = ${+deliverableKwh.toPrecision(12)} kWh`);
    }
  }
}
