/**
 * What `ev-cosim run` writes and prints, as schemas (docs/outputs.md is generated from
 * these; tests hold real outputs against them).
 */
import type { OutputDoc } from '../../common/outputDoc.js';

/** Outputs of `ev-cosim run` and `ev-cosim validate`. */
export const RUN_OUTPUT_DOCS: readonly OutputDoc[] = [];
