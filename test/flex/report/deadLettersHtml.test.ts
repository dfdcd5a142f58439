/**
 * report.html of a study with dead letters (tasks that failed for good): an INCOMPLETE banner at
 * the top, and in the model's section one table row per dead letter with its task id, kind,
 * probe or direction, attempts and reason (escaped); a complete study shows neither.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { flexReportHtml } from '../../../src/flex/report/flexReportHtml.ts';
import type { FlexModelResult } from '../../../src/flex/sweep/flexModelResult.ts';
import type { SweepDeadLetter } from '../../../src/flex/sweep/sweepDeadLetters.ts';
import { fakeStudy } from '../fakeStudy.ts';

const LETTERS: SweepDeadLetter[] = [
  { taskId: 'design:4', kind: 'design', probe: 4, attempts: 3, reason: 'HiGHS status <-1> & "no basis"' },
  { taskId: 'direction:1', kind: 'direction', direction: 1, attempts: 1, reason: 'worker lost' },
];

/** The cells of every row of the model's dead-letter table, as text. */
function deadLetterRows(html: string, model: string): string[][] {
  const section = html.split(`<section class="model" data-model="${model}">`)[1]?.split('</section>')[0] ?? '';
  const table = section.match(/<table class="dead-letters">(.*?)<\/table>/s)?.[1] ?? '';
  return [...table.matchAll(/<tr>(.*?)<\/tr>/gs)].slice(1).map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]));
}

describe('report.html with dead letters', () => {
  let clean: FlexModelResult;
  let broken: FlexModelResult;
  let sta: FlexModelResult;
  beforeAll(async () => {
    clean = (await fakeStudy([300, 1000], undefined)).result;
    broken = { ...clean, run: { ...clean.run, deadLetters: LETTERS } };
    sta = (await fakeStudy([300, 1000], undefined, { constantTotalMw: 3, model: 'sta' })).result;
  }, 60_000);

  it('a complete study has no INCOMPLETE banner and no dead-letter table', () => {
    const html = flexReportHtml([clean, sta], [], 'clean study');
    expect(html).not.toContain('INCOMPLETE');
    expect(html).not.toContain('<table class="dead-letters">');
  });

  it('says INCOMPLETE at the top (naming the model and its count) before any model section', () => {
    const html = flexReportHtml([broken, sta], [], 'broken study');
    const banner = html.indexOf('<p class="incomplete">INCOMPLETE: DTA: 2 tasks failed for good');
    expect(banner).toBeGreaterThan(html.indexOf('<h1>'));
    expect(banner).toBeLessThan(html.indexOf('<section class="model"'));
    // the STA model finished every task: the banner does not name it
    expect(html.slice(banner, html.indexOf('</p>', banner))).not.toContain('STA');
    expect(html).toContain('--resume &lt;out&gt;/results.jsonl');
  });

  it('lists each dead letter in its model\'s section: task id, kind, probe / direction, attempts, reason (escaped)', () => {
    const html = flexReportHtml([broken, sta], [], 'broken study');
    expect(deadLetterRows(html, 'dta')).toEqual([
      ['design:4', 'design', 'probe 4', '3', 'HiGHS status &lt;-1&gt; &amp; &quot;no basis&quot;'],
      ['direction:1', 'direction', 'direction 1', '1', 'worker lost'],
    ]);
    expect(deadLetterRows(html, 'sta')).toEqual([]);
    // the model's own INCOMPLETE line comes before its tier table
    const section = html.split('<section class="model" data-model="dta">')[1];
    expect(section.indexOf('INCOMPLETE: 2 tasks of this sweep failed')).toBeGreaterThan(-1);
    expect(section.indexOf('INCOMPLETE: 2 tasks of this sweep failed')).toBeLessThan(section.indexOf('<table class="tiers">'));
  });
});
