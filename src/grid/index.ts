/** Public API of src/grid (re-exports only). */
export {};
export { readCase33bwCsv, CASE33BW_BASE_MVA } from './io/case33bwCsv.ts';
export { readMatpowerCase } from './io/matpowerCase.ts';
export { loadBundledFeeder, loadFeeder, BUNDLED_FEEDERS, type BundledFeederName } from './io/loadFeeder.ts';
export { DEFAULT_SHEDDING_PENALTY_USD_PER_MWH } from './io/defaults.ts';
export { validateFeeder, type ValidateFeederOptions } from './data/validateFeeder.ts';
export { radialTrees, type RadialTree } from './data/radialTrees.ts';
export { busIndexById } from './data/busIndexById.ts';
export { orientFeeder } from './data/orientFeeder.ts';
export { busNetLoad, type BusNetLoad } from './data/busNetLoad.ts';
export { runPowerFlow, type PowerFlowOptions } from './powerflow/runPowerFlow.ts';
export type { PowerFlowResult, PowerFlowBranch } from './powerflow/powerFlowResult.ts';
export { sweepDistFlow, type SweepTree, type SweepSettings, type SweepOutcome } from './powerflow/sweepDistFlow.ts';
export { parseMatpowerText, type MatpowerText, type NumericTable } from './io/parseMatpowerText.ts';
