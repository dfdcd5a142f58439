/**
 * Every `OutputDoc` of every command, in the order docs/outputs.md lists them: the
 * co-simulator (`run`, `validate`), the flexibility study, then the single-problem
 * commands of the CLI room.
 */
import type { OutputDoc } from '../../common/outputDoc.js';
import { FLEX_OUTPUT_DOCS } from '../../flex/report/outputDocs.js';
import { RUN_OUTPUT_DOCS } from '../../sim/results/outputDocs.js';
import { ASSIGN_OUTPUT_DOCS } from '../outputs/assign.js';
import { EQUILIBRIUM_OUTPUT_DOCS } from '../outputs/equilibrium.js';
import { OPF_OUTPUT_DOCS } from '../outputs/opf.js';

/** All outputs, grouped by command. */
export const ALL_OUTPUT_DOCS: readonly OutputDoc[] = [
  ...RUN_OUTPUT_DOCS,
  ...FLEX_OUTPUT_DOCS,
  ...OPF_OUTPUT_DOCS,
  ...ASSIGN_OUTPUT_DOCS,
  ...EQUILIBRIUM_OUTPUT_DOCS,
];
