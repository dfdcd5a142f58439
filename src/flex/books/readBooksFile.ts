/**
 * The checked-books file of `ev-cosim flex --books` (docs/flexibility.md §3 "Checked books"):
 * full coupon books, by station and interval, in the form of the `coupons` of a point of
 * `flex --json`, validated against the scenario.
 */
import { z } from 'zod';
import { InputError } from '../../common/errors.js';
import { readJsonFile } from '../../common/readJsonFile.js';
import { parseWithSchema } from '../../common/zodIssues.js';
import type { CouponKind } from '../search/couponWindow.js';
import type { FullBook } from '../search/flexEvaluation.js';

const stationCouponsSchema = z.strictObject({
  chargeYuanPerKwh: z.array(z.number().finite().min(0)).optional(),
  v2gYuanPerVisit: z.array(z.number().finite().min(0)).optional(),
});

const bookSchema = z.strictObject({
  label: z.string().max(200).optional(),
  coupons: z.record(z.string(), stationCouponsSchema),
});

/** The file: `{ "books": [ { "label"?, "coupons": { "<station id>": { "chargeYuanPerKwh"?: [...], "v2gYuanPerVisit"?: [...] } } } ] }`. */
export const booksFileSchema = z.strictObject({
  books: z.array(bookSchema).min(1, 'must list at least one book').max(100_000),
});

/** What a book is checked against: the scenario's stations, horizon and the coupon bounds. */
export interface BookContext {
  readonly stationIds: readonly string[];
  readonly stationKinds: readonly (readonly CouponKind[])[];
  readonly intervals: number;
  readonly maxChargeYuanPerKWh: number;
  readonly maxV2gYuanPerVisit: number;
}

/** A book of the file: its label and the full book (index `s * intervals + t`). */
export interface LabelledBook {
  readonly label: string;
  readonly book: FullBook;
}

/**
 * Read and check a books file.
 *
 * - JSON syntax and shape (one schema; unknown fields named).
 * - Per book: every station id is one of the scenario's; each array has one value per interval
 *   of the horizon; values within the coupon bounds; no coupon of a kind the station does not
 *   offer (V2G at a station without V2G ports). A station left out gets no coupon.
 *
 * @param path - the file as the user gave it (named in every error)
 * @param context - {@link BookContext}
 * @throws InputError naming the file, the field (`books[2].coupons.CS1.chargeYuanPerKwh[5]`) and the value
 * @example
 * readBooksFile('books.json', { stationIds: ['CS1'], stationKinds: [['charge', 'v2g']], intervals: 6, maxChargeYuanPerKWh: 2, maxV2gYuanPerVisit: 60 });
 */
export function readBooksFile(path: string, context: BookContext): LabelledBook[] {
  return parseBooks(readJsonFile(path), path, context);
}

/**
 * Check parsed books-file content (see {@link readBooksFile}); `source` names it in errors.
 *
 * @example
 * parseBooks({ books: [{ coupons: { CS1: { chargeYuanPerKwh: [0, 0, 1, 0, 0, 0] } } }] }, 'inline', context);
 */
export function parseBooks(raw: unknown, source: string, context: BookContext): LabelledBook[] {
  const file = parseWithSchema(booksFileSchema, raw, source);
  const { stationIds, stationKinds, intervals: T } = context;
  return file.books.map((b, i) => {
    const charge = new Array<number>(stationIds.length * T).fill(0);
    const v2g = new Array<number>(stationIds.length * T).fill(0);
    for (const [id, coupons] of Object.entries(b.coupons)) {
      const s = stationIds.indexOf(id);
      const at = `books[${i}].coupons`;
      if (s < 0) throw new InputError({ source, field: `${at}.${id}` }, `not a station of the scenario (${stationIds.join(', ')})`);
      const fill = (values: readonly number[] | undefined, kind: CouponKind, key: string, bound: number, into: number[]): void => {
        if (values === undefined) return;
        const field = `${at}.${id}.${key}`;
        if (values.length !== T) throw new InputError({ source, field, value: values.length }, `must hold one value per interval of the horizon (${T}), found this many`);
        values.forEach((v, t) => {
          if (v > bound) throw new InputError({ source, field: `${field}[${t}]`, value: v }, `must be ≤ ${bound} (the coupon bound)`);
          if (v > 0 && !stationKinds[s].includes(kind)) throw new InputError({ source, field: `${field}[${t}]`, value: v }, `${id} offers no ${kind === 'v2g' ? 'V2G (no V2G ports)' : 'charging (no chargers)'}: must be 0`);
          into[s * T + t] = v;
        });
      };
      fill(coupons.chargeYuanPerKwh, 'charge', 'chargeYuanPerKwh', context.maxChargeYuanPerKWh, charge);
      fill(coupons.v2gYuanPerVisit, 'v2g', 'v2gYuanPerVisit', context.maxV2gYuanPerVisit, v2g);
    }
    return { label: b.label ?? `book ${i + 1}`, book: { chargeYuanPerKWh: charge, v2gYuanPerVisit: v2g } };
  });
}
