/**
 * `ev-cosim batch [scenario] --grid 'path=v1,v2' … | --cases file.csv`: run a scenario
 * batch, one results folder per case plus a combined table and an HTML comparison
 * (docs/distributed.md).
 */
import type { Command } from 'commander';
import type { BatchCommandOptions } from '../actions/batchAction.js';
import { collectOption } from '../collectOption.js';

/**
 * Register `batch`.
 *
 * Steps: read the base scenario and build the cases (Cartesian product of the `--grid`s,
 * the first varying slowest, or the rows of `--cases`); bundle every case and check the
 * output folder (bad input → exit 1 before any run); skip the cases whose folder holds a
 * complete result of the same content hash (resume); run the others inline or on the
 * queue; write `case-NN/` (the files of `ev-cosim run`), `batch.csv` and `batch.html`;
 * print the table or, with `--json`, one JSON object. Exit 0 when every case is ok / shed,
 * 2 when one failed or did not converge.
 *
 * @example
 * // ev-cosim batch --grid 'demand.scale=0.8,1,1.2' --grid 'classes.v2gShare=0,0.1' --out out/batch
 */
export function registerBatchCommand(program: Command): void {
  program
    .command('batch')
    .description('Run a batch of scenario variants (a grid of --set values or a CSV of them): a results folder per case, batch.csv and batch.html.')
    .argument('[scenario]', 'base scenario JSON file (default: the bundled reference scenario)')
    .option('-g, --grid <path=values>', 'a scenario path and its comma-separated values, e.g. demand.scale=0.8,1,1.2 (repeatable: Cartesian product)', collectOption, [])
    .option('--cases <file.csv>', 'a CSV file of cases instead of --grid: header = scenario paths, one case per row')
    .option('-e, --executor <kind>', 'inline (this process, one case at a time) or queue (ev-cosim worker processes on --queue)', 'inline')
    .option('-q, --queue <url>', 'queue for --executor queue: redis://host:port/db[?queue=name] (default: $EV_COSIM_QUEUE)')
    .option('-o, --out <dir>', 'batch folder: new, empty, or one ev-cosim batch wrote (default: out/<scenario name>/batch)')
    .option('--force', 'replace a folder another ev-cosim command wrote (never a folder holding other files)')
    .option('-s, --set <path=value>', 'override a base scenario field for every case (repeatable)', collectOption, [])
    .option('--json', 'print one JSON object (rows of batch.csv, files) instead of the table')
    .action(async (file: string | undefined, options: BatchCommandOptions) => {
      const { batchCommand } = await import('../actions/batchAction.js');
      await batchCommand(file, options);
    });
}
