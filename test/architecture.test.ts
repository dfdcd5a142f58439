import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function importsInto(fromDir: string, forbiddenDir: string): string[] {
  const offenders: string[] = [];
  for (const file of sourceFiles(join(root, 'src', fromDir))) {
    for (const spec of importsOf(file)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(join(root, 'src'), join(file, '..', spec));
      if (target === forbiddenDir || target.startsWith(`${forbiddenDir}/`)) {
        offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
  }
  return offenders;
}

describe('architecture (docs/model.md §1)', () => {
  it('src/traffic never imports src/grid', () => {
    expect(importsInto('traffic', 'grid')).toEqual([]);
  });
  it('src/grid never imports src/traffic', () => {
    expect(importsInto('grid', 'traffic')).toEqual([]);
  });
  it('src/traffic and src/grid do not import src/sim or src/flex (data flows one way)', () => {
    const upward = [
      ...importsInto('traffic', 'sim'), ...importsInto('traffic', 'flex'),
      ...importsInto('grid', 'sim'), ...importsInto('grid', 'flex'),
    ];
    expect(upward).toEqual([]);
  });
  it('only grid formulations import HiGHS (docs/architecture.md)', () => {
    const offenders = sourceFiles(join(root, 'src', 'grid'))
      .filter((f) => importsOf(f).includes('highs'))
      .map((f) => relative(root, f))
      .filter((f) => !f.startsWith('src/grid/formulations/') && !f.startsWith('src/grid/solver/'));
    expect(offenders).toEqual([]);
  });
});
