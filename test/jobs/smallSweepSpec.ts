/**
 * The small sweep of the queue tests: reference network, 4 intervals of 1 min, one coupon block
 * at t* = 3, one probe level, one budget; directions on CS3 only (±e_CS3 in the full station space).
 */
import type { SweepSpec } from '../../src/flex/sweep/sweepSpec.ts';
import { DEFAULT_SCENARIO_FILE, readScenarioFile } from '../../src/sim/index.ts';

export const SMALL = ['horizon.intervals=4', 'horizon.stepSec=60', 'demand.profile=[0.8,0.9,1,1]', 'feeder.loadScale=0.9'];
const STATIONS = readScenarioFile(DEFAULT_SCENARIO_FILE, SMALL).scenario.stations.length;

/** ±CS3 in the full station space. */
export const onCs3 = (sign: number): number[] => Array.from({ length: STATIONS }, (_, i) => (i === 2 ? sign : 0));

/** The spec with these CS3 directions (signs). */
export function smallSweepSpec(signs: readonly number[]): SweepSpec {
  return {
    scenarioFile: DEFAULT_SCENARIO_FILE,
    overrides: SMALL,
    model: 'dta',
    timeIndex: 3,
    window: { lookbackIntervals: 0, blocks: 1, span: 'window' },
    levels: [0.25],
    controls: { fitSteps: 2, refineSteps: 0 },
    directions: signs.map(onCs3),
    budgetsYuan: [300],
  };
}
