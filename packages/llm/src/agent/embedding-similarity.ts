/**
 * Cosine similarity between the question and every retrieval document, for blending with BM25. Texts
 * pass the request gate first (privacy mode: metadata only); documents already embedded by this model
 * come from the vector cache, so a schema is embedded once and each question costs one small request
 * (the question plus any document not seen before). Any provider failure means BM25 only for this
 * question, reported as a notice: retrieval never fails an answer.
 */
import { AskdataError, userMessage } from '@askdata/core';
import type { LlmClient } from '../provider/create-llm-client';
import type { RetrievalDocument } from './retrieval-documents';
import type { AgentEvent } from './run-agent';
import { cosine, unitVector } from './vector-cache';

export async function* embeddingSimilarity(
  client: LlmClient,
  documents: readonly RetrievalDocument[],
  query: string,
  signal?: AbortSignal,
): AsyncGenerator<AgentEvent, Map<string, number> | undefined> {
  const embedder = client.embedding;
  if (!embedder || documents.length === 0) return undefined;
  const [question, ...texts] = client.gate.sealEmbeddings([
    [{ kind: 'question', text: query }],
    ...documents.map((document) => document.embedding),
  ]);
  if (question === undefined) return undefined;
  const missing = [...new Set(texts.filter((text) => !client.vectors.get(embedder.id, text)))];
  let questionVector: Float32Array;
  try {
    const reply = await embedder.embed([question, ...missing], signal ? { signal } : {});
    const [first, ...rest] = reply.vectors;
    if (!first || rest.length !== missing.length) {
      throw new Error(
        `${embedder.id} returned ${reply.vectors.length} vectors for ${missing.length + 1} texts`,
      );
    }
    questionVector = unitVector(first);
    rest.forEach((vector, index) => {
      const text = missing[index];
      if (text !== undefined) client.vectors.set(embedder.id, text, vector);
    });
    yield {
      type: 'usage',
      usage: {
        purpose: 'embed',
        model: reply.model,
        inputTokens: reply.tokens,
        outputTokens: 0,
        ...(reply.costUsd !== undefined ? { costUsd: reply.costUsd } : {}),
      },
    };
  } catch (error) {
    // A cancelled run stops here; a spent budget would stop the next call anyway, so say it once.
    if (signal?.aborted || (AskdataError.isInstance(error) && error.code === 'llm_budget_exceeded'))
      throw error;
    yield {
      type: 'notice',
      message: `Embedding retrieval is unavailable (${userMessage(error)}); using keyword retrieval (BM25) only.`,
    };
    return undefined;
  }
  const similarity = new Map<string, number>();
  documents.forEach((document, index) => {
    const text = texts[index];
    const vector = text === undefined ? undefined : client.vectors.get(embedder.id, text);
    if (vector) similarity.set(document.key, cosine(questionVector, vector));
  });
  return similarity;
}
