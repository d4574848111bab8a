import { expect } from 'vitest';
import { InvalidOptionError } from '../../lib/options/errors';

/** The InvalidOptionError that `build` throws; the test fails if it throws nothing, or anything else. */
export function errorOf(build: () => unknown): InvalidOptionError {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  throw new Error('no error');
}
