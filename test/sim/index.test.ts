import { describe, expect, it } from 'vitest';
import * as sim from '../../src/sim/index.ts';

describe('src/sim public API', () => {
  it('exports exactly these names (pinned; change deliberately)', () => {
    expect(Object.keys(sim).sort()).toEqual([
      'DEFAULT_SCENARIO_FILE', 'RESULT_FILES', 'applyOverrides', 'cosimSummary', 'formatClockTime', 'intervalClock',
      'kwToMw', 'parseClockTime', 'parseScenario', 'prepareCosim', 'readScenarioFile',
      'renderReport', 'resolveScenario', 'runCosim', 'scenarioSchema', 'textSummary', 'usdPerMwhToYuanPerKwh', 'writeResults',
    ]);
  });
});
