/**
 * `ev-cosim validate <scenario>`: check a scenario without running it.
 */
import { resolveScenario } from '../../sim/run/resolveScenario.js';
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
  const report = {
    status: 'ok',
    scenario: name,
    file,
    horizon: { start: h.start, intervalMin: h.intervalMin, intervals: h.intervals, stepSec: h.stepSec },
    network: { name: network.name, nodes: network.nodeIds.length, links: network.from.length, odPairs: demand.length },
    feeder: { name: feeder.name, buses: feeder.buses.length, branches: feeder.branches.length, generators: feeder.generators.length },
    stations: scenario.stations.map((s) => ({ id: s.id, node: s.node, bus: s.bus })),
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
