/**
 * What `ev-cosim flex` writes and prints, as schemas (docs/outputs.md is generated from
 * these; tests hold real outputs against them).
 */
import type { OutputDoc } from '../../common/outputDoc.js';

/** Outputs of `ev-cosim flex`. */
export const FLEX_OUTPUT_DOCS: readonly OutputDoc[] = [];
