import { describe, expect, it } from 'vitest';
import { AskdataError, userMessage } from './errors';

describe('AskdataError', () => {
  it('is recognised by marker and keeps code, hint and cause', () => {
    const cause = new Error('low level');
    const error = new AskdataError('file_empty', 'The file is empty.', { hint: 'check the export', cause });
    expect(AskdataError.isInstance(error)).toBe(true);
    expect(AskdataError.isInstance(new Error('x'))).toBe(false);
    expect(error.code).toBe('file_empty');
    expect(error.cause).toBe(cause);
    expect(userMessage(error)).toBe('The file is empty. (check the export)');
  });
});
