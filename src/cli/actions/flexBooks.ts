/**
 * The checked-books options of `ev-cosim flex` (`--books`, `--random-books`, `--seed`,
 * `--outside-tolerance`; docs/flexibility.md §3 "Checked books") and their lines in the table.
 */
import { InputError } from '../../common/errors.js';
import type { CheckBooksOption } from '../../flex/books/studyBooks.js';
import { admissible } from '../../flex/search/flexEvaluation.js';
import type { FlexModelResult } from '../../flex/sweep/flexModelResult.js';
import type { FlexModel } from '../../flex/sweep/sweepSpec.js';

/** The options as commander gives them. */
export interface FlexBookOptions {
  readonly books?: string;
  readonly randomBooks?: string;
  readonly seed?: string;
  readonly outsideTolerance?: string;
}

const SOURCE = 'ev-cosim flex';

/**
 * The study's `checkBooks` and `outsideToleranceMw` from the command line (the file itself is read
 * and checked by the study's option check, before any output is touched).
 *
 * @throws InputError for both `--books` and `--random-books`, a bad count, seed or tolerance
 * @example
 * flexBookOptions({ randomBooks: '300', seed: '7' }); // { checkBooks: { random: 300, seed: 7 } }
 */
export function flexBookOptions(options: FlexBookOptions): { checkBooks?: CheckBooksOption; outsideToleranceMw?: number } {
  const number = (field: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) throw new InputError({ source: SOURCE, field, value: text }, 'is not a number');
    return v;
  };
  const outsideToleranceMw = number('--outside-tolerance', options.outsideTolerance);
  const random = number('--random-books', options.randomBooks);
  const seed = number('--seed', options.seed);
  if (options.books !== undefined && random !== undefined) {
    throw new InputError({ source: SOURCE, field: '--books', value: options.books }, 'give either --books or --random-books, not both');
  }
  if (seed !== undefined && random === undefined) throw new InputError({ source: SOURCE, field: '--seed', value: options.seed }, 'seeds --random-books: give that too');
  if (outsideToleranceMw !== undefined && options.books === undefined && random === undefined) {
    throw new InputError({ source: SOURCE, field: '--outside-tolerance', value: options.outsideTolerance }, 'applies to checked books: give --books or --random-books too');
  }
  const checkBooks = options.books !== undefined ? { file: options.books } : random !== undefined ? { random, ...(seed === undefined ? {} : { seed }) } : undefined;
  return { ...(checkBooks === undefined ? {} : { checkBooks }), ...(outsideToleranceMw === undefined ? {} : { outsideToleranceMw }) };
}

/**
 * The table's lines about a model's checked books: how many ran and were admissible, and per tier
 * how many lay outside the sweep's hull, the farthest, and the inner volume before and after.
 *
 * @example
 * bookCheckLines(result); // ['  checked books (random, seed 1): 300 admissible of 341 run (376 co-simulations)', …]
 */
export function bookCheckLines(result: FlexModelResult): string[] {
  const c = result.bookCheck;
  if (c === undefined) return [];
  const top = result.tiers[result.tiers.length - 1]?.budgetYuan ?? 0;
  const served = c.books.filter((b) => admissible(b.point, top)).length;
  const what = c.source === 'file' ? `from ${c.file}` : `random, seed ${c.seed}`;
  const lines = [`  checked books (${what}): ${served} admissible of ${c.books.length} run (${c.runs} co-simulations)${c.deadLetters.length > 0 ? `, ${c.deadLetters.length} failed` : ''}`];
  c.tiers.forEach((t, i) => {
    const after = result.tiers[i].innerVolume;
    const far = t.farthestOutsideMw === null ? 'no sweep point' : `farthest ${t.farthestOutsideMw.toFixed(4)} MW`;
    lines.push(`    ${t.budgetYuan} ¥: ${t.admissibleBooks} admissible, ${t.outsideBooks} outside the sweep's hull by > ${c.outsideToleranceMw} MW (${far}); inner volume ${t.sweepInnerVolume.toFixed(4)} → ${after.toFixed(4)} with the books`);
  });
  for (const o of c.outside.slice(0, 10)) {
    lines.push(`    outside: ${o.book.label}, ${o.budgetYuan} ¥ tier, ${o.distanceMw === null ? 'tier empty' : `${o.distanceMw.toFixed(4)} MW`}, subsidy ${o.book.point.subsidyYuan.toFixed(1)} ¥ (now in the tier's hull)`);
  }
  if (c.outside.length > 10) lines.push(`    … ${c.outside.length - 10} more in flex.json (bookCheck.outside)`);
  return lines;
}

/** A stderr line when a model's book check starts and ends (a TTY only). */
export function bookProgress(): (model: FlexModel, done: number, total: number) => void {
  const started = new Set<FlexModel>();
  return (model, done, total) => {
    if (process.stderr.isTTY !== true) return;
    if (!started.has(model)) {
      started.add(model);
      process.stderr.write(`ev-cosim flex: checking ${total} coupon book${total === 1 ? '' : 's'} against the ${model.toUpperCase()} region …\n`);
    }
    if (done === total) process.stderr.write(`ev-cosim flex: ${model.toUpperCase()} books checked (${done})\n`);
  };
}
