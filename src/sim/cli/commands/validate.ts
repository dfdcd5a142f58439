/**
 * `ev-cosim validate <scenario>`: check a scenario without running it (issue #3 §4).
 */
import type { Command } from 'commander';
import { resolveScenario } from '../../run/resolveScenario.ts';
import { readScenarioFile } from '../../scenario/readScenarioFile.ts';

/** Options of the `validate` command. */
interface ValidateCommandOptions {
  readonly set: string[];
  readonly json?: boolean;
}

/**
 * Register `validate`.
 *
 * Checks the schema (after `--set` overrides), then loads the road network and the
 * feeder and checks every station node, OD node, station bus, DG bus and outaged
 * branch. Prints one line (or one JSON object with `--json`); bad input → exit 1.
 *
 * @example
 * // ev-cosim validate scenarios/nguyen-dupuis-ieee33-evening-peak.json --json
 */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Check a scenario file (schema, then nodes, buses and branches against its network and feeder) without running it.')
    .argument('<scenario>', 'scenario JSON file')
    .option('-s, --set <path=value>', 'override a scenario field before validation (repeatable)', (v: string, p: string[]) => [...p, v], [])
    .option('--json', 'print one JSON object')
    .action((file: string, options: ValidateCommandOptions) => {
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
    });
}
