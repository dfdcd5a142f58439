/**
 * Generate `docs/feeder-study-reference.md` from the feeder study schema, so the reference
 * can never drift from what `loadFeederStudy` accepts (a test compares). Rows come from the
 * shared reader in src/common/schemaTable.ts, like docs/scenario-reference.md.
 */
import { schemaReferenceDoc } from '../../../common/schemaReferenceDoc.js';
import { jsonSchemaOf, type JsonSchemaNode } from '../../../common/schemaTable.js';
import { feederStudySchema } from './studySchema.js';

const INTRO = `# Feeder study file reference

<!-- Generated from src/grid/problems/study/studySchema.ts by feederStudyReferenceDoc(); do not edit by hand.
     Regenerate: npm run docs (npx tsx src/cli/outputsReference/writeDocs.ts) -->

A feeder study is one JSON file run by \`ev-cosim opf <study.json>\` (\`--json\` for the machine-readable
output, docs/outputs.md). It names a feeder and changes what an OPF study needs: substation price and
limits, DG/PV units, voltage limits, branch ratings, the shedding convention, solver settings, and a
horizon of intervals solved in order on one warm OPF session (docs/model.md §3). Unknown fields are
errors; relative paths are resolved against the folder of the study file.

Conventions: power in MW / Mvar, prices in $/MWh (negative allowed for the import price), voltages in
pu, intervals 0-based. A study without \`intervals\` has one interval, or as many as its per-interval
arrays (\`loadScale\`, \`substation.importPriceUsdPerMwh\`) have entries. An interval's absent fields fall
back to the top-level \`loadScale\`, \`injections\`, \`outagedBranches\` and substation price.

Cross-field rules (checked after the field types; each failure names the file, the field and the value):
every per-interval array has one entry per interval; lower limits do not exceed upper limits
(substation, generators, voltage limits after the per-bus ones are applied); buses and branches named
anywhere exist in the feeder; ratings are > 0; a bus or branch is listed once in \`voltageLimits.byBus\`
and \`branchRatings\`; generator ids are unique; the shedding penalty is given in one spelling only.
`;


/**
 * The Markdown reference: top-level fields first, then one table per object section.
 *
 * @example
 * writeFileSync('docs/feeder-study-reference.md', feederStudyReferenceDoc());
 */
export function feederStudyReferenceDoc(): string {
  return schemaReferenceDoc(INTRO, feederStudyJsonSchema());
}

/**
 * JSON Schema (input side) of the feeder study file.
 *
 * @example
 * feederStudyJsonSchema().properties!.feeder.description; // 'Bundled name (…)'
 */
export function feederStudyJsonSchema(): JsonSchemaNode {
  return jsonSchemaOf(feederStudySchema, 'input');
}
