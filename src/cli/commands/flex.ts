/**
 * `ev-cosim flex [scenario]`: the flexible operation region of the station loads at
 * t* per subsidy tier, DTA and/or STA, with hulls, tables, tier planning and an
 * HTML report (docs/model.md §5). Output keys: docs/flexibility.md §8.
 */
import type { Command } from 'commander';
import type { FlexCommandAllOptions } from '../actions/flexAction.js';
import { collectOption } from '../collectOption.js';

/**
 * Register `flex`.
 *
 * Steps: check the options (bad input → exit 1 before any run); on a TTY, say on
 * stderr that the sweep is being prepared (each worker solves the base equilibrium
 * before the first task ends), then a progress bar per model; sweep each model on a
 * worker pool; assemble nested tiers and hulls; optionally plan the cheapest tier for
 * `--need`; write flex.json, tiers.csv, ranges.csv, points.csv, vertices.csv,
 * coupons.csv, projection-<model>.svg, report.html (titled with the scenario) and the
 * resumable results.jsonl into `--out` as one complete set (the output folder contract of `run`;
 * the live task log is kept in `.<out>.work` next to it until the set is written); print a table, or one JSON object with
 * `--json` (keys: docs/flexibility.md §8).
 *
 * @example
 * // ev-cosim flex --budgets 1000,2000,4000,6000 --directions 45 --time 6 --model both --workers 2 --json
 */
export function registerFlexCommand(program: Command): void {
  program
    .command('flex')
    .description('Map the flexible operation region of station net load at one interval per subsidy budget (rotating hyperplanes + DUE + OPF), with hulls and an HTML report.')
    .argument('[scenario]', 'scenario JSON file (default: the bundled reference scenario)')
    .option('-b, --budgets <list>', 'subsidy budgets F_max, ¥, comma-separated', '1000,2000,4000,6000')
    .option('-d, --directions <deg>', 'angle grid instead of the adaptive directions: step in degrees, at most 3 stations (45 → 26 directions for 3)')
    .option('--direction-budget <n>', 'adaptive directions: most directions searched (default 6 per station axis)')
    .option('--volume-tolerance <frac>', 'adaptive directions: stop when the largest tier\'s inner volume grows by less than this fraction in a round', '0.02')
    .option('-t, --time <index>', 't*: interval index (0-based) of the scenario', '6')
    .option('-m, --model <model>', 'traffic model: dta, sta (30-min intervals, instantaneous propagation) or both', 'dta')
    .option('-w, --workers <n>', 'worker threads (default: the machine\'s cores; 1 = no pool)')
    .option('--executor <kind>', 'where tasks run: inline (this thread), local (a thread pool of --workers) or queue (ev-cosim workers on a Redis queue, docs/distributed.md)', 'local')
    .option('--queue <url>', 'queue executor: redis://host:port/db (default: the EV_COSIM_QUEUE environment variable)')
    .option('--allow-large', 'run above the size limit (estimated memory of all workers or CPU time; docs/limits.md)')
    .option('--force-workers', 'keep a --workers count above the available cores (default: capped at the cores)')
    .option('-o, --out <dir>', 'results folder: new, empty, or one ev-cosim flex wrote (default: out/<scenario name>-flex)')
    .option('--force', 'replace a results folder another ev-cosim command wrote (never a folder holding other files)')
    .option('-r, --resume <file>', 'results.jsonl of an earlier sweep of the same scenario content and options: its tasks are reused (the file is only read)')
    .option('--stations <ids>', 'stations spanning the region, comma-separated (default: all)')
    .option('--need <spec>', 'tier planning: a cap or floor on a station\'s or bus\'s net load at t*, e.g. "CS3<=0.2" or "bus30<=-0.3" (MW; repeatable, all must hold)', collectOption, [])
    .option('--lookback <k>', 'coupons act on arrivals in [t*−k, t*]', '3')
    .option('--levels <list>', 'probe levels as fractions of the coupon bounds [1/64, 1/8, 1: 0.015625,0.125,1]')
    .option('--refine <n>', 'pattern-search runs per direction and budget', '1')
    .option('--shed-tolerance <MW>', 'largest household shed / EV curtailment in an interval that still counts as none; a run shedding more is rejected', '1e-6')
    .option('--books <file>', 'check these coupon books against the region after the sweep (JSON: {"books":[{"label","coupons":{"CS1":{"chargeYuanPerKwh":[…],"v2gYuanPerVisit":[…]}}}]}, one value per interval; DTA); admissible ones join their tiers (docs/flexibility.md §3)')
    .option('--random-books <n>', 'after the sweep, a seeded random search of n admissible full coupon books (every station, kind and interval), checked and added like --books')
    .option('--seed <n>', 'seed of --random-books (default 1)')
    .option('--outside-tolerance <MW>', 'checked books: list those outside the sweep\'s hull by more than this (default 0.05)')
    .option('-s, --set <path=value>', 'override a scenario field, e.g. demand.scale=1.2 (repeatable)', collectOption, [])
    .option('--json', 'print one JSON object (keys: docs/flexibility.md §8) instead of the table')
    .action(async (file: string | undefined, options: FlexCommandAllOptions) => {
      const { flexCommand } = await import('../actions/flexAction.js');
      await flexCommand(file, options);
    });
}
