/**
 * The public API, pinned: the names each entry point exports (snapshot — a change is deliberate:
 * review the diff, then `npx vitest run test/exports.test.ts -u`), and the `package.json`
 * `exports` map that points the package's subpaths at the compiled entry points
 * (docs/architecture.md §1).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as rootEntry from '../src/index.ts';
import * as traffic from '../src/traffic/index.ts';
import * as grid from '../src/grid/index.ts';
import * as sim from '../src/sim/index.ts';
import * as flex from '../src/flex/index.ts';
import * as equilibrium from '../src/equilibrium/index.ts';

const root = join(import.meta.dirname, '..');

/** Package subpath → its source entry point (relative to `src/`) and the module loaded from it. */
const ENTRY_POINTS: ReadonlyArray<{ subpath: string; source: string; module: Record<string, unknown> }> = [
  { subpath: '.', source: 'index.ts', module: rootEntry },
  { subpath: './traffic', source: 'traffic/index.ts', module: traffic },
  { subpath: './grid', source: 'grid/index.ts', module: grid },
  { subpath: './sim', source: 'sim/index.ts', module: sim },
  { subpath: './flex', source: 'flex/index.ts', module: flex },
  { subpath: './equilibrium', source: 'equilibrium/index.ts', module: equilibrium },
];

interface PackageJson {
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
}

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

/** `traffic/index.ts` → `./dist/traffic/index` (no extension). */
function distStem(source: string): string {
  return `./dist/${source.replace(/\.ts$/, '')}`;
}

describe('public API (pinned)', () => {
  for (const { source, module } of ENTRY_POINTS) {
    it(`src/${source} exports these names`, () => {
      expect(Object.keys(module).sort()).toMatchSnapshot();
    });
  }

  it('src/index.ts exposes one namespace per engine, each the engine entry point itself', () => {
    expect(rootEntry.traffic).toBe(traffic);
    expect(rootEntry.grid).toBe(grid);
    expect(rootEntry.sim).toBe(sim);
    expect(rootEntry.flex).toBe(flex);
    expect(rootEntry.equilibrium).toBe(equilibrium);
  });
});

describe('package.json exports', () => {
  it('lists exactly the entry points (plus ./package.json), each with types before default', () => {
    expect(Object.keys(packageJson.exports).sort()).toEqual([...ENTRY_POINTS.map((e) => e.subpath), './package.json'].sort());
    expect(packageJson.exports['./package.json']).toBe('./package.json');
    for (const { subpath, source } of ENTRY_POINTS) {
      const target = packageJson.exports[subpath];
      // Conditions match in key order: `types` must come first for TypeScript to see it.
      expect(target, subpath).toEqual({ types: `${distStem(source)}.d.ts`, default: `${distStem(source)}.js` });
      expect(Object.keys(target as object), subpath).toEqual(['types', 'default']);
    }
    expect(packageJson.main).toBe('./dist/index.js');
    expect(packageJson.types).toBe('./dist/index.d.ts');
  });

  it('every entry point is compiled (JS + declarations) and the compiled module exports the same names as its source', async () => {
    for (const { subpath, source, module } of ENTRY_POINTS) {
      const stem = join(root, distStem(source));
      expect(existsSync(`${stem}.js`), `${subpath} → ${stem}.js`).toBe(true);
      expect(existsSync(`${stem}.d.ts`), `${subpath} → ${stem}.d.ts`).toBe(true);
      const compiled = (await import(pathToFileURL(`${stem}.js`).href)) as Record<string, unknown>;
      expect(Object.keys(compiled).sort(), subpath).toEqual(Object.keys(module).sort());
    }
  });
});
