/**
 * The report's part on dead letters (docs/distributed.md "Failure semantics"): sweep tasks that
 * failed for good, listed per model under an INCOMPLETE banner, and the banner at the top of the
 * page when any model has one.
 */
import { escapeXml } from '../../common/svgText.js';
import type { FlexModelResult } from '../sweep/flexModelResult.js';

const cell = (text: string): string => `<td>${escapeXml(text)}</td>`;

/** `3 tasks` / `1 task`. */
function tasks(n: number): string {
  return `${n} task${n === 1 ? '' : 's'}`;
}

/** Dead letters of a model, none when every task finished. */
function lettersOf(r: FlexModelResult): NonNullable<FlexModelResult['run']['deadLetters']> {
  return [...(r.run.deadLetters ?? []), ...(r.bookCheck?.deadLetters ?? [])];
}

/**
 * The INCOMPLETE banner at the top of the report when some model's sweep has dead letters
 * (one line per such model); empty otherwise.
 *
 * @example
 * incompleteBannerHtml([dta]); // '<p class="incomplete">INCOMPLETE: DTA: 1 task failed …</p>' or ''
 */
export function incompleteBannerHtml(results: readonly FlexModelResult[]): string {
  const parts = results.filter((r) => lettersOf(r).length > 0).map((r) => `${r.model.toUpperCase()}: ${tasks(lettersOf(r).length)}`);
  if (parts.length === 0) return '';
  return `<p class="incomplete">${escapeXml(`INCOMPLETE: ${parts.join('; ')} failed for good (dead letters, listed in each model's section); their points are missing. `
    + 'Every point shown is still a real, verified run and each hull an inner approximation, but the region may be smaller than a complete study\'s. '
    + 'Run the study again with --resume <out>/results.jsonl to run only the missing tasks.')}</p>\n`;
}

/**
 * A model's dead letters: an INCOMPLETE line and a table with one row per task (task id as in
 * results.jsonl, kind, design probe or direction, attempts, last reason); empty when every task finished.
 *
 * @example
 * deadLettersHtml(dta); // '<div class="dead-letters">…<table class="dead-letters">…' or ''
 */
export function deadLettersHtml(r: FlexModelResult): string {
  const letters = lettersOf(r);
  if (letters.length === 0) return '';
  const rows = letters.map((l) => {
    const which = l.probe !== undefined ? `probe ${l.probe}` : l.direction !== undefined ? `direction ${l.direction}` : l.book !== undefined ? `book ${l.book}` : '–';
    return `<tr>${cell(l.taskId)}${cell(l.kind)}${cell(which)}${cell(String(l.attempts))}<td class="reason">${escapeXml(l.reason)}</td></tr>`;
  }).join('');
  return `<div class="dead-letters">
<p class="incomplete">${escapeXml(`INCOMPLETE: ${tasks(letters.length)} of this sweep failed for good (dead letters); their points are missing from the tiers below.`)}</p>
<table class="dead-letters"><tr><th>Task</th><th>Kind</th><th>Probe / direction</th><th>Attempts</th><th>Reason</th></tr>${rows}</table>
</div>
`;
}

/** Styles of the banner and the table. */
export const DEAD_LETTERS_STYLE = '.incomplete{color:#a00;font-weight:bold;max-width:900px}table.dead-letters td.reason{text-align:left;max-width:700px}';
