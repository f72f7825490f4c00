/**
 * Tries models in order until one answers. A cancelled run or a budget stop ends the chain at once;
 * any other provider failure (after that model's retries) moves on to the next model.
 */
import { AskdataError } from '@askdata/core';
import { llmFailureOf } from './ai-sdk-chat-model';
import type { ChatModel } from './chat-model';

export function fallbackChain(models: ChatModel[]): ChatModel {
  const [first] = models;
  if (!first) throw new AskdataError('llm_not_configured', 'No LLM is configured.');
  if (models.length === 1) return first;
  return {
    id: `${first.id}+${models.length - 1} fallback${models.length > 2 ? 's' : ''}`,
    async complete(prompt, options = {}) {
      let lastError: unknown;
      for (const [index, model] of models.entries()) {
        try {
          return await model.complete(prompt, options);
        } catch (error) {
          const failure = llmFailureOf(error);
          if (!failure || failure.kind === 'cancelled') throw error;
          lastError = error;
          const next = models[index + 1];
          if (next) options.onNotice?.(`${failure.message}; falling back to ${next.id}`);
        }
      }
      throw lastError;
    },
  };
}
