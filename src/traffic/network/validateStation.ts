/**
 * Boundary check for one `Station` record (docs/model.md §2, §7): finite, non-negative
 * counts, powers and times, and a non-empty id.
 */
import { InputError } from '../../common/errors.js';
import type { Station } from './network.js';

const NON_NEGATIVE = [
  'chargers', 'v2gPorts', 'chargeKw', 'chargeServiceMin', 'v2gKw', 'v2gServiceMin',
  'chargeCongestionMaxMin', 'v2gCongestionMaxMin',
] as const;

/**
 * Throw an `InputError` naming `source`, `stations[index].field` and the value for
 * the first bad field of `station`.
 *
 * @example
 * validateStation(cs1, 0, 'scenario.json'); // throws on { chargers: -1 }
 */
export function validateStation(station: Station, index: number, source: string): void {
  const at = `stations[${index}]`;
  if (typeof station.id !== 'string' || station.id.length === 0) {
    throw new InputError({ source, field: `${at}.id`, value: station.id }, 'must be a non-empty string');
  }
  if (!Number.isInteger(station.node)) {
    throw new InputError({ source, field: `${at} (${station.id}).node`, value: station.node }, 'must be an integer node id');
  }
  for (const field of NON_NEGATIVE) {
    const value = station[field];
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new InputError({ source, field: `${at} (${station.id}).${field}`, value }, 'must be a finite number ≥ 0');
    }
  }
}
