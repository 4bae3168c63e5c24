import { isMusterError, type MusterError } from '@muster/core';
import { expect } from 'chai';

/** Awaits a call that must fail with a MusterError, and returns the error for the checks that follow. */
export async function failureOf(promise: Promise<unknown>): Promise<MusterError> {
  try {
    await promise;
  } catch (error) {
    expect(isMusterError(error), `expected a MusterError, got ${String(error)}`).to.equal(true);
    return error as MusterError;
  }
  return expect.fail('expected the call to fail, but it succeeded');
}
