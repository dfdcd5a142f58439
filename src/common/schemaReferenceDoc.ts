/**
 * One Markdown reference page from a JSON Schema: the generator behind
 * docs/scenario-reference.md and docs/feeder-study-reference.md (rows from schemaTable.ts).
 */
import { isObjectNode, objectVariantsOf, schemaFields, schemaType, tableCell, type JsonSchemaNode } from './schemaTable.js';

const TABLE_HEAD = '| field | type | required / default | description |\n|---|---|---|---|';

/**
 * The page: `intro`, a table of the top-level scalar fields, then one table per object section
 * (objects, arrays of objects and arrays of object unions), one row per field (dotted path, type,
 * required/default, description).
 *
 * @param intro - Markdown placed first (title, conventions, cross-field rules).
 * @param root - the input-side JSON Schema of the file.
 * @example
 * writeFileSync('docs/scenario-reference.md', schemaReferenceDoc(INTRO, scenarioJsonSchema()));
 */
export function schemaReferenceDoc(intro: string, root: JsonSchemaNode): string {
  const out: string[] = [intro];
  const rootRows: string[] = [];
  const required = new Set(root.required ?? []);
  for (const [key, node] of Object.entries(root.properties ?? {})) {
    const objectLike = isObjectNode(node) || isObjectNode(node.items) || (node.items !== undefined && objectVariantsOf(node.items).length > 0);
    if (!objectLike) {
      rootRows.push(row(key, node, required.has(key)));
      continue;
    }
    out.push(`\n## \`${key}\`${required.has(key) ? '' : ' (optional)'}\n\n${tableCell(node.description ?? node.items?.description ?? '')}\n`);
    out.push(TABLE_HEAD);
    out.push(...schemaFields(key, node, required.has(key)).map((f) => row(f.path, f.node, f.required)));
  }
  out.splice(1, 0, `\n## Top-level fields\n\n${TABLE_HEAD}\n${rootRows.join('\n')}`);
  return `${out.join('\n')}\n`;
}

function row(path: string, node: JsonSchemaNode, isRequired: boolean): string {
  const need = node.default !== undefined ? `default \`${JSON.stringify(node.default)}\`` : isRequired ? 'required' : 'optional';
  return `| \`${path}\` | ${schemaType(node)} | ${need} | ${tableCell(node.description ?? '')} |`;
}
