/**
 * `ev-cosim assign <network>`: static user equilibrium (Algorithm B) of a bundled
 * network (`SiouxFalls`, `Anaheim`, `ChicagoSketch`, `NguyenDupuis`) or a TNTP
 * `_net.tntp` file, with its trip table found beside it (`_trips.tntp`) or given by
 * `--trips`. Exit codes: 0 converged, 1 bad input, 2 gap target not reached.
 */
import type { Command } from 'commander';
import { BUNDLED_NETWORKS } from '../../traffic/io/bundledNetworkNames.js';
import type { AssignCommandOptions } from '../actions/assignAction.js';

/** Register `assign` on `program`. */
export function registerAssignCommand(program: Command): void {
  program
    .command('assign')
    .description('Static user-equilibrium traffic assignment (Algorithm B) of a bundled or TNTP network; prints gap, Beckmann objective and time.')
    .argument('<network>', `bundled network (${BUNDLED_NETWORKS.join(', ')}) or a TNTP _net.tntp file`)
    .option('--trips <file>', 'TNTP trip table (default: the _net.tntp path with _trips.tntp)')
    .option('--gap <number>', 'target relative gap', '1e-8')
    .option('--max-iter <n>', 'outer-iteration limit', '1000')
    .option('--flows <file>', 'write fromNode,toNode,flowVehPerH,costMin per link (CSV)')
    .option('--toll-factor <minPerToll>', 'generalized-cost minutes per toll unit (TNTP files do not store it; bundled networks set it)')
    .option('--distance-factor <minPerLength>', 'generalized-cost minutes per length unit of the file')
    .option('--json', 'print one JSON object instead of the summary (fields: docs/outputs.md)')
    .action(async (spec: string, options: AssignCommandOptions) => {
      const { runAssignCommand } = await import('../actions/assignAction.js');
      await runAssignCommand(spec, options);
    });
}
