/**
 * batch.html of a batch with failed cases (dead letters): each failed case has its row (status
 * `failed`, attempts, reason, marked bad) and an INCOMPLETE line names them; a batch whose cases
 * all ran says no INCOMPLETE.
 */
import { describe, expect, it } from 'vitest';
import { batchHtml, failedRow, type BatchRow } from '../../src/batch/batchTable.ts';

/** The text of every cell of each table row, and its class. */
function tableRows(html: string): { cls: string; cells: string[] }[] {
  const body = html.match(/<tbody>(.*?)<\/tbody>/s)?.[1] ?? '';
  return [...body.matchAll(/<tr class="([^"]*)">(.*?)<\/tr>/gs)].map((m) => ({ cls: m[1], cells: [...m[2].matchAll(/<td>(.*?)<\/td>/gs)].map((c) => c[1]) }));
}

describe('batchHtml with failed cases', () => {
  const failed: BatchRow[] = [
    failedRow('case-02', ['demand.scale=1.2'], 'solver <threw> after "3" tries', 2, 3),
    failedRow('case-05', ['classes.v2gShare=0.2', 'demand.scale=1'], 'bad input', 1, 1),
  ];

  it('lists each failed case as a bad row with status failed, exit, attempts and the escaped reason', () => {
    const rows = tableRows(batchHtml('growth', failed));
    expect(rows.map((r) => r.cls)).toEqual(['bad', 'bad']);
    // columns: case, overrides, status, exit, 11 key totals (empty), attempts, problem
    expect(rows[0].cells[0]).toBe('case-02');
    expect(rows[0].cells[1]).toBe('demand.scale=1.2');
    expect(rows[0].cells.slice(2, 4)).toEqual(['failed', '2']);
    expect(rows[0].cells.slice(4, 15)).toEqual(Array(11).fill(''));
    expect(rows[0].cells.slice(15)).toEqual(['3', 'solver &lt;threw&gt; after &quot;3&quot; tries']);
    expect(rows[1].cells[1]).toBe('classes.v2gShare=0.2;demand.scale=1');
    expect(rows[1].cells.slice(15)).toEqual(['1', 'bad input']);
  });

  it('says INCOMPLETE, naming the failed cases with their attempts, before the table', () => {
    const html = batchHtml('growth', failed);
    const at = html.indexOf('<p class="incomplete">INCOMPLETE: 2 cases failed and have no results folder: case-02 (3 attempts), case-05 (1 attempt).');
    expect(at).toBeGreaterThan(-1);
    expect(at).toBeLessThan(html.indexOf('<table>'));
  });

  it('a batch without a failed case has no INCOMPLETE line (an empty batch included)', () => {
    expect(batchHtml('none', [])).not.toContain('INCOMPLETE');
    // a case that ran with exit 2 (not converged) has results: not a failed case
    const ran: BatchRow = { ...failedRow('case-01', [], '', 2, 1), status: 'not-converged', attempts: null };
    expect(batchHtml('ran', [ran])).not.toContain('INCOMPLETE');
  });
});
