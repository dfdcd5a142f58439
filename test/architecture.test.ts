/**
 * The import rules of docs/architecture.md §2, checked on the import statements of `src/`
 * (static, `export … from`, side-effect and dynamic `import()`, type-only included), and the
 * package's runtime dependencies checked against what `src/` really imports.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const srcDir = join(root, 'src');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  files?: string[];
};

/**
 * The dev-only worker bootstrap: it registers tsx so flex workers can run `src/` uncompiled in
 * tests, and `package.json` `files` leaves it out of the package.
 */
const DEV_ONLY_FILES = new Set(['src/flex/sweep/flexWorkerFromSource.mjs']);

/** One import statement: the importing file (repo-relative, `/`), the specifier, and for a relative specifier its target under `src/`. */
interface ImportEdge {
  readonly file: string;
  readonly spec: string;
  /** Target path relative to `src/` with `.js` read as `.ts` (e.g. `sim/index.ts`); undefined for packages. */
  readonly target?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function toPosix(path: string): string {
  return path.split(sep).join(posix.sep);
}

/**
 * Every module specifier of a file, read from its syntax tree (so examples in comments and
 * strings are not counted): `import … from`, `export … from` (also `export * as ns`), side-effect
 * imports, `import x = require()`, dynamic `import()` and `import('…').Type` in types.
 */
function specifiersOf(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      specs.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      specs.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specs.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs;
}

const edges: ImportEdge[] = sourceFiles(srcDir).flatMap((path) => {
  const file = toPosix(relative(root, path));
  return specifiersOf(path).map((spec): ImportEdge => {
    if (!spec.startsWith('.')) return { file, spec };
    const target = toPosix(relative(srcDir, join(dirname(path), spec))).replace(/\.(m|c)?js$/, (ext) => ext.replace('js', 'ts'));
    return { file, spec, target };
  });
});

/** Room of a path relative to `src/`: its first folder, or `index` for `src/index.ts`. */
function roomOf(srcRelative: string): string {
  const first = srcRelative.split('/')[0];
  return first.includes('.') ? first.replace(/\.[^.]+$/, '') : first;
}

function fileRoom(edge: ImportEdge): string {
  return roomOf(edge.file.slice('src/'.length));
}

function describeEdge(edge: ImportEdge): string {
  return `${edge.file} imports ${edge.spec}`;
}

/** Relative imports from files of `fromRooms` into any of `intoRooms`. */
function crossings(fromRooms: readonly string[], intoRooms: readonly string[]): string[] {
  return edges
    .filter((e) => e.target !== undefined && fromRooms.includes(fileRoom(e)) && intoRooms.includes(roomOf(e.target)))
    .map(describeEdge);
}

/** Package name of a bare specifier (`@scope/name/sub` → `@scope/name`), undefined for Node built-ins. */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const packageEdges = edges.filter((e) => e.target === undefined && packageOf(e.spec) !== undefined);

describe('import rules (docs/architecture.md §2)', () => {
  it('the scanner sees static, re-export, type-only and lazy imports (so the rules below can fail)', () => {
    const specsOf = (file: string): string[] => edges.filter((e) => e.file === file).map((e) => e.spec);
    expect(specsOf('src/sim/index.ts')).toContain('./run/runCosim.js');
    expect(specsOf('src/cli/commands/run.ts')).toContain('../actions/runAction.js');
    expect(edges.filter((e) => e.file === 'src/index.ts').map((e) => e.target)).toEqual(
      expect.arrayContaining(['grid/index.ts', 'traffic/index.ts', 'sim/index.ts', 'flex/index.ts', 'equilibrium/index.ts']),
    );
    expect(new Set(edges.map(fileRoom))).toEqual(new Set(['index', 'cli', 'common', 'traffic', 'grid', 'sim', 'flex', 'equilibrium', 'jobs', 'batch']));
  });

  it('src/traffic and src/grid import neither each other nor anything above them (rules 1, 2)', () => {
    expect(crossings(['traffic'], ['grid'])).toEqual([]);
    expect(crossings(['grid'], ['traffic'])).toEqual([]);
    expect(crossings(['traffic', 'grid'], ['sim', 'flex', 'equilibrium', 'cli', 'index'])).toEqual([]);
  });

  it('src/sim imports neither src/flex, src/equilibrium nor src/cli (rule 3)', () => {
    expect(crossings(['sim'], ['flex', 'equilibrium', 'cli', 'index'])).toEqual([]);
  });

  it('src/equilibrium imports neither src/sim, src/flex nor src/cli (rule 5)', () => {
    expect(crossings(['equilibrium'], ['sim', 'flex', 'cli', 'index'])).toEqual([]);
  });

  it('src/flex drives the co-simulation through src/sim/index.ts only and imports no engine directly (rule 4)', () => {
    const offenders = edges
      .filter((e) => e.target !== undefined && fileRoom(e) === 'flex')
      .filter((e) => !['flex', 'common', 'jobs'].includes(roomOf(e.target as string)) && e.target !== 'sim/index.ts')
      .map(describeEdge);
    expect(offenders).toEqual([]);
  });

  it('only src/cli imports src/flex and src/equilibrium, besides the package entry point src/index.ts (rule 6)', () => {
    const others = ['common', 'traffic', 'grid', 'sim', 'jobs', 'batch'];
    expect(crossings(others, ['flex', 'equilibrium'])).toEqual([]);
    expect(crossings(['flex'], ['equilibrium'])).toEqual([]);
    expect(crossings(['equilibrium'], ['flex'])).toEqual([]);
  });

  it('nothing below src/cli imports it, not even the package entry point', () => {
    expect(crossings(['index', 'common', 'traffic', 'grid', 'sim', 'flex', 'equilibrium', 'jobs', 'batch'], ['cli'])).toEqual([]);
  });

  it('src/common imports no room (rule 7)', () => {
    expect(crossings(['common'], ['cli', 'traffic', 'grid', 'sim', 'flex', 'equilibrium', 'index', 'jobs', 'batch'])).toEqual([]);
  });

  it('src/jobs (the generic job queue) imports no room but src/common (rule 9)', () => {
    expect(crossings(['jobs'], ['cli', 'traffic', 'grid', 'sim', 'flex', 'equilibrium', 'index', 'batch'])).toEqual([]);
  });

  it('src/batch drives the co-simulation through src/sim/index.ts only, besides src/common and src/jobs (rule 10)', () => {
    const offenders = edges
      .filter((e) => e.target !== undefined && fileRoom(e) === 'batch')
      .filter((e) => !['batch', 'common', 'jobs'].includes(roomOf(e.target as string)) && e.target !== 'sim/index.ts')
      .map(describeEdge);
    expect(offenders).toEqual([]);
    expect(crossings(['traffic', 'grid', 'sim', 'flex', 'equilibrium', 'common', 'jobs'], ['batch'])).toEqual([]);
  });

  it('only src/grid/formulations/ and src/grid/solver/ import highs (rule 8)', () => {
    const offenders = packageEdges
      .filter((e) => packageOf(e.spec) === 'highs')
      .filter((e) => !e.file.startsWith('src/grid/formulations/') && !e.file.startsWith('src/grid/solver/'))
      .map(describeEdge);
    expect(offenders).toEqual([]);
  });
});

describe('runtime dependencies (package.json, docs/architecture.md §10)', () => {
  const shipped = packageEdges.filter((e) => !DEV_ONLY_FILES.has(e.file));

  it('dependencies are exactly the packages src/ imports: none missing, none only for tests', () => {
    const imported = [...new Set(shipped.map((e) => packageOf(e.spec) as string))].sort();
    expect(Object.keys(packageJson.dependencies ?? {}).sort()).toEqual(imported);
  });

  it('no file of the package imports a devDependency (only the dev-only worker bootstrap may)', () => {
    const dev = new Set(Object.keys(packageJson.devDependencies ?? {}));
    expect(shipped.filter((e) => dev.has(packageOf(e.spec) as string)).map(describeEdge)).toEqual([]);
  });

  it('the dev-only worker bootstrap exists and is left out of the package', () => {
    for (const file of DEV_ONLY_FILES) {
      expect(edges.some((e) => e.file === file)).toBe(true);
      expect(packageJson.files).toContain('!src/**/*.mjs');
    }
  });
});
