/**
 * The report's part on checked books (docs/flexibility.md §3 "Checked books"): per tier how many
 * admissible books lay outside the sweep's hull and how far, and the books listed.
 */
import { escapeXml } from '../../common/svgText.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';
import { superscript } from './tierTablesHtml.js';

const cell = (text: string): string => `<td>${escapeXml(text)}</td>`;
const mw = (v: number | null): string => (v === null ? '–' : v.toFixed(4));

/**
 * A model's checked books: a sentence on the source, a table per tier (admissible books, outside,
 * farthest, inner volume from the sweep alone and with the books), and the books outside (at most
 * 50 rows; all of them in flex.json). Empty without checked books.
 *
 * @example
 * bookCheckHtml(dta); // '<h3>Checked coupon books</h3>…' or ''
 */
export function bookCheckHtml(r: FlexModelResult): string {
  const c = r.bookCheck;
  if (c === undefined) return '';
  const what = c.source === 'file' ? `the books of ${c.file}` : `a random search of full coupon books (seed ${c.seed})`;
  const n = r.axes.length;
  const tiers = c.tiers.map((t, i) => `<tr>${cell(String(t.budgetYuan))}${cell(String(t.admissibleBooks))}${cell(String(t.outsideBooks))}${cell(mw(t.farthestOutsideMw))}`
    + `${cell(t.sweepInnerVolume.toFixed(4))}${cell(r.tiers[i].innerVolume.toFixed(4))}</tr>`).join('');
  const listed = c.outside.slice(0, 50).map((o) => `<tr>${cell(o.book.label)}${cell(String(o.budgetYuan))}${cell(mw(o.distanceMw))}${cell(o.book.point.subsidyYuan.toFixed(1))}`
    + `${cell(r.axes.map((s) => o.book.point.netMw[s].toFixed(3)).join(', '))}</tr>`).join('');
  const more = c.outside.length > 50 ? `<p class="note">${escapeXml(`… and ${c.outside.length - 50} more in flex.json (bookCheck.outside).`)}</p>` : '';
  return `<h3>Checked coupon books</h3>
<p class="note">${escapeXml(`${c.books.length} books run (${c.runs} co-simulations) from ${what}, checked against each tier's hull of the sweep's own runs. `
    + `Every admissible book then joins its tiers, so the hulls and volumes above include them; those more than ${c.outsideToleranceMw} MW outside are listed.`)}</p>
<table class="books"><thead><tr><th>Budget, ¥</th><th>Admissible books</th><th>Outside by &gt; ${escapeXml(String(c.outsideToleranceMw))} MW</th><th>Farthest outside, MW</th><th>Inner volume of the sweep, MW${superscript(n)}</th><th>With the books, MW${superscript(n)}</th></tr></thead><tbody>${tiers}</tbody></table>
${listed === '' ? '' : `<table class="books-outside"><thead><tr><th>Book</th><th>Tier, ¥</th><th>Outside by, MW</th><th>Subsidy, ¥</th><th>Net load on the axes, MW</th></tr></thead><tbody>${listed}</tbody></table>${more}`}
`;
}
