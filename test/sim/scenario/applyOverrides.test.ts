import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { applyOverrides } from '../../../src/sim/scenario/applyOverrides.ts';

describe('applyOverrides', () => {
  const raw = { demand: { scale: 1 }, stations: [{ id: 'CS1', chargers: 60 }, { id: 'CS2', chargers: 60 }], feedback: 'next-tick' };

  it('should set nested numbers parsed as JSON', () => {
    expect(applyOverrides(raw, ['demand.scale=1.2'], 'a.json')).toMatchObject({ demand: { scale: 1.2 } });
  });
  it('should keep non-JSON values as strings', () => {
    expect(applyOverrides(raw, ['feedback=fixed-point'], 'a.json')).toMatchObject({ feedback: 'fixed-point' });
  });
  it('should address array elements by index or by id', () => {
    const out = applyOverrides(raw, ['stations.0.chargers=10', 'stations.CS2.chargers=20'], 'a.json') as typeof raw;
    expect(out.stations.map((s) => s.chargers)).toEqual([10, 20]);
  });
  it('should create missing objects and leave the input untouched', () => {
    const out = applyOverrides(raw, ['solver.damping=0.7'], 'a.json');
    expect(out).toMatchObject({ solver: { damping: 0.7 } });
    expect(raw).not.toHaveProperty('solver');
  });
  it('should apply overrides in order (last wins)', () => {
    expect(applyOverrides(raw, ['demand.scale=2', 'demand.scale=3'], 'a.json')).toMatchObject({ demand: { scale: 3 } });
  });
  it('should do nothing with no overrides', () => {
    expect(applyOverrides(raw, [], 'a.json')).toEqual(raw);
  });
  it('should reject an override without "="', () => {
    expect(() => applyOverrides(raw, ['demand.scale'], 'a.json')).toThrow(InputError);
  });
  it('should reject an unknown array element', () => {
    expect(() => applyOverrides(raw, ['stations.CS9.chargers=1'], 'a.json')).toThrow(/^--set "stations\.CS9\.chargers=1": stations = "CS9": no such element in a\.json/);
  });
  it('should reject a path through a number', () => {
    expect(() => applyOverrides(raw, ['demand.scale.x=1'], 'a.json')).toThrow(/^--set "demand\.scale\.x=1": demand\.scale = 1: is not an object in a\.json/);
  });
  it('should read stations[0].chargers as stations.0.chargers', () => {
    const out = applyOverrides({ stations: [{ id: 'A', chargers: 1 }] }, ['stations[0].chargers=7'], 'a.json') as { stations: { chargers: number }[] };
    expect(out.stations[0].chargers).toBe(7);
  });
  it('should quote the override when a value starts like JSON but does not parse', () => {
    expect(() => applyOverrides(raw, ['demand.profile=[1,2'], 'a.json')).toThrow(/^--set "demand\.profile=\[1,2": the value starts like JSON but is not valid JSON$/);
  });
  it('should quote the override when there is no "="', () => {
    expect(() => applyOverrides(raw, ['demand.scale'], 'a.json')).toThrow(/^--set "demand\.scale": expected path=value/);
  });
});
