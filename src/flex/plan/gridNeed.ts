/**
 * A grid need for tier planning (docs/model.md §5 "Validation dispatch"; seed 003 §3.2): a
 * cap or a floor on one station's net load at t*.
 */
import { InputError } from '../../common/errors.js';
import type { Scenario } from '../../sim/index.js';

/** `netMw(station) <= limit` (keep load room: cap) or `>= limit` (floor). */
export interface GridNeed {
  /** Station index (scenario order), its id and feeder bus. */
  readonly station: number;
  readonly stationId: string;
  readonly bus: number;
  readonly op: '<=' | '>=';
  /** Limit on the station's net load, MW (negative: net V2G injection). */
  readonly limitMw: number;
  /** As written by the user. */
  readonly text: string;
}

/**
 * Parse `STATION<=MW`, `STATION>=MW`, or `busB<=MW` (the station on feeder bus B).
 *
 * Examples of needs: keep 0.5 MW of load room at bus 30 when CS3 draws 0.6 MW →
 * `bus30<=0.1`; a minimum V2G injection of 0.3 MW at bus 30 → `bus30<=-0.3`.
 *
 * @param text - the need
 * @param scenario - for the station ids and buses
 * @throws InputError naming the need when the syntax, station or bus is wrong
 * @example
 * parseGridNeed('CS3<=0.2', scenario); // { station: 2, bus: 30, op: '<=', limitMw: 0.2, … }
 */
export function parseGridNeed(text: string, scenario: Pick<Scenario, 'stations'>): GridNeed {
  const source = 'flex/gridNeed';
  const m = /^\s*([A-Za-z0-9_.-]+?)\s*(<=|>=)\s*(-?[0-9.]+(?:e-?\d+)?)\s*$/i.exec(text);
  if (!m || !Number.isFinite(Number(m[3]))) {
    throw new InputError({ source, field: '--need', value: text }, 'must look like "CS3<=0.2" or "bus30>=0.5" (MW)');
  }
  const [, who, op, value] = m;
  const bus = /^bus(\d+)$/i.exec(who);
  const station = bus
    ? scenario.stations.findIndex((s) => s.bus === Number(bus[1]))
    : scenario.stations.findIndex((s) => s.id === who);
  if (station < 0) {
    const known = scenario.stations.map((s) => `${s.id} (bus ${s.bus})`).join(', ');
    throw new InputError({ source, field: '--need', value: text }, `${bus ? `no station at bus ${bus[1]}` : `"${who}" is not a station`} of the scenario (${known})`);
  }
  const st = scenario.stations[station];
  return { station, stationId: st.id, bus: st.bus, op: op as '<=' | '>=', limitMw: Number(value), text };
}

/** Whether a load vector (all stations, MW) meets the need. */
export function meetsNeed(need: GridNeed, netMw: readonly number[]): boolean {
  const v = netMw[need.station];
  return need.op === '<=' ? v <= need.limitMw : v >= need.limitMw;
}
