/**
 * Our own small interface to an embedding model, beside `ChatModel`. Inputs are `GatedEmbeddingText`s,
 * which only the request gate produces, so privacy mode governs embedding requests in the same place as
 * prompts.
 */
import type { GatedEmbeddingText } from '../privacy/request-gate';

export interface EmbeddingReply {
  /** One vector per text, in the order of the texts. */
  vectors: number[][];
  /** Input tokens the provider counted (0 when it does not say). */
  tokens: number;
  /** "provider:model" that embedded the texts. */
  model: string;
  /** Cost in US dollars when the model's price is known. */
  costUsd?: number;
}

export interface EmbeddingModel {
  /** "provider:model". */
  readonly id: string;
  embed(texts: readonly GatedEmbeddingText[], options?: { signal?: AbortSignal }): Promise<EmbeddingReply>;
}
