/**
 * Regenerate every generated document in one go: `docs/outputs.md` (from all
 * `OutputDoc`s), the scenario schema artifacts (`scenarios/schema/scenario.schema.json`,
 * `docs/scenario-reference.md`) and the feeder study reference (`docs/feeder-study-reference.md`).
 * Tests fail when any of them is not current.
 *
 *   npx tsx src/cli/outputsReference/writeDocs.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCHEMA_ARTIFACTS, schemaArtifactContents } from '../../sim/scenario/writeSchemaArtifacts.js';
import { feederStudyReferenceDoc } from '../../grid/problems/study/studyReferenceDoc.js';
import { ALL_OUTPUT_DOCS } from './allOutputDocs.js';
import { renderOutputsReference } from './renderOutputsReference.js';

/** Absolute path of `docs/feeder-study-reference.md` (generated from the feeder study schema). */
export const FEEDER_STUDY_REFERENCE_PATH = fileURLToPath(new URL('../../../docs/feeder-study-reference.md', import.meta.url));

/** Absolute path of `docs/outputs.md`. */
export const OUTPUTS_REFERENCE_PATH = fileURLToPath(new URL('../../../docs/outputs.md', import.meta.url));

/**
 * The current contents of `docs/outputs.md`.
 * @example
 * readFileSync(OUTPUTS_REFERENCE_PATH, 'utf8') === outputsReferenceContents(); // true when current
 */
export function outputsReferenceContents(): string {
  return renderOutputsReference(ALL_OUTPUT_DOCS);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files: [string, string][] = [
    [OUTPUTS_REFERENCE_PATH, outputsReferenceContents()],
    [FEEDER_STUDY_REFERENCE_PATH, feederStudyReferenceDoc()],
    ...Object.entries(schemaArtifactContents()).map(([key, text]): [string, string] => [SCHEMA_ARTIFACTS[key as keyof typeof SCHEMA_ARTIFACTS], text]),
  ];
  for (const [path, text] of files) {
    writeFileSync(path, text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
