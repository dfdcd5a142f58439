/**
 * Generate `docs/scenario-reference.md` from the scenario schema, so that the
 * reference can never drift from what the validator accepts (a test compares).
 */
import { scenarioJsonSchema, type JsonSchemaNode } from './scenarioJsonSchema.js';

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
  const root = scenarioJsonSchema();
  const out: string[] = [INTRO];
  const rootRows: string[] = [];
  const required = new Set(root.required ?? []);
  for (const [key, node] of Object.entries(root.properties ?? {})) {
    const objectLike = isObjectNode(node) || isObjectNode(node.items);
    if (!objectLike) {
      rootRows.push(row(key, node, required.has(key)));
      continue;
    }
    out.push(`\n## \`${key}\`${required.has(key) ? '' : ' (optional)'}\n\n${clean(node.description ?? node.items?.description ?? '')}\n`);
    out.push(TABLE_HEAD);
    out.push(...fieldRows(key, node, required.has(key)));
  }
  out.splice(1, 0, `\n## Top-level fields\n\n${TABLE_HEAD}\n${rootRows.join('\n')}`);
  return `${out.join('\n')}\n`;
}

const TABLE_HEAD = '| field | type | required / default | description |\n|---|---|---|---|';

function isObjectNode(node: JsonSchemaNode | undefined): boolean {
  return node !== undefined && node.type === 'object' && node.properties !== undefined;
}

function fieldRows(path: string, node: JsonSchemaNode, isRequired: boolean): string[] {
  if (isObjectNode(node)) {
    const required = new Set(node.required ?? []);
    return Object.entries(node.properties ?? {}).flatMap(([key, child]) => fieldRows(`${path}.${key}`, child, required.has(key)));
  }
  if (node.type === 'array' && isObjectNode(node.items)) return fieldRows(`${path}[]`, node.items as JsonSchemaNode, isRequired);
  const variants = node.oneOf ?? [];
  if (variants.length > 0 && variants.every(isObjectNode)) {
    const rows = [row(path, node, isRequired)];
    for (const variant of variants) {
      const mode = variant.properties?.mode?.const;
      const label = mode === undefined ? path : `${path} (mode "${String(mode)}")`;
      const required = new Set(variant.required ?? []);
      for (const [key, child] of Object.entries(variant.properties ?? {})) {
        rows.push(...fieldRows(`${label}.${key}`, child, required.has(key)));
      }
    }
    return rows;
  }
  return [row(path, node, isRequired)];
}

function row(path: string, node: JsonSchemaNode, isRequired: boolean): string {
  const need = node.default !== undefined ? `default \`${JSON.stringify(node.default)}\`` : isRequired ? 'required' : 'optional';
  return `| \`${path}\` | ${typeOf(node)} | ${need} | ${clean(node.description ?? '')} |`;
}

function typeOf(node: JsonSchemaNode): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum !== undefined) return node.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  const alternatives = node.anyOf ?? node.oneOf;
  const modes = alternatives?.map((a) => a.properties?.mode?.const);
  if (modes !== undefined && modes.every((m) => m !== undefined)) return `object (mode ${modes.map((m) => `\`${JSON.stringify(m)}\``).join(' \\| ')})`;
  if (alternatives !== undefined) return alternatives.map(typeOf).join(' or ');
  if (node.type === 'array') return `array of ${node.items === undefined ? 'any' : typeOf(node.items)}`;
  const base = Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any');
  return `${base}${bounds(node)}`;
}

function bounds(node: JsonSchemaNode): string {
  const parts: string[] = [];
  if (node.exclusiveMinimum !== undefined) parts.push(`> ${node.exclusiveMinimum}`);
  if (node.minimum !== undefined && node.minimum > -9007199254740991) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined && node.maximum < 9007199254740991) parts.push(`≤ ${node.maximum}`);
  if (node.exclusiveMaximum !== undefined) parts.push(`< ${node.exclusiveMaximum}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function clean(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
