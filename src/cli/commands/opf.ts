/**
 * `ev-cosim opf <feeder>`: one OPF (or power flow) of a feeder — a bundled name
 * (`case33bw`, `ieee123`), a MATPOWER `.m` file, a CSV directory, or a feeder
 * study JSON (`src/grid/problems/feederStudy.ts`, docs/feeder-study-reference.md),
 * whose horizon of intervals is solved warm in this one process. Buses are named by the
 * data's own bus numbers. Exit codes: 0 ok, 1 bad input, 2 infeasible /
 * inexact relaxation / cut limit / power flow not converged.
 */
import type { Command } from 'commander';
import type { OpfCommandOptions } from '../actions/opfAction.js';

/** Register `opf` on `program`. */
export function registerOpfCommand(program: Command): void {
  program
    .command('opf')
    .description('Solve the SOCP branch-flow OPF (or, with --pf, the power flow) of a feeder or of every interval of a feeder study, and print DLMPs (P and Q, with components), voltages, losses, shedding and dispatch.')
    .argument('<feeder>', 'bundled feeder (case33bw, ieee123), MATPOWER .m file, CSV directory, or feeder study .json (docs/feeder-study-reference.md)')
    .option('--pf', 'run the backward/forward-sweep power flow instead of the OPF')
    .option('--formulation <name>', 'socp (default) or lindistflow; overrides the study file')
    .option('--json', 'print one JSON object instead of the summary (one entry per interval for a study horizon; fields: docs/outputs.md)')
    .action(async (spec: string, options: OpfCommandOptions) => {
      const { runOpfCommand } = await import('../actions/opfAction.js');
      await runOpfCommand(spec, options);
    });
}
