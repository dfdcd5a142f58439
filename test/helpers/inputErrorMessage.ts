import { expect } from 'vitest';
import { InputError } from '../../src/common/errors.ts';

/** Run `action`, expect it to throw an `InputError`, and return it (fails the test when nothing or something else is thrown). */
export function thrownInputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

/** Run `action`, expect it to throw an `InputError`, and return the message (fails the test when nothing is thrown). */
export function inputErrorMessage(action: () => unknown): string {
  return thrownInputError(action).message;
}
