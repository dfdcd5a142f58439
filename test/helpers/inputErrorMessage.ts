import { expect } from 'vitest';
import { InputError } from '../../src/common/errors.ts';

/** Run `action`, expect it to throw an `InputError`, and return the message (fails the test when nothing is thrown). */
export function inputErrorMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}
