import { describe, expect, it } from 'vitest';
import { inputErrorMessage } from '../../helpers/inputErrorMessage.ts';
import { parseScenario } from '../../../src/sim/scenario/parseScenario.ts';
import { applyOverrides } from '../../../src/sim/scenario/applyOverrides.ts';
import { minimalScenario } from '../fixtures/minimalScenario.ts';

function messageOf(raw: unknown): string {
  return inputErrorMessage(() => parseScenario(raw, 'bad.json'));
}

function withSet(...sets: string[]): unknown {
  return applyOverrides(minimalScenario(), sets, 'bad.json');
}

describe('parseScenario', () => {
  it('should accept the minimal scenario and fill in defaults', () => {
    const s = parseScenario(minimalScenario(), 'ok.json');
    expect(s.feedback).toBe('next-tick');
    expect(s.demand.scale).toBe(1);
    expect(s.solver.damping).toBe(0.3);
    expect(s.feeder.formulation).toBe('socp');
    expect(s.prices.yuanPerUsd).toBe(7.2);
    expect(s.coupons).toEqual([]);
  });

  // One case per kind of schema violation: each gives one message naming file, field and value.
  const cases: [string, unknown, RegExp][] = [
    ['unknown top-level field', withSet('colour=1'), /^bad\.json: colour: unknown field/],
    ['unknown nested field', withSet('stations.0.power=1'), /^bad\.json: stations\[0\]\.power: unknown field "power"$/],
    ['misspelt field (named as unknown, not as the missing one)', (() => {
      const s = minimalScenario();
      const stations = s.stations as Record<string, unknown>[];
      const { chargers, ...rest } = stations[0];
      stations[0] = { ...rest, chargerz: chargers };
      return s;
    })(), /^bad\.json: stations\[0\]\.chargerz: unknown field "chargerz" \(did you mean "chargers"\?\)$/],
    ['missing required section', (() => { const s = minimalScenario(); delete s.feeder; return s; })(), /^bad\.json: feeder: is required/],
    ['wrong type', withSet('horizon.intervals="twelve"'), /^bad\.json: horizon\.intervals = "twelve": expected number/],
    ['negative chargers', withSet('stations.0.chargers=-1'), /^bad\.json: stations\[0\]\.chargers = -1: Too small/],
    ['non-integer ports', withSet('stations.0.v2gPorts=2.5'), /stations\[0\]\.v2gPorts = 2\.5: expected int/],
    ['bad clock time', withSet('horizon.start="25:00"'), /horizon\.start = "25:00": must be a time of day/],
    ['shares above 1', withSet('classes.chargingShare=0.8', 'classes.v2gShare=0.5'), /classes\.v2gShare = 0\.5: chargingShare \+ v2gShare must be ≤ 1/],
    ['unknown tariff mode', withSet('prices.charge={"mode":"tou","yuanPerKWh":2}'), /prices\.charge\.mode = "tou"/],
    ['NaN-like value', withSet('demand.scale="NaN"'), /demand\.scale = "NaN": expected number/],
    ['step not dividing the interval', withSet('horizon.stepSec=7'), /horizon\.stepSec = 7: does not divide the interval/],
    ['per-interval array of wrong length', withSet('feeder.loadScale=[1,1]'), /feeder\.loadScale = \[1,1\]: must have one value per interval \(3\), got 2/],
    ['profile of wrong length', withSet('demand.profile=[1]'), /demand\.profile = \[1\]: must have one value per interval/],
    ['coupon for an unknown station', withSet('coupons=[{"station":"CS9"}]'), /coupons\[0\]\.station = "CS9": unknown station/],
    ['duplicate station node', withSet('stations.1={"id":"CS2","node":6,"bus":16,"chargers":1,"v2gPorts":1,"chargeKw":1,"chargeServiceMin":1,"v2gKw":1,"v2gServiceMin":1,"chargeCongestionMaxMin":1,"v2gCongestionMaxMin":1}'), /stations\[1\]\.node = 6: node 6 already has a station/],
    ['outage beyond the horizon', withSet('feeder.outages=[{"branch":7,"fromInterval":5}]'), /feeder\.outages\[0\]\.fromInterval = 5: must be < intervals/],
    ['no stations', withSet('stations=[]'), /stations = \[\]: Too small/],
    ['bad feedback mode', withSet('feedback="sometimes"'), /feedback = "sometimes"/],
    ['damping out of range', withSet('solver={"damping":1.5}'), /solver\.damping = 1\.5: Too big/],
  ];
  it.each(cases)('should reject %s with one clear message', (_name, raw, pattern) => {
    const message = messageOf(raw);
    expect(message).toMatch(pattern);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('should say how many more problems there are', () => {
    expect(messageOf(withSet('horizon.intervals=-1', 'classes.v2gShare=-1'))).toMatch(/and 1 more problem\)/);
  });
});
