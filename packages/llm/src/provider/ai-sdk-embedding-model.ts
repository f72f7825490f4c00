/**
 * An embedding model through the AI SDK's `embedMany` (which splits large batches to the provider's
 * limit), bounded by a timeout, with the SDK's retries off. Failures become AskdataErrors carrying an
 * `LlmFailure`, like chat failures; retrieval then falls back to BM25.
 */
import { type EmbeddingModel as AiSdkEmbeddingModel, embedMany } from 'ai';
import type { GatedEmbeddingText } from '../privacy/request-gate';
import { failureError } from './ai-sdk-chat-model';
import type { EmbeddingModel, EmbeddingReply } from './embedding-model';
import { classifyLlmError, type LlmFailure } from './llm-error';

export function aiSdkEmbeddingModel(
  model: AiSdkEmbeddingModel,
  id: string,
  settings: { timeoutMs: number },
): EmbeddingModel {
  return {
    id,
    async embed(texts: readonly GatedEmbeddingText[], options = {}): Promise<EmbeddingReply> {
      if (texts.length === 0) return { vectors: [], tokens: 0, model: id };
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      try {
        const result = await embedMany({ model, values: [...texts], maxRetries: 0, abortSignal: signal });
        return { vectors: result.embeddings, tokens: result.usage.tokens ?? 0, model: id };
      } catch (error) {
        const failure: LlmFailure =
          timeout.aborted && !options.signal?.aborted
            ? {
                kind: 'timeout',
                message: `${id} did not answer within ${Math.round(settings.timeoutMs / 1000)} s`,
              }
            : classifyLlmError(error, id);
        throw failureError(failure, error);
      }
    },
  };
}
