/**
 * How every room describes what it writes (JSON printed by `--json`, JSON and CSV
 * files in a results folder), so that `docs/outputs.md` is generated from the same
 * zod schemas the tests hold real outputs against (src/cli/outputsReference.ts).
 *
 * Naming rules (docs/outputs.md "Vocabulary"): camelCase; a physical quantity ends in
 * its unit (`shedKw`, `netMw`, `dlmpUsdPerMwh`, `budgetYuan`, `volumeMw3`, `wallMs`);
 * every time is given as both `interval` (0-based index) and `clock` (`HH:MM`);
 * CSV files hold one value per cell (vectors in long format: one row per element).
 */
import type { z } from 'zod';

/** One output of one command. */
export interface OutputDoc {
  /** Command that writes it, e.g. `ev-cosim run`. */
  readonly command: string;
  /** `stdout` for `--json`, else the file name inside the results folder, e.g. `stations.csv`. */
  readonly target: string;
  readonly format: 'json' | 'csv';
  /** One or two sentences: what a row / the object is. */
  readonly description: string;
  /**
   * For JSON: the object schema. For CSV: a `z.object` whose keys are the columns, in
   * order, each with `.describe()`. Every field carries a description.
   */
  readonly schema: z.ZodType;
}
