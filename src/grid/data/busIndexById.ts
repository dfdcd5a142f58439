import type { Feeder } from '../model/feeder.js';

/**
 * Map each bus id (the data's own number) to its position in `feeder.buses`.
 *
 * Build it once per feeder, outside hot loops (docs/architecture.md): loops then run over
 * positions. Duplicate ids keep their first position; `validateFeeder` reports them.
 *
 * @param feeder - any feeder (validated or not).
 * @returns id → position in `feeder.buses`.
 * @example
 * const pos = busIndexById(feeder);
 * const v = voltages[pos.get(18)!];
 */
export function busIndexById(feeder: Feeder): Map<number, number> {
  const index = new Map<number, number>();
  feeder.buses.forEach((bus, position) => {
    if (!index.has(bus.id)) index.set(bus.id, position);
  });
  return index;
}
