/**
 * Grid needs for tier planning (docs/flexibility.md §7): a cap or a floor on a station's
 * or a feeder bus's net load at t*, one or several at once (`--need` is repeatable).
 */
import { InputError } from '../../common/errors.js';
import type { Scenario } from '../../sim/index.js';

/** `net load <= limit` (keep load room: cap) or `>= limit` (floor). */
export interface GridNeed {
  /** First station the need is on (scenario order), its id and feeder bus. */
  readonly station: number;
  readonly stationId: string;
  readonly bus: number;
  /** Every station whose net load the need sums: the station itself, or all stations on the bus (`busB`). */
  readonly stations: readonly number[];
  readonly op: '<=' | '>=';
  /** Limit on the net load, MW (negative: net V2G injection). */
  readonly limitMw: number;
  /** As written by the user. */
  readonly text: string;
}

const SOURCE = 'flex/gridNeed';

/**
 * Parse `STATION<=MW`, `STATION>=MW`, or `busB<=MW` (the stations on feeder bus B, summed).
 *
 * Examples of needs: keep 0.5 MW of load room at bus 30 when CS3 draws 0.6 MW →
 * `bus30<=0.1`; a minimum V2G injection of 0.3 MW at bus 30 → `bus30<=-0.3`.
 *
 * @param text - the need
 * @param scenario - for the station ids and buses
 * @throws InputError naming `--need` and the value when the syntax, station or bus is wrong
 * @example
 * parseGridNeed('CS3<=0.2', scenario); // { station: 2, stations: [2], bus: 30, op: '<=', limitMw: 0.2, … }
 */
export function parseGridNeed(text: string, scenario: Pick<Scenario, 'stations'>): GridNeed {
  const m = /^\s*([A-Za-z0-9_.-]+?)\s*(<=|>=)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*$/i.exec(text);
  if (!m || !Number.isFinite(Number(m[3]))) {
    throw new InputError({ source: SOURCE, field: '--need', value: text }, 'must look like "CS3<=0.2" or "bus30>=0.5" (MW)');
  }
  const [, who, op, value] = m;
  const bus = /^bus(\d+)$/i.exec(who);
  const stations = bus
    ? scenario.stations.flatMap((s, i) => (s.bus === Number(bus[1]) ? [i] : []))
    : scenario.stations.flatMap((s, i) => (s.id === who ? [i] : []));
  if (stations.length === 0) {
    const known = scenario.stations.map((s) => `${s.id} (bus ${s.bus})`).join(', ');
    throw new InputError({ source: SOURCE, field: '--need', value: text }, `${bus ? `no station at bus ${bus[1]}` : `"${who}" is not a station`} of the scenario (${known})`);
  }
  const st = scenario.stations[stations[0]];
  return { station: stations[0], stationId: st.id, bus: st.bus, stations, op: op as '<=' | '>=', limitMw: Number(value), text };
}

/**
 * Parse every `--need` and check them together: needs on the same stations must leave a
 * non-empty range (a cap below a floor is contradictory).
 *
 * @param texts - the needs as given (repeatable option)
 * @param scenario - for the station ids and buses
 * @throws InputError naming `--need` and the value (both needs when contradictory)
 * @example
 * parseGridNeeds(['CS3<=0.2', 'bus30>=-1'], scenario).length; // 2
 * parseGridNeeds(['CS3<=0.1', 'CS3>=0.5'], scenario); // throws: contradictory
 */
export function parseGridNeeds(texts: readonly string[], scenario: Pick<Scenario, 'stations'>): GridNeed[] {
  const needs = texts.map((t) => parseGridNeed(t, scenario));
  const key = (n: GridNeed): string => [...n.stations].sort((a, b) => a - b).join(',');
  for (const cap of needs) {
    if (cap.op !== '<=') continue;
    for (const floor of needs) {
      if (floor.op !== '>=' || key(floor) !== key(cap) || !(floor.limitMw > cap.limitMw)) continue;
      throw new InputError(
        { source: SOURCE, field: '--need', value: `${floor.text} and ${cap.text}` },
        `contradictory: the net load of ${cap.stations.map((s) => scenario.stations[s].id).join(' + ')} cannot be ≥ ${floor.limitMw} and ≤ ${cap.limitMw} MW`,
      );
    }
  }
  return needs;
}

/** The need's net load (sum over its stations) in a load vector (all stations, MW). */
export function needLoadMw(need: GridNeed, netMw: readonly number[]): number {
  let v = 0;
  for (const s of need.stations ?? [need.station]) v += netMw[s];
  return v;
}

/** Whether a load vector (all stations, MW) meets the need. */
export function meetsNeed(need: GridNeed, netMw: readonly number[]): boolean {
  const v = needLoadMw(need, netMw);
  return need.op === '<=' ? v <= need.limitMw : v >= need.limitMw;
}

/** By how much a load vector misses the need, MW (0 when met). */
export function needViolationMw(need: GridNeed, netMw: readonly number[]): number {
  const v = needLoadMw(need, netMw);
  return Math.max(0, need.op === '<=' ? v - need.limitMw : need.limitMw - v);
}
