/**
 * Builds the client the agent uses from a configuration: each model through the AI SDK provider for
 * its kind, with retries, in a fallback chain, metered against the session budget, the embedding model
 * for retrieval when one is configured, and the request gate that every prompt must pass.
 */
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { AskdataError } from '@askdata/core';
import type { EmbeddingModel as AiSdkEmbeddingModel, LanguageModel } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import { VectorCache } from '../agent/vector-cache';
import { type LlmConfig, type ModelEntry, modelId, type ProviderKind } from '../config/llm-config';
import { priceOf } from '../config/model-prices';
import { createRequestGate, type RequestGate } from '../privacy/request-gate';
import { aiSdkChatModel } from './ai-sdk-chat-model';
import { aiSdkEmbeddingModel } from './ai-sdk-embedding-model';
import type { ChatModel } from './chat-model';
import type { EmbeddingModel } from './embedding-model';
import { fallbackChain } from './fallback-chain';
import { metered, meteredEmbedding, UsageMeter } from './usage-meter';
import { withRetries } from './with-retries';

export interface LlmClient {
  /** The main model (with its fallbacks). */
  readonly model: ChatModel;
  /** The cheaper model for simple steps, or the main one. */
  readonly cheap: ChatModel;
  /** The embedding model for retrieval, when configured; without it retrieval is BM25 only. */
  readonly embedding?: EmbeddingModel;
  /** Vectors of schema documents already embedded, by model and text, so each is embedded once. */
  readonly vectors: VectorCache;
  readonly gate: RequestGate;
  readonly meter: UsageMeter;
  readonly config: LlmConfig;
}

const keyNames: Partial<Record<ProviderKind, string>> = {
  openai: 'OPENAI_API_KEY (or ASKDATA_LLM_API_KEY)',
  anthropic: 'ANTHROPIC_API_KEY (or ASKDATA_LLM_API_KEY)',
};

function requireKey(entry: ModelEntry): void {
  const needsKey = keyNames[entry.provider];
  if (needsKey && !entry.apiKey) {
    throw new AskdataError('llm_not_configured', `${modelId(entry)} needs an API key: set ${needsKey}.`);
  }
}

function requireBaseUrl(entry: ModelEntry): string {
  if (!entry.baseUrl) {
    throw new AskdataError(
      'llm_not_configured',
      `${modelId(entry)} needs a base URL: set ASKDATA_LLM_BASE_URL (e.g. http://127.0.0.1:8000/v1).`,
    );
  }
  return entry.baseUrl;
}

function languageModel(entry: ModelEntry): LanguageModel {
  requireKey(entry);
  const baseURL = entry.baseUrl ? { baseURL: entry.baseUrl } : {};
  const apiKey = entry.apiKey ? { apiKey: entry.apiKey } : {};
  switch (entry.provider) {
    case 'openai':
      return createOpenAI({ ...apiKey, ...baseURL }).chat(entry.model);
    case 'anthropic':
      return createAnthropic({ ...apiKey, ...baseURL })(entry.model);
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'compatible',
        baseURL: requireBaseUrl(entry),
        ...apiKey,
        includeUsage: true,
      }).chatModel(entry.model);
    case 'ollama':
      return createOllama(baseURL)(entry.model);
  }
}

function embeddingModel(entry: ModelEntry): AiSdkEmbeddingModel {
  requireKey(entry);
  const baseURL = entry.baseUrl ? { baseURL: entry.baseUrl } : {};
  const apiKey = entry.apiKey ? { apiKey: entry.apiKey } : {};
  switch (entry.provider) {
    case 'openai':
      return createOpenAI({ ...apiKey, ...baseURL }).embedding(entry.model);
    case 'anthropic':
      throw new AskdataError(
        'llm_not_configured',
        `${modelId(entry)}: Anthropic has no embedding models; choose openai:… or ollama:… for ASKDATA_LLM_EMBED, or leave it unset for BM25 retrieval.`,
      );
    case 'openai-compatible':
      return createOpenAICompatible({
        name: 'compatible',
        baseURL: requireBaseUrl(entry),
        ...apiKey,
      }).embeddingModel(entry.model);
    case 'ollama':
      return createOllama(baseURL).embedding(entry.model);
  }
}

export interface LlmClientOptions {
  /** Share vectors between clients (e.g. sessions of one server); a client has its own otherwise. */
  vectors?: VectorCache;
}

export function createLlmClient(config: LlmConfig, options: LlmClientOptions = {}): LlmClient {
  const meter = new UsageMeter(config.budget, (id) => {
    const colon = id.indexOf(':');
    return priceOf(
      { provider: id.slice(0, colon) as ProviderKind, model: id.slice(colon + 1) },
      config.prices,
    );
  });
  const build = (entries: ModelEntry[]) =>
    metered(
      fallbackChain(
        entries.map((entry) =>
          withRetries(aiSdkChatModel(languageModel(entry), modelId(entry), { timeoutMs: config.timeoutMs }), {
            retries: config.retries,
            baseDelayMs: config.retryBaseDelayMs,
          }),
        ),
      ),
      meter,
    );
  const model = build(config.models);
  const embedding = config.embedding
    ? meteredEmbedding(
        aiSdkEmbeddingModel(embeddingModel(config.embedding), modelId(config.embedding), {
          timeoutMs: config.timeoutMs,
        }),
        meter,
      )
    : undefined;
  return {
    model,
    cheap: config.cheap ? build([config.cheap, ...config.models]) : model,
    ...(embedding ? { embedding } : {}),
    vectors: options.vectors ?? new VectorCache(),
    gate: createRequestGate({ privacy: config.privacy }),
    meter,
    config,
  };
}
