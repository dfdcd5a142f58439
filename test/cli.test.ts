import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.ts';
import { ROOT, runMain } from './helpers/cli.ts';

/**
 * The options each command declares, read from its source file (`src/cli/commands/<name>.ts`,
 * docs/architecture.md): the long flag of every `.option('-x, --long <value>', …)` call and the
 * `<arg>` / `[arg]` of `.argument(…)`. The help text a user sees must list all of them.
 */
function declared(command: string): { options: string[]; args: string[] } {
  const source = readFileSync(join(ROOT, 'src', 'cli', 'commands', `${command}.ts`), 'utf8');
  const options = [...source.matchAll(/\.option\(\s*'([^']*)'/g)].map((m) => /--[a-z][\w-]*/.exec(m[1])![0]);
  const args = [...source.matchAll(/\.argument\(\s*'([^']*)'/g)].map((m) => m[1]);
  return { options, args };
}

const commandFiles = readdirSync(join(ROOT, 'src', 'cli', 'commands'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

describe('cli', () => {
  it('registers one command per file in src/cli/commands', () => {
    expect(buildProgram().commands.map((c) => c.name()).sort()).toEqual(commandFiles);
  });

  it('`ev-cosim --help` lists every command and exits 0', async () => {
    const { code, stdout } = await runMain(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: ev-cosim /);
    for (const name of commandFiles) expect(stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
  });

  for (const name of commandFiles) {
    it(`\`ev-cosim ${name} --help\` exits 0 and lists the command's own arguments and options`, async () => {
      const { options, args } = declared(name);
      expect(options.length, `no .option( found in src/cli/commands/${name}.ts`).toBeGreaterThan(0);
      const { code, stdout, stderr } = await runMain([name, '--help']);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(new RegExp(`^Usage: ev-cosim ${name} `));
      const description = buildProgram().commands.find((c) => c.name() === name)!.description();
      expect(description.length).toBeGreaterThan(10);
      expect(stdout).toContain(description.slice(0, 40));
      for (const arg of args) expect(stdout).toContain(arg);
      // Each option on its own line of the Options section, so a flag named only in prose does not count.
      for (const flag of options) expect(stdout).toMatch(new RegExp(`^\\s+(-\\w, )?${flag}\\b`, 'm'));
      expect(stdout).toMatch(/^\s+-h, --help\b/m);
    });
  }

  it('an unknown option is refused with exit 1 and named', async () => {
    const { code, stderr } = await runMain(['assign', 'SiouxFalls', '--gapp', '1e-4']);
    expect(code).toBe(1);
    expect(stderr).toContain("unknown option '--gapp'");
  });
});
