/**
 * Regenerate the two files derived from the scenario schema:
 * `scenarios/schema/scenario.schema.json` and `docs/scenario-reference.md`.
 * Run: `npx tsx src/sim/scenario/writeSchemaArtifacts.ts` (a test checks they are current), or
 * `npx tsx src/cli/outputsReference/writeDocs.ts` to regenerate these and `docs/outputs.md` together.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './scenarioJsonSchema.js';
import { scenarioReferenceDoc } from './scenarioReferenceDoc.js';

/** Paths of the generated files (absolute). */
export const SCHEMA_ARTIFACTS = {
  jsonSchema: fileURLToPath(new URL('../../../scenarios/schema/scenario.schema.json', import.meta.url)),
  referenceDoc: fileURLToPath(new URL('../../../docs/scenario-reference.md', import.meta.url)),
} as const;

/**
 * The generated contents, keyed like `SCHEMA_ARTIFACTS`.
 *
 * @example
 * readFileSync(SCHEMA_ARTIFACTS.referenceDoc, 'utf8') === schemaArtifactContents().referenceDoc; // true when current
 */
export function schemaArtifactContents(): Record<keyof typeof SCHEMA_ARTIFACTS, string> {
  return {
    jsonSchema: `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`,
    referenceDoc: scenarioReferenceDoc(),
  };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const contents = schemaArtifactContents();
  for (const key of Object.keys(SCHEMA_ARTIFACTS) as (keyof typeof SCHEMA_ARTIFACTS)[]) {
    writeFileSync(SCHEMA_ARTIFACTS[key], contents[key]);
    process.stdout.write(`wrote ${SCHEMA_ARTIFACTS[key]}\n`);
  }
}
