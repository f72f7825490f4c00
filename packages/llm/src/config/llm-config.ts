/**
 * LLM configuration: which providers and models, in fallback order, how long to wait, how often to
 * retry, what a session may spend and whether cell values may leave the machine. Read from the
 * environment and an optional JSON file by the composition root (CLI, server); nothing here reads
 * `process.env` on its own.
 */
import { AskdataError } from '@askdata/core';
import { z } from 'zod';

export const providerKinds = ['openai', 'anthropic', 'openai-compatible', 'ollama'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const modelEntrySchema = z.object({
  provider: z.enum(providerKinds),
  model: z.string().min(1),
  baseUrl: z.string().url().optional(),
  /** Never logged or echoed; absent for local servers that need none. */
  apiKey: z.string().min(1).optional(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

/** US dollars per million tokens. */
export const priceSchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() });
export type Price = z.infer<typeof priceSchema>;

export const llmConfigSchema = z.object({
  /** Tried in order: the first that answers wins (a fallback chain). */
  models: z.array(modelEntrySchema).min(1),
  /** A cheaper model for simple steps (narrative phrasing), when configured. */
  cheap: modelEntrySchema.optional(),
  /** An embedding model for schema retrieval (blended with BM25); absent means BM25 only. */
  embedding: modelEntrySchema.optional(),
  timeoutMs: z.number().int().positive().default(60_000),
  /** Retries per model on 429 and 5xx, with exponential backoff. */
  retries: z.number().int().min(0).max(10).default(2),
  retryBaseDelayMs: z.number().int().nonnegative().default(500),
  /** Spending limits per session; a run stops with a clear message once either is reached. */
  budget: z
    .object({ usd: z.number().positive().optional(), tokens: z.number().int().positive().optional() })
    .default({}),
  /** Metadata only: no sample values, result rows or distinct values in any prompt. */
  privacy: z.boolean().default(false),
  /** Prices for models the built-in table does not know, keyed "provider:model". */
  prices: z.record(z.string(), priceSchema).default({}),
});
export type LlmConfig = z.infer<typeof llmConfigSchema>;

const providerAliases: Record<string, ProviderKind> = {
  openai: 'openai',
  anthropic: 'anthropic',
  claude: 'anthropic',
  'openai-compatible': 'openai-compatible',
  compatible: 'openai-compatible',
  vllm: 'openai-compatible',
  lmstudio: 'openai-compatible',
  ollama: 'ollama',
};

/** "openai:gpt-4.1-mini" → { provider, model }; the model part may itself contain colons (llama3.1:8b). */
export function parseModelReference(reference: string): Pick<ModelEntry, 'provider' | 'model'> {
  const trimmed = reference.trim();
  const colon = trimmed.indexOf(':');
  const prefix = colon < 0 ? '' : trimmed.slice(0, colon).toLowerCase();
  const provider = providerAliases[prefix];
  const model = trimmed.slice(colon + 1).trim();
  if (!provider || model.length === 0) {
    throw new AskdataError(
      'invalid_input',
      `The LLM setting '${trimmed}' is not provider:model (providers: ${Object.keys(providerAliases).join(', ')}).`,
      { hint: 'for example ASKDATA_LLM=openai:gpt-4.1-mini or ASKDATA_LLM=ollama:llama3.1' },
    );
  }
  return { provider, model };
}

const keyVariables: Record<ProviderKind, string | undefined> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  'openai-compatible': undefined,
  ollama: undefined,
};

const baseUrlVariables: Record<ProviderKind, string | undefined> = {
  openai: 'OPENAI_BASE_URL',
  anthropic: 'ANTHROPIC_BASE_URL',
  'openai-compatible': undefined,
  ollama: 'OLLAMA_BASE_URL',
};

type Environment = Record<string, string | undefined>;

function entryFromEnvironment(reference: string, environment: Environment, primary: boolean): ModelEntry {
  const { provider, model } = parseModelReference(reference);
  const keyVariable = keyVariables[provider];
  const baseVariable = baseUrlVariables[provider];
  // The generic key and base URL belong to the first model; the others use their provider's own.
  const apiKey =
    (primary ? environment['ASKDATA_LLM_API_KEY'] : undefined) ??
    (keyVariable ? environment[keyVariable] : undefined);
  const baseUrl =
    (primary ? environment['ASKDATA_LLM_BASE_URL'] : undefined) ??
    (baseVariable ? environment[baseVariable] : undefined);
  return { provider, model, ...(apiKey ? { apiKey } : {}), ...(baseUrl ? { baseUrl } : {}) };
}

function numberSetting(environment: Environment, name: string): number | undefined {
  const text = environment[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new AskdataError('invalid_input', `${name} must be a non-negative number, not '${text}'.`);
  }
  return value;
}

/** The model `ASKDATA_LLM_EMBED=<provider>` means; providers without one need `provider:model`. */
export const defaultEmbeddingModels = {
  openai: 'text-embedding-3-small',
  ollama: 'nomic-embed-text',
  anthropic: undefined,
  'openai-compatible': undefined,
} as const satisfies Record<ProviderKind, string | undefined>;

const embeddingOff = new Set(['off', 'none', 'no', 'false', '0']);

/** `ASKDATA_LLM_EMBED`: "off", a provider (its default model) or provider:model; undefined when unset. */
function embeddingFromEnvironment(value: string, environment: Environment): ModelEntry | null {
  if (embeddingOff.has(value.toLowerCase())) return null;
  const alias = providerAliases[value.toLowerCase()];
  let reference = value;
  if (alias) {
    const model = defaultEmbeddingModels[alias];
    if (!model) {
      throw new AskdataError(
        'invalid_input',
        `ASKDATA_LLM_EMBED=${value} needs a model name: ${alias === 'anthropic' ? 'Anthropic has no embedding models' : 'this provider has no default embedding model'}.`,
        { hint: 'for example ASKDATA_LLM_EMBED=openai:text-embedding-3-small or ollama:nomic-embed-text' },
      );
    }
    reference = `${alias}:${model}`;
  }
  return entryFromEnvironment(reference, environment, false);
}

const truthy = new Set(['1', 'true', 'yes', 'on', 'metadata-only']);

/**
 * The configuration from the environment (`ASKDATA_LLM`, `ASKDATA_LLM_CHEAP`, `ASKDATA_LLM_BASE_URL`,
 * `ASKDATA_LLM_API_KEY`, provider keys, `ASKDATA_LLM_EMBED`, `ASKDATA_LLM_TIMEOUT_MS`, `ASKDATA_LLM_RETRIES`,
 * `ASKDATA_LLM_BUDGET_USD`, `ASKDATA_LLM_BUDGET_TOKENS`, `ASKDATA_PRIVACY`) over an optional file's
 * settings. Undefined when no model is configured anywhere.
 */
export function loadLlmConfig(environment: Environment, file?: unknown): LlmConfig | undefined {
  const fromFile = file === undefined ? {} : (file as Record<string, unknown>);
  const chain = environment['ASKDATA_LLM']?.trim();
  const cheap = environment['ASKDATA_LLM_CHEAP']?.trim();
  const timeoutMs = numberSetting(environment, 'ASKDATA_LLM_TIMEOUT_MS');
  const retries = numberSetting(environment, 'ASKDATA_LLM_RETRIES');
  const usd = numberSetting(environment, 'ASKDATA_LLM_BUDGET_USD');
  const tokens = numberSetting(environment, 'ASKDATA_LLM_BUDGET_TOKENS');
  const privacy = environment['ASKDATA_PRIVACY'];
  const embed = environment['ASKDATA_LLM_EMBED']?.trim();
  const models = chain
    ? chain
        .split(',')
        .filter((part) => part.trim() !== '')
        .map((part, index) => entryFromEnvironment(part, environment, index === 0))
    : undefined;
  const embedding = embed ? embeddingFromEnvironment(embed, environment) : undefined;
  const base = { ...fromFile };
  // ASKDATA_LLM_EMBED=off wins over an embedding model in the file.
  if (embedding === null) delete base['embedding'];
  const merged: Record<string, unknown> = {
    ...base,
    ...(models ? { models } : {}),
    ...(cheap ? { cheap: entryFromEnvironment(cheap, environment, false) } : {}),
    ...(embedding ? { embedding } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(usd !== undefined || tokens !== undefined
      ? {
          budget: {
            ...((fromFile['budget'] as object | undefined) ?? {}),
            ...(usd !== undefined ? { usd } : {}),
            ...(tokens !== undefined ? { tokens } : {}),
          },
        }
      : {}),
    ...(privacy !== undefined ? { privacy: truthy.has(privacy.trim().toLowerCase()) } : {}),
  };
  if (merged['models'] === undefined) return undefined;
  const parsed = llmConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AskdataError(
      'invalid_input',
      `The LLM configuration is not valid at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'unknown problem'}.`,
    );
  }
  return withSiblingCredentials(parsed.data);
}

/** An embedding model without its own key or endpoint uses those of a chat model of the same provider. */
function withSiblingCredentials(config: LlmConfig): LlmConfig {
  const { embedding } = config;
  const sibling = embedding && config.models.find((model) => model.provider === embedding.provider);
  if (!embedding || !sibling) return config;
  return {
    ...config,
    embedding: {
      ...embedding,
      ...(embedding.apiKey === undefined && sibling.apiKey ? { apiKey: sibling.apiKey } : {}),
      ...(embedding.baseUrl === undefined && sibling.baseUrl ? { baseUrl: sibling.baseUrl } : {}),
    },
  };
}

/** "openai:gpt-4.1-mini": how a model is named in events, usage reports and errors (never with a key). */
export function modelId(entry: Pick<ModelEntry, 'provider' | 'model'>): string {
  return `${entry.provider}:${entry.model}`;
}
