/**
 * What `ev-cosim validate` does once its options are parsed (loaded lazily by `../commands/validate.ts`, so that
 * `--help` and other commands never load this engine). The command: `ev-cosim validate <scenario>`: check a scenario without running it.
 */
import { resolveScenario } from '../../sim/run/resolveScenario.js';
import type { ValidateReport } from '../../sim/results/validateSchema.js';
import { readScenarioFile } from '../../sim/scenario/readScenarioFile.js';

/** Options of the `validate` command. */
export interface ValidateCommandOptions {
  readonly set: string[];
  readonly json?: boolean;
}

/** Run `ev-cosim validate <scenario>` (registered in `commands/validate.ts`). */
export function validateCommand(file: string, options: ValidateCommandOptions): void {
  const { scenario, baseDir, name } = readScenarioFile(file, options.set);
  const { network, feeder, demand } = resolveScenario(scenario, baseDir, file);
  const h = scenario.horizon;
  const report: ValidateReport = {
    status: 'ok',
    scenario: name,
    scenarioFile: file,
    horizon: { startAt: h.start, intervalMin: h.intervalMin, intervals: h.intervals, stepSec: h.stepSec },
    network: { name: network.name, nodeCount: network.nodeIds.length, linkCount: network.from.length, odPairCount: demand.length },
    feeder: { name: feeder.name, busCount: feeder.buses.length, branchCount: feeder.branches.length, generatorCount: feeder.generators.length },
    stations: scenario.stations.map((s) => ({ station: s.id, node: s.node, bus: s.bus })),
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  process.stdout.write(
    `ok: ${file}: ${h.intervals} × ${h.intervalMin} min from ${h.start}; network ${network.name} (${demand.length} OD pairs); ` +
      `feeder ${feeder.name} (${feeder.buses.length} buses); stations ${scenario.stations.map((s) => `${s.id}@node ${s.node}/bus ${s.bus}`).join(', ')}\n`,
  );
}
