import { describe, expect, it } from 'vitest';
import { loadLlmConfig, parseModelReference } from './llm-config';

describe('loadLlmConfig', () => {
  it('is undefined when no model is configured', () => {
    expect(loadLlmConfig({})).toBeUndefined();
    expect(loadLlmConfig({ ASKDATA_LLM: ' ' })).toBeUndefined();
  });

  it('reads a fallback chain; the generic key and base URL belong to the first model', () => {
    const config = loadLlmConfig({
      ASKDATA_LLM: 'openai:gpt-4.1, ollama:llama3.1:8b',
      ASKDATA_LLM_API_KEY: 'sk-generic',
      ASKDATA_LLM_BASE_URL: 'https://proxy.example.test/v1',
      OLLAMA_BASE_URL: 'http://127.0.0.1:11434/api',
      ASKDATA_LLM_CHEAP: 'openai:gpt-4.1-nano',
      OPENAI_API_KEY: 'sk-openai',
      ASKDATA_LLM_BUDGET_USD: '0.5',
      ASKDATA_LLM_TIMEOUT_MS: '20000',
      ASKDATA_PRIVACY: 'metadata-only',
    });
    expect(config?.models).toEqual([
      {
        provider: 'openai',
        model: 'gpt-4.1',
        apiKey: 'sk-generic',
        baseUrl: 'https://proxy.example.test/v1',
      },
      { provider: 'ollama', model: 'llama3.1:8b', baseUrl: 'http://127.0.0.1:11434/api' },
    ]);
    expect(config?.cheap).toEqual({ provider: 'openai', model: 'gpt-4.1-nano', apiKey: 'sk-openai' });
    expect(config?.budget).toEqual({ usd: 0.5 });
    expect(config?.timeoutMs).toBe(20_000);
    expect(config?.retries).toBe(2);
    expect(config?.privacy).toBe(true);
  });

  it('lets the environment override a config file', () => {
    const file = {
      models: [{ provider: 'anthropic', model: 'claude-sonnet-4-0', apiKey: 'k' }],
      budget: { tokens: 5000 },
    };
    expect(loadLlmConfig({}, file)?.models[0]?.provider).toBe('anthropic');
    const config = loadLlmConfig({ ASKDATA_LLM: 'compatible:qwen2.5', ASKDATA_LLM_BUDGET_USD: '2' }, file);
    expect(config?.models).toEqual([{ provider: 'openai-compatible', model: 'qwen2.5' }]);
    expect(config?.budget).toEqual({ tokens: 5000, usd: 2 });
  });

  it('reads the embedding model: a provider means its default model, credentials come from a sibling', () => {
    const local = loadLlmConfig({
      ASKDATA_LLM: 'compatible:qwen2.5',
      ASKDATA_LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
      ASKDATA_LLM_API_KEY: 'local-key',
      ASKDATA_LLM_EMBED: 'compatible:bge-small',
    });
    expect(local?.embedding).toEqual({
      provider: 'openai-compatible',
      model: 'bge-small',
      apiKey: 'local-key',
      baseUrl: 'http://127.0.0.1:8000/v1',
    });
    const hosted = loadLlmConfig({
      ASKDATA_LLM: 'anthropic:claude-sonnet-4-0',
      ASKDATA_LLM_EMBED: 'openai',
      OPENAI_API_KEY: 'sk-openai',
    });
    expect(hosted?.embedding).toEqual({
      provider: 'openai',
      model: 'text-embedding-3-small',
      apiKey: 'sk-openai',
    });
    expect(
      loadLlmConfig({ ASKDATA_LLM: 'ollama:llama3.1', ASKDATA_LLM_EMBED: 'ollama' })?.embedding?.model,
    ).toBe('nomic-embed-text');
    expect(loadLlmConfig({ ASKDATA_LLM: 'ollama:llama3.1' })?.embedding).toBeUndefined();
    expect(() => loadLlmConfig({ ASKDATA_LLM: 'openai:gpt-4.1', ASKDATA_LLM_EMBED: 'anthropic' })).toThrow(
      /Anthropic has no embedding models/,
    );
  });

  it('takes the embedding model from the file unless the environment turns it off', () => {
    const file = {
      models: [{ provider: 'openai', model: 'gpt-4.1-mini', apiKey: 'sk-file' }],
      embedding: { provider: 'openai', model: 'text-embedding-3-large' },
    };
    expect(loadLlmConfig({}, file)?.embedding).toEqual({
      provider: 'openai',
      model: 'text-embedding-3-large',
      apiKey: 'sk-file',
    });
    expect(loadLlmConfig({ ASKDATA_LLM_EMBED: 'off' }, file)?.embedding).toBeUndefined();
  });

  it('explains a setting it cannot read', () => {
    expect(() => parseModelReference('gpt-4.1')).toThrow(/not provider:model/);
    expect(() => loadLlmConfig({ ASKDATA_LLM: 'openai:gpt-4.1', ASKDATA_LLM_RETRIES: 'many' })).toThrow(
      /ASKDATA_LLM_RETRIES must be a non-negative number/,
    );
    expect(() =>
      loadLlmConfig({}, { models: [{ provider: 'openai', model: 'x', baseUrl: 'not a url' }] }),
    ).toThrow(/not valid at models.0.baseUrl/);
  });
});
