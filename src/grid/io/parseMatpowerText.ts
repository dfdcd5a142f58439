import { InputError } from '../../common/errors.js';

/** A numeric table of a case file: rows of numbers and the 1-based line each row starts on. */
export interface NumericTable {
  readonly rows: readonly (readonly number[])[];
  readonly lines: readonly number[];
  /** Line of the `mpc.<name> =` assignment. */
  readonly line: number;
}

/** The literal assignments `mpc.<name> = …` of a MATPOWER-style case file. */
export interface MatpowerText {
  readonly tables: ReadonlyMap<string, NumericTable>;
  readonly scalars: ReadonlyMap<string, number>;
}

/**
 * Parse the literal `mpc.<name> = …;` assignments of a MATPOWER-style `.m` file.
 *
 * Supported (what MATPOWER case files and `grid_IEEE123.m` use):
 * 1. `%` comments anywhere (whole lines or after values, also inside matrices);
 * 2. scalars (`mpc.baseMVA = 10;`), strings (`mpc.version = '2';`, skipped);
 * 3. matrices `[ … ]` with rows ended by `;` and/or a newline, values split by
 *    spaces, tabs or commas, `...` line continuations, `Inf`/`-Inf`, and blocks
 *    `ones(N,1)*[row]` (N copies of a row), as in the 123-bus file's `mpc.gencost`; N may be
 *    at most the file's length in characters (a larger N cannot match any written table).
 *
 * Anything that changes a table after its definition (`mpc.bus(:, PD) = …`, as in
 * MATPOWER's own case33bw.m unit conversion) is refused: ignoring it would silently
 * give wrong units. Other statements (`function`, local variables) are skipped.
 *
 * @param text - the file's text.
 * @param source - the file path, for error messages.
 * @returns the tables and scalars by name (`bus`, `gen`, `branch`, `gencost`, `caps`, `regs`, `baseMVA`, …).
 * @throws InputError naming file, line, field and value for NaN, malformed numbers, unclosed or ragged matrices.
 * @example
 * const { tables, scalars } = parseMatpowerText(readFileSync(path, 'utf8'), path);
 * tables.get('bus')!.rows.length; // 113 for grid_IEEE123.m
 */
export function parseMatpowerText(text: string, source: string): MatpowerText {
  const parser = new Parser(stripComments(text), source);
  return parser.parseFile();
}

/** Replace `%` comments by spaces (keeping offsets and line numbers), ignoring `%` inside strings. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i += 1) {
        const c = line[i];
        if (c === "'") {
          // A quote opens a string after `=`, `(`, `,`, `[` or a blank; otherwise it is a transpose.
          if (inString) inString = false;
          else if (i === 0 || /[=(,[\s]/.test(line[i - 1])) inString = true;
        } else if (c === '%' && !inString) {
          return line.slice(0, i);
        }
      }
      return line;
    })
    .join('\n');
}

interface Block {
  rows: number[][];
  lines: number[];
}

class Parser {
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string, private readonly source: string) {
    for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  parseFile(): MatpowerText {
    const tables = new Map<string, NumericTable>();
    const scalars = new Map<string, number>();
    const assignment = /mpc\.([A-Za-z_]\w*)\s*([=(])/g;
    for (;;) {
      assignment.lastIndex = this.pos;
      const match = assignment.exec(this.text);
      if (match === null) break;
      const [, name, operator] = match;
      const line = this.lineAt(match.index);
      this.pos = match.index + match[0].length;
      if (operator === '(') {
        // `mpc.bus(2, 3)` on the right-hand side of something else is harmless; an assignment to it is not.
        const newline = this.text.indexOf('\n', this.pos);
        const rest = this.text.slice(this.pos, newline < 0 ? undefined : newline);
        if (/^[^=]*\)\s*=(?!=)/.test(rest)) {
          throw new InputError(
            { source: this.source, field: `line ${line}: mpc.${name}`, value: this.lineText(line).trim() },
            'statements that modify a table after its definition are not supported; write the final values in the table',
          );
        }
        continue;
      }
      this.skipBlanks();
      const c = this.text[this.pos];
      if (c === "'") {
        const end = this.text.indexOf("'", this.pos + 1);
        this.pos = end < 0 ? this.text.length : end + 1;
      } else if (c === '[' || this.text.startsWith('ones', this.pos)) {
        const block = c === '[' ? this.parseMatrix(name) : this.parseOnes(name);
        this.checkRectangular(name, block);
        tables.set(name, { rows: block.rows, lines: block.lines, line });
      } else {
        scalars.set(name, this.parseNumber(name));
      }
    }
    return { tables, scalars };
  }

  private parseMatrix(name: string): Block {
    const openLine = this.lineAt(this.pos);
    this.pos += 1; // '['
    const block: Block = { rows: [], lines: [] };
    let row: number[] = [];
    let rowLine = 0;
    let afterBlock = false;
    const endRow = (): void => {
      if (row.length > 0) {
        block.rows.push(row);
        block.lines.push(rowLine);
      }
      row = [];
      afterBlock = false;
    };
    for (;;) {
      if (this.pos >= this.text.length) {
        throw new InputError({ source: this.source, field: `line ${openLine}: mpc.${name}`, value: '[' }, 'matrix is never closed with ]');
      }
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === ',' || c === '\r') {
        this.pos += 1;
      } else if (c === ']') {
        this.pos += 1;
        endRow();
        return block;
      } else if (c === ';' || c === '\n') {
        this.pos += 1;
        endRow();
      } else if (this.text.startsWith('...', this.pos)) {
        const newline = this.text.indexOf('\n', this.pos);
        this.pos = newline < 0 ? this.text.length : newline + 1;
      } else if (c === '[' || this.text.startsWith('ones', this.pos)) {
        const line = this.lineAt(this.pos);
        const sub = c === '[' ? this.parseMatrix(name) : this.parseOnes(name);
        if (sub.rows.length === 1 && !afterBlock) {
          if (row.length === 0) rowLine = line;
          row.push(...sub.rows[0]);
        } else if (row.length === 0 && !afterBlock) {
          block.rows.push(...sub.rows);
          block.lines.push(...sub.lines.map((l) => l || line));
          afterBlock = true;
        } else {
          throw new InputError({ source: this.source, field: `line ${line}: mpc.${name}`, value: this.lineText(line).trim() }, 'cannot join a multi-row block to numbers on the same row');
        }
      } else {
        if (afterBlock) {
          const line = this.lineAt(this.pos);
          throw new InputError({ source: this.source, field: `line ${line}: mpc.${name}`, value: this.lineText(line).trim() }, 'numbers after a multi-row block on the same row');
        }
        if (row.length === 0) rowLine = this.lineAt(this.pos);
        row.push(this.parseNumber(name, row.length + 1));
      }
    }
  }

  /** `ones(N,1)*[row]`: N copies of one row. */
  private parseOnes(name: string): Block {
    const line = this.lineAt(this.pos);
    const pattern = /ones\s*\(\s*(\d+)\s*,\s*1\s*\)\s*\*\s*/y;
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match === null || this.text[pattern.lastIndex] !== '[') {
      throw new InputError({ source: this.source, field: `line ${line}: mpc.${name}`, value: this.lineText(line).trim() }, 'only ones(N,1)*[row] is supported here');
    }
    this.pos = pattern.lastIndex;
    const sub = this.parseMatrix(name);
    if (sub.rows.length !== 1) {
      throw new InputError({ source: this.source, field: `line ${line}: mpc.${name}`, value: this.lineText(line).trim() }, 'ones(N,1)* must multiply a single row');
    }
    const count = Number(match[1]);
    // Every row of such a block repeats a row of another table written out in full (gencost
    // per gen), so it cannot have more rows than the file has characters; a bigger N is a
    // typo, and expanding it would exhaust memory before any other check.
    if (count > this.text.length) {
      throw new InputError(
        { source: this.source, field: `line ${line}: mpc.${name}`, value: `ones(${match[1]},1)` },
        `${count} rows, more than the file has characters (${this.text.length}): the table it must match cannot be that long`,
      );
    }
    return {
      rows: Array.from({ length: count }, () => [...sub.rows[0]]),
      lines: Array.from({ length: count }, () => sub.lines[0]),
    };
  }

  private parseNumber(name: string, column?: number): number {
    const line = this.lineAt(this.pos);
    const token = /[^\s,;[\]]+/y;
    token.lastIndex = this.pos;
    const match = token.exec(this.text);
    const text = match === null ? '' : match[0];
    this.pos += text.length;
    const field = `line ${line}: mpc.${name}${column === undefined ? '' : ` column ${column}`}`;
    if (/^[+-]?Inf$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    const value = text === '' ? Number.NaN : Number(text);
    if (Number.isNaN(value)) {
      throw new InputError({ source: this.source, field, value: text }, text === 'NaN' ? 'NaN is not allowed' : 'not a number');
    }
    return value;
  }

  private checkRectangular(name: string, block: Block): void {
    const width = block.rows[0]?.length ?? 0;
    block.rows.forEach((row, i) => {
      if (row.length !== width) {
        throw new InputError(
          { source: this.source, field: `line ${block.lines[i]}: mpc.${name}`, value: `${row.length} columns` },
          `row length differs from the first row (${width} columns)`,
        );
      }
    });
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') this.pos += 1;
      else if (this.text.startsWith('...', this.pos)) {
        const newline = this.text.indexOf('\n', this.pos);
        this.pos = newline < 0 ? this.text.length : newline + 1;
      } else return;
    }
  }

  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    const end = line < this.lineStarts.length ? this.lineStarts[line] - 1 : this.text.length;
    return this.text.slice(start, end);
  }
}
