import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.ts';

describe('cli', () => {
  it('every command has a description and --help', () => {
    const program = buildProgram();
    for (const command of program.commands) {
      expect(command.description(), command.name()).not.toBe('');
      expect(command.helpInformation()).toContain('--help');
    }
  });
});
