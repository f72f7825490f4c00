import { AskdataError } from '@askdata/core';
import type { Answerer } from './answerer';

export const engineNames = ['offline', 'llm'] as const;
export type EngineName = (typeof engineNames)[number];

export function isEngineName(value: string): value is EngineName {
  return (engineNames as readonly string[]).includes(value);
}

export interface EngineOptions {
  /** The environment an engine reads its configuration from (the LLM's ASKDATA_LLM and keys). */
  environment?: Record<string, string | undefined>;
}

type EngineFactory = (options: EngineOptions) => Promise<Answerer>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Engine packages are optional at run time (written in parallel, or not installed), so each factory
 * imports its package lazily and turns "not there yet" into one clear error instead of a crash.
 */
async function importFactory(specifier: string, exportName: string, whatIsMissing: string) {
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    throw new AskdataError('engine_unavailable', whatIsMissing, { cause: error });
  }
  const factory = isObject(loaded) ? loaded[exportName] : undefined;
  if (typeof factory !== 'function') throw new AskdataError('engine_unavailable', whatIsMissing);
  return factory as (options?: unknown) => Answerer | Promise<Answerer>;
}

export const engines = {
  offline: async () => {
    const create = await importFactory(
      '@askdata/language',
      'createOfflineAnswerer',
      'The offline language engine is not available: @askdata/language does not export createOfflineAnswerer() yet.',
    );
    return create();
  },
  llm: async (options) => {
    const create = await importFactory(
      '@askdata/assistant',
      'createLlmAnswerer',
      'The LLM engine is not available: @askdata/assistant does not export createLlmAnswerer(). Use --engine offline.',
    );
    return create({ environment: options.environment ?? {} });
  },
} satisfies Record<EngineName, EngineFactory>;

export function createAnswerer(name: EngineName, options: EngineOptions = {}): Promise<Answerer> {
  return engines[name](options);
}
