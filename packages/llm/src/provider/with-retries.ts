/**
 * Retries on 429, 5xx and dropped connections with exponential backoff and jitter, honouring a
 * Retry-After the provider sent. Timeouts and refusals are not retried: the fallback chain moves on.
 */

import { llmFailureOf } from './ai-sdk-chat-model';
import type { ChatModel } from './chat-model';
import { retryableKinds } from './llm-error';

export interface RetrySettings {
  retries: number;
  baseDelayMs: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export function backoffDelay(attempt: number, baseDelayMs: number): number {
  const exponential = baseDelayMs * 2 ** attempt;
  return Math.min(30_000, exponential + Math.random() * baseDelayMs);
}

export function withRetries(model: ChatModel, settings: RetrySettings): ChatModel {
  const sleep = settings.sleep ?? defaultSleep;
  return {
    id: model.id,
    async complete(prompt, options = {}) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await model.complete(prompt, options);
        } catch (error) {
          const failure = llmFailureOf(error);
          if (!failure || !retryableKinds.has(failure.kind) || attempt >= settings.retries) throw error;
          const delay = Math.min(
            30_000,
            Math.max(backoffDelay(attempt, settings.baseDelayMs), failure.retryAfterMs ?? 0),
          );
          options.onNotice?.(`${failure.message}; retrying in ${(delay / 1000).toFixed(1)} s`);
          await sleep(delay, options.signal);
        }
      }
    },
  };
}
