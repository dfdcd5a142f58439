/**
 * The package as a consumer gets it: `npm pack` a clean copy of the repository (running
 * `prepare`, the build), install the tarball from the npm cache into (a) a plain-ESM project
 * without TypeScript and (b) a strict TypeScript project, then import every entry point, run a
 * 2-interval co-simulation through the public API and the installed `ev-cosim` binary, and
 * type-check every shipped declaration file (docs/architecture.md §1: entry points).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rootEntry from '../../src/index.ts';
import { readScenarioFile, runCosim } from '../../src/sim/index.ts';
import { diskUsageKib, installOffline, pack, ROOT, run, stageRepository, writeConsumer, type PackResult } from './consumerProject.ts';

/** Subpath → the repository's source entry point, to compare the installed package against. */
const ENTRY_POINTS: Record<string, Record<string, unknown>> = {
  'ev-cosim': rootEntry,
  'ev-cosim/traffic': rootEntry.traffic,
  'ev-cosim/grid': rootEntry.grid,
  'ev-cosim/sim': rootEntry.sim,
  'ev-cosim/flex': rootEntry.flex,
  'ev-cosim/equilibrium': rootEntry.equilibrium,
};

/** A 2-interval version of the bundled reference scenario (per-interval arrays shortened to match). */
const TINY = ['horizon.intervals=2', 'demand.profile=[0.9,1]', 'feeder.loadScale=[0.95,1]'];

const repoPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
};

// Plain ESM consumer: imports every entry point with plain `node` and co-simulates two intervals.
const PLAIN_CONSUMER = `
import * as root from 'ev-cosim';
import * as traffic from 'ev-cosim/traffic';
import * as grid from 'ev-cosim/grid';
import * as sim from 'ev-cosim/sim';
import * as flex from 'ev-cosim/flex';
import * as equilibrium from 'ev-cosim/equilibrium';
import packageJson from 'ev-cosim/package.json' with { type: 'json' };

const entries = { 'ev-cosim': root, 'ev-cosim/traffic': traffic, 'ev-cosim/grid': grid, 'ev-cosim/sim': sim, 'ev-cosim/flex': flex, 'ev-cosim/equilibrium': equilibrium };
const names = Object.fromEntries(Object.entries(entries).map(([k, m]) => [k, Object.keys(m).sort()]));
const loaded = sim.readScenarioFile(undefined, ${JSON.stringify(TINY)});
const result = await sim.runCosim(loaded.scenario, { baseDir: loaded.baseDir, source: loaded.file });
const intervals = result.intervals.map((r) => ({ start: r.start, netMw: Array.from(r.netMw), dlmpUsdPerMwh: Array.from(r.dlmpAtStationUsdPerMwh) }));
process.stdout.write(JSON.stringify({ version: packageJson.version, names, scenarioFile: loaded.file, status: result.status, intervals }));
`;

// Strict TypeScript consumer: every entry point, a few of its types, and one deliberate type error
// that must be reported (so the check cannot pass on \`any\`).
const TYPED_CONSUMER = `
import * as evCosim from 'ev-cosim';
import { BUNDLED_NETWORKS, type Network } from 'ev-cosim/traffic';
import { loadBundledFeeder, OpfSession, type Feeder, type OpfResult } from 'ev-cosim/grid';
import { readScenarioFile, runCosim, type CosimResult, type Scenario } from 'ev-cosim/sim';
import * as flex from 'ev-cosim/flex';
import { BUNDLED_EQUILIBRIUM_SCENARIOS, runEquilibriumScenario } from 'ev-cosim/equilibrium';

export async function stationNetMw(file?: string): Promise<number[][]> {
  const loaded = readScenarioFile(file, []);
  const scenario: Scenario = loaded.scenario;
  const result: CosimResult = await runCosim(scenario, { baseDir: loaded.baseDir, source: loaded.file });
  return result.intervals.map((r) => Array.from(r.netMw));
}

export async function substationDlmp(): Promise<number> {
  const feeder: Feeder = loadBundledFeeder('case33bw');
  const session = await OpfSession.create(feeder);
  const solved: OpfResult = session.solve({ loadScale: 1 });
  session.dispose();
  return solved.dlmpP[1];
}

export const roadCount = (network: Network): number => network.nodeIds.length;
export const networks: readonly string[] = BUNDLED_NETWORKS;
export const equilibria: readonly string[] = BUNDLED_EQUILIBRIUM_SCENARIOS;
export const solveEquilibrium = runEquilibriumScenario;
export const simFromRoot: typeof evCosim.sim.runCosim = runCosim;
export const flexNames: string[] = Object.keys(flex);

// @ts-expect-error a scenario reader is not a number: proves the declarations carry real types
export const wrong: number = readScenarioFile;
`;

describe('the package as a consumer gets it (npm pack → npm install --offline)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ev-cosim-pack-'));
  const plain = join(work, 'plain-esm');
  const typed = join(work, 'strict-ts');
  const stage = join(work, 'stage');
  let packed: PackResult & { tarball: string };

  beforeAll(async () => {
    mkdirSync(stage);
    await stageRepository(stage);
    packed = await pack(stage, work);
    await writeConsumer(plain, 'consumer-plain-esm', packed);
    await installOffline(plain, packed.tarball);
    await writeConsumer(typed, 'consumer-strict-ts', packed);
    await installOffline(typed, packed.tarball);
    const installedKib = await diskUsageKib(join(plain, 'node_modules'));
    console.log(
      `ev-cosim tarball: ${(packed.size / 1024).toFixed(0)} KiB, ${packed.entryCount} files, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked; ` +
        `consumer install (du -sk node_modules): ${installedKib} KiB`,
    );
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the build, the binary, the bundled data and docs, and nothing of test/, bench/, .ci/, node_modules or build caches', () => {
    const paths = packed.files.map((f) => f.path);
    const docs = readdirSync(join(stage, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
    const required = ['package.json', 'README.md', 'bin/ev-cosim.mjs', 'dist/cli/main.js', 'dist/flex/sweep/flexWorker.js', 'scenarios/nguyen-dupuis-ieee33-evening-peak.json', ...docs];
    for (const target of Object.values(repoPackage.exports)) {
      if (typeof target === 'string') required.push(target.replace(/^\.\//, ''));
      else required.push(target.types.replace(/^\.\//, ''), target.default.replace(/^\.\//, ''));
    }
    expect(paths).toEqual(expect.arrayContaining(required));
    const forbidden = paths.filter((p) => /^(test|bench|\.ci|node_modules|out)\//.test(p) || p.includes('/node_modules/') || /\.tsbuildinfo$/.test(p) || /^src\/.*\.mjs$/.test(p));
    expect(forbidden).toEqual([]);
  });

  it('its declaration files import only runtime dependencies and Node built-ins (no devDependency types)', () => {
    const offenders: string[] = [];
    for (const path of packed.files.map((f) => f.path).filter((p) => p.endsWith('.d.ts'))) {
      // doc comments (their @example code) are not imports
      const text = readFileSync(join(plain, 'node_modules', 'ev-cosim', path), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g)) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (spec.startsWith('node:') || builtinModules.includes(name) || name in repoPackage.dependencies) continue;
        offenders.push(`${path} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('plain ESM without TypeScript: every entry point imports with node and matches the source API; a 2-interval run matches the source', async () => {
    expect(existsSync(join(plain, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(plain, 'node_modules', 'tsx'))).toBe(false);
    writeFileSync(join(plain, 'consume.mjs'), PLAIN_CONSUMER);
    const { stdout } = await run(process.execPath, ['consume.mjs'], plain);
    const got = JSON.parse(stdout) as {
      version: string;
      names: Record<string, string[]>;
      scenarioFile: string;
      status: string;
      intervals: Array<{ start: string; netMw: number[]; dlmpUsdPerMwh: number[] }>;
    };
    expect(got.names).toEqual(Object.fromEntries(Object.entries(ENTRY_POINTS).map(([k, m]) => [k, Object.keys(m).sort()])));
    // The bundled scenario is read from the installed package, not from this repository.
    expect(got.scenarioFile.startsWith(join(plain, 'node_modules', 'ev-cosim', 'scenarios'))).toBe(true);
    const loaded = readScenarioFile(undefined, TINY);
    const reference = await runCosim(loaded.scenario, { baseDir: loaded.baseDir, source: loaded.file });
    expect(got.status).toBe(reference.status);
    expect(got.intervals).toEqual(reference.intervals.map((r) => ({ start: r.start, netMw: Array.from(r.netMw), dlmpUsdPerMwh: Array.from(r.dlmpAtStationUsdPerMwh) })));
  }, 120_000);

  it('plain ESM: npx ev-cosim --help lists the commands, and the installed binary runs a tiny scenario', async () => {
    const help = await run('npx', ['--offline', 'ev-cosim', '--help'], plain);
    expect(help.stdout).toContain('Usage: ev-cosim');
    for (const command of ['run', 'validate', 'opf', 'assign', 'flex', 'equilibrium']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    const out = join(work, 'tiny-run');
    const sets = TINY.flatMap((s) => ['--set', s]);
    const ran = await run(join(plain, 'node_modules', '.bin', 'ev-cosim'), ['run', ...sets, '--out', out, '--json'], plain);
    expect((JSON.parse(ran.stdout) as { status: string }).status).toBe('ok');
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 120_000);

  it('strict TypeScript (NodeNext, skipLibCheck false): every entry point and every shipped .d.ts type-checks with zero errors', async () => {
    const declarations = packed.files.map((f) => f.path).filter((p) => p.endsWith('.d.ts')).map((p) => `node_modules/ev-cosim/${p}`);
    const tsconfig = {
      compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: false, noEmit: true, types: [] },
      files: ['consumer.ts', ...declarations],
    };
    writeFileSync(join(typed, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    writeFileSync(join(typed, 'consumer.ts'), TYPED_CONSUMER);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = await run(process.execPath, [tsc, '--noEmit', '-p', typed], typed).catch((error: Error) => ({ stdout: error.message, stderr: '' }));
    expect(checked.stdout).toBe('');
  }, 120_000);
});
