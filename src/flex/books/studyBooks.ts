/**
 * The checked books a flexibility study asks for (docs/flexibility.md §3 "Checked books"),
 * read and validated against its scenario.
 */
import { InputError } from '../../common/errors.js';
import { stationServiceRecord, type Scenario } from '../../sim/index.js';
import { stationCouponKinds } from '../search/couponWindow.js';
import type { FlexModel } from '../sweep/sweepSpec.js';
import { DEFAULT_OUTSIDE_TOLERANCE_MW } from './bookCheck.js';
import { readBooksFile, type LabelledBook } from './readBooksFile.js';
import type { BookSource } from './runBookCheck.js';

/** What {@link studyBooks} checks the books against. */
export interface StudyBooksContext {
  readonly scenario: Scenario;
  readonly models: readonly FlexModel[];
  readonly outsideToleranceMw?: number;
  readonly maxChargeYuanPerKWh?: number;
  readonly maxV2gYuanPerVisit?: number;
}

/** How a study asks for checked books (`FlexStudyOptions.checkBooks`). */
export type CheckBooksOption =
  | { readonly file: string }
  | { readonly books: readonly LabelledBook[]; readonly source?: string }
  | { readonly random: number; readonly seed?: number };

/**
 * Read and validate a study's checked books before anything runs (the CLI calls this through
 * `checkFlexStudyOptions`, before it touches a file).
 *
 * @throws InputError for a bad count, seed or tolerance, a bad books file, or file books with the STA model
 * @example
 * studyBooks({ random: 300 }, { scenario, models: ['dta'] }); // { kind: 'random', seed: 1, count: 300 }
 */
export function studyBooks(given: CheckBooksOption | undefined, options: StudyBooksContext): BookSource | undefined {
  const { scenario, models } = options;
  const source = 'flex';
  if (given === undefined) return undefined;
  const tolerance = options.outsideToleranceMw ?? DEFAULT_OUTSIDE_TOLERANCE_MW;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new InputError({ source, field: 'outsideTolerance', value: tolerance }, 'must be a distance ≥ 0, MW');
  if ('random' in given) {
    const seed = given.seed ?? 1;
    if (!Number.isInteger(given.random) || given.random < 1 || given.random > 100_000) {
      throw new InputError({ source, field: 'randomBooks', value: given.random }, 'must be a whole number of books in [1, 100000]');
    }
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InputError({ source, field: 'seed', value: seed }, 'must be an integer in [0, 4294967295]');
    return { kind: 'random', seed, count: given.random };
  }
  const file = 'file' in given ? given.file : given.source ?? 'books';
  if (models.includes('sta')) {
    throw new InputError({ source, field: 'books', value: file }, 'checked books are per scenario interval, so they check the DTA region only: use --model dta (or --random-books, drawn per model)');
  }
  const maxCharge = options.maxChargeYuanPerKWh ?? 2;
  const maxV2g = options.maxV2gYuanPerVisit ?? 60;
  const context = {
    stationIds: scenario.stations.map((s) => s.id),
    stationKinds: stationCouponKinds(scenario.stations.map(stationServiceRecord)),
    intervals: scenario.horizon.intervals,
    maxChargeYuanPerKWh: maxCharge,
    maxV2gYuanPerVisit: maxV2g,
  };
  const books = 'file' in given ? readBooksFile(given.file, context) : given.books;
  if (!('file' in given)) {
    const length = context.stationIds.length * context.intervals;
    given.books.forEach((b, i) => {
      const ok = (v: readonly number[]): boolean => v.length === length && v.every((x) => Number.isFinite(x) && x >= 0);
      if (!ok(b.book.chargeYuanPerKWh) || !ok(b.book.v2gYuanPerVisit)) {
        throw new InputError({ source, field: `books[${i}]` }, `must hold ${length} finite values ≥ 0 per kind (stations × intervals)`);
      }
    });
  }
  if (books.length === 0) throw new InputError({ source, field: 'books', value: file }, 'must list at least one book');
  return { kind: 'file', file, books };
}

