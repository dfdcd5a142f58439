import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/errors.ts';
import { bundleScenario, materializeBundle, type ScenarioBundle } from '../../src/sim/scenario/scenarioBundle.ts';
import { readScenarioFile } from '../../src/sim/scenario/readScenarioFile.ts';

const REFERENCE = resolve('scenarios/nguyen-dupuis-ieee33-evening-peak.json');
const CASE33 = resolve('scenarios/data/grid/case33bw');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ev-cosim-bundle-'));
  dirs.push(d);
  return d;
}

/** A study folder: `<root>/study/s.json` with the feeder as a CSV folder at `<root>/grid/case33bw` (outside the scenario's folder). */
function study(feederSpec = '../grid/case33bw', edit: (raw: Record<string, any>) => void = () => {}): { root: string; file: string } {
  const root = tempDir();
  mkdirSync(join(root, 'study'));
  cpSync(CASE33, join(root, 'grid', 'case33bw'), { recursive: true });
  const raw = JSON.parse(readFileSync(REFERENCE, 'utf8'));
  delete raw.$schema;
  raw.feeder.case = feederSpec.replace('<root>', root);
  edit(raw);
  const file = join(root, 'study', 's.json');
  writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
  return { root, file };
}

const sha256 = (parts: readonly Buffer[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
};

describe('bundleScenario', () => {
  it('carries no bundled data but hashes its files (sha256 of the shipped files, exact)', () => {
    const b = bundleScenario(REFERENCE, []);
    expect(Object.keys(b.files)).toEqual(['nguyen-dupuis-ieee33-evening-peak.json']);
    expect(b.entry).toBe('nguyen-dupuis-ieee33-evening-peak.json');
    expect(b.files[b.entry]).toBe(readFileSync(REFERENCE, 'utf8'));
    const nd = ['NguyenDupuis_net.txt', 'NguyenDupuis_trips.txt'].map((f) => readFileSync(`scenarios/data/transport/NguyenDupuis/${f}`));
    const feeder = ['bus.csv', 'branch.csv', 'gen.csv', 'gencost.csv'].map((f) => readFileSync(join(CASE33, f)));
    expect(b.bundled).toEqual({ 'network:NguyenDupuis': sha256(nd), 'feeder:case33bw': sha256(feeder) });
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.packageVersion).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('keeps the relative layout of files outside the scenario folder; same content elsewhere = same hash', () => {
    const a = study();
    const b = study();
    const ba = bundleScenario(a.file, ['demand.scale=1.1']);
    const bb = bundleScenario(b.file, ['demand.scale=1.1']);
    expect(Object.keys(ba.files).sort()).toEqual(['grid/case33bw/branch.csv', 'grid/case33bw/bus.csv', 'grid/case33bw/gen.csv', 'grid/case33bw/gencost.csv', 'study/s.json']);
    expect(ba.entry).toBe('study/s.json');
    expect(bb.hash).toBe(ba.hash);
  });

  it('changes the hash when a referenced file, the scenario or an override changes', () => {
    const a = study();
    const before = bundleScenario(a.file, []).hash;
    expect(bundleScenario(a.file, ['demand.scale=1.1']).hash).not.toBe(before);
    const bus = join(a.root, 'grid', 'case33bw', 'bus.csv');
    writeFileSync(bus, `${readFileSync(bus, 'utf8')}\n`);
    const edited = bundleScenario(a.file, []).hash;
    expect(edited).not.toBe(before);
    writeFileSync(a.file, `${readFileSync(a.file, 'utf8')} `);
    expect(bundleScenario(a.file, []).hash).not.toBe(edited);
  });

  it('materializes a copy that reads as the same scenario, with the original files gone', () => {
    const a = study();
    const bundle = bundleScenario(a.file, ['demand.scale=1.1']);
    const original = readScenarioFile(a.file, bundle.overrides).scenario;
    rmSync(join(a.root, 'grid'), { recursive: true });
    const cache = tempDir();
    const entry = materializeBundle(bundle, cache);
    expect(entry).toBe(join(cache, bundle.hash, 'study', 's.json'));
    expect(readScenarioFile(entry, bundle.overrides).scenario).toEqual(original);
    expect(readFileSync(join(cache, bundle.hash, 'grid', 'case33bw', 'bus.csv'), 'utf8')).toBe(readFileSync(join(CASE33, 'bus.csv'), 'utf8'));
    expect(materializeBundle(bundle, cache)).toBe(entry); // present: reused
  });

  it('rewrites an absolute path in the file and in a --set of that field relative to the scenario', () => {
    const a = study('<root>/grid/case33bw');
    const fromFile = bundleScenario(a.file, []);
    expect(JSON.parse(fromFile.files[fromFile.entry]).feeder.case).toBe('../grid/case33bw');
    const b = study();
    const fromSet = bundleScenario(b.file, [`feeder.case=${join(b.root, 'grid', 'case33bw')}`]);
    expect(fromSet.overrides).toEqual(['feeder.case=../grid/case33bw']);
    expect(fromSet.files[fromSet.entry]).toBe(readFileSync(b.file, 'utf8'));
  });

  it('names the field of a missing referenced file', () => {
    const a = study('../grid/nowhere.m');
    expect(() => bundleScenario(a.file, [])).toThrow(InputError);
    expect(() => bundleScenario(a.file, [])).toThrow(/feeder\.case = "\.\.\/grid\/nowhere\.m"/);
    expect(() => bundleScenario(a.file, ['demand.csvFile=none.csv', 'demand.profile=null'])).toThrow(InputError);
  });
});

describe('materializeBundle', () => {
  it('refuses altered content and paths leaving the bundle', () => {
    const b = bundleScenario(REFERENCE, []);
    const cache = tempDir();
    const altered: ScenarioBundle = { ...b, files: { ...b.files, [b.entry]: `${b.files[b.entry]} ` } };
    expect(() => materializeBundle(altered, cache)).toThrow(/the bundle was altered/);
    const files = { ...b.files, '../evil.txt': 'x' };
    expect(() => materializeBundle({ ...b, files }, cache)).toThrow(/path must stay inside the bundle/);
    expect(() => materializeBundle({ ...b, hash: 'x' }, cache)).toThrow(/64 hex digits/);
  });
});
