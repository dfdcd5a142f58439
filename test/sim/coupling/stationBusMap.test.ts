import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { atStationBuses, buildStationBusMap, stationInjections } from '../../../src/sim/coupling/stationBusMap.ts';

describe('stationBusMap', () => {
  const buses = [1, 2, 16, 22, 30];
  const map = buildStationBusMap([{ id: 'CS1', bus: 22 }, { id: 'CS2', bus: 16, inverterSMaxMva: 4 }], buses, 's.json');

  it('should map stations to buses in scenario order', () => {
    expect(Array.from(map.busId)).toEqual([22, 16]);
    expect(map.stationIds).toEqual(['CS1', 'CS2']);
  });
  it('should reject a bus outside the feeder, naming file, field and value', () => {
    expect(() => buildStationBusMap([{ id: 'CS1', bus: 99 }], buses, 's.json')).toThrow(InputError);
    expect(() => buildStationBusMap([{ id: 'CS1', bus: 99 }], buses, 's.json')).toThrow('s.json: stations[0] (CS1).bus = 99: bus is not on the feeder');
  });
  it('should turn net loads into injections at the mapped buses (inverter only where rated)', () => {
    expect(stationInjections(map, Float64Array.from([0.5, -0.2]))).toEqual([{ bus: 22, pMw: 0.5 }, { bus: 16, pMw: -0.2, sMaxMva: 4 }]);
  });
  it('should read per-bus values at the station buses', () => {
    expect(Array.from(atStationBuses(map, { 16: 30, 22: 20 }, new Float64Array(2)))).toEqual([20, 30]);
  });
});
