import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { RESULT_FILES, writeResults } from '../../../src/sim/results/writeResults.ts';
import { textSummary } from '../../../src/sim/results/textSummary.ts';
import { fakeRun } from '../fixtures/fakeRun.ts';

describe('writeResults', () => {
  it('should write every file and list them in summary.json', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sim-')), 'out');
    const { result, summary } = fakeRun();
    const files = writeResults(result, summary, dir);
    expect(readdirSync(dir).sort()).toEqual(['.ev-cosim-results.json', ...RESULT_FILES].sort());
    const written = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(written.files).toEqual(files);
    expect(written.intervals).toHaveLength(4);
    const rows = parse(readFileSync(join(dir, 'stations.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    expect(Number(rows[0].netMw)).toBe(result.intervals[0].netMw[0]); // full precision round trip
  });

  it('should replace its own earlier folder and leave no temporary folder behind', () => {
    const parent = mkdtempSync(join(tmpdir(), 'sim-'));
    const dir = join(parent, 'out');
    const { result, summary } = fakeRun();
    writeResults(result, summary, dir);
    writeFileSync(join(dir, 'summary.json'), 'stale');
    writeResults(result, summary, dir);
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).not.toBe('stale');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('should refuse a folder holding a file it did not write, and leave it untouched', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sim-')), 'out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.md'), 'mine');
    const { result, summary } = fakeRun();
    expect(() => writeResults(result, summary, dir)).toThrow(/is a folder ev-cosim did not write \(it holds notes\.md\)/);
    expect(readdirSync(dir)).toEqual(['notes.md']);
  });

  it('should write nothing when rendering fails', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sim-')), 'out');
    const { result, summary } = fakeRun();
    const broken = { ...result, intervals: [{ ...result.intervals[0], opf: undefined as never }] };
    expect(() => writeResults(broken, summary, dir)).toThrow();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('textSummary', () => {
  it('should fit one screen and show every interval and station', () => {
    const { summary } = fakeRun();
    const text = textSummary(summary, 'out/fake');
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(25);
    expect(text).toContain('A MW');
    expect(text).toContain('17:30');
    expect(text).toContain('out/fake/report.html');
  });

  it('should state the horizon totals with units: energy, losses, cost, shed, exchange rate', () => {
    const { summary } = fakeRun();
    const t = summary.totals;
    const text = textSummary(summary);
    expect(text).toContain(`peak station net load ${t.peakStationNetMw.toFixed(3)} MW at ${t.peakStationNetAt}`);
    expect(text).toContain(`EV charging requested ${t.evEnergyRequestedMwh.toFixed(2)} MWh (window ${t.window.evEnergyRequestedMwh.toFixed(2)})`);
    // The fake grid loses 100 kW for 4 × 10 min: 0.067 MWh.
    expect(text).toContain('losses 0.067 MWh');
    expect(text).toContain(`feeder cost ${t.feederCostUsd.toFixed(0)} $`);
    expect(text).toContain('7.2 ¥/$');
  });
});
