/**
 * Render `docs/outputs.md` from `OutputDoc`s: the vocabulary, a list of outputs, then
 * one section per command and one table per output (field path, type, description),
 * with the rows read by the same schema reader as docs/scenario-reference.md
 * (src/common/schemaTable.ts).
 */
import type { OutputDoc } from '../../common/outputDoc.js';
import {
  isObjectNode, jsonSchemaOf, objectVariantsOf, schemaFields, schemaType, tableCell, variantLabel, type JsonSchemaNode, type SchemaField,
} from '../../common/schemaTable.js';
import { OUTPUTS_INTRO, OUTPUTS_VOCABULARY } from './vocabulary.js';

/**
 * The Markdown page for `docs`, in their order; outputs of one command (its first two
 * words, e.g. `ev-cosim opf`) share a section.
 *
 * @example
 * writeFileSync('docs/outputs.md', renderOutputsReference(ALL_OUTPUT_DOCS));
 */
export function renderOutputsReference(docs: readonly OutputDoc[]): string {
  const byCommand = new Map<string, OutputDoc[]>();
  for (const doc of docs) {
    const command = doc.command.split(' ').slice(0, 2).join(' ');
    byCommand.set(command, [...(byCommand.get(command) ?? []), doc]);
  }
  const parts = [OUTPUTS_INTRO, OUTPUTS_VOCABULARY, contents(docs)];
  for (const [command, outputs] of byCommand) {
    parts.push(`## \`${command}\`\n`);
    parts.push(...outputs.map(outputSection));
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

function label(doc: OutputDoc): string {
  return `\`${doc.command}\` → ${doc.target === 'stdout' ? 'stdout' : `\`${doc.target}\``}`;
}

function contents(docs: readonly OutputDoc[]): string {
  return `## Outputs\n\n${docs.map((d) => `- ${label(d)} (${d.format.toUpperCase()})`).join('\n')}\n`;
}

function outputSection(doc: OutputDoc): string {
  const root = jsonSchemaOf(doc.schema, 'output');
  const shape = doc.format === 'csv'
    ? 'CSV with a header row; the columns, in order:'
    : doc.target === 'stdout' ? 'One JSON object on stdout.' : 'One JSON object.';
  const lines = [`### ${label(doc)}\n`, `${doc.description}\n`, `${shape}\n`];
  const variants = isObjectNode(root) ? [] : objectVariantsOf(root);
  if (variants.length === 0) return [...lines, ...fieldTable(doc, root), ''].join('\n');
  // A union of object shapes (e.g. one model or both): one table per shape.
  variants.forEach((variant, k) => {
    const tag = variantLabel(variants, variant);
    const when = tag === undefined ? `Shape ${k + 1} of ${variants.length}` : `When \`${tag}\``;
    lines.push(`${when}${variant.description === undefined ? '' : `: ${variant.description}`}\n`, ...fieldTable(doc, variant), '');
  });
  return lines.join('\n');
}

function fieldTable(doc: OutputDoc, node: JsonSchemaNode): string[] {
  const requiredKeys = new Set(node.required ?? []);
  const fields = Object.entries(node.properties ?? {})
    .flatMap(([key, child]) => schemaFields(key, child, requiredKeys.has(key), { containerRows: true }));
  const head = doc.format === 'csv' ? '| column | type | description |' : '| field | type | description |';
  return [head, '|---|---|---|', ...fields.map(row)];
}

function row(field: SchemaField): string {
  const type = `${schemaType(field.node)}${field.required ? '' : ', optional'}`;
  return `| \`${field.path}\` | ${type} | ${tableCell(field.node.description ?? '')} |`;
}
