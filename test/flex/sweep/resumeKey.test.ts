import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { checkResumeFile, openResumeLog, resumeMismatch, seedResumeLog } from '../../../src/flex/sweep/resumeLog.ts';
import { checkFlexStudyOptions, type FlexStudyOptions } from '../../../src/flex/sweep/runFlexStudy.ts';
import { resumeKey, type SweepSpec } from '../../../src/flex/sweep/sweepSpec.ts';

const REFERENCE = resolve('scenarios/nguyen-dupuis-ieee33-evening-peak.json');
const OPTIONS: FlexStudyOptions = { timeIndex: 3, budgetsYuan: [300], stations: ['CS3'], lookbackIntervals: 0, levels: [0.25], controls: { refineSteps: 0 } };
const result = { kind: 'design', probe: 0, point: { netMw: [0.1], subsidyYuan: 0, dueGap: 0, converged: true, feasible: true, x: [0] }, runs: 1 } as const;

/** `<root>/study/s.json` whose feeder is the case33bw CSV folder copied to `<root>/grid` (a user file, outside the study folder). */
function study(): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'flex-key-'));
  mkdirSync(join(root, 'study'));
  cpSync('scenarios/data/grid/case33bw', join(root, 'grid'), { recursive: true });
  const raw = JSON.parse(readFileSync(REFERENCE, 'utf8'));
  raw.feeder.case = '../grid';
  delete raw.$schema;
  const file = join(root, 'study', 's.json');
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return { root, file };
}

const specsOf = (file: string, extra: FlexStudyOptions = {}): readonly SweepSpec[] => checkFlexStudyOptions({ ...OPTIONS, scenarioFile: file, ...extra });

describe('resume key: scenario content + sweep options, never the path', () => {
  it('is the same for a copy of the study elsewhere, and changes with a referenced file, an override or an option', () => {
    const a = study();
    const b = study();
    const [ka, kb] = [specsOf(a.file)[0], specsOf(b.file)[0]].map(resumeKey);
    expect(kb).toEqual(ka);
    expect(resumeKey(specsOf(a.file, { overrides: ['demand.scale=1.01'] })[0]).scenario).not.toBe(ka.scenario);
    const other = resumeKey(specsOf(a.file, { budgetsYuan: [400] })[0]);
    expect(other.scenario).toBe(ka.scenario);
    expect(other.options).not.toBe(ka.options);
    const gen = join(a.root, 'grid', 'gen.csv');
    writeFileSync(gen, `${readFileSync(gen, 'utf8')}\n`); // same feeder, other bytes: the key is by content
    expect(resumeKey(specsOf(a.file)[0]).scenario).not.toBe(ka.scenario);
  });

  it('refuses a log of another scenario content or other options with one line naming the file; an empty file fits', () => {
    const a = study();
    const specs = specsOf(a.file);
    const log = join(a.root, 'r.jsonl');
    openResumeLog(log, specs).put(specs[0], 'design:0', result);
    expect(() => checkResumeFile(log, specs)).not.toThrow();
    expect(resumeMismatch(log, specsOf(a.file, { levels: [0.5] }))).toBe('options');
    expect(() => checkResumeFile(log, specsOf(a.file, { levels: [0.5] }))).toThrow(/r\.jsonl: resume key: sweep options differ/);
    const bus = join(a.root, 'grid', 'bus.csv');
    writeFileSync(bus, readFileSync(bus, 'utf8').replace(/\n$/, '\n\n'));
    const edited = specsOf(a.file);
    expect(() => checkResumeFile(log, edited)).toThrow(InputError);
    expect(() => checkResumeFile(log, edited)).toThrow(/r\.jsonl: resume key: scenario content differs/);
    expect(() => openResumeLog(log, edited)).toThrow(/scenario content differs/);
    const empty = join(a.root, 'empty.jsonl');
    writeFileSync(empty, '');
    expect(() => checkResumeFile(empty, edited)).not.toThrow();
  });

  it('seeds a live log with the fitting lines of a user file once, leaving that file as it was', () => {
    const a = study();
    const specs = specsOf(a.file);
    const user = join(a.root, 'user.jsonl');
    const log = openResumeLog(user, specs);
    log.put(specs[0], 'design:0', result);
    log.put(specs[0], 'direction:0', { ...result, probe: 1 });
    const text = readFileSync(user, 'utf8');
    const live = join(a.root, 'live.jsonl');
    expect(seedResumeLog(live, user, specs)).toBe(2);
    expect(seedResumeLog(live, user, specs)).toBe(0);
    expect(readFileSync(user, 'utf8')).toBe(text);
    expect(openResumeLog(live, specs).get(specs[0], 'direction:0')).toEqual({ ...result, probe: 1 });
  });
});
