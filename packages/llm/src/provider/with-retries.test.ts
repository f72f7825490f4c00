import { AskdataError } from '@askdata/core';
import { describe, expect, it } from 'vitest';
import type { GatedPrompt } from '../privacy/request-gate';
import type { ChatModel } from './chat-model';
import { retryAfterMs } from './llm-error';
import { withRetries } from './with-retries';

const prompt = { purpose: 'plan', system: '', messages: [] } as unknown as GatedPrompt;

function failing(kinds: string[], retryAfter?: number): ChatModel & { calls: number } {
  const model = {
    id: 'test:model',
    calls: 0,
    async complete() {
      const kind = kinds[model.calls++];
      if (!kind) return { text: 'ok', usage: { inputTokens: 1, outputTokens: 1 }, model: 'test:model' };
      throw new AskdataError('llm_failed', kind, {
        details: {
          llmFailure: {
            kind,
            message: `failed with ${kind}`,
            ...(retryAfter ? { retryAfterMs: retryAfter } : {}),
          },
        },
      });
    },
  };
  return model;
}

describe('withRetries', () => {
  it('retries 429 and 5xx with growing delays, honouring Retry-After', async () => {
    const delays: number[] = [];
    const model = failing(['rate_limited', 'server_error'], 700);
    const notices: string[] = [];
    const reply = await withRetries(model, {
      retries: 2,
      baseDelayMs: 100,
      sleep: async (ms) => void delays.push(ms),
    }).complete(prompt, {
      onNotice: (message) => notices.push(message),
    });
    expect(reply.text).toBe('ok');
    expect(model.calls).toBe(3);
    expect(delays[0]).toBeGreaterThanOrEqual(700);
    expect(delays[1]).toBeGreaterThanOrEqual(700);
    expect(notices[0]).toMatch(/failed with rate_limited; retrying in 0.\d s/);
  });

  it('does not retry timeouts or refusals, and stops after the allowed retries', async () => {
    const sleep = async () => {};
    for (const kind of ['timeout', 'rejected']) {
      const model = failing([kind]);
      await expect(
        withRetries(model, { retries: 3, baseDelayMs: 1, sleep }).complete(prompt),
      ).rejects.toThrow(kind);
      expect(model.calls).toBe(1);
    }
    const flaky = failing(['server_error', 'server_error', 'server_error']);
    await expect(withRetries(flaky, { retries: 2, baseDelayMs: 1, sleep }).complete(prompt)).rejects.toThrow(
      'server_error',
    );
    expect(flaky.calls).toBe(3);
  });

  it('reads Retry-After as seconds, milliseconds or a date', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    expect(retryAfterMs({ 'retry-after-ms': '150' })).toBe(150);
    expect(
      retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, Date.parse('2026-01-01T00:00:00Z')),
    ).toBe(10_000);
    expect(retryAfterMs({})).toBeUndefined();
  });
});
