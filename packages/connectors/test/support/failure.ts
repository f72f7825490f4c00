import { AskdataError } from '@askdata/core';

/** The typed error a promise rejects with; anything else (or no failure at all) fails the test. */
export async function failure(promise: Promise<unknown>): Promise<AskdataError> {
  try {
    await promise;
  } catch (error) {
    if (AskdataError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}
