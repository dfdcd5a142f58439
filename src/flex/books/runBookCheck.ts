/**
 * Run the checked books of one model (docs/flexibility.md §3 "Checked books"): a books file,
 * or a seeded random search of full coupon books, each a co-simulation on the sweep's
 * executor, resumable like the sweep's tasks.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../common/errors.js';
import { admissible, type EvaluatedPoint } from '../search/flexEvaluation.js';
import type { FlexTask } from '../sweep/flexTask.js';
import type { ResumeLog } from '../sweep/resumeLog.js';
import { deadLetterOf, type SweepDeadLetter } from '../sweep/sweepDeadLetters.js';
import type { SweepSpec } from '../sweep/sweepSpec.js';
import type { TaskExecutor } from '../sweep/taskExecutor.js';
import { randomBook, type RandomBookOptions } from './randomBooks.js';
import type { LabelledBook } from './readBooksFile.js';

/** Where the checked books come from. */
export type BookSource =
  /** Given books (`--books FILE`), run as they are. */
  | { readonly kind: 'file'; readonly file: string; readonly books: readonly LabelledBook[] }
  /**
   * A seeded random search (`--random-books N`): books until `count` are admissible at the largest
   * budget, or 6 × `count` books have run; a book over that budget is scaled into it (at most twice).
   */
  | { readonly kind: 'random'; readonly seed: number; readonly count: number };

/** One checked book's run. */
export interface CheckedBook {
  /** Position in the check: the file's order, or the random search's book number. */
  readonly index: number;
  readonly label: string;
  /** Its (last) run, with the full book it ran (`point.book`). */
  readonly point: EvaluatedPoint;
  /** Co-simulation runs it cost (2–3 for a random book scaled into the budget). */
  readonly runs: number;
}

/** The checked books of one model, run. */
export interface BookRuns {
  readonly source: 'file' | 'random';
  readonly file?: string;
  readonly seed?: number;
  /** Books in the file, or admissible books wanted (random). */
  readonly requested: number;
  /** Every book that ran to an answer, in index order. */
  readonly books: CheckedBook[];
  /** Co-simulation runs of this call (0 for books taken from the results file). */
  readonly runs: number;
  /** Books whose task failed for good (kept out of `books`). */
  readonly deadLetters: SweepDeadLetter[];
}

/** Options of {@link runBookCheck}. */
export interface RunBookCheckOptions {
  readonly executor: TaskExecutor;
  readonly resume?: ResumeLog;
  /** What a random book draws from (the model's stations, intervals, bounds); required for a random source. */
  readonly random?: Omit<RandomBookOptions, 'seed'>;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Most books a random search runs, per admissible book wanted. */
export const RANDOM_BOOKS_PER_WANTED = 6;

/**
 * Run the books of a source on the executor, in parallel, results placed by index.
 *
 * - File: one task per book, the book as given.
 * - Random: books 0, 1, … in batches (the first of `count`, then as many as are still wanted
 *   at the rate found so far, within {@link RANDOM_BOOKS_PER_WANTED} × `count`), each fitted to the
 *   largest budget. Book i depends on (seed, i) alone, and batches on earlier results only, so
 *   the books run are the same for any executor.
 * - A book whose task fails for good is a dead letter; bad input ends the check.
 *
 * @param spec - the model's sweep spec (the books run on its problem)
 * @param source - {@link BookSource}
 * @param options - {@link RunBookCheckOptions}
 * @example
 * const runs = await runBookCheck(spec, { kind: 'random', seed: 1, count: 300 }, { executor, random });
 */
export async function runBookCheck(spec: SweepSpec, source: BookSource, options: RunBookCheckOptions): Promise<BookRuns> {
  const { executor, resume } = options;
  const top = spec.budgetsYuan[spec.budgetsYuan.length - 1];
  const books: CheckedBook[] = [];
  const deadLetters: SweepDeadLetter[] = [];
  let runs = 0;
  let done = 0;
  let total = source.kind === 'file' ? source.books.length : source.count;
  const runOne = async (task: Extract<FlexTask, { kind: 'book' }>, label: string): Promise<void> => {
    const key = `book:${task.index}:${createHash('sha256').update(JSON.stringify([task.book, task.fitBudgetYuan ?? null, task.scaleDraws ?? null])).digest('hex').slice(0, 16)}`;
    try {
      let result = resume?.get(spec, key);
      if (result === undefined) {
        result = await executor.run(task);
        runs += result.runs;
        resume?.put(spec, key, result);
      }
      if (result.kind !== 'book') throw new Error('flex/runBookCheck: task result of the wrong kind');
      books.push({ index: task.index, label, point: result.point, runs: result.runs });
    } catch (error) {
      if (error instanceof InputError) throw error;
      deadLetters.push(deadLetterOf(task, key, error));
    }
    options.onProgress?.(++done, total);
  };
  if (source.kind === 'file') {
    await Promise.all(source.books.map((b, index) => runOne({ kind: 'book', spec, index, book: b.book }, b.label)));
  } else {
    if (options.random === undefined) throw new Error('flex/runBookCheck: a random source needs `random`');
    const draw = { ...options.random, seed: source.seed };
    const most = RANDOM_BOOKS_PER_WANTED * source.count;
    let next = 0;
    const admissibleCount = (): number => books.filter((b) => admissible(b.point, top)).length;
    while (next < most && admissibleCount() < source.count) {
      const found = admissibleCount();
      const rate = next === 0 ? 1 : Math.max(found, 1) / next;
      const batch = Math.min(most - next, Math.max(1, Math.ceil((source.count - found) / rate)));
      total = Math.max(total, next + batch);
      const tasks = Array.from({ length: batch }, (_, k) => {
        const index = next + k;
        const { book, scaleDraws } = randomBook(index, draw);
        return runOne({ kind: 'book', spec, index, book, fitBudgetYuan: top, scaleDraws }, `random book ${index + 1}`);
      });
      next += batch;
      await Promise.all(tasks);
    }
    total = done;
    options.onProgress?.(done, total);
  }
  books.sort((a, b) => a.index - b.index);
  deadLetters.sort((a, b) => (a.book ?? 0) - (b.book ?? 0));
  return {
    source: source.kind,
    ...(source.kind === 'file' ? { file: source.file } : { seed: source.seed }),
    requested: source.kind === 'file' ? source.books.length : source.count,
    books,
    runs,
    deadLetters,
  };
}
