import { describe, expect, it } from 'vitest';
import * as sim from '../../src/sim/index.ts';

describe('src/sim public API', () => {
  it('exports exactly these names (pinned; change deliberately)', () => {
    expect(Object.keys(sim).sort()).toEqual([
      'BUNDLED_EQUILIBRIUM_SCENARIOS', 'DEFAULT_SCENARIO_FILE', 'RESULT_FILES', 'applyOverrides', 'cosimSummary', 'intervalClock',
      'kwToMw', 'parseGweScenario', 'parseScenario', 'parseV2gScenario', 'prepareCosim', 'prepareV2gInput', 'readScenarioFile',
      'renderReport', 'resolveScenario', 'runCosim', 'runEquilibriumScenario', 'scenarioSchema', 'solveGweScenario',
      'solveV2gEquilibrium', 'textSummary', 'usdPerMwhToYuanPerKwh', 'writeResults',
    ]);
  });
});
