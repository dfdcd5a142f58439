/** Checked coupon books (docs/flexibility.md §3 "Checked books"): re-exports only. */
export { bookCheck, DEFAULT_OUTSIDE_TOLERANCE_MW, type BookCheck, type BookCheckTier, type BookOutside } from './bookCheck.js';
export { randomBook, RANDOM_BOOK_DENSITIES, type RandomBook, type RandomBookOptions } from './randomBooks.js';
export { booksFileSchema, parseBooks, readBooksFile, type BookContext, type LabelledBook } from './readBooksFile.js';
export { runBookCheck, RANDOM_BOOKS_PER_WANTED, type BookRuns, type BookSource, type CheckedBook, type RunBookCheckOptions } from './runBookCheck.js';
export { studyBooks, type CheckBooksOption, type StudyBooksContext } from './studyBooks.js';
