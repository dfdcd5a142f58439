/**
 * Reader for TNTP `_node.tntp` coordinate files.
 */
import { InputError } from '../../common/errors.js';
import { readLines, stripComment } from './tntpText.js';

/** A node's coordinates, in the file's units (degrees, feet, …). */
export interface TntpNode {
  readonly node: number;
  readonly x: number;
  readonly y: number;
}

/**
 * Read `node X Y ;` lines. The first line is a header when its first field is not
 * a number; `~` starts a comment; the `;` terminator is optional.
 * Errors (`InputError` naming file, line, field, value): too few columns, a
 * non-number, a non-integer or repeated node id.
 *
 * @example
 * readTntpNodes('scenarios/data/transport/SiouxFalls/SiouxFalls_node.tntp')[0]; // { node: 1, x: -96.77…, y: 43.61… }
 */
export function readTntpNodes(path: string): TntpNode[] {
  const lines = readLines(path);
  const nodes: TntpNode[] = [];
  const seen = new Set<number>();
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    let body = stripComment(lines[i]);
    if (body === '') continue;
    if (body.endsWith(';')) body = body.slice(0, -1).trim();
    const fields = body.split(/\s+/);
    const at = `line ${i + 1}`;
    if (first) {
      first = false;
      if (!Number.isFinite(Number(fields[0]))) continue; // header line
    }
    if (fields.length < 3) throw new InputError({ source: path, field: at, value: lines[i].trim() }, 'expected "node X Y"');
    const [node, x, y] = fields.slice(0, 3).map(Number);
    if (!Number.isInteger(node) || node < 0) throw new InputError({ source: path, field: `${at}: node`, value: fields[0] }, 'not a node id');
    if (!Number.isFinite(x)) throw new InputError({ source: path, field: `${at}: X`, value: fields[1] }, 'not a number');
    if (!Number.isFinite(y)) throw new InputError({ source: path, field: `${at}: Y`, value: fields[2] }, 'not a number');
    if (seen.has(node)) throw new InputError({ source: path, field: `${at}: node`, value: node }, 'repeated node');
    seen.add(node);
    nodes.push({ node, x, y });
  }
  return nodes;
}
