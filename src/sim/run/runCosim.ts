/**
 * One-shot co-simulation: prepare, run, dispose (docs/model.md §4). For repeated runs on
 * the same scenario use `prepareCosim` and call `run` several times.
 */
import type { Scenario } from '../scenario/schema/scenarioSchema.js';
import type { CosimResult } from './cosimTypes.js';
import { prepareCosim, type CosimRunOptions, type PrepareCosimOptions } from './prepareCosim.js';

/**
 * Run a validated scenario end to end and return the per-interval results (no
 * files written; see `writeResults`).
 *
 * @param scenario - validated scenario (`parseScenario` / `readScenarioFile`).
 * @param options - where relative paths resolve, the source name for errors, and run options.
 * @throws InputError for bad references in the scenario; SolverError when an OPF is infeasible.
 * @example
 * const { scenario, baseDir, file } = readScenarioFile();
 * const result = await runCosim(scenario, { baseDir, source: file });
 * result.intervals[6].netMw; // station net load at 18:00, MW
 */
export async function runCosim(scenario: Scenario, options: PrepareCosimOptions & CosimRunOptions = {}): Promise<CosimResult> {
  const prepared = await prepareCosim(scenario, options);
  try {
    return await prepared.run(options);
  } finally {
    prepared.dispose();
  }
}
