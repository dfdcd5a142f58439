// The co-simulation scenario's `feeder` section carries the same feeder changes as a feeder study
// (voltage limits, ratings, substation limits, per-interval import price, shedding); this checks
// that they reach the grid engine's Feeder (src/sim/run/buildFeederInputs.ts) with the same checks.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { readScenarioFile } from '../../../src/sim/scenario/readScenarioFile.ts';
import { buildFeederInputs } from '../../../src/sim/run/buildFeederInputs.ts';

const inputsWith = (...overrides: string[]) => {
  const { scenario, baseDir, file } = readScenarioFile(undefined, overrides);
  return buildFeederInputs(scenario, baseDir, file);
};

describe('scenario feeder section → grid feeder', () => {
  it('applies substation limits, voltage limits, branch ratings and the shedding convention', () => {
    const { feeder, importPriceUsdPerMwh } = inputsWith(
      'feeder.substation={"pMinMw":-3,"qMaxMvar":4}',
      'feeder.voltageLimits={"vMinPu":0.94,"byBus":[{"bus":18,"vMinPu":0.9}]}',
      'feeder.branchRatings=[{"branch":3,"rateMva":2.5}]',
      'feeder.shedding={"convention":"household-only","penaltyUsdPerMwh":800}',
      'feeder.importPriceUsdPerMwh=-10',
    );
    const sub = feeder.generators.find((g) => g.kind === 'substation')!;
    expect(sub).toMatchObject({ pMinMw: -3, qMaxMvar: 4, costUsdPerMwh: -10 });
    expect(feeder.buses.find((b) => b.id === 2)!.vMinPu).toBe(0.94);
    expect(feeder.buses.find((b) => b.id === 18)!.vMinPu).toBe(0.9);
    expect(feeder.buses.find((b) => b.id === 1)!.vMinPu).toBe(feeder.slackVoltagePu);
    expect(feeder.branches.find((b) => b.id === 3)!.rateMva).toBe(2.5);
    expect(feeder.sheddingConvention).toBe('household-only');
    expect(feeder.sheddingPenaltyUsdPerMwh).toBe(800);
    expect(importPriceUsdPerMwh).toBeUndefined();
  });

  it('returns a per-interval import price (negative allowed), the feeder priced at interval 0', () => {
    const prices = Array.from({ length: 12 }, (_, t) => 40 - 5 * t);
    const { feeder, importPriceUsdPerMwh } = inputsWith(`feeder.importPriceUsdPerMwh=${JSON.stringify(prices)}`);
    expect(Array.from(importPriceUsdPerMwh!)).toEqual(prices);
    expect(feeder.generators.find((g) => g.kind === 'substation')!.costUsdPerMwh).toBe(40);
  });

  const bad: [string, string[], RegExp][] = [
    ['a price list of the wrong length', ['feeder.importPriceUsdPerMwh=[1,2]'], /feeder\.importPriceUsdPerMwh = \[1,2\]: must have one value per interval \(12\), got 2/],
    ['reversed substation limits', ['feeder.substation={"pMinMw":1,"pMaxMw":0}'], /feeder\.substation\.pMinMw = 1: exceeds/],
    ['an unknown voltage-limit bus', ['feeder.voltageLimits={"byBus":[{"bus":99,"vMinPu":0.9}]}'], /feeder\.voltageLimits\.byBus\[0\]\.bus = 99: no such bus/],
    ['an unknown rated branch', ['feeder.branchRatings=[{"branch":77,"rateMva":1}]'], /feeder\.branchRatings\[0\]\.branch = 77: no such branch/],
    ['two spellings of the penalty', ['feeder.sheddingPenaltyUsdPerMwh=5', 'feeder.shedding={"penaltyUsdPerMwh":6}'], /feeder\.sheddingPenaltyUsdPerMwh = 5: give either/],
  ];
  for (const [name, overrides, message] of bad) {
    it(`rejects ${name} with one InputError naming the file, field and value`, () => {
      expect(() => inputsWith(...overrides)).toThrow(InputError);
      expect(() => inputsWith(...overrides)).toThrow(message);
    });
  }

  it('rejects a zero rating at validation (schema), naming the field', () => {
    expect(() => inputsWith('feeder.branchRatings=[{"branch":3,"rateMva":0}]')).toThrow(/feeder\.branchRatings\[0\]\.rateMva = 0/);
  });
});
