/** parseBooks / readBooksFile: a good file becomes full books; each bad one names file, field and value. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBooks, readBooksFile } from '../../../src/flex/books/readBooksFile.ts';

const context = { stationIds: ['CS1', 'H2'], stationKinds: [['charge', 'v2g'], ['charge']] as const, intervals: 3, maxChargeYuanPerKWh: 2, maxV2gYuanPerVisit: 60 };

describe('readBooksFile', () => {
  it('places each station\'s values at index s × T + t, zeros elsewhere, and labels unlabelled books by position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'books-'));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ books: [{ label: 'evening', coupons: { H2: { chargeYuanPerKwh: [0, 1.5, 0] } } }, { coupons: { CS1: { v2gYuanPerVisit: [10, 0, 20] } } }] }));
    const books = readBooksFile(join(dir, 'b.json'), context);
    expect(books.map((b) => b.label)).toEqual(['evening', 'book 2']);
    expect(books[0].book.chargeYuanPerKWh).toEqual([0, 0, 0, 0, 1.5, 0]);
    expect(books[0].book.v2gYuanPerVisit).toEqual([0, 0, 0, 0, 0, 0]);
    expect(books[1].book.v2gYuanPerVisit).toEqual([10, 0, 20, 0, 0, 0]);
  });

  it.each([
    ['an unknown station', { books: [{ coupons: { CS9: {} } }] }, /^in\.json: books\[0\]\.coupons\.CS9: not a station of the scenario \(CS1, H2\)$/],
    ['a wrong length', { books: [{ coupons: { CS1: { chargeYuanPerKwh: [1] } } }] }, /^in\.json: books\[0\]\.coupons\.CS1\.chargeYuanPerKwh = 1: must hold one value per interval of the horizon \(3\)/],
    ['a value above the bound', { books: [{ coupons: { CS1: { v2gYuanPerVisit: [0, 61, 0] } } }] }, /^in\.json: books\[0\]\.coupons\.CS1\.v2gYuanPerVisit\[1\] = 61: must be ≤ 60/],
    ['V2G at a station without ports', { books: [{ coupons: { H2: { v2gYuanPerVisit: [0, 0, 5] } } }] }, /^in\.json: books\[0\]\.coupons\.H2\.v2gYuanPerVisit\[2\] = 5: H2 offers no V2G/],
    ['a negative value', { books: [{ coupons: { CS1: { chargeYuanPerKwh: [0, -1, 0] } } }] }, /^in\.json: books\[0\]\.coupons\.CS1\.chargeYuanPerKwh\[1\] = -1: /],
    ['an unknown field', { books: [{ coupons: {}, colour: 'red' }] }, /^in\.json: books\[0\]\.colour: unknown field "colour"/],
    ['no books', { books: [] }, /^in\.json: books = \[\]: must list at least one book/],
  ])('rejects %s, naming the file, the field and the value', (_name, raw, message) => {
    expect(() => parseBooks(raw, 'in.json', context)).toThrow(message);
  });
});
