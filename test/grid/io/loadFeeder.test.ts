import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/common/errors.ts';
import { BUNDLED_FEEDERS, loadBundledFeeder, loadFeeder } from '../../../src/grid/io/loadFeeder.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe('loadFeeder', () => {
  it('loads both bundled feeders by name', () => {
    expect(BUNDLED_FEEDERS).toEqual(['case33bw', 'ieee123']);
    const case33 = loadFeeder('case33bw');
    expect(case33.name).toBe('case33bw');
    expect(case33.buses).toHaveLength(33);
    const ieee = loadBundledFeeder('ieee123');
    expect(ieee.name).toBe('ieee123');
    expect(ieee.slackBus).toBe(114);
  });

  it('loads a CSV directory and a .m file by path', () => {
    expect(loadFeeder(join(ROOT, 'scenarios/data/grid/case33bw')).branches).toHaveLength(37);
    expect(loadFeeder(join(ROOT, 'scenarios/data/grid/ieee123-balanced/grid_IEEE123.m')).buses).toHaveLength(114);
  });

  it('resolves bundled data from any working directory', () => {
    const script = `import { loadBundledFeeder } from ${JSON.stringify(join(ROOT, 'src/grid/io/loadFeeder.ts'))};
console.log(loadBundledFeeder('case33bw').buses.length, loadBundledFeeder('ieee123').buses.length);`;
    const tsxLoader = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href;
    const run = spawnSync(process.execPath, ['--import', tsxLoader, '--input-type=module', '-e', script], { cwd: '/', encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('33 114');
  });

  it('rejects an unknown name, listing the bundled names', () => {
    expect(() => loadFeeder('case999')).toThrow(InputError);
    expect(() => loadFeeder('case999')).toThrow(/^case999: not a bundled feeder \(case33bw, ieee123\)/);
    expect(() => loadBundledFeeder('nope' as 'case33bw')).toThrow(/unknown bundled feeder \(bundled: case33bw, ieee123\)/);
    expect(() => loadFeeder(join(ROOT, 'package.json'))).toThrow(/unsupported file type/);
  });
});
