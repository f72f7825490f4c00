import { AskdataError } from '@askdata/core';
import type { Answerer } from './answerer';

export const engineNames = ['offline', 'llm'] as const;
export type EngineName = (typeof engineNames)[number];

export function isEngineName(value: string): value is EngineName {
  return (engineNames as readonly string[]).includes(value);
}

type EngineFactory = () => Promise<Answerer>;

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
  return factory as () => Answerer | Promise<Answerer>;
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
  llm: async () => {
    const create = await importFactory(
      '@askdata/llm',
      'createLlmAnswerer',
      'The LLM engine is not configured: no LLM package is installed yet. Use --engine offline.',
    );
    return create();
  },
} satisfies Record<EngineName, EngineFactory>;

export function createAnswerer(name: EngineName): Promise<Answerer> {
  return engines[name]();
}
