import { describe, expect, it } from 'vitest';
import { buildFeederInputs } from '../../../src/sim/run/buildFeederInputs.ts';
import { parseScenario } from '../../../src/sim/scenario/parseScenario.ts';
import { applyOverrides } from '../../../src/sim/scenario/applyOverrides.ts';
import { minimalScenario } from '../fixtures/minimalScenario.ts';

const scenario = (...sets: string[]) => parseScenario(applyOverrides(minimalScenario(), sets, 't.json'), 't.json');

describe('buildFeederInputs', () => {
  it('should expand outages to the intervals they cover', () => {
    const { outages } = buildFeederInputs(scenario('feeder.outages=[{"branch":7,"fromInterval":1},{"branch":9,"fromInterval":0,"toInterval":0}]'), '.', 't.json');
    expect(outages).toEqual([[9], [7], [7]]);
  });
  it('should append DGs and override the import price and shedding penalty', () => {
    const { feeder } = buildFeederInputs(
      scenario('feeder.dgs=[{"id":"DG18","bus":18,"pMaxMw":0.6,"costUsdPerMwh":60}]', 'feeder.importPriceUsdPerMwh=35', 'feeder.sheddingPenaltyUsdPerMwh=500'),
      '.', 't.json',
    );
    const dg = feeder.generators.find((g) => g.id === 'DG18')!;
    expect(dg).toMatchObject({ kind: 'dg', bus: 18, pMinMw: 0, pMaxMw: 0.6, qMinMvar: 0, qMaxMvar: 0, costUsdPerMwh: 60 });
    expect(feeder.generators.filter((g) => g.kind === 'substation').every((g) => g.costUsdPerMwh === 35)).toBe(true);
    expect(feeder.sheddingPenaltyUsdPerMwh).toBe(500);
  });
  it('should keep the case data when nothing is overridden', () => {
    const { feeder } = buildFeederInputs(scenario(), '.', 't.json');
    expect(feeder.buses).toHaveLength(33);
    expect(feeder.generators.find((g) => g.kind === 'substation')!.costUsdPerMwh).toBe(20);
  });
});
