/**
 * List prices in US dollars per million tokens, for cost accounting. Local servers (Ollama,
 * OpenAI-compatible endpoints) cost nothing here; unknown hosted models report tokens without a cost
 * unless the configuration gives their price. Prices change: the configuration's `prices` win.
 */
import type { ModelEntry, Price } from './llm-config';

const knownPrices: Record<string, Price> = {
  'openai:gpt-4.1': { input: 2, output: 8 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai:gpt-4o': { input: 2.5, output: 10 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6 },
  // Embedding models bill input tokens only.
  'openai:text-embedding-3-small': { input: 0.02, output: 0 },
  'openai:text-embedding-3-large': { input: 0.13, output: 0 },
  'openai:text-embedding-ada-002': { input: 0.1, output: 0 },
  'anthropic:claude-sonnet-4-0': { input: 3, output: 15 },
  'anthropic:claude-3-7-sonnet-latest': { input: 3, output: 15 },
  'anthropic:claude-3-5-haiku-latest': { input: 0.8, output: 4 },
  'anthropic:claude-opus-4-0': { input: 15, output: 75 },
};

/** The price of a model, or undefined when it is unknown (tokens are still counted). */
export function priceOf(
  entry: Pick<ModelEntry, 'provider' | 'model'>,
  overrides: Record<string, Price> = {},
) {
  const key = `${entry.provider}:${entry.model}`;
  const override = overrides[key];
  if (override) return override;
  if (entry.provider === 'ollama' || entry.provider === 'openai-compatible') return { input: 0, output: 0 };
  return knownPrices[key];
}
