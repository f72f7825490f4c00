import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AskdataError } from '@askdata/core';
import { createLlmClient, type LlmClient, type LlmConfig, loadLlmConfig } from '@askdata/llm';

async function readConfigFile(path: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required) return undefined;
    throw new AskdataError('file_not_found', `The LLM configuration file ${path} cannot be read.`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AskdataError('invalid_input', `The LLM configuration file ${path} is not valid JSON.`, {
      cause: error,
    });
  }
}

/**
 * The LLM configuration from the environment over `$ASKDATA_LLM_CONFIG` or `<home>/llm.json`; undefined
 * when no model is configured. The CLI is the composition root, so this is where the environment is read.
 */
export async function llmConfigFor(
  home: string,
  overrides: { privacy?: boolean } = {},
): Promise<LlmConfig | undefined> {
  const explicit = process.env.ASKDATA_LLM_CONFIG;
  const file = await readConfigFile(explicit ?? join(home, 'llm.json'), explicit !== undefined);
  const config = loadLlmConfig(process.env, file);
  if (!config) return undefined;
  return overrides.privacy ? { ...config, privacy: true } : config;
}

export async function llmClientFor(
  home: string,
  overrides: { privacy?: boolean } = {},
): Promise<LlmClient | undefined> {
  const config = await llmConfigFor(home, overrides);
  return config ? createLlmClient(config) : undefined;
}
