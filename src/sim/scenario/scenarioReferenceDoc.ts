/**
 * Generate `docs/scenario-reference.md` from the scenario schema, so that the
 * reference can never drift from what the validator accepts (a test compares). The
 * table rows come from the shared reader in src/common/schemaTable.ts.
 */
import { schemaReferenceDoc } from '../../common/schemaReferenceDoc.js';
import { scenarioJsonSchema } from './scenarioJsonSchema.js';

const INTRO = `# Scenario file reference

<!-- Generated from src/sim/scenario/schema/*.ts by scenarioReferenceDoc(); do not edit by hand.
     Regenerate: npx tsx src/sim/scenario/writeSchemaArtifacts.ts -->

A scenario is one JSON file (\`scenarios/*.json\`), validated by \`ev-cosim validate <file>\` and run by
\`ev-cosim run <file>\`. Unknown fields are errors. Relative paths are resolved against the folder of the
scenario file. Any field can be overridden on the command line before validation with
\`--set path=value\` (e.g. \`--set demand.scale=1.2\`, \`--set stations.CS1.chargers=40\`,
\`--set feedback=fixed-point\`); values are parsed as JSON when they parse, else taken as strings.
Editors can validate against \`scenarios/schema/scenario.schema.json\` (set \`"$schema"\`).

Conventions: power in MW (stations in kW per vehicle), prices in ¥/kWh for drivers and $/MWh for DLMPs,
times in minutes (loading step in seconds), intervals 0-based. "per interval" fields take one number or
an array with one number per interval.

Cross-field rules (checked after the field types): arrays given per interval must have
\`horizon.intervals\` entries; \`horizon.intervalMin · 60\` and \`horizon.clearanceMin · 60\` must be
whole multiples of \`horizon.stepSec\`; station ids and road nodes are unique; coupons name known
stations, once each; outage intervals lie in the horizon; \`classes.chargingShare + classes.v2gShare ≤ 1\`.
When the scenario is run, station nodes and OD nodes must exist in the road network, station buses,
DG buses and outaged branches in the feeder (errors name the scenario file and field).
`;

/**
 * The Markdown reference: one table per top-level section, one row per field
 * (dotted path, type, required/default, description).
 *
 * @example
 * writeFileSync('docs/scenario-reference.md', scenarioReferenceDoc());
 */
export function scenarioReferenceDoc(): string {
  return schemaReferenceDoc(INTRO, scenarioJsonSchema());
}

